// The manifest is the extension's contract with both browsers: check the
// promises the README and the issue make about it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, access } from 'node:fs/promises';
import path from 'node:path';
import { EXTENSION_DIR } from './harness.mjs';

const manifest = JSON.parse(await readFile(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8'));

test('one manifest serves Chrome/Edge (service worker) and Firefox (background scripts)', () => {
  assert.equal(manifest.manifest_version, 3);
  assert.equal(manifest.background.service_worker, 'background/worker.js');
  assert.deepEqual(manifest.background.scripts, ['background/worker.js']);
  assert.equal(manifest.background.type, 'module');
  assert.match(manifest.browser_specific_settings.gecko.id, /^[^@\s]+@[^@\s]+$/);
});

test('least privilege: the daemon on loopback and Facebook only; other sites are optional', () => {
  assert.deepEqual(manifest.host_permissions.sort(), [
    'http://127.0.0.1/*', 'https://business.facebook.com/*', 'https://www.facebook.com/*',
  ]);
  assert.deepEqual(manifest.permissions.sort(), ['scripting', 'storage']);
  assert.deepEqual(manifest.content_scripts[0].matches.sort(),
    ['https://business.facebook.com/*', 'https://www.facebook.com/*']);
  assert.ok(!manifest.permissions.includes('tabs') && !manifest.permissions.includes('<all_urls>'));
});

test('every file the manifest names exists', async () => {
  const files = [
    manifest.background.service_worker,
    ...manifest.content_scripts.flatMap((c) => [...c.js, ...(c.css ?? [])]),
    manifest.options_ui.page,
    manifest.action.default_popup,
    ...Object.values(manifest.icons),
    ...Object.values(manifest.action.default_icon),
  ];
  for (const file of files) await access(path.join(EXTENSION_DIR, file));
});

test('content scripts never talk to the daemon: only the background worker does', async () => {
  for (const file of manifest.content_scripts[0].js) {
    const source = await readFile(path.join(EXTENSION_DIR, file), 'utf8');
    assert.doesNotMatch(source, /\bfetch\s*\(|XMLHttpRequest|127\.0\.0\.1|WebSocket/, file);
  }
});
