// Plain-English status lines (lib/status_text.js) and the panel summary (ui/messages.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import '../../lib/protocol.js';
import '../../lib/status_text.js';
import '../../ui/messages.js';

const { statusText, messages } = globalThis.PostGuard;

test('headline for each connection state, with the port when PostGuard is not running', () => {
  assert.deepEqual(statusText.headline({ state: 'connected' }), { headline: 'Connected: posts are being checked.', kind: 'good' });
  assert.equal(statusText.headline({ state: 'unpaired' }).kind, 'warn');
  const offline = statusText.headline({ state: 'offline', port: 8765 });
  assert.equal(offline.kind, 'bad');
  assert.match(offline.headline, /port 8765/);
  assert.match(statusText.headline({ state: 'error', message: 'Disk full.' }).headline, /Disk full\./);
});

test('consent list age in days or hours, never a bare number', () => {
  assert.equal(statusText.age(null), 'unknown');
  assert.equal(statusText.age(60), 'updated in the last hour');
  assert.equal(statusText.age(3600), '1 hour old');
  assert.equal(statusText.age(5 * 3600), '5 hours old');
  assert.equal(statusText.age(86400), '1 day old');
  assert.equal(statusText.age(40 * 86400), '40 days old');
});

test('panel summary counts the findings of the verdict\'s severity', () => {
  const result = (verdict, severities) => ({ state: 'checked', result: { verdict, findings: severities.map((severity) => ({ severity })) } });
  assert.equal(messages.summary(result('block', ['block', 'block', 'info'])), '2 problems must be fixed before this post can go out.');
  assert.equal(messages.summary(result('warn', ['warn'])), '1 thing to check before posting.');
  assert.equal(messages.summary(result('ok', [])), 'No problems found.');
  assert.match(messages.summary({ state: 'offline' }), /not running/);
  assert.match(messages.summary({ state: 'error', message: 'the photo could not be read.' }), /could not check this post: the photo/);
});

test('the post dialog explains every way a post can go unchecked', () => {
  for (const state of ['offline', 'unpaired', 'error', 'lost', 'unreadable', 'photos-unseen']) {
    assert.match(messages.dialog.offlineIntro[state], /nobody has checked|could not check/i, state);
  }
});
