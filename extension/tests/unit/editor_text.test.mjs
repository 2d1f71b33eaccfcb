// Editor text and ranges (content/editor_text.js) on a real DOM implementation
// (jsdom), with the markup Lexical renders: <p> paragraphs of
// <span data-lexical-text>, <br> line breaks, an empty paragraph as <p><br></p>.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import '../../content/editor_text.js';

const { editorText } = globalThis.PostGuard;

function editor(html) {
  const { window } = new JSDOM(`<div contenteditable="true" role="textbox">${html}</div>`);
  return window.document.querySelector('[role="textbox"]');
}

const span = (text) => `<span data-lexical-text="true">${text}</span>`;

test('paragraphs are lines, an empty paragraph a blank line, a <br> a line break', () => {
  const el = editor(`<p>${span('🎉 Sports day')}<br>${span('Medals')}</p><p><br></p><p>${span('Well done Amelia!')}</p>`);
  assert.equal(editorText.snapshot(el).text, '🎉 Sports day\nMedals\n\nWell done Amelia!');
});

test('a trailing <br> Lexical adds after a line break is not text', () => {
  const el = editor(`<p>${span('Line one')}<br><br></p>`);
  assert.equal(editorText.snapshot(el).text, 'Line one\n');
});

test('UTF-16 offsets map back to the exact text, past emoji and paragraphs', () => {
  const el = editor(`<p>${span('👏👏 Sports')}</p><p>${span('Huge well done to ')}<strong>${span('Amelia')}</strong>${span(' Stanbury!')}</p>`);
  const snapshot = editorText.snapshot(el);
  const start = snapshot.text.indexOf('Amelia');
  assert.equal(editorText.rangeFor(snapshot, start, start + 'Amelia Stanbury'.length).toString(), 'Amelia Stanbury');
  assert.equal(editorText.rangeFor(snapshot, 0, 2).toString(), '👏');
});

test('no range for empty, reversed, out-of-text or stale offsets', () => {
  const el = editor(`<p>${span('Amelia')}</p>`);
  const snapshot = editorText.snapshot(el);
  assert.equal(editorText.rangeFor(snapshot, 2, 2), null);
  assert.equal(editorText.rangeFor(snapshot, 4, 2), null);
  assert.equal(editorText.rangeFor(snapshot, 0, 99), null);
  assert.equal(editorText.rangeFor(snapshot, null, 3), null);
  el.replaceChildren(); // the editor re-rendered: the snapshot's nodes are gone
  assert.equal(editorText.rangeFor(snapshot, 0, 3), null);
});

test('two editors of one composer read as one text whose offsets reach both', () => {
  const facebook = editor(`<p>${span('Sports day!')}</p>`);
  const instagram = editor(`<p>${span('Go Amelia')}</p>`);
  const empty = editor('<p><br></p>');
  const joined = editorText.combine([editorText.snapshot(facebook), editorText.snapshot(empty), editorText.snapshot(instagram)]);
  assert.equal(joined.text, 'Sports day!\n\nGo Amelia');
  const start = joined.text.indexOf('Amelia');
  const range = editorText.rangeFor(joined, start, start + 6);
  assert.equal(range.toString(), 'Amelia');
  assert.ok(instagram.contains(range.startContainer));
});

test('a textarea is read by its value and gets no ranges', () => {
  const { window } = new JSDOM('<textarea>Amelia</textarea>');
  const snapshot = editorText.snapshot(window.document.querySelector('textarea'));
  assert.equal(snapshot.text, 'Amelia');
  assert.equal(editorText.rangeFor(snapshot, 0, 6), null);
});
