// Test harness: the real PostGuard daemon on a free loopback port with a
// temporary data folder, and Debian's Chromium with the unpacked extension.
import { spawn, execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

const run = promisify(execFile);
export const EXTENSION_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_DIR = path.resolve(EXTENSION_DIR, '..');
export const FIXTURES = path.join(EXTENSION_DIR, 'tests', 'fixtures');
// Ignored by git; `make screenshots` copies them into docs/screenshots/ when someone means to update those.
export const SCREENSHOTS = path.join(REPO_DIR, 'test-results', 'screenshots');
const POSTGUARD = process.env.POSTGUARD_BIN ?? path.join(REPO_DIR, '.venv', 'bin', 'postguard');
const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
export const FIXTURE_URL = 'https://www.facebook.com/postguard-test/composer';
export const PAGE_URL = 'https://www.facebook.com/postguard-test/page';
export const BUSINESS_URL = 'https://business.facebook.com/postguard-test/business';
const FIXTURE_HOSTS = ['www.facebook.com', 'business.facebook.com'];
const CONTENT_TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css' };

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export async function tempDir(prefix) {
  return mkdtemp(path.join(tmpdir(), prefix));
}

// Runs `postguard --home HOME ...args`; returns stdout. Throws with stderr on failure.
export async function postguard(home, ...args) {
  try {
    const { stdout } = await run(POSTGUARD, ['--home', home, ...args], { timeout: 120_000 });
    return stdout;
  } catch (err) {
    throw new Error(`postguard ${args.join(' ')} failed: ${err.stderr || err.message}`, { cause: err });
  }
}

// A data folder with a test roster (tests/fixtures/) imported.
export async function makeHome(roster = 'roster.csv') {
  const home = await tempDir('postguard-home-');
  await postguard(home, 'consent', 'import', path.join(FIXTURES, roster));
  return home;
}

// A staff computer that follows the list an admin data folder publishes to a shared folder. Its daemon
// looks for a newer list every second and calls a list out of date after about 4 s (defaults: a minute and
// 7 days), so tests see the notices. Returns the three folders and the started daemon.
export async function startFollowingDaemon() {
  const admin = await makeHome();
  const staff = await tempDir('postguard-staff-');
  const share = await tempDir('postguard-share-');
  const { fingerprint } = JSON.parse(await postguard(admin, 'publish', share, '--json'));
  await postguard(staff, 'follow', share, '--key', fingerprint);
  process.env.POSTGUARD_STALE_PUBLISHED_DAYS = '0.00005';
  process.env.POSTGUARD_FOLLOW_SECONDS = '1';
  const daemon = new Daemon(staff, await freePort());
  try {
    await daemon.start();
  } finally {
    delete process.env.POSTGUARD_STALE_PUBLISHED_DAYS;
    delete process.env.POSTGUARD_FOLLOW_SECONDS;
  }
  return { admin, staff, share, daemon };
}

export class Daemon {
  constructor(home, port) {
    this.home = home;
    this.port = port;
    this.proc = null;
    this.log = '';
  }

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  async start() {
    this.proc = spawn(POSTGUARD, ['--home', this.home, 'serve', '--port', String(this.port)],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk) => { this.log = (this.log + chunk).slice(-8000); };
    this.proc.stdout.on('data', keep);
    this.proc.stderr.on('data', keep);
    const exited = new Promise((resolve) => this.proc.once('exit', resolve));
    // The spaCy model takes a few seconds to load: wait for /v1/health.
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      if (this.proc.exitCode !== null) break;
      try {
        const res = await fetch(`${this.url}/v1/health`);
        if (res.ok) {
          const health = await res.json();
          if (health.model_loaded !== false) return health;
        }
      } catch {
        // not listening yet
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 250))]);
    }
    await this.stop();
    throw new Error(`The PostGuard daemon did not start on port ${this.port}:\n${this.log}`);
  }

  async stop() {
    if (!this.proc || this.proc.exitCode !== null) return;
    const exited = new Promise((resolve) => this.proc.once('exit', resolve));
    this.proc.kill('SIGTERM');
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

// Chromium with the unpacked extension. Pages under https://www.facebook.com/postguard-test/
// are served from tests/fixtures through request routing; every other https request is refused.
export async function launchBrowser() {
  const userDataDir = await tempDir('postguard-chromium-');
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1100, height: 720 },
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--lang=en-GB',
    ],
  });
  await context.route(/^https:\/\//, async (route) => {
    const url = new URL(route.request().url());
    if (FIXTURE_HOSTS.includes(url.hostname) && url.pathname.startsWith('/postguard-test/')) {
      const name = path.basename(url.pathname);
      const file = path.extname(name) ? name : `${name}.html`;
      const body = await readFile(path.join(FIXTURES, file));
      // A strict policy like Facebook's: the site allows no other origin's frames,
      // scripts or connections; the extension's own frames must still show.
      const csp = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' blob: data:; frame-src 'self'; child-src 'self'; connect-src 'self'";
      await route.fulfill({
        status: 200, contentType: CONTENT_TYPES[path.extname(file)], body, headers: { 'Content-Security-Policy': csp },
      });
    } else {
      await route.abort();
    }
  });
  let [worker] = context.serviceWorkers();
  worker ??= await context.waitForEvent('serviceworker', { timeout: 20_000 });
  const extensionId = new URL(worker.url()).host;
  // A first install opens the settings in a new tab: wait for it and close it,
  // so no tab pops up in front of a test's page later on.
  const optionsUrl = `chrome-extension://${extensionId}/options/options.html`;
  let installTab = null;
  for (let waited = 0; !installTab && waited < 15_000; waited += 100) {
    installTab = context.pages().find((p) => p.url() === optionsUrl);
    if (!installTab) await new Promise((r) => setTimeout(r, 100));
  }
  await installTab?.close();
  return {
    settingsOpenedOnInstall: Boolean(installTab),
    context,
    worker,
    extensionId,
    optionsUrl,
    popupUrl: `chrome-extension://${extensionId}/popup/popup.html`,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

// The toolbar badge text of the (only) fixture tab, read in the service worker.
export async function badgeText(browser) {
  return browser.worker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ url: 'https://www.facebook.com/*' });
    return chrome.action.getBadgeText({ tabId: tab.id });
  });
}

export async function screenshot(target, name) {
  await mkdir(SCREENSHOTS, { recursive: true });
  await target.screenshot({ path: path.join(SCREENSHOTS, name) });
}

// Pairs the extension with the daemon the way the options page does (its own message to the worker).
export async function pairExtension(browser, daemon) {
  const { code } = JSON.parse(await postguard(daemon.home, 'pair', '--json'));
  const options = await browser.context.newPage();
  try {
    await options.goto(browser.optionsUrl);
    const answer = await options.evaluate(([port, pairingCode]) =>
      globalThis.PostGuard.api.sendMessage({ type: globalThis.PostGuard.protocol.request.PAIR, port, code: pairingCode }),
    [daemon.port, code]);
    if (answer?.state !== 'paired') throw new Error(`pairing failed: ${JSON.stringify(answer)}`);
  } finally {
    await options.close();
  }
}

// Settings a test may change, put back to their defaults (tests run in any order).
export async function resetSettings(browser, changes = {}) {
  await browser.worker.evaluate((values) => chrome.storage.local.set(values),
    { blockWhenOffline: false, checkMessages: false, ...changes });
}

// Lets the page (and a frame) draw: Chromium routes a click into a frame that
// has just appeared only once the page has drawn it. A person never clicks
// that fast; the tests do.
const twoFrames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
export async function settle(page, frame) {
  if (frame) await frame.locator('body').evaluate(twoFrames);
  await page.evaluate(twoFrames);
}
