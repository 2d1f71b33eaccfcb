// End-to-end: the panel's questions on the realistic fixture (tests/fixtures/page.html,
// the real Lexical editor), the real daemon and the unpacked extension in Chromium.
// - "Which Esme?": two pupils share a first name (tests/fixtures/roster_panel.csv);
// - photos with people: a real photograph with a face (scikit-image's astronaut, a
//   NASA portrait bundled in its wheel), the pupils to look for, the pupil picker,
//   "None of these is in the photo", and the blurred copy, measured against the original.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  Daemon, PAGE_URL, REPO_DIR, freePort, launchBrowser, makeHome, pairExtension, postguard, resetSettings,
  screenshot, settle, tempDir,
} from './harness.mjs';
import { testPhoto } from './png.mjs';

const run = promisify(execFile);
const PYTHON = process.env.POSTGUARD_PYTHON ?? path.join(REPO_DIR, '.venv', 'bin', 'python');
const STEP = { timeout: 120_000 };
const ESME_KAUR = 'K201511100011'; // Kestrel: consent to be named and pictured
const ESME_PRICE = 'P201511100012'; // Puffin: no consent to be named or pictured
const LAYLA = 'K201511100013'; // Kestrel: no photo consent; the admin kept a reference thumbnail of her
const TEXT = 'Esme read her poem to the whole school in assembly.';
const PHOTO_TEXT = 'Our visit to the space centre was out of this world!';

let home;
let daemon;
let browser;
let photoDir;
let page;
let photo; // a real photograph with one face
let pair; // two faces: the same photograph beside its mirror image
let sideways; // the photograph stored on its side, shown upright by its EXIF orientation (as phones save them)

before(async () => {
  home = await makeHome('roster_panel.csv');
  photoDir = await tempDir('postguard-panel-photos-');
  const { stdout } = await run(PYTHON, ['-c',
    'import os, skimage.data; print(os.path.join(os.path.dirname(skimage.data.__file__), "astronaut.png"))']);
  photo = path.join(photoDir, 'space-centre.png');
  await copyFile(stdout.trim(), photo);
  pair = path.join(photoDir, 'two-astronauts.jpg');
  await run(PYTHON, ['-c', [
    'import sys', 'from PIL import Image', 'a = Image.open(sys.argv[1]).convert("RGB")',
    'b = Image.new("RGB", (a.width * 2, a.height))', 'b.paste(a, (0, 0))',
    'b.paste(a.transpose(Image.Transpose.FLIP_LEFT_RIGHT), (a.width, 0))', 'b.save(sys.argv[2], quality=92)',
  ].join('\n'), photo, pair]);
  sideways = path.join(photoDir, 'sideways.jpg');
  await run(PYTHON, ['-c', [
    'import sys', 'from PIL import Image', 'a = Image.open(sys.argv[1]).convert("RGB")',
    'exif = Image.Exif()', 'exif[0x0112] = 6', // "turn 90 degrees clockwise to display"
    'a.rotate(90, expand=True).save(sys.argv[2], quality=92, exif=exif.tobytes())',
  ].join('\n'), photo, sideways]);
  // A reference photo of Layla, with the opt-in thumbnail staff compare faces with.
  await writeFile(path.join(photoDir, 'layla-reference.png'), testPhoto(3));
  await postguard(home, 'images', 'add', '--thumbnail', '--pupil', LAYLA, path.join(photoDir, 'layla-reference.png'));
  daemon = new Daemon(home, await freePort());
  await daemon.start();
  browser = await launchBrowser();
  await pairExtension(browser, daemon);
}, { timeout: 240_000 });

after(async () => {
  await browser?.close();
  await daemon?.stop();
  if (home) await rm(home, { recursive: true, force: true });
  if (photoDir) await rm(photoDir, { recursive: true, force: true });
}, { timeout: 60_000 });

beforeEach(async () => {
  await page?.close().catch(() => {});
  page = null;
  await resetSettings(browser);
});

// ---- helpers ----
const panelFrame = () => page.frameLocator('iframe[data-postguard="panel"]');
const panel = () => panelFrame().getByRole('complementary', { name: 'PostGuard check' });
const guardDialog = () => page.frameLocator('iframe[data-postguard="dialog"]').getByRole('alertdialog');
const published = () => page.evaluate(() => window.__published.slice());
const waitPublished = (count) => page.waitForFunction((n) => window.__published.length >= n, count, { timeout: 20_000 });

async function openComposer() {
  page = await browser.context.newPage();
  await page.goto(`${PAGE_URL}?lang=en&step1=unmounted`);
  await page.getByRole('button', { name: "What's on your mind?" }).click();
  const editor = page.getByRole('dialog').getByRole('textbox');
  await editor.waitFor();
  await editor.click();
  return editor;
}

async function waitForPanel(verdict, code) {
  const finding = code ? ` li.finding[data-code^="${code}"]` : '';
  try {
    await panelFrame().locator(`.panel[data-state="checked"][data-verdict="${verdict}"]${finding}`).first()
      .waitFor({ timeout: 20_000 });
  } catch (err) {
    const shown = await panelFrame().locator('.panel').evaluate((box) =>
      `state=${box.dataset.state} verdict=${box.dataset.verdict} text=${box.textContent}`).catch(() => 'no panel');
    throw new Error(`Wanted ${verdict} ${code ?? ''}; the panel shows ${shown}`, { cause: err });
  }
}

// The focused element inside the panel's frame.
const focusedInPanel = () => panelFrame().locator('body').evaluate(() => {
  const el = document.activeElement;
  return el ? (el.getAttribute('aria-label') || el.textContent || el.id).trim() : null;
});

async function expectBlocked(code) {
  await guardDialog().getByText('This post cannot go out yet').waitFor({ timeout: 20_000 });
  assert.equal(await guardDialog().getByRole('button', { name: 'Post anyway' }).count(), 0);
  assert.ok(await guardDialog().locator(`li.finding[data-code^="${code}"]`).count() > 0, `no ${code} in the dialog`);
  const back = guardDialog().getByRole('button', { name: 'Go back and edit' });
  await settle(page, page.frameLocator('iframe[data-postguard="dialog"]'));
  await back.click();
  await page.locator('iframe[data-postguard="dialog"]').waitFor({ state: 'detached' });
}

async function nextThenPost() {
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Post', exact: true }).click();
}

async function attach(file) {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('dialog').getByRole('button', { name: 'Photo/video' }).click(),
  ]);
  await chooser.setFiles(file);
}

const question = () => panel().getByRole('group', { name: 'Which Esme?' });
const choice = (name) => question().getByRole('button', { name: new RegExp(`^${name}`) });
const facesSection = (name = 'space-centre.png') => panel().getByRole('region', { name: `People in ${name}` });

// Detail in a region of a picture, and how much the rest changed (measured with Pillow and numpy).
const MEASURE = `
import json, sys
import numpy as np
from PIL import Image, ImageOps
# As displayed: the original's EXIF orientation applied (the copy is drawn upright).
a = np.asarray(ImageOps.exif_transpose(Image.open(sys.argv[1])).convert("L"), dtype=float)
b = np.asarray(ImageOps.exif_transpose(Image.open(sys.argv[2])).convert("L"), dtype=float)
x, y, w, h = json.loads(sys.argv[3])
H, W = a.shape
x0, y0, x1, y1 = int(x * W), int(y * H), int((x + w) * W), int((y + h) * H)
def lap_var(g):
    lap = g[1:-1, :-2] + g[1:-1, 2:] + g[:-2, 1:-1] + g[2:, 1:-1] - 4 * g[1:-1, 1:-1]
    return float(lap.var())
def high_freq(g):
    # Energy above an eighth of the sampling rate, per pixel (Hann window: no edge leakage).
    win = np.outer(np.hanning(g.shape[0]), np.hanning(g.shape[1]))
    f = np.abs(np.fft.fftshift(np.fft.fft2((g - g.mean()) * win))) ** 2
    cy, cx = f.shape[0] // 2, f.shape[1] // 2
    ry, rx = f.shape[0] // 8, f.shape[1] // 8
    return float((f.sum() - f[cy - ry:cy + ry, cx - rx:cx + rx].sum()) / g.size)
outside = np.ones_like(a, dtype=bool)
m = 0.5
outside[max(0, int((y - h * m) * H)):int((y + h * (1 + m)) * H), max(0, int((x - w * m) * W)):int((x + w * (1 + m)) * W)] = False
print(json.dumps({
    "size": [a.shape, b.shape],
    "lap": [lap_var(a[y0:y1, x0:x1]), lap_var(b[y0:y1, x0:x1])],
    "high": [high_freq(a[y0:y1, x0:x1]), high_freq(b[y0:y1, x0:x1])],
    "outside_diff": float(np.abs(a[outside] - b[outside]).mean()),
}))
`;

// ---- "Which Esme?" ----

test('an ambiguous name asks "Which Esme?" with each pupil\'s full name and class, by keyboard', STEP, async () => {
  await openComposer();
  await page.keyboard.type(TEXT);
  await waitForPanel('block', 'pupil.no_consent');
  await question().waitFor();
  assert.deepEqual(await question().getByRole('button').allTextContents(), ['Esme KaurKestrel', 'Esme PricePuffin']);
  assert.deepEqual(await question().getByRole('button').evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-pressed'))),
    ['false', 'false']);
  // One stop for Tab; the arrow keys move between the pupils.
  assert.deepEqual(await question().getByRole('button').evaluateAll((bs) => bs.map((b) => b.tabIndex)), [0, -1]);
  // Into the panel as a keyboard user: from its heading, Tab reaches the first pupil.
  await settle(page, panelFrame());
  await panel().getByRole('heading', { name: 'PostGuard' }).click();
  for (let i = 0; i < 4 && (await focusedInPanel()) !== 'Esme KaurKestrel'; i++) await page.keyboard.press('Tab');
  assert.equal(await focusedInPanel(), 'Esme KaurKestrel');
  await page.keyboard.press('ArrowDown');
  assert.equal(await focusedInPanel(), 'Esme PricePuffin');
  await page.keyboard.press('ArrowDown'); // wraps round
  assert.equal(await focusedInPanel(), 'Esme KaurKestrel');
  await screenshot(page, 'panel-which-esme.png');
  // The site never sees who the candidates are: they are only in the extension's frame.
  assert.doesNotMatch(await page.evaluate(() => document.documentElement.outerHTML), /Kaur|Price|Kestrel|Puffin/);
  // Enter chooses the consented Esme: the post is checked again as her and may go.
  await page.keyboard.press('Enter');
  await waitForPanel('info', 'pupil.named');
  assert.equal(await choice('Esme Kaur').getAttribute('aria-pressed'), 'true');
  await panel().getByText('You chose Esme Kaur (Kestrel)').waitFor();
  // The keyboard stays on the chosen pupil after the panel is drawn again.
  assert.equal(await focusedInPanel(), 'Esme KaurKestrel');
  // Typing more (the name stays where it was) keeps the answer.
  await page.getByRole('dialog').getByRole('textbox').click();
  await page.keyboard.press('End');
  await page.keyboard.type(' Well done!');
  await page.waitForTimeout(1500);
  await waitForPanel('info', 'pupil.named');
  await nextThenPost();
  await waitPublished(1);
  assert.deepEqual((await published()).map((p) => p.text), [`${TEXT} Well done!`]);
  // The daemon was told which Esme (its audit keeps the UPN, never the text).
  assert.ok((await auditEntries()).some((e) => (e.resolved ?? []).includes(ESME_KAUR)), 'no resolved check in the audit');
});

test('choosing the Esme without consent keeps the post blocked', STEP, async () => {
  await openComposer();
  await page.keyboard.type(TEXT);
  await question().waitFor();
  await settle(page, panelFrame());
  await choice('Esme Price').click(); // the mouse works too
  await panel().getByText('You chose Esme Price (Puffin)').waitFor();
  await waitForPanel('block', 'pupil.no_consent');
  assert.equal(await choice('Esme Price').getAttribute('aria-pressed'), 'true');
  assert.ok((await auditEntries()).some((e) => (e.resolved ?? []).includes(ESME_PRICE)), 'no resolved check in the audit');
  await page.getByRole('button', { name: 'Next' }).click();
  await expectBlocked('pupil.no_consent');
  assert.deepEqual(await published(), []);
  // Changing the answer to the consented Esme lets it go.
  await settle(page, panelFrame());
  await choice('Esme Kaur').click();
  await waitForPanel('info', 'pupil.named');
  await nextThenPost();
  await waitPublished(1);
});

test('the answer is dropped once the text at the name changes, and the question is asked again', STEP, async () => {
  await openComposer();
  await page.keyboard.type(TEXT);
  await question().waitFor();
  await settle(page, panelFrame());
  await choice('Esme Kaur').click();
  await waitForPanel('info', 'pupil.named');
  // Words typed before the name move it: the choice no longer says which pupil is meant.
  await page.getByRole('dialog').getByRole('textbox').click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.type('Today ');
  await waitForPanel('block', 'pupil.no_consent');
  await question().waitFor();
  assert.deepEqual(await question().getByRole('button').evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-pressed'))),
    ['false', 'false']);
  await page.getByRole('button', { name: 'Next' }).click();
  await guardDialog().getByText('asks you a question about it (which pupil a name means').waitFor({ timeout: 20_000 });
  await expectBlocked('pupil.no_consent');
  assert.deepEqual(await published(), []);
});

test('a surname typed after a chosen name: the old answer no longer fits, and the full name is checked', STEP, async () => {
  await openComposer();
  await page.keyboard.type(TEXT);
  await question().waitFor();
  await settle(page, panelFrame());
  await choice('Esme Price').click();
  await panel().getByText('You chose Esme Price (Puffin)').waitFor();
  // "Esme" is still at its place, but the mention is now "Esme Kaur": the daemon refuses the
  // old choice (400); the extension checks again without it instead of showing an error.
  await page.getByRole('dialog').getByRole('textbox').click();
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.type(' Kaur');
  await waitForPanel('warn', 'pupil.full_name');
  assert.equal(await question().count(), 0);
  assert.equal(await panel().locator('li.finding[data-code="pupil.no_consent"]').count(), 0);
});

// ---- photos with people ----

test('a photo with a face: the panel draws its box and lists the pupils without photo consent to look for', STEP, async () => {
  await openComposer();
  await page.keyboard.type(PHOTO_TEXT);
  await attach(photo);
  await waitForPanel('warn', 'image.faces');
  const section = facesSection();
  await section.getByRole('heading', { name: 'Who is in space-centre.png?' }).waitFor();
  await section.getByRole('img', { name: 'space-centre.png, with 1 face marked' }).waitFor();
  // The box on the thumbnail is where the daemon found the face.
  const boxes = await section.locator('.face-box').evaluateAll((marks) => marks.map((m) => {
    const frame = m.parentElement.getBoundingClientRect();
    const r = m.getBoundingClientRect();
    return [(r.left - frame.left) / frame.width, (r.top - frame.top) / frame.height, r.width / frame.width];
  }));
  assert.equal(boxes.length, 1);
  const [x, y, w] = boxes[0];
  // The astronaut's face: a little left of centre, in the top third.
  assert.ok(x > 0.2 && x < 0.5 && y > 0.02 && y < 0.3 && w > 0.1 && w < 0.35, JSON.stringify(boxes));
  const lookFor = section.getByRole('list', { name: 'Pupils without photo consent to look for' });
  assert.deepEqual(await lookFor.getByRole('listitem').evaluateAll((lis) => lis.map((li) => li.firstChild.textContent)),
    ['Layla Brooks Kestrel', 'Esme Price Puffin']);
  // The admin kept a reference thumbnail of Layla: it is shown beside her name to compare by eye.
  const reference = lookFor.getByRole('img', { name: 'Reference photo 1 of Layla Brooks' });
  await reference.waitFor();
  assert.match(await reference.getAttribute('src'), /^data:image\/(jpeg|png|webp);base64,/);
  assert.equal(await lookFor.getByRole('img').count(), 1);
  await screenshot(page, 'panel-faces.png');
  // The site never sees the names or the boxes: they are only in the extension's frame.
  const pageText = await page.evaluate(() => document.documentElement.outerHTML);
  assert.doesNotMatch(pageText, /Layla|Esme Price|face-box/);
  // A warning: Next asks first.
  await page.getByRole('button', { name: 'Next' }).click();
  await guardDialog().getByText('Check this post before it goes out').waitFor({ timeout: 20_000 });
  await guardDialog().getByText('The PostGuard panel beside the post asks you a question').waitFor();
  await guardDialog().getByRole('button', { name: 'Go back and edit' }).click();
  assert.deepEqual(await published(), []);
});

test('the pupils to look for are narrowed to the class the post names', STEP, async () => {
  await openComposer();
  await page.keyboard.type('Puffin class visited the space centre today!');
  await attach(photo);
  await waitForPanel('warn', 'image.faces');
  const section = facesSection();
  await section.getByText('Look for these pupils without photo consent (in Puffin, as the post says):').waitFor();
  const lookFor = section.getByRole('list', { name: 'Pupils without photo consent to look for' });
  assert.deepEqual(await lookFor.getByRole('listitem').evaluateAll((lis) => lis.map((li) => li.firstChild.textContent)),
    ['Esme Price Puffin']);
});

test('"None of these is in the photo" clears the warning and the post goes out', STEP, async () => {
  await openComposer();
  await page.keyboard.type(PHOTO_TEXT);
  await attach(photo);
  await waitForPanel('warn', 'image.faces');
  await settle(page, panelFrame());
  await facesSection().getByRole('button', { name: 'None of these is in the photo' }).click();
  await waitForPanel('info', 'image.faces');
  assert.equal(await facesSection().getByRole('button', { name: 'None of these is in the photo' }).getAttribute('aria-pressed'), 'true');
  await nextThenPost();
  await waitPublished(1);
  assert.equal((await published())[0].text, PHOTO_TEXT);
});

test('the pupil picker works by keyboard, and a pictured pupil without consent stops the post', STEP, async () => {
  await openComposer();
  await page.keyboard.type(PHOTO_TEXT);
  await attach(photo);
  await waitForPanel('warn', 'image.faces');
  const picker = facesSection().getByRole('combobox', { name: 'Someone else in it? Type a pupil\'s name' });
  await settle(page, panelFrame());
  await picker.click();
  await page.keyboard.type('esm');
  const options = facesSection().getByRole('listbox').getByRole('option');
  await options.first().waitFor();
  assert.deepEqual(await options.allTextContents(), ['Esme KaurKestrel', 'Esme PricePuffin']);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.deepEqual(await options.evaluateAll((os) => os.map((o) => o.getAttribute('aria-selected'))), ['false', 'true']);
  assert.equal(await picker.getAttribute('aria-activedescendant'), await options.nth(1).getAttribute('id'));
  // Escape closes the list without choosing; Down opens it again.
  await page.keyboard.press('Escape');
  assert.equal(await picker.getAttribute('aria-expanded'), 'false');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await screenshot(page, 'panel-pupil-picker.png');
  await page.keyboard.press('Enter');
  // Esme Price has no photo consent: the photo now blocks the post.
  await waitForPanel('block', 'image.no_consent');
  await facesSection().getByRole('alert').getByText('This photo cannot be posted').waitFor();
  await facesSection().getByRole('list', { name: 'Pupils without photo consent to look for' })
    .getByRole('button', { name: 'Esme Price is in the photo' }).and(panelFrame().locator('[aria-pressed="true"]')).waitFor();
  await page.getByRole('button', { name: 'Next' }).click();
  await expectBlocked('image.no_consent');
  assert.deepEqual(await published(), []);
});

test('"Save a copy with faces blurred" makes a copy whose face has lost its detail, and the copy can be posted', STEP, async () => {
  await openComposer();
  await page.keyboard.type(PHOTO_TEXT);
  await attach(photo);
  await waitForPanel('warn', 'image.faces');
  const box = (await daemonFaces())[0];
  await settle(page, panelFrame());
  await facesSection().getByRole('button', { name: 'Layla Brooks is in the photo' }).click();
  await waitForPanel('block', 'image.no_consent');
  const blurPart = facesSection().getByRole('region', { name: 'Save a copy of space-centre.png with faces blurred' });
  await blurPart.waitFor();
  // Every face is chosen to start with.
  assert.deepEqual(await blurPart.getByRole('checkbox').evaluateAll((cs) => cs.map((c) => c.checked)), [true]);
  await settle(page, panelFrame());
  await blurPart.getByRole('button', { name: 'Make the blurred copy' }).click();
  const link = blurPart.getByRole('link', { name: 'Download space-centre-faces-blurred.jpg' });
  await link.waitFor();
  assert.match(await link.getAttribute('href'), /^blob:chrome-extension:\/\//);
  await screenshot(page, 'panel-blurred-copy.png');
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  assert.equal(download.suggestedFilename(), 'space-centre-faces-blurred.jpg');
  const copy = path.join(photoDir, 'space-centre-faces-blurred.jpg');
  await download.saveAs(copy);

  // The face region has lost nearly all its detail; the rest of the photo is unchanged.
  const { stdout } = await run(PYTHON, ['-c', MEASURE, photo, copy, JSON.stringify(box)]);
  const m = JSON.parse(stdout);
  assert.deepEqual(m.size[0], m.size[1]);
  assert.ok(m.lap[1] < m.lap[0] / 100, `Laplacian variance ${m.lap[0].toFixed(1)} -> ${m.lap[1].toFixed(2)}`);
  assert.ok(m.high[1] < m.high[0] / 100, `high-frequency energy ${m.high[0].toFixed(1)} -> ${m.high[1].toFixed(3)}`);
  assert.ok(m.outside_diff < 3, `the rest changed by ${m.outside_diff.toFixed(2)} grey levels on average`);
  console.log(`blurred face: Laplacian variance ${m.lap[0].toFixed(1)} -> ${m.lap[1].toFixed(2)}; ` +
    `high-frequency energy ${m.high[0].toFixed(1)} -> ${m.high[1].toFixed(3)}; rest ${m.outside_diff.toFixed(2)}`);
  // Even PostGuard's face detector no longer finds a face in the copy.
  const checked = await checkWithCli(copy);
  assert.deepEqual(checked.findings.filter((f) => f.code === 'image.faces'), []);

  // The staff member takes the original out and attaches the copy instead: the post goes.
  await page.getByRole('dialog').getByRole('button', { name: 'Remove photo' }).click();
  await settle(page, panelFrame());
  await panel().getByRole('button', { name: 'I have removed space-centre.png from the post' }).click();
  await attach(copy);
  await waitForPanel('ok');
  await nextThenPost();
  await waitPublished(1);
});

async function auditEntries() {
  return (await postguard(home, 'audit', '--json', '--limit', '20')).trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

test('only the faces the staff member picks are blurred', STEP, async () => {
  await openComposer();
  await page.keyboard.type(PHOTO_TEXT);
  await attach(pair);
  await waitForPanel('warn', 'image.faces');
  const section = facesSection('two-astronauts.jpg');
  await section.getByRole('img', { name: 'two-astronauts.jpg, with 2 faces marked' }).waitFor();
  const boxes = await daemonFaces(pair);
  assert.equal(boxes.length, 2);
  await settle(page, panelFrame());
  await section.getByRole('button', { name: 'Esme Price is in the photo' }).click();
  await waitForPanel('block', 'image.no_consent');
  const blurPart = section.getByRole('region', { name: 'Save a copy of two-astronauts.jpg with faces blurred' });
  assert.deepEqual(await blurPart.getByRole('checkbox').evaluateAll((cs) => cs.map((c) => c.checked)), [true, true]);
  // By keyboard: Space on the second face's box takes it out of the copy.
  await settle(page, panelFrame());
  await blurPart.getByRole('checkbox', { name: 'Face 2' }).focus();
  await page.keyboard.press('Space');
  assert.deepEqual(await blurPart.getByRole('checkbox').evaluateAll((cs) => cs.map((c) => c.checked)), [true, false]);
  await blurPart.getByRole('button', { name: 'Make the blurred copy' }).click();
  const link = blurPart.getByRole('link', { name: 'Download two-astronauts-faces-blurred.jpg' });
  await link.waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const copy = path.join(photoDir, 'two-astronauts-faces-blurred.jpg');
  await download.saveAs(copy);
  const measure = async (box) => JSON.parse((await run(PYTHON, ['-c', MEASURE, pair, copy, JSON.stringify(box)])).stdout);
  const [chosen, kept] = [await measure(boxes[0]), await measure(boxes[1])];
  assert.ok(chosen.lap[1] < chosen.lap[0] / 100, `chosen face: ${chosen.lap[0].toFixed(1)} -> ${chosen.lap[1].toFixed(2)}`);
  assert.ok(kept.lap[1] > kept.lap[0] / 2, `face left as it was: ${kept.lap[0].toFixed(1)} -> ${kept.lap[1].toFixed(1)}`);
});

test('a photo stored on its side (EXIF orientation) is blurred where its face is shown', STEP, async () => {
  await openComposer();
  await page.keyboard.type(PHOTO_TEXT);
  await attach(sideways);
  await waitForPanel('warn', 'image.faces');
  const [box] = await daemonFaces(sideways);
  // Upright: the face is in the top part of the picture, as in the original.
  assert.ok(box[1] < 0.3, JSON.stringify(box));
  const section = facesSection('sideways.jpg');
  await settle(page, panelFrame());
  await section.getByRole('button', { name: 'Esme Price is in the photo' }).click();
  await waitForPanel('block', 'image.no_consent');
  const blurPart = section.getByRole('region', { name: 'Save a copy of sideways.jpg with faces blurred' });
  await settle(page, panelFrame());
  await blurPart.getByRole('button', { name: 'Make the blurred copy' }).click();
  const link = blurPart.getByRole('link', { name: 'Download sideways-faces-blurred.jpg' });
  await link.waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const copy = path.join(photoDir, 'sideways-faces-blurred.jpg');
  await download.saveAs(copy);
  const m = JSON.parse((await run(PYTHON, ['-c', MEASURE, sideways, copy, JSON.stringify(box)])).stdout);
  assert.deepEqual(m.size[0], m.size[1]);
  assert.ok(m.lap[1] < m.lap[0] / 100, `Laplacian variance ${m.lap[0].toFixed(1)} -> ${m.lap[1].toFixed(2)}`);
  assert.ok(m.outside_diff < 3, `the rest changed by ${m.outside_diff.toFixed(2)} grey levels on average`);
});

// `postguard check --json` of the post with this photo (its exit code says the verdict: any is fine here).
async function checkWithCli(image) {
  const bin = process.env.POSTGUARD_BIN ?? path.join(REPO_DIR, '.venv', 'bin', 'postguard');
  const { stdout } = await run(bin, ['--home', home, 'check', '--json', '--image', image, PHOTO_TEXT], { timeout: 120_000 })
    .catch((err) => ({ stdout: err.stdout }));
  return JSON.parse(stdout);
}

// The face boxes the daemon finds in the photo (the ones the panel draws).
async function daemonFaces(image = photo) {
  const faces = (await checkWithCli(image)).findings.find((f) => f.code === 'image.faces');
  assert.ok(faces, 'the daemon finds no face in the photo');
  return faces.boxes;
}
