// IT policy (storage.managed): the merging rules, then the real thing: the built Chrome/Edge package
// in Debian's Chromium, reading a managed policy file from /etc/chromium/policies/managed, as a
// school's deployment does. The policy file (and any folder this test had to create for it) is
// removed again, whatever happens.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { access, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from '../scripts/build.mjs';

const EXTENSION_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
const POLICY_DIR = '/etc/chromium/policies/managed';
// Ignored folder; `make screenshots` publishes it to docs/screenshots/.
const SCREENSHOTS = path.join(EXTENSION_DIR, '..', 'test-results', 'screenshots');

await import('../lib/browser_api.js');
const { mergeSettings, DEFAULTS } = globalThis.PostGuard.api;

test('policy wins over the user, the user over the defaults; only policy keys can be fixed', () => {
  const merged = mergeSettings({ port: 9000, blockWhenOffline: false, token: 't' },
    { blockWhenOffline: true, token: 'from-policy', extraSites: ['blog.example.sch.uk', 'https://news.example.org/x'] });
  assert.equal(merged.port, 9000);
  assert.equal(merged.token, 't'); // a token is never taken from policy
  assert.equal(merged.blockWhenOffline, true);
  assert.deepEqual(merged.extraSites, ['https://blog.example.sch.uk/*', 'https://news.example.org/*']);
  assert.deepEqual(merged.managed.sort(), ['blockWhenOffline', 'extraSites']);
  assert.deepEqual(merged.invalidPolicy, []);
  assert.deepEqual(mergeSettings({}, {}), { ...DEFAULTS, managed: [], invalidPolicy: [] });
});

test('a policy value of the wrong kind is named and not used (Firefox does not check a schema)', () => {
  const merged = mergeSettings({ port: 9000 },
    { port: '8765', blockWhenOffline: 'yes', extraSites: ['http://insecure.example.org'] });
  assert.equal(merged.port, 9000);
  assert.equal(merged.blockWhenOffline, false);
  assert.deepEqual(merged.extraSites, []);
  assert.deepEqual(merged.managed, []);
  assert.deepEqual(merged.invalidPolicy.sort(), ['blockWhenOffline', 'extraSites', 'port']);
  for (const port of [0, 65536, 1.5, -1]) assert.deepEqual(mergeSettings({}, { port }).invalidPolicy, ['port']);
});

// Chrome's extension id: the first 128 bits of SHA-256 of the public key, written with a-p.
function extensionId(publicKeyDer) {
  const hex = createHash('sha256').update(publicKeyDer).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

async function exists(p) {
  return access(p).then(() => true, () => false);
}

const canWritePolicy = process.getuid?.() === 0 && await exists(CHROMIUM);

test('Chromium: the school\'s managed policy reaches the extension and the options page shows it fixed',
  { skip: canWritePolicy ? false : 'needs root (to write a Chromium policy file) and /usr/bin/chromium' }, async () => {
    const work = await mkdtemp(path.join(tmpdir(), 'postguard-policy-'));
    const created = [];
    let policyFile = null;
    let context = null;
    try {
      // The built Chrome/Edge package (what the store gets), unpacked with a fixed key added so its
      // id is known before Chromium starts.
      const made = await build(path.join(work, 'dist'));
      const dir = path.join(work, 'extension');
      execFileSync('unzip', ['-q', made.chrome, '-d', dir]);
      const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const der = publicKey.export({ type: 'spki', format: 'der' });
      const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'));
      await writeFile(path.join(dir, 'manifest.json'), JSON.stringify({ ...manifest, key: der.toString('base64') }));
      const id = extensionId(der);

      for (const folder of ['/etc/chromium/policies', POLICY_DIR]) {
        if (!(await exists(folder))) {
          await mkdir(folder);
          created.unshift(folder);
        }
      }
      policyFile = path.join(POLICY_DIR, `postguard-test-${id}.json`);
      const policy = { port: 9911, blockWhenOffline: true, extraSites: ['https://blog.example.sch.uk'] };
      await writeFile(policyFile, JSON.stringify({ '3rdparty': { extensions: { [id]: policy } } }));

      context = await chromium.launchPersistentContext(path.join(work, 'profile'), {
        executablePath: CHROMIUM,
        headless: true,
        args: [`--disable-extensions-except=${dir}`, `--load-extension=${dir}`, '--no-sandbox', '--disable-gpu',
          '--disable-background-networking', '--disable-component-update', '--no-first-run'],
      });
      let [worker] = context.serviceWorkers();
      worker ??= await context.waitForEvent('serviceworker', { timeout: 20_000 });
      assert.equal(new URL(worker.url()).host, id);

      // Policy arrives shortly after start-up: wait for it rather than assume it is there.
      let managed = {};
      for (let waited = 0; waited < 15_000 && managed.port !== 9911; waited += 200) {
        managed = await worker.evaluate(() => chrome.storage.managed.get(null));
        if (managed.port !== 9911) await new Promise((r) => setTimeout(r, 200));
      }
      assert.deepEqual(managed, policy);
      const settings = await worker.evaluate(() => globalThis.PostGuard.api.getSettings());
      assert.equal(settings.port, 9911);
      assert.equal(settings.blockWhenOffline, true);
      assert.deepEqual(settings.extraSites, ['https://blog.example.sch.uk/*']);
      assert.deepEqual(settings.managed.sort(), ['blockWhenOffline', 'extraSites', 'port']);

      // A fixed setting is not saved over; the others still are.
      await worker.evaluate(() => globalThis.PostGuard.api.saveSettings({ port: 1234, token: 'abc' }));
      const local = await worker.evaluate(() => chrome.storage.local.get(null));
      assert.equal(local.port, undefined);
      assert.equal(local.token, 'abc');

      const page = await context.newPage();
      await page.goto(`chrome-extension://${id}/options/options.html`);
      await page.locator('#policy').waitFor({ state: 'visible' });
      assert.match(await page.locator('#policy').textContent(), /Your school set: .*port/);
      assert.equal(await page.locator('#port').inputValue(), '9911');
      assert.ok(await page.locator('#port').isDisabled());
      assert.ok(await page.locator('#block-offline').isDisabled());
      assert.ok(await page.locator('#block-offline').isChecked());
      assert.ok(await page.locator('#sites').isDisabled());
      assert.equal(await page.locator('#sites').inputValue(), 'https://blog.example.sch.uk');
      for (const note of ['#port-managed', '#block-offline-managed', '#sites-managed']) {
        assert.ok(await page.locator(note).isVisible(), note);
      }
      assert.equal(await page.locator('#save-sites').textContent(), 'Allow PostGuard on these sites');
      assert.ok(await page.locator('#code').isEnabled()); // pairing stays each person's own
      await mkdir(SCREENSHOTS, { recursive: true });
      await page.setViewportSize({ width: 900, height: 1000 });
      await page.screenshot({ path: path.join(SCREENSHOTS, 'options-school-policy.png'), fullPage: true });
    } finally {
      await context?.close();
      if (policyFile) await rm(policyFile, { force: true });
      for (const folder of created) await rm(folder, { recursive: true, force: true });
      await rm(work, { recursive: true, force: true });
    }
  });
