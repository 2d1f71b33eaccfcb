// Pure logic of the panel's answers, without a browser: "Which Esme?" answers
// kept while the name stays where it was, photo answers, the blur's grid and
// strength, and the consent-list notice.
import { test } from 'node:test';
import assert from 'node:assert/strict';

globalThis.PostGuard = {};
await import('../../lib/protocol.js');
await import('../../content/draft_answers.js');
await import('../../ui/blur_copy.js');
await import('../../ui/consent_notice.js');
const { DraftAnswers, blurCopy, consentNotice } = globalThis.PostGuard;

const ESME_K = { pupil: 'A1', name: 'Esme Kaur', class: 'Kestrel' };
const ESME_P = { pupil: 'A2', name: 'Esme Price', class: 'Puffin' };
const TEXT = '🎉 Esme read her poem. Well done Esme!';
// As the daemon gives it: code points (start/end) and UTF-16 units (the emoji is 2 units, 1 code point).
const ambiguous = (at) => ({
  code: 'pupil.no_consent', severity: 'block', start: at - 1, end: at + 3, start_utf16: at, end_utf16: at + 4,
  pupils: ['A1', 'A2'], candidates: [ESME_K, ESME_P],
});
const result = { verdict: 'block', findings: [ambiguous(3), { code: 'pupil.named', start: 5, end: 8, start_utf16: 6, end_utf16: 9 }] };

test('an ambiguous mention becomes one question with its candidates, in code points for the daemon', () => {
  const answers = new DraftAnswers();
  const [q, ...rest] = answers.questions(result, TEXT);
  assert.equal(rest.length, 0);
  assert.equal(q.surface, 'Esme');
  assert.deepEqual([q.start, q.end], [2, 6]);
  assert.deepEqual(q.candidates, [ESME_K, ESME_P]);
  assert.equal(q.chosen, null);
  assert.deepEqual(answers.forRequest(TEXT), { resolved: [], pictured: [] });
});

test('no question when every pupil the name could be may be named (only information)', () => {
  const answers = new DraftAnswers();
  const info = { ...ambiguous(3), code: 'pupil.named', severity: 'info' };
  assert.deepEqual(answers.questions({ verdict: 'info', findings: [info] }, TEXT), []);
});

test('a choice is sent as resolved while the name stays where it was, and asked again once answered', () => {
  const answers = new DraftAnswers();
  const [q] = answers.questions(result, TEXT);
  answers.choose(q, ESME_K);
  assert.deepEqual(answers.forRequest(TEXT).resolved, [{ start: 2, end: 6, pupil: 'A1' }]);
  // The daemon's next answer no longer lists the candidates: the question stays, answered.
  const after = { verdict: 'info', findings: [] };
  const [again] = answers.questions(after, TEXT);
  assert.equal(again.chosen, 'A1');
  assert.deepEqual(again.candidates, [ESME_K, ESME_P]);
  // Typing after the name keeps the answer, and so does a name at the very end.
  assert.equal(answers.forRequest(`${TEXT} See you soon.`).resolved.length, 1);
  assert.equal(answers.forRequest('🎉 Esme').resolved.length, 1);
});

test('the answer is dropped when the text at the name changes (edited, or moved by typing before it)', () => {
  for (const changed of ['🎉 Esmé read her poem.', '🎉 Esmeralda read', '🎉 KEsme read', 'Hi 🎉 Esme read her poem.', '']) {
    const answers = new DraftAnswers();
    answers.choose(answers.questions(result, TEXT)[0], ESME_P);
    assert.deepEqual(answers.forRequest(changed).resolved, [], changed);
    assert.deepEqual(answers.questions({ findings: [] }, changed), [], changed);
  }
});

test('a pupil who is not a candidate cannot be chosen; undo and clearResolved forget the choice', () => {
  const answers = new DraftAnswers();
  const [q] = answers.questions(result, TEXT);
  answers.choose(q, { pupil: 'Z9', name: 'Someone Else', class: 'Owl' });
  assert.deepEqual(answers.forRequest(TEXT).resolved, []);
  answers.choose(q, ESME_K);
  answers.choose(q, null);
  assert.deepEqual(answers.forRequest(TEXT).resolved, []);
  answers.choose(q, ESME_K);
  answers.clearResolved();
  assert.deepEqual(answers.forRequest(TEXT).resolved, []);
});

test('photo answers: pupils in it and "none of these", sent only for photos still attached', () => {
  const answers = new DraftAnswers();
  answers.markPictured('s1', { add: ESME_P });
  answers.markPictured('s1', { add: ESME_P }); // once only
  answers.markPictured('s2', { checked: true });
  assert.deepEqual(answers.forRequest('', ['s1', 's2']).pictured,
    [{ sha256: 's1', pupils: ['A2'] }, { sha256: 's2', checked: true }]);
  assert.deepEqual(answers.forRequest('', ['s2']).pictured, [{ sha256: 's2', checked: true }]);
  answers.markPictured('s1', { remove: 'A2' });
  answers.markPictured('s2', { checked: false });
  assert.deepEqual(answers.forRequest('', ['s1', 's2']).pictured, []);
});

test('the boxes of a photo stay known after its faces finding gives way to a block', () => {
  const answers = new DraftAnswers();
  const faces = { code: 'image.faces', image: 'day.jpg', sha256: 's1', faces: 1, boxes: [[0.1, 0.2, 0.3, 0.4]], candidates: [ESME_P] };
  answers.noteResult({ findings: [faces] });
  answers.markPictured('s1', { add: ESME_P });
  answers.noteResult({ findings: [{ code: 'image.no_consent', sha256: 's1', answer: 'pictured' }] });
  const { photos } = answers.forPanel(['s1']);
  assert.deepEqual(photos.s1.boxes, [[0.1, 0.2, 0.3, 0.4]]);
  assert.deepEqual(photos.s1.answer.pupils, [ESME_P]);
  assert.deepEqual(answers.forPanel([]).photos, {});
});

test('reference thumbnails of the pupils to look for are kept (small data: images only)', () => {
  const answers = new DraftAnswers();
  const png = 'data:image/png;base64,iVBORw0KGgo=';
  const withThumbs = { ...ESME_P, thumbnails: [png, 'https://example.org/x.png', 'data:text/html;base64,PGI+', png, png, png] };
  answers.noteResult({ findings: [{ code: 'image.faces', image: 'a.jpg', sha256: 's1', faces: 1, boxes: [], candidates: [withThumbs, ESME_K] }] });
  const [price, kaur] = answers.forPanel(['s1']).photos.s1.candidates;
  assert.deepEqual(price.thumbnails, [png, png, png]);
  assert.equal('thumbnails' in kaur, false);
});

test('blur regions: widened around each chosen face, clamped to the picture', () => {
  const [r] = blurCopy.regions(1000, 500, [[0.4, 0.4, 0.1, 0.2]]);
  assert.deepEqual(r, { x: 370, y: 170, w: 160, h: 160 });
  const clamped = blurCopy.regions(100, 100, [[0, 0, 0.5, 0.5], [0.9, 0.9, 0.2, 0.2]], [true, true]);
  assert.deepEqual(clamped, [{ x: 0, y: 0, w: 65, h: 65 }, { x: 84, y: 84, w: 16, h: 16 }]);
  assert.deepEqual(blurCopy.regions(100, 100, [[0, 0, 0.5, 0.5], [0.6, 0.6, 0.2, 0.2]], [false, true]).length, 1);
  // A coarse grid: a handful of cells across a face, whatever its size.
  assert.equal(blurCopy.cellSize({ w: 160, h: 120 }), Math.ceil(160 / blurCopy.CELLS));
  assert.ok(blurCopy.CELLS <= 8);
});

// Detail measure: variance of the 4-neighbour Laplacian of the luminance.
function laplacianVariance({ data, width, height }) {
  const lum = (x, y) => { const i = (y * width + x) * 4; return 0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2]; };
  const values = [];
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) values.push(lum(x - 1, y) + lum(x + 1, y) + lum(x, y - 1) + lum(x, y + 1) - 4 * lum(x, y));
  }
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
}

function texture(width, height) {
  // Fine detail everywhere (edges, stripes, noise): what a face's features look like to a measure.
  const data = new Uint8ClampedArray(width * height * 4);
  let seed = 7;
  const rand = () => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed / 2 ** 31; };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const v = ((x >> 2) + (y >> 3)) % 2 ? 200 : 40;
      data[i] = v + rand() * 50; data[i + 1] = 255 - v; data[i + 2] = (x * 7 + y * 3) % 256; data[i + 3] = 255;
    }
  }
  return { data, width, height };
}

test('the blur removes almost all detail: pixelated to a coarse grid, then blurred over it', () => {
  const image = texture(120, 150);
  const before = laplacianVariance(image);
  blurCopy.obscureRegion(image);
  const after = laplacianVariance(image);
  assert.ok(after < before / 1000, `detail ${before.toFixed(1)} -> ${after.toFixed(3)}`);
  // No cell edges left either: neighbouring pixels differ by little anywhere.
  let maxStep = 0;
  for (let y = 0; y < image.height; y++) {
    for (let x = 1; x < image.width; x++) {
      const i = (y * image.width + x) * 4;
      maxStep = Math.max(maxStep, Math.abs(image.data[i] - image.data[i - 4]));
    }
  }
  assert.ok(maxStep <= 12, `largest step between neighbours ${maxStep}`);
});

test('pixelate gives each cell its mean colour', () => {
  const image = { data: new Uint8ClampedArray([0, 0, 0, 255, 100, 100, 100, 255, 50, 50, 50, 255, 250, 250, 250, 255]), width: 2, height: 2 };
  blurCopy.pixelate(image.data, 2, { x: 0, y: 0, w: 2, h: 2 }, 2);
  assert.deepEqual([...image.data.slice(0, 4)], [100, 100, 100, 255]);
  assert.deepEqual([...image.data.slice(12, 16)], [100, 100, 100, 255]);
});

test('the copy is named after the photo', () => {
  assert.equal(blurCopy.copyName('sports-day.JPG'), 'sports-day-faces-blurred.jpg');
  assert.equal(blurCopy.copyName('a.b.png'), 'a.b-faces-blurred.jpg');
  assert.equal(blurCopy.copyName(''), 'photo-faces-blurred.jpg');
});

test('the panel says plainly when the consent list is out of date or the newest one was refused', () => {
  assert.deepEqual(consentNotice.lines({ consent_stale: false, consent_problem: null }), []);
  assert.deepEqual(consentNotice.lines(null), []);
  const [stale] = consentNotice.lines({ consent_stale: true, consent_published_at: '2026-10-03T09:00:00+00:00' });
  assert.match(stale, /may be out of date \(published 3 October 2026\)/);
  const problem = 'The list in /share was refused: it is incomplete or damaged. The last good list stays in force';
  const [refused, alsoStale] = consentNotice.lines({ consent_stale: true, consent_problem: problem });
  assert.equal(refused, `${problem}. Recent consent changes may be missing: ask whoever keeps the consent list to publish it again.`);
  assert.match(alsoStale, /out of date\. Recent/);
});
