// The composer model (content/composers.js) on a real DOM implementation
// (jsdom): which editors make one composer, what kind it is, and what text it
// posts when Facebook hides, unmounts or re-creates its editors. Layout-based
// rules (the last visible button) need a browser: tests/facebook.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';

const { window } = new JSDOM('<!doctype html><body></body>', { url: 'https://www.facebook.com/riverside' });
Object.assign(globalThis, {
  document: window.document, location: window.location, MutationObserver: window.MutationObserver, Element: window.Element,
});
// jsdom has no isContentEditable (browsers do); the attribute is what it reflects.
Object.defineProperty(window.HTMLElement.prototype, 'isContentEditable', {
  get() { return this.getAttribute('contenteditable') === 'true'; },
});
await import('../../lib/browser_api.js'); // no extension API here: checks answer "error", which these tests never ask
await import('../../lib/protocol.js');
await import('../../content/facebook_selectors.js');
await import('../../content/editor_text.js');
await import('../../content/attachments.js');
await import('../../content/check_loop.js');
await import('../../content/composers.js');

const { composers: { Composers, KIND } } = globalThis.PostGuard;

function registry(includeMessages = false) {
  return new Composers({ includeMessages: () => includeMessages, onOutcome() {}, onDrop() {} });
}

function lexical(label, text, role = 'textbox') {
  const el = document.createElement('div');
  el.setAttribute('contenteditable', 'true');
  el.setAttribute('role', role);
  el.setAttribute('data-lexical-editor', 'true');
  el.setAttribute('aria-label', label);
  el.innerHTML = text ? `<p><span data-lexical-text="true">${text}</span></p>` : '<p><br></p>';
  return el;
}

function page(html) {
  document.body.innerHTML = html;
  return document.body;
}

test('a dialog is one composer; its editor unmounted for step 2 still counts, and a re-mounted one takes its place', () => {
  page('<div role="dialog" aria-modal="true"><form><div class="step1"></div><div class="footer"></div></form></div>');
  const step1 = document.querySelector('.step1');
  step1.append(lexical("What's on your mind?", 'Amelia sang'));
  const units = registry();
  units.scan();
  const [unit] = units.all();
  assert.equal(unit.root, document.querySelector('[role="dialog"]'));
  assert.equal(unit.kind, KIND.POST);
  assert.equal(unit.read().text, 'Amelia sang');
  step1.replaceChildren(); // Next: step 1 unmounted
  units.scan();
  assert.equal(units.all().length, 1);
  assert.equal(unit.read().text, 'Amelia sang');
  step1.append(lexical("What's on your mind?", 'Amelia sang today')); // Back: React re-creates the editor
  units.scan();
  assert.equal(units.all().length, 1);
  assert.equal(unit.parts.length, 1);
  assert.equal(unit.read().text, 'Amelia sang today');
});

test("Business Suite's captions are one post; a caption switched off leaves it", () => {
  page('<div role="main"><div class="captions"></div><div class="footer"></div></div>');
  const captions = document.querySelector('.captions');
  captions.append(lexical('Write something', 'Sports day', 'combobox'));
  const instagram = lexical('Instagram: Write something', 'Go Amelia', 'combobox');
  captions.append(instagram);
  const units = registry();
  units.scan();
  assert.equal(units.all().length, 1);
  const [unit] = units.all();
  assert.equal(unit.read().text, 'Sports day\n\nGo Amelia');
  instagram.remove();
  assert.equal(unit.read().text, 'Sports day');
});

test('comment boxes are their own composers, found by label or by sitting in a feed post', () => {
  page(`<div role="feed">
    <div role="article"><form class="a"></form></div>
    <div role="article"><form class="b"></form></div>
  </div>`);
  document.querySelector('form.a').append(lexical('Comment as Riverside Primary School', 'Well done'));
  document.querySelector('form.b').append(lexical('Tabhair trácht', 'Maith thú')); // a label PostGuard does not know
  const units = registry();
  units.scan();
  const kinds = units.all().map((u) => [u.root.className, u.kind]);
  assert.deepEqual(kinds, [['a', KIND.COMMENT], ['b', KIND.COMMENT]]);
  const button = document.createElement('div');
  button.setAttribute('role', 'button');
  document.querySelector('form.b').append(button);
  assert.equal(units.unitAt(button).root.className, 'b');
});

test('Messenger is followed only when the options say so', () => {
  page('<div role="complementary"><div class="chat"></div></div>');
  document.querySelector('.chat').append(lexical('Message', 'Amelia left her coat'));
  const off = registry(false);
  off.scan();
  assert.equal(off.all().length, 0);
  const on = registry(true);
  on.scan();
  assert.deepEqual(on.all().map((u) => u.kind), [KIND.MESSAGE]);
});

test('submit labels: zero-width characters and Welsh; Back and Close never', () => {
  page('<div role="dialog"><form></form></div>');
  const form = document.querySelector('form');
  form.append(lexical("What's on your mind?", 'Hello'));
  const units = registry();
  units.scan();
  const [unit] = units.all();
  const control = (text, aria) => {
    const el = document.createElement('div');
    el.setAttribute('role', 'button');
    if (aria) el.setAttribute('aria-label', aria);
    el.textContent = text;
    form.append(el);
    return el;
  };
  assert.equal(unit.isSubmit(control('\u200bPu\u200cblish\u200b')), true);
  assert.equal(unit.isSubmit(control('', 'Nesaf')), true);
  assert.equal(unit.isSubmit(control('', 'Postio')), true);
  assert.equal(unit.isSubmit(control('', 'Back')), false);
  assert.equal(unit.isSubmit(control('', 'Yn ôl')), false);
});

test('the previews the page shows, and when all of them went', () => {
  page('<div role="dialog"><form><div class="media"></div></form></div>');
  document.querySelector('form').prepend(lexical("What's on your mind?", ''));
  const units = registry();
  units.scan();
  const [unit] = units.all();
  const media = document.querySelector('.media');
  media.innerHTML = '<div role="group" aria-label="Attached media"><img src="https://example.invalid/a.jpg"></div>';
  assert.equal(unit.previewCount(), 1);
  assert.equal(unit.hasUnseenPhotos(), true); // shown on the page, never given to PostGuard
  unit.attachments.items.push({ name: 'a.jpg', sha256: 'ab' });
  assert.equal(unit.hasUnseenPhotos(), false);
  unit.notePreviews();
  media.replaceChildren(); // taken out on the page
  unit.notePreviews();
  assert.deepEqual(unit.attachments.items, []);
});
