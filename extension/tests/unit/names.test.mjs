// The message/outcome names (lib/protocol.js) and the label rules
// (content/facebook_selectors.js) that every other file relies on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import '../../lib/protocol.js';
import '../../content/facebook_selectors.js';

const { protocol, selectors } = globalThis.PostGuard;

test('names are frozen and unique within each group', () => {
  for (const [group, names] of Object.entries(protocol)) {
    assert.ok(Object.isFrozen(names), group);
    const values = Object.values(names);
    assert.equal(new Set(values).size, values.length, group);
  }
  assert.ok(Object.isFrozen(protocol));
});

test('the names for the next panel features are reserved', () => {
  assert.equal(protocol.frame.CHOOSE_PUPIL, 'choose-pupil');
  assert.equal(protocol.frame.MARK_PICTURED, 'mark-pictured');
});

test('labels compare without zero-width characters, spacing or case', () => {
  assert.equal(selectors.normalizeLabel('\u200bPu\u200cblish\u200b'), 'publish');
  assert.equal(selectors.normalizeLabel('  Share\u00a0 now '), 'share now');
  assert.equal(selectors.normalizeLabel('\u2060Cyhoeddi\ufeff'), 'cyhoeddi');
  assert.equal(selectors.normalizeLabel(null), '');
});

test('submit labels cover English and Welsh; Back and Close are never a submit', () => {
  const fb = selectors.facebook;
  for (const label of ['post', 'next', 'publish', 'schedule', 'comment', 'postio', 'nesaf', 'cyhoeddi', 'amserlennu']) {
    assert.ok(fb.submitLabels.includes(label), label);
  }
  for (const label of ['back', 'close', 'yn ôl', 'cau']) {
    assert.ok(fb.notSubmitLabels.includes(label), label);
    assert.ok(!fb.submitLabels.includes(label), label);
  }
  // Every label is stored in its compared form.
  for (const label of [...fb.submitLabels, ...fb.notSubmitLabels, ...fb.messageLabels, ...fb.commentLabelPrefixes]) {
    assert.equal(selectors.normalizeLabel(label), label);
  }
});
