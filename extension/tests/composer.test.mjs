// End-to-end: the unpacked extension in Chromium, a simple copy of Facebook's
// composer (tests/fixtures/composer.html: one dialog, a visible file input,
// a page-owned text model) served at https://www.facebook.com/..., and the real
// PostGuard daemon with the test roster (tests/fixtures/roster.csv, invented
// pupils). It covers the panel, pairing, warnings, keyboard, drop and paste and
// the offline case; facebook.test.mjs covers Facebook's real structure.
// Each test opens its own page and sets what it needs: they run in any order.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, rm } from 'node:fs/promises';
import path from 'node:path';
import {
  Daemon, FIXTURE_URL, badgeText, freePort, launchBrowser, makeHome, pairExtension, postguard, resetSettings,
  screenshot, tempDir,
} from './harness.mjs';
import { testPhoto } from './png.mjs';

const NOAH = 'Q201511100004'; // name consent, no photo consent: his photo is in the bank

// No step may hang the suite (CI has a time limit); each is far quicker than this.
const STEP = { timeout: 120_000 };

let home;
let daemon;
let browser;
let page;
let photoDir;

// The panel and the dialog are extension pages in iframes over the site.
const panelFrame = () => page.frameLocator('iframe[data-postguard="panel"]');
const panel = () => panelFrame().getByRole('complementary', { name: 'PostGuard check' });
const dialog = () => dialogFrame().getByRole('alertdialog');
const dialogFrame = () => page.frameLocator('iframe[data-postguard="dialog"]');
const postButton = () => page.getByRole('button', { name: 'Post', exact: true });

// Lets the page (and a frame) draw: Chromium routes a click into a frame that
// has just appeared only once the page has drawn it. A person never clicks
// that fast; the tests do.
const twoFrames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
async function settle(frame) {
  if (frame) await frame.locator('body').evaluate(twoFrames);
  await page.evaluate(twoFrames);
}

async function clickPost() {
  await settle();
  await postButton().click();
}


async function clickInDialog(name) {
  const button = dialog().getByRole('button', { name });
  await button.waitFor();
  await settle(dialogFrame());
  await button.click();
}

async function clickInPanel(name) {
  const button = panel().getByRole('button', { name });
  await button.waitFor();
  await settle(panelFrame());
  await button.click();
}

const posted = () => page.evaluate(() => window.__posted.slice());

async function openComposer() {
  page = await browser.context.newPage();
  await page.goto(FIXTURE_URL);
  await page.getByRole('textbox').click();
}

// Types like a person (real key events into the Lexical-style editor).
async function typeDraft(text) {
  await page.evaluate(() => window.__setDraft(''));
  await settle();
  await page.getByRole('textbox').click();
  await page.keyboard.type(text);
}

// Waits until the panel shows a check with this verdict and a finding whose
// code starts with `code` (so an answer for the previous draft never counts).
async function waitForVerdict(verdict, code) {
  try {
    await panelFrame()
      .locator(`.panel[data-state="checked"][data-verdict="${verdict}"] li.finding[data-code^="${code}"]`)
      .first().waitFor({ timeout: 15_000 });
  } catch (err) {
    const shown = await panelFrame().locator('.panel').evaluate((box) =>
      `state=${box.dataset.state} verdict=${box.dataset.verdict} text=${box.textContent}`).catch(() => 'no panel');
    const draft = await page.getByRole('textbox').textContent();
    throw new Error(`Wanted ${verdict} with ${code} for draft ${JSON.stringify(draft)}; panel shows ${shown}`, { cause: err });
  }
}

async function findings() {
  return panel().locator('li.finding').evaluateAll((items) => items.map((li) => ({
    severity: li.dataset.severity, code: li.dataset.code, text: li.textContent,
  })));
}

// The button that has keyboard focus inside the dialog.
async function expectFocus(label) {
  const frame = dialogFrame();
  await frame.getByRole('button', { name: label }).waitFor();
  await page.waitForFunction(() => document.activeElement?.dataset?.postguard === 'dialog', null, { timeout: 5_000 });
  assert.equal(await frame.locator('body').evaluate(() => document.activeElement?.textContent), label);
}

// Text and on-screen box of each range in a CSS highlight (read in the page).
function highlightRanges(name) {
  return page.evaluate((n) => {
    const h = CSS.highlights.get(n);
    return h ? [...h].map((r) => ({ text: r.toString(), rect: r.getBoundingClientRect().toJSON() })) : [];
  }, name);
}

// Where a substring of the editor's text really is on screen.
function rectOfText(needle) {
  return page.evaluate((n) => {
    const walker = document.createTreeWalker(document.querySelector('[role="textbox"]'), NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.data.indexOf(n);
      if (at >= 0) {
        const r = document.createRange();
        r.setStart(node, at);
        r.setEnd(node, at + n.length);
        return r.getBoundingClientRect().toJSON();
      }
    }
    return null;
  }, needle);
}

before(async () => {
  home = await makeHome();
  // The "bank photo": a reference photo of a pupil without photo consent.
  photoDir = await tempDir('postguard-photos-');
  await writeFile(path.join(photoDir, 'noah-reference.png'), testPhoto(1));
  // The attached photo is the same picture with different bytes: the daemon
  // does not know its SHA-256, so the extension must upload it.
  await writeFile(path.join(photoDir, 'sports-day.png'), testPhoto(1, { retouched: true }));
  // A different picture that matches nobody.
  await writeFile(path.join(photoDir, 'trip.png'), testPhoto(2));
  await postguard(home, 'images', 'add', '--pupil', NOAH, path.join(photoDir, 'noah-reference.png'));
  daemon = new Daemon(home, await freePort());
  await daemon.start();
  browser = await launchBrowser();
  await pairExtension(browser, daemon);
}, { timeout: 240_000 });

const storedToken = async () => (await browser.worker.evaluate(() => chrome.storage.local.get('token'))).token;

// Every test starts paired, with the daemon running, default settings and a fresh composer.
beforeEach(async () => {
  await page?.close().catch(() => {});
  await resetSettings(browser);
  if (daemon.proc?.exitCode !== null) await daemon.start();
  if (!(await storedToken())) await pairExtension(browser, daemon);
  await openComposer();
}, { timeout: 120_000 });

after(async () => {
  await browser?.close();
  await daemon?.stop();
  if (home) await rm(home, { recursive: true, force: true });
  if (photoDir) await rm(photoDir, { recursive: true, force: true });
}, { timeout: 60_000 });

test('before pairing, the panel asks to pair and the badge says OFF', STEP, async () => {
  const token = await storedToken();
  await browser.worker.evaluate(() => chrome.storage.local.set({ token: '' }));
  // An empty composer shows no panel.
  await page.waitForTimeout(1000);
  assert.equal(await page.locator('iframe[data-postguard="panel"]').isVisible(), false);
  await typeDraft('Amelia Stanbury sang in the choir.');
  await panel().getByText('not paired with PostGuard').waitFor();
  await panel().getByRole('button', { name: 'Open PostGuard settings to pair' }).waitFor();
  assert.equal(await badgeText(browser), 'OFF');
  // Post asks first, and offers the way to pair.
  await clickPost();
  await dialog().getByText('This browser is not paired with PostGuard').waitFor();
  await dialog().getByRole('button', { name: 'Open PostGuard settings' }).waitFor();
  await clickInDialog('Go back and edit');
  assert.deepEqual(await posted(), []);
  // Pairing re-checks the open draft by itself.
  await browser.worker.evaluate((t) => chrome.storage.local.set({ token: t }), token);
  await waitForVerdict('block', 'pupil.no_consent');
});

test('the settings open by themselves on first install', STEP, () => {
  assert.equal(browser.settingsOpenedOnInstall, true);
});

test('pairing through the options page connects the extension to the daemon', STEP, async () => {
  const options = await browser.context.newPage();
  await options.goto(browser.optionsUrl);
  await options.getByLabel('Port').fill(String(daemon.port));
  const { code } = JSON.parse(await postguard(home, 'pair', '--json'));
  await options.getByLabel('Pairing code').fill(code);
  await options.getByRole('button', { name: 'Pair' }).click();
  await options.getByText('Paired. PostGuard will now check your posts.').waitFor();
  await options.getByText('Connected: posts are being checked.').waitFor();
  await screenshot(options, 'options-pairing.png');

  // A used code is refused in plain words.
  await options.getByLabel('Pairing code').fill(code);
  await options.getByRole('button', { name: 'Pair' }).click();
  await options.getByRole('alert').getByText(/wrong, already used or expired/).waitFor();
  await options.close();

  const popup = await browser.context.newPage();
  await popup.goto(browser.popupUrl);
  await popup.getByText('Connected: posts are being checked.').waitFor();
  assert.equal(await popup.locator('#roster-size').textContent(), '5');
  assert.equal(await popup.locator('#consent-age').textContent(), 'updated in the last hour');
  assert.equal(await popup.getByText('demo pupil list').count(), 0);
  await popup.close();
});

test('a pupil without name consent is highlighted, listed, and the badge counts it', STEP, async () => {
  await typeDraft('Amelia Stanbury sang in the choir.');
  await waitForVerdict('block', 'pupil.no_consent');
  const list = await findings();
  const noConsent = list.find((f) => f.code === 'pupil.no_consent');
  assert.ok(noConsent, `no pupil.no_consent in ${JSON.stringify(list)}`);
  assert.equal(noConsent.severity, 'block');
  assert.match(noConsent.text, /Amelia/);
  assert.match(noConsent.text, /Policy: /);
  const marks = await highlightRanges('postguard-block');
  assert.ok(marks.some((m) => m.text.includes('Amelia')), JSON.stringify(marks));
  assert.match(await badgeText(browser), /^[1-9]\d*$/);
  // What PostGuard found is not readable by the site: the panel is a cross-origin frame.
  assert.equal(await page.evaluate(() => document.querySelector('iframe[data-postguard="panel"]').contentDocument), null);
  assert.equal(await page.evaluate(() => document.documentElement.innerText.includes('consent')), false);
  await screenshot(page, 'panel-blocked.png');
});

test('Post is stopped with a dialog and the page\'s own click handler never runs', STEP, async () => {
  await typeDraft('Amelia Stanbury sang in the choir.');
  await waitForVerdict('block', 'pupil.no_consent');
  await clickPost();
  await dialog().waitFor();
  assert.match(await dialog().getAttribute('aria-labelledby'), /pg-dialog-title/);
  await dialog().getByText('This post cannot go out yet').waitFor();
  assert.match(await dialog().textContent(), /Amelia/);
  assert.equal(await dialog().getByRole('button', { name: 'Post anyway' }).count(), 0);
  await screenshot(page, 'blocked-post-dialog.png');
  await clickInDialog('Go back and edit');
  await dialog().waitFor({ state: 'detached' });
  assert.deepEqual(await posted(), []);

  // Keyboard: Enter on the focused Post button is stopped too; Escape closes.
  await postButton().focus();
  await page.keyboard.press('Enter');
  await dialog().waitFor();
  await page.keyboard.press('Escape');
  await dialog().waitFor({ state: 'detached' });
  assert.deepEqual(await posted(), []);
});

test('the final text is re-checked at the moment of posting', STEP, async () => {
  // Post right after typing, before the typing pause has passed.
  await typeDraft('Oliver read well today.');
  await waitForVerdict('info', 'pupil.named');
  await settle();
  await page.getByRole('textbox').click();
  await page.keyboard.type(' So did Amelia Stanbury.');
  await clickPost();
  await dialog().getByText('This post cannot go out yet').waitFor();
  await clickInDialog('Go back and edit');
  assert.deepEqual(await posted(), []);
});

test('a consented first name is only information and the post goes through', STEP, async () => {
  const text = 'Oliver read brilliantly in assembly today.';
  await typeDraft(text);
  await waitForVerdict('info', 'pupil.named');
  const list = await findings();
  const named = list.find((f) => f.code === 'pupil.named');
  assert.ok(named, JSON.stringify(list));
  assert.equal(named.severity, 'info');
  assert.ok(list.every((f) => f.severity === 'info'));
  assert.ok((await highlightRanges('postguard-info')).some((m) => m.text.includes('Oliver')));
  assert.deepEqual(await highlightRanges('postguard-block'), []);
  await clickPost();
  await page.waitForFunction((t) => window.__posted.includes(t), text, { timeout: 15_000 });
  assert.equal(await dialog().count(), 0);
  assert.deepEqual(await posted(), [text]);
});

test('a post with nothing to report gets a tick and goes straight out', STEP, async () => {
  const text = 'What a sunny afternoon for our school garden!';
  await typeDraft(text);
  await panelFrame().locator('.panel[data-state="checked"][data-verdict="ok"]').waitFor({ timeout: 15_000 });
  await panel().getByText('No problems found.').waitFor();
  assert.equal(await badgeText(browser), '✓');
  await clickPost();
  await page.waitForFunction((t) => window.__posted.includes(t), text, { timeout: 15_000 });
  assert.equal(await dialog().count(), 0);
});

test('a warning asks for confirmation: going back keeps the post, confirming sends it', STEP, async () => {
  const text = 'Oliver is 9 today! Happy birthday from everyone in Class 4B.';
  await typeDraft(text);
  await waitForVerdict('warn', 'detail.');
  const list = await findings();
  assert.ok(list.some((f) => f.severity === 'warn' && f.code.startsWith('detail.')), JSON.stringify(list));
  assert.ok((await highlightRanges('postguard-warn')).length > 0);

  await clickPost();
  await dialog().getByText('Check this post before it goes out').waitFor();
  await clickInDialog('Go back and edit');
  await dialog().waitFor({ state: 'detached' });
  assert.equal((await posted()).includes(text), false);

  // By keyboard: the dialog has focus on "Go back and edit"; Tab moves to "Post anyway".
  await clickPost();
  await expectFocus('Go back and edit');
  await page.keyboard.press('Tab');
  await expectFocus('Post anyway');
  await page.keyboard.press('Enter');
  await page.waitForFunction((t) => window.__posted.includes(t), text, { timeout: 15_000 });
});

test('emoji before a name keep the highlight on the name', STEP, async () => {
  // Two paragraphs with an empty one between them, as the editor renders them.
  await typeDraft('🎉🎉 Sports day 🏃‍♀️🥇');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.type('👏 Huge well done to Amelia Stanbury!');
  await waitForVerdict('block', 'pupil.no_consent');
  const marks = await highlightRanges('postguard-block');
  const mark = marks.find((m) => m.text.includes('Amelia'));
  assert.ok(mark, JSON.stringify(marks));
  assert.match(mark.text, /^Amelia( Stanbury)?$/);
  const truth = await rectOfText(mark.text);
  assert.ok(truth && truth.width > 0);
  for (const key of ['left', 'top', 'width', 'height']) {
    assert.ok(Math.abs(mark.rect[key] - truth[key]) < 1, `${key}: highlight ${mark.rect[key]} vs text ${truth[key]}`);
  }
});

test('an attached photo of a pupil without photo consent is flagged with a thumbnail', STEP, async () => {
  await typeDraft('What a sports day!');
  await page.getByLabel('Photo/video').setInputFiles(path.join(photoDir, 'sports-day.png'));
  await waitForVerdict('block', 'image.no_consent');
  const list = await findings();
  const image = list.find((f) => f.code === 'image.no_consent');
  assert.ok(image, JSON.stringify(list));
  assert.equal(image.severity, 'block');
  await panel().getByRole('img', { name: 'Attached photo: sports-day.png' }).waitFor();
  await screenshot(page, 'panel-photo.png');
  await clickPost();
  await dialog().getByText('This post cannot go out yet').waitFor();
  await dialog().getByRole('img', { name: 'Attached photo: sports-day.png' }).waitFor();
  await clickInDialog('Go back and edit');
  assert.equal((await posted()).includes('What a sports day!'), false);
  // Saying "I removed it" while the page still shows the photo is not enough: PostGuard asks.
  await clickInPanel('I have removed sports-day.png from the post');
  await panelFrame().locator('.panel[data-state="checked"][data-verdict="ok"]').waitFor({ timeout: 15_000 });
  await clickPost();
  await dialog().getByText('a photo or video that PostGuard did not get to check').waitFor();
  await clickInDialog('Go back and edit');
  assert.equal((await posted()).includes('What a sports day!'), false);
  // Once the photo is out of the post (the page drops its preview), the post may go.
  await page.evaluate(() => document.querySelector('.attached').replaceChildren());
  await clickPost();
  await page.waitForFunction(() => window.__posted.includes('What a sports day!'), null, { timeout: 15_000 });
});

test('a photo the daemon knows and a new one in the same post are both checked', STEP, async () => {
  await typeDraft('Class trip photos.');
  // The reference photo's bytes are known to the daemon; trip.png is new and must be uploaded.
  await page.getByLabel('Photo/video').setInputFiles(
    [path.join(photoDir, 'noah-reference.png'), path.join(photoDir, 'trip.png')]);
  await waitForVerdict('block', 'image.no_consent');
  await panel().getByRole('img', { name: 'Attached photo: noah-reference.png' }).waitFor();
  await panel().getByText('2 attached photos checked').waitFor();
});

// Puts a photo into the composer the way a drop or a paste does.
async function dropOrPaste(how, name) {
  const b64 = (await readFile(path.join(photoDir, 'sports-day.png'))).toString('base64');
  await page.evaluate(([data, kind, fileName]) => {
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], fileName, { type: 'image/png' }));
    const editor = document.querySelector('[role="textbox"]');
    const event = kind === 'drop'
      ? new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true })
      : new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true });
    editor.dispatchEvent(event);
  }, [b64, how, name]);
}

test('photos dropped or pasted into the composer are checked too', STEP, async () => {
  for (const how of ['drop', 'paste']) {
    await typeDraft(`Photos from the fair (${how}).`);
    await dropOrPaste(how, `${how}ped-photo.png`);
    await waitForVerdict('block', 'image.no_consent');
    await panel().getByRole('img', { name: `Attached photo: ${how}ped-photo.png` }).waitFor();
    await page.close();
    await openComposer(); // a fresh composer starts without photos
  }
});

test('with the daemon stopped the panel says so, the badge says OFF, and Post asks first', STEP, async () => {
  await daemon.stop();
  const text = 'Lovely reading from Oliver this morning.';
  await typeDraft(text);
  await panelFrame().locator('.panel[data-state="offline"]').waitFor({ timeout: 15_000 });
  await panel().getByText('PostGuard is not running on this computer').waitFor();
  assert.equal(await badgeText(browser), 'OFF');
  await screenshot(page, 'panel-offline.png');

  await clickPost();
  await dialog().getByText('PostGuard could not check this post').waitFor();
  await clickInDialog('Post without checking');
  await page.waitForFunction((t) => window.__posted.includes(t), text, { timeout: 15_000 });

  // The option turns "ask" into "stop".
  const options = await browser.context.newPage();
  await options.goto(browser.optionsUrl);
  await options.getByLabel('Stop posting when PostGuard cannot check the post').check();
  await options.close();
  await page.bringToFront();
  await clickPost();
  await dialog().getByText('PostGuard could not check this post').waitFor();
  assert.equal(await dialog().getByRole('button', { name: 'Post without checking' }).count(), 0);
  await clickInDialog('Go back and edit');
  assert.equal((await posted()).filter((t) => t === text).length, 1);
});

test('with the daemon stopped Ctrl+Enter asks first too, and posts once when told to', STEP, async () => {
  await daemon.stop();
  const text = 'Our reading corner is ready for the new term.';
  await typeDraft(text);
  await page.keyboard.press('Control+Enter');
  await dialog().getByText('PostGuard could not check this post').waitFor({ timeout: 15_000 });
  assert.deepEqual(await posted(), []);
  await clickInDialog('Post without checking');
  await page.waitForFunction((t) => window.__posted.includes(t), text, { timeout: 15_000 });
  assert.deepEqual(await posted(), [text]);
});

test('storage holds only the settings: never draft text or photos', STEP, async () => {
  await typeDraft('Lovely reading from Oliver and Amelia this morning.');
  await page.getByLabel('Photo/video').setInputFiles(path.join(photoDir, 'sports-day.png'));
  await waitForVerdict('block', 'image.no_consent');
  const stored = await browser.worker.evaluate(() => chrome.storage.local.get(null));
  const allowed = ['blockWhenOffline', 'checkMessages', 'extraSites', 'port', 'token'];
  assert.deepEqual(Object.keys(stored).filter((key) => !allowed.includes(key)), []);
  assert.ok(stored.token && stored.port, 'pairing stored the token and port');
  const all = JSON.stringify(stored);
  for (const word of ['Oliver', 'Amelia', 'sports', 'reading']) assert.equal(all.includes(word), false, word);
});
