// The toolbar badge text and colour (background/badge.js), no browser needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { badgeFor } from '../../background/badge.js';

const checked = (verdict, severities) => ({
  state: 'checked', result: { verdict, findings: severities.map((severity) => ({ severity })) },
});

test('OFF whenever PostGuard could not check', () => {
  for (const state of ['offline', 'unpaired', 'error', 'lost', 'unreadable']) {
    assert.equal(badgeFor({ state }).text, 'OFF', state);
  }
});

test('a tick only for a check with no findings at all', () => {
  assert.equal(badgeFor(checked('ok', [])).text, '✓');
  assert.notEqual(badgeFor(checked('info', ['info'])).text, '✓');
});

test('the number of findings, coloured by the verdict', () => {
  const block = badgeFor(checked('block', ['block', 'info']));
  const warn = badgeFor(checked('warn', ['warn']));
  assert.equal(block.text, '2');
  assert.equal(warn.text, '1');
  assert.notEqual(block.color, warn.color);
  // An unknown verdict still gets a colour.
  assert.ok(badgeFor(checked('something-new', ['info'])).color);
});
