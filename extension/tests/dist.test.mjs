// `make dist`'s extension half: the Chrome/Edge zip and the Firefox .xpi, each carrying the
// daemon's version, only the files the browser runs, and a web-ext lint with no errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, daemonVersion, SHIPPED } from '../scripts/build.mjs';

const REPO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const entries = (zip) => execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).split('\n').filter(Boolean);
const manifestIn = (zip) => JSON.parse(execFileSync('unzip', ['-p', zip, 'manifest.json'], { encoding: 'utf8' }));

test('the zip and the xpi carry the daemon version, their own manifest keys and nothing else', async () => {
  const out = await mkdtemp(path.join(tmpdir(), 'postguard-dist-'));
  try {
    const made = await build(out);
    const init = await readFile(path.join(REPO_DIR, 'daemon', 'postguard', '__init__.py'), 'utf8');
    assert.ok(init.includes(`__version__ = "${made.version}"`));
    assert.equal(made.version, await daemonVersion());
    assert.equal(path.basename(made.chrome), `postguard-${made.version}-chrome.zip`);
    assert.equal(path.basename(made.firefox), `postguard-${made.version}-firefox.xpi`);

    const chrome = manifestIn(made.chrome);
    assert.equal(chrome.version, made.version);
    assert.equal(chrome.storage.managed_schema, 'managed_schema.json');
    assert.equal(chrome.browser_specific_settings, undefined);
    assert.deepEqual(Object.keys(chrome.background).sort(), ['service_worker', 'type']);
    const firefox = manifestIn(made.firefox);
    assert.equal(firefox.version, made.version);
    assert.match(firefox.browser_specific_settings.gecko.id, /@/);
    assert.deepEqual(Object.keys(firefox.background).sort(), ['scripts', 'type']);

    for (const zip of [made.chrome, made.firefox]) {
      const names = entries(zip);
      const tops = new Set(names.map((n) => n.split('/')[0]));
      for (const top of tops) assert.ok(SHIPPED.includes(top), `${path.basename(zip)} ships ${top}`);
      assert.ok(names.includes('content/main.js') && names.includes('options/options.html'));
      assert.ok(!names.some((n) => n.includes('node_modules') || n.startsWith('tests/') || n.endsWith('.mjs')));
    }
    assert.ok(entries(made.chrome).includes('managed_schema.json'));
    const schema = JSON.parse(execFileSync('unzip', ['-p', made.chrome, 'managed_schema.json'], { encoding: 'utf8' }));
    assert.deepEqual(Object.keys(schema.properties).sort(), ['blockWhenOffline', 'extraSites', 'port']);

    const lint = JSON.parse(await readFile(path.join(out, 'lint-firefox.json'), 'utf8'));
    assert.equal(lint.summary.errors, 0, JSON.stringify(lint.errors));
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});
