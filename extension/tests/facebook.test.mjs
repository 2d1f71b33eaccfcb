// End-to-end on the realistic fixture (tests/fixtures/page.html and
// business.html: Facebook's structure with the real Lexical editor), with the
// real daemon and the unpacked extension in Chromium. Every test opens its own
// page and sets the settings it needs, so the tests run in any order.
// What the fixture "published" (window.__published) is what the tests assert on.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  BUSINESS_URL, Daemon, PAGE_URL, freePort, launchBrowser, makeHome, pairExtension, postguard, resetSettings,
  screenshot, settle, tempDir,
} from './harness.mjs';
import { testPhoto } from './png.mjs';

const NOAH = 'Q201511100004'; // name consent, no photo consent: his photo is in the bank
const STEP = { timeout: 120_000 };

// The fixture's labels (tests/fixtures/src/facebook_fixture.js) in both languages.
const LOCALES = {
  en: {
    lang: 'en',
    whatsOnYourMind: "What's on your mind?", next: 'Next', back: 'Back', post: 'Post', photoVideo: 'Photo/video',
    attachedMedia: 'Attached media', commentAs: 'Comment as Riverside Primary School', comment: 'Comment',
    attachPhoto: 'Attach a photo', message: 'Message', publish: 'Publish', schedule: 'Schedule', addPhoto: 'Add photo',
    customise: 'Customise post for Instagram',
    named: 'Amelia Stanbury sang beautifully in the choir today.',
    clean: 'What a sunny afternoon for our school garden!',
    comment_named: 'Well done Amelia Stanbury!',
    comment_clean: 'Thank you to everyone who came to the fair.',
  },
  cy: {
    lang: 'cy',
    whatsOnYourMind: 'Beth sydd ar eich meddwl?', next: 'Nesaf', back: 'Yn ôl', post: 'Postio', photoVideo: 'Llun/fideo',
    attachedMedia: 'Cyfryngau atodedig', commentAs: 'Rhoi sylw fel Ysgol Gynradd Glan yr Afon', comment: 'Rhoi sylw',
    attachPhoto: 'Atodi llun', message: 'Neges', publish: 'Cyhoeddi', schedule: 'Amserlennu', addPhoto: 'Ychwanegu llun',
    customise: 'Addasu post ar gyfer Instagram',
    named: 'Da iawn Amelia Stanbury yn y côr heddiw.',
    clean: 'Prynhawn heulog yng ngardd yr ysgol!',
    comment_named: 'Llongyfarchiadau Amelia Stanbury!',
    comment_clean: 'Diolch i bawb a ddaeth i’r ffair.',
  },
};

// Irish: PostGuard knows none of these labels; it finds the submits by structure alone.
const IRISH = {
  lang: 'ga', whatsOnYourMind: 'Cad atá ar d’intinn?', next: 'Ar aghaidh', post: 'Postáil', publish: 'Foilsigh',
  commentAs: 'Tabhair trácht mar Bhunscoil Cois Abhann', comment: 'Trácht', schedule: 'Sceidealaigh',
  named: 'Comhghairdeas le Amelia Stanbury!', clean: 'Tráthnóna grianmhar i ngairdín na scoile!',
};

let home;
let daemon;
let browser;
let photoDir;
let page;

before(async () => {
  home = await makeHome();
  photoDir = await tempDir('postguard-photos-');
  await writeFile(path.join(photoDir, 'noah-reference.png'), testPhoto(1));
  // The same picture with different bytes: the daemon must be sent it and match it by its perceptual hash.
  await writeFile(path.join(photoDir, 'sports-day.png'), testPhoto(1, { retouched: true }));
  await postguard(home, 'images', 'add', '--pupil', NOAH, path.join(photoDir, 'noah-reference.png'));
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
const dialogFrame = () => page.frameLocator('iframe[data-postguard="dialog"]');
const guardDialog = () => dialogFrame().getByRole('alertdialog');
const panelFrame = () => page.frameLocator('iframe[data-postguard="panel"]');
const published = () => page.evaluate(() => window.__published.slice());
// Business Suite names its buttons only by text with zero-width characters inside.
const visibleText = (label) => new RegExp(`^[\\u200b\\u200c]*${[...label].map((c) => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('[\\u200b\\u200c]*')}[\\u200b\\u200c]*$`);

async function open(url) {
  page = await browser.context.newPage();
  await page.goto(url);
  await countGuardDialogs();
}

// Counts PostGuard's post dialogs, so "no extra clicks" can be asserted.
async function countGuardDialogs() {
  await page.evaluate(() => {
    window.__guardDialogs = 0;
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) if (n.dataset?.postguard === 'dialog') window.__guardDialogs++;
    }).observe(document.documentElement, { childList: true });
  });
}

// steps: '1' for the one-step composer (Post on the first step), else Next -> Post settings -> Post.
async function openPageComposer(L, step1, steps = '2') {
  await open(`${PAGE_URL}?lang=${L.lang}&step1=${step1}&steps=${steps}`);
  await page.getByRole('button', { name: L.whatsOnYourMind }).click();
  // The dialog is mounted a moment after the click, at the end of <body>.
  const editor = page.getByRole('dialog').getByRole('textbox');
  await editor.waitFor();
  await editor.click();
  return editor;
}

async function clickInGuardDialog(name) {
  const button = guardDialog().getByRole('button', { name });
  await button.waitFor();
  await settle(page, dialogFrame());
  await button.click();
  await page.locator('iframe[data-postguard="dialog"]').waitFor({ state: 'detached' });
}

async function expectBlocked(code) {
  await guardDialog().getByText('This post cannot go out yet').waitFor({ timeout: 20_000 });
  assert.equal(await guardDialog().getByRole('button', { name: 'Post anyway' }).count(), 0);
  assert.ok(await guardDialog().locator(`li.finding[data-code^="${code}"]`).count() > 0, `no ${code} in the dialog`);
}

async function attachThroughLateInput(buttonName, scope = page) {
  // The file input does not exist until the button is pressed.
  assert.equal(await page.locator('input[type="file"]').count(), 0);
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    scope.getByRole('button', { name: buttonName }).click(),
  ]);
  await chooser.setFiles(path.join(photoDir, 'sports-day.png'));
  // Hidden, multiple, and emptied again by the page once it has read the file.
  assert.deepEqual(await chooser.element().evaluate((input) =>
    [input.multiple, input.getClientRects().length, input.value]), [true, 0, '']);
}

async function waitForPanel(state, verdict) {
  const selector = verdict ? `.panel[data-state="${state}"][data-verdict="${verdict}"]` : `.panel[data-state="${state}"]`;
  await panelFrame().locator(selector).waitFor({ timeout: 20_000 });
}

const waitPublished = (count) => page.waitForFunction((n) => window.__published.length >= n, count, { timeout: 20_000 });

// ---- the Page's two-step composer, both variants, both languages ----
for (const [lang, L] of Object.entries(LOCALES)) {
  for (const step1 of ['unmounted', 'hidden']) {
    const where = `Page composer (${lang}, step 1 ${step1})`;

    test(`${where}: a post naming a pupil without consent is not published`, STEP, async () => {
      await openPageComposer(L, step1);
      await page.keyboard.type(L.named);
      // Next right away: the final text is checked at the click, not only after the typing pause.
      await page.getByRole('button', { name: L.next }).click();
      await expectBlocked('pupil.no_consent');
      if (lang === 'en' && step1 === 'unmounted') await screenshot(page, 'facebook-page-blocked.png');
      if (lang === 'cy' && step1 === 'unmounted') await screenshot(page, 'facebook-page-blocked-welsh.png');
      await clickInGuardDialog('Go back and edit');
      // Still on step 1 with the text; nothing went out.
      assert.match(await page.getByRole('dialog').getByRole('textbox').textContent(), /Amelia/);
      assert.deepEqual(await published(), []);
    });

    test(`${where}: a photo-only post of a bank photo added through the late file input is not published`, STEP, async () => {
      await openPageComposer(L, step1);
      await attachThroughLateInput(L.photoVideo, page.getByRole('dialog'));
      await page.getByRole('group', { name: L.attachedMedia }).locator('img').waitFor();
      await page.getByRole('button', { name: L.next }).click();
      await expectBlocked('image.no_consent');
      await clickInGuardDialog('Go back and edit');
      assert.deepEqual(await published(), []);
    });

    test(`${where}: a clean post is published without extra clicks`, STEP, async () => {
      await openPageComposer(L, step1);
      await page.keyboard.type(L.clean);
      await page.getByRole('button', { name: L.next }).click();
      // Step 2 (Post settings): the editor is hidden or gone; the composer's verdict still guards Post.
      await page.getByRole('button', { name: L.post, exact: true }).click();
      await waitPublished(1);
      assert.deepEqual((await published()).map((p) => [p.surface, p.text]), [['page', L.clean]]);
      assert.equal(await page.evaluate(() => window.__guardDialogs), 0);
    });

    test(`${where}: Back and Next keep the composer: a photo added on step 1 still counts at Post`, STEP, async () => {
      await openPageComposer(L, step1);
      await page.keyboard.type(L.clean);
      await page.getByRole('button', { name: L.next }).click();
      await page.getByRole('button', { name: L.back }).click();
      await attachThroughLateInput(L.photoVideo, page.getByRole('dialog'));
      await page.getByRole('group', { name: L.attachedMedia }).locator('img').waitFor();
      await page.getByRole('button', { name: L.next }).click();
      await expectBlocked('image.no_consent');
      await clickInGuardDialog('Go back and edit');
      assert.deepEqual(await published(), []);
    });

    test(`${where}: a composer lost mid-way asks before posting`, STEP, async () => {
      await openPageComposer(L, step1);
      await page.keyboard.type(L.clean);
      await page.getByRole('button', { name: L.next }).click();
      await page.getByRole('button', { name: L.post, exact: true }).waitFor();
      // Facebook re-mounts the composer: the new dialog holds only Post settings.
      await page.evaluate(() => window.__fixture.loseComposer());
      await page.getByRole('button', { name: L.post, exact: true }).click();
      await guardDialog().getByText('PostGuard can no longer see the post').waitFor({ timeout: 20_000 });
      if (lang === 'en' && step1 === 'unmounted') await screenshot(page, 'facebook-lost-composer.png');
      await clickInGuardDialog('Go back and edit');
      assert.deepEqual(await published(), []);
      // Asked, not stopped: staff who checked it themselves may post.
      await page.getByRole('button', { name: L.post, exact: true }).click();
      await clickInGuardDialog('Post without checking');
      await waitPublished(1);
    });
  }
}

test('Page composer: with "stop posting when PostGuard cannot check", a lost composer is a stop', STEP, async () => {
  await resetSettings(browser, { blockWhenOffline: true });
  const L = LOCALES.en;
  await openPageComposer(L, 'unmounted');
  await page.keyboard.type(L.clean);
  await page.getByRole('button', { name: L.next }).click();
  await page.getByRole('button', { name: L.post, exact: true }).waitFor();
  await page.evaluate(() => window.__fixture.loseComposer());
  await page.getByRole('button', { name: L.post, exact: true }).click();
  await guardDialog().getByText('PostGuard can no longer see the post').waitFor({ timeout: 20_000 });
  assert.equal(await guardDialog().getByRole('button', { name: 'Post without checking' }).count(), 0);
  await clickInGuardDialog('Go back and edit');
  assert.deepEqual(await published(), []);
});

test('Page composer: a warning confirmed at Next is not asked again at Post', STEP, async () => {
  const L = LOCALES.en;
  await openPageComposer(L, 'unmounted');
  const text = 'Oliver is 9 today! Happy birthday from everyone in Class 4B.';
  await page.keyboard.type(text);
  await page.getByRole('button', { name: L.next }).click();
  await guardDialog().getByText('Check this post before it goes out').waitFor({ timeout: 20_000 });
  await clickInGuardDialog('Post anyway');
  await page.getByRole('button', { name: L.post, exact: true }).click();
  await waitPublished(1);
  assert.equal((await published())[0].text, text);
  assert.equal(await page.evaluate(() => window.__guardDialogs), 1);
});

test('highlights work in the real Lexical editor and never change its DOM', STEP, async () => {
  const L = LOCALES.en;
  const editor = await openPageComposer(L, 'hidden');
  await page.keyboard.type('🎉 Sports day 🏃‍♀️');
  await page.keyboard.press('Shift+Enter'); // a <br> line break inside the paragraph
  await page.keyboard.type('Medals all round');
  await page.keyboard.press('Enter'); // a new paragraph
  await page.keyboard.type('👏 Huge well done to Amelia Stanbury!');
  // Let Lexical finish its own update of the last keystroke (well within the typing pause);
  // from then on nothing but PostGuard acts on the page: record every change to the editor.
  await page.waitForTimeout(300);
  const before = await editor.evaluate((el) => {
    window.__editorMutations = 0;
    window.__editorMutationLog = [];
    new MutationObserver((records) => { window.__editorMutations += records.length; window.__editorMutationLog.push(...records.map((r) => `${r.type} ${r.attributeName} ${r.target.nodeName} ${r.target.outerHTML ?? r.target.data}`)); })
      .observe(el, { subtree: true, childList: true, characterData: true, attributes: true });
    return el.innerHTML;
  });
  assert.match(before, /<br>/);
  await waitForPanel('checked', 'block');
  const marks = await page.evaluate(() => {
    const h = CSS.highlights.get('postguard-block');
    return h ? [...h].map((r) => ({ text: r.toString(), rect: r.getBoundingClientRect().toJSON() })) : [];
  });
  const mark = marks.find((m) => m.text.includes('Amelia'));
  assert.ok(mark, JSON.stringify(marks));
  assert.match(mark.text, /^Amelia( Stanbury)?$/);
  const truth = await editor.evaluate((el, needle) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.data.indexOf(needle);
      if (at >= 0) {
        const r = document.createRange();
        r.setStart(node, at);
        r.setEnd(node, at + needle.length);
        return r.getBoundingClientRect().toJSON();
      }
    }
    return null;
  }, mark.text);
  for (const key of ['left', 'top', 'width', 'height']) {
    assert.ok(Math.abs(mark.rect[key] - truth[key]) < 1, `${key}: highlight ${mark.rect[key]} vs text ${truth[key]}`);
  }
  assert.equal(await editor.evaluate((el) => el.innerHTML), before);
  assert.equal(await page.evaluate(() => window.__editorMutations), 0, await page.evaluate(() => window.__editorMutationLog.join('\n')));
  await screenshot(page, 'facebook-page-highlight.png'); // after: the screenshot itself hides the caret with a style
});

// ---- comments on the Page's posts ----
for (const [lang, L] of Object.entries(LOCALES)) {
  const where = `Page comment (${lang})`;

  async function openComment() {
    await open(`${PAGE_URL}?lang=${lang}`);
    const box = page.getByRole('textbox', { name: L.commentAs });
    await box.click();
    return box;
  }

  test(`${where}: a comment naming a pupil without consent is not sent by Enter`, STEP, async () => {
    const box = await openComment();
    await page.keyboard.type(L.comment_named);
    await page.keyboard.press('Enter');
    await expectBlocked('pupil.no_consent');
    if (lang === 'en') await screenshot(page, 'facebook-comment-blocked.png');
    await clickInGuardDialog('Go back and edit');
    assert.deepEqual(await published(), []);
    assert.match(await box.textContent(), /Amelia/);
    // Nor by its Comment button.
    await page.getByRole('button', { name: L.comment, exact: true }).click();
    await expectBlocked('pupil.no_consent');
    await clickInGuardDialog('Go back and edit');
    assert.deepEqual(await published(), []);
  });

  test(`${where}: a photo-only comment of a bank photo is not sent`, STEP, async () => {
    const box = await openComment();
    await attachThroughLateInput(L.attachPhoto, page.getByRole('article'));
    await page.getByRole('article').getByRole('group', { name: L.attachedMedia }).locator('img').waitFor();
    await box.click();
    await page.keyboard.press('Enter');
    await expectBlocked('image.no_consent');
    await clickInGuardDialog('Go back and edit');
    assert.deepEqual(await published(), []);
  });

  test(`${where}: a comment box React re-creates is still checked`, STEP, async () => {
    await openComment();
    await page.keyboard.type(L.comment_clean);
    await page.evaluate(() => window.__fixture.remountComment());
    // The name is typed into the new box only: it must be read, not the old one's text.
    const box = page.getByRole('textbox', { name: L.commentAs });
    await box.click();
    await page.keyboard.press('End');
    await page.keyboard.type(' Amelia Stanbury');
    await page.keyboard.press('Enter');
    await expectBlocked('pupil.no_consent');
    await clickInGuardDialog('Go back and edit');
    assert.deepEqual(await published(), []);
  });

  test(`${where}: a clean comment is sent by Enter without extra clicks`, STEP, async () => {
    await openComment();
    await page.keyboard.type(L.comment_clean);
    await page.keyboard.press('Enter');
    await waitPublished(1);
    assert.deepEqual((await published()).map((p) => [p.surface, p.text]), [['comment', L.comment_clean]]);
    assert.equal(await page.evaluate(() => window.__guardDialogs), 0);
  });
}

test('Messenger is left alone unless the options turn it on', STEP, async () => {
  const L = LOCALES.en;
  await open(PAGE_URL);
  const box = page.getByRole('textbox', { name: L.message, exact: true });
  await box.click();
  await page.keyboard.type('Amelia Stanbury left her coat.');
  await page.keyboard.press('Enter');
  await waitPublished(1);
  assert.equal((await published())[0].surface, 'message');
  assert.equal(await page.evaluate(() => window.__guardDialogs), 0);

  // Switched on in the options page.
  const options = await browser.context.newPage();
  await options.goto(browser.optionsUrl);
  await options.getByLabel('Also check messages sent in Messenger').check();
  await options.waitForFunction(async () =>
    (await globalThis.PostGuard.api.getSettings()).checkMessages === true);
  await options.close();
  await page.reload();
  await box.click();
  await page.keyboard.type('Amelia Stanbury left her coat.');
  await page.keyboard.press('Enter');
  await expectBlocked('pupil.no_consent');
  await clickInGuardDialog('Go back and edit');
  assert.deepEqual(await published(), []);
});

// ---- Business Suite's full-page composer ----
for (const [lang, L] of Object.entries(LOCALES)) {
  const where = `Business Suite (${lang})`;

  async function openBusiness() {
    await open(`${BUSINESS_URL}?lang=${lang}`);
    const caption = page.getByRole('combobox').first();
    await caption.click();
    return caption;
  }
  const bsButton = (label) => page.getByRole('button', { name: visibleText(label) });

  test(`${where}: a caption naming a pupil without consent is not published or scheduled`, STEP, async () => {
    await openBusiness();
    await page.keyboard.type(L.named);
    await bsButton(L.publish).click();
    await expectBlocked('pupil.no_consent');
    if (lang === 'en') await screenshot(page, 'facebook-business-blocked.png');
    await clickInGuardDialog('Go back and edit');
    await bsButton(L.schedule).click();
    await expectBlocked('pupil.no_consent');
    await clickInGuardDialog('Go back and edit');
    assert.deepEqual(await published(), []);
  });

  test(`${where}: the Instagram caption is checked with the Facebook one`, STEP, async () => {
    await openBusiness();
    await page.keyboard.type(L.clean);
    await page.getByLabel(L.customise).check();
    await page.getByRole('combobox').nth(1).click();
    await page.keyboard.type(L.named);
    await bsButton(L.publish).click();
    await expectBlocked('pupil.no_consent');
    await clickInGuardDialog('Go back and edit');
    assert.deepEqual(await published(), []);
    // Switching the Instagram caption off takes its text out of the post.
    await page.getByLabel(L.customise).uncheck();
    await bsButton(L.publish).click();
    await waitPublished(1);
    assert.equal((await published())[0].text, L.clean);
  });

  test(`${where}: a photo-only post of a bank photo is not published`, STEP, async () => {
    await open(`${BUSINESS_URL}?lang=${lang}`);
    await attachThroughLateInput(L.addPhoto);
    await page.getByRole('group', { name: L.attachedMedia }).locator('img').waitFor();
    await bsButton(L.publish).click();
    await expectBlocked('image.no_consent');
    await clickInGuardDialog('Go back and edit');
    assert.deepEqual(await published(), []);
  });

  test(`${where}: a clean post is published without extra clicks`, STEP, async () => {
    await openBusiness();
    await page.keyboard.type(L.clean);
    await bsButton(L.publish).click();
    await waitPublished(1);
    assert.deepEqual((await published()).map((p) => [p.surface, p.action, p.text]), [['business', 'publish', L.clean]]);
    assert.equal(await page.evaluate(() => window.__guardDialogs), 0);
  });

  test(`${where}: a composer lost mid-way asks before publishing`, STEP, async () => {
    await openBusiness();
    await page.keyboard.type(L.clean);
    await page.evaluate(() => window.__fixture.loseComposer());
    await bsButton(L.publish).click();
    await guardDialog().getByText('PostGuard can no longer see the post').waitFor({ timeout: 20_000 });
    await clickInGuardDialog('Go back and edit');
    assert.deepEqual(await published(), []);
  });
}

test('Business Suite: Publish with nothing PostGuard can read asks first', STEP, async () => {
  const L = LOCALES.en;
  await open(BUSINESS_URL);
  await page.getByRole('button', { name: visibleText(L.publish) }).click();
  await guardDialog().getByText('PostGuard could not read what this post says').waitFor({ timeout: 20_000 });
  await clickInGuardDialog('Go back and edit');
  assert.deepEqual(await published(), []);
});

test('Page composer: a bank photo pasted into the Lexical editor is checked', STEP, async () => {
  const L = LOCALES.en;
  const editor = await openPageComposer(L, 'unmounted');
  await page.keyboard.type('Our sports day!');
  const b64 = (await readFile(path.join(photoDir, 'sports-day.png'))).toString('base64');
  await editor.evaluate((el, data) => {
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], 'image.png', { type: 'image/png' }));
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
  }, b64);
  await page.getByRole('button', { name: L.next }).click();
  await expectBlocked('image.no_consent');
  await clickInGuardDialog('Go back and edit');
  assert.deepEqual(await published(), []);
});

test('Page composer: taking the photo out on the page lets the post go', STEP, async () => {
  const L = LOCALES.en;
  await openPageComposer(L, 'unmounted');
  await page.keyboard.type(L.clean);
  await attachThroughLateInput(L.photoVideo, page.getByRole('dialog'));
  const media = page.getByRole('group', { name: L.attachedMedia });
  await media.locator('img').waitFor();
  await page.getByRole('button', { name: L.next }).click();
  await expectBlocked('image.no_consent');
  await clickInGuardDialog('Go back and edit');
  await media.getByRole('button', { name: 'Remove photo' }).click();
  await media.waitFor({ state: 'detached' });
  await panelFrame().locator('.panel[data-state="checked"][data-verdict="ok"]').waitFor({ timeout: 20_000 });
  await page.getByRole('button', { name: L.next }).click();
  await page.getByRole('button', { name: L.post, exact: true }).click();
  await waitPublished(1);
  assert.deepEqual((await published()).map((p) => [p.text, p.photos]), [[L.clean, []]]);
});

test('Page composer: not paired, Next asks once and Post does not ask again', STEP, async () => {
  const { token } = await browser.worker.evaluate(() => chrome.storage.local.get('token'));
  await browser.worker.evaluate(() => chrome.storage.local.set({ token: '' }));
  try {
    const L = LOCALES.en;
    await openPageComposer(L, 'unmounted');
    await page.keyboard.type(L.named);
    await page.getByRole('button', { name: L.next }).click();
    await guardDialog().getByText('This browser is not paired with PostGuard').waitFor({ timeout: 20_000 });
    await clickInGuardDialog('Post without checking');
    await page.getByRole('button', { name: L.post, exact: true }).click();
    await waitPublished(1);
    assert.equal(await page.evaluate(() => window.__guardDialogs), 1);
  } finally {
    await browser.worker.evaluate((t) => chrome.storage.local.set({ token: t }), token);
  }
});

// ---- a language PostGuard has no labels for ----
test('Irish: Next and Post are found by structure: a named pupil is stopped, a clean post goes', STEP, async () => {
  await openPageComposer(IRISH, 'unmounted');
  await page.keyboard.type(IRISH.named);
  await page.getByRole('button', { name: IRISH.next }).click();
  await expectBlocked('pupil.no_consent');
  await clickInGuardDialog('Go back and edit');
  assert.deepEqual(await published(), []);
  await page.getByRole('dialog').getByRole('textbox').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(IRISH.clean);
  await page.getByRole('button', { name: IRISH.next }).click();
  await page.getByRole('button', { name: IRISH.post, exact: true }).click();
  await waitPublished(1);
  assert.deepEqual((await published()).map((p) => p.text), [IRISH.clean]);
  assert.equal(await page.evaluate(() => window.__guardDialogs), 1);
});

test('Irish: a composer lost mid-way asks before posting (the new dialog\'s last button)', STEP, async () => {
  await openPageComposer(IRISH, 'unmounted');
  await page.keyboard.type(IRISH.clean);
  await page.getByRole('button', { name: IRISH.next }).click();
  await page.getByRole('button', { name: IRISH.post, exact: true }).waitFor();
  await page.evaluate(() => window.__fixture.loseComposer());
  await page.getByRole('button', { name: IRISH.post, exact: true }).click();
  await guardDialog().getByText('PostGuard can no longer see the post').waitFor({ timeout: 20_000 });
  await clickInGuardDialog('Go back and edit');
  assert.deepEqual(await published(), []);
});

test('Irish: Business Suite\'s Publish and Schedule, a comment\'s Enter and its button are guarded by structure', STEP, async () => {
  await open(`${BUSINESS_URL}?lang=ga`);
  await page.getByRole('combobox').first().click();
  await page.keyboard.type(IRISH.named);
  for (const name of [IRISH.publish, IRISH.schedule]) {
    await page.getByRole('button', { name: visibleText(name) }).click();
    await expectBlocked('pupil.no_consent');
    await clickInGuardDialog('Go back and edit');
  }
  await page.goto(`${PAGE_URL}?lang=ga`);
  await countGuardDialogs();
  await page.getByRole('textbox', { name: IRISH.commentAs }).click();
  await page.keyboard.type(IRISH.named);
  await page.keyboard.press('Enter');
  await expectBlocked('pupil.no_consent');
  await clickInGuardDialog('Go back and edit');
  await page.getByRole('button', { name: IRISH.comment, exact: true }).click();
  await expectBlocked('pupil.no_consent');
  await clickInGuardDialog('Go back and edit');
  assert.deepEqual(await published(), []);
  // A photo's remove button comes last in the comment form, but is no submit.
  await attachThroughLateInput('Ceangail grianghraf', page.getByRole('article'));
  const preview = page.getByRole('article').locator('.preview');
  await preview.locator('img').waitFor();
  await preview.getByRole('button', { name: 'Bain an grianghraf' }).click();
  await preview.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => window.__guardDialogs), 2); // Enter and the button, nothing more
});

// ---- the keyboard: every key that sends a post or a comment runs the same check as a click ----
// The fixture submits as Facebook does: Ctrl+Enter or Cmd+Enter in the composer presses its primary
// button, Enter sends a comment, a focused button takes Enter (keydown) and Space (keyup).
const SHORTCUTS = { 'Control+Enter': 'Ctrl+Enter', 'Meta+Enter': 'Cmd+Enter' };

// The Enter keydowns that reach the page's own listeners (PostGuard holds back the ones it checks first).
async function recordPageKeys() {
  await page.evaluate(() => {
    window.__pageKeys = [];
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.keyCode === 229) {
        window.__pageKeys.push({ key: e.key, shift: e.shiftKey, composing: e.isComposing, keyCode: e.keyCode });
      }
    });
  });
}

// Nothing more goes out once the first post has: a double send shows up within this time.
async function expectPublishedOnce(record) {
  await waitPublished(1);
  await page.waitForTimeout(800);
  const list = await published();
  assert.equal(list.length, 1, JSON.stringify(list));
  for (const [key, value] of Object.entries(record)) assert.deepEqual(list[0][key], value, key);
}

const composerText = () => page.getByRole('dialog').getByRole('textbox').textContent();

for (const [keys, name] of Object.entries(SHORTCUTS)) {
  for (const steps of ['1', '2']) {
    const where = `Page composer (${steps === '1' ? 'one step' : 'Next, then Post'})`;

    test(`${where}: ${name} on a draft naming a pupil without consent is not published, and the panel says why`, STEP, async () => {
      await openPageComposer(LOCALES.en, 'unmounted', steps);
      await page.keyboard.type(LOCALES.en.named);
      await page.keyboard.press(keys);
      await expectBlocked('pupil.no_consent');
      await waitForPanel('checked', 'block');
      if (keys === 'Control+Enter' && steps === '1') await screenshot(page, 'facebook-ctrl-enter-blocked.png');
      await clickInGuardDialog('Go back and edit');
      // Still on step 1 with the whole text (no new line either); nothing went out.
      assert.equal(await composerText(), LOCALES.en.named);
      assert.equal(await page.getByRole('button', { name: LOCALES.en.post, exact: true }).count(), steps === '1' ? 1 : 0);
      assert.deepEqual(await published(), []);
    });

    test(`${where}: ${name} on a clean draft publishes it once`, STEP, async () => {
      await openPageComposer(LOCALES.en, 'unmounted', steps);
      await page.keyboard.type(LOCALES.en.clean);
      await page.keyboard.press(keys);
      if (steps === '2') {
        // Post settings: the Post button, pressed from the keyboard.
        const post = page.getByRole('button', { name: LOCALES.en.post, exact: true });
        await post.focus();
        await page.keyboard.press('Enter');
      }
      await expectPublishedOnce({ surface: 'page', text: LOCALES.en.clean });
      assert.equal(await page.evaluate(() => window.__guardDialogs), 0);
    });
  }
}

test('Page composer: Enter and Space on the focused Post button are checked first; a clean post goes once', STEP, async () => {
  const L = LOCALES.en;
  await openPageComposer(L, 'unmounted', '1');
  await page.keyboard.type(L.named);
  const post = page.getByRole('button', { name: L.post, exact: true });
  for (const key of ['Enter', 'Space']) {
    await post.focus();
    await page.keyboard.press(key);
    await expectBlocked('pupil.no_consent');
    await clickInGuardDialog('Go back and edit');
    assert.deepEqual(await published(), [], key);
  }
  await page.getByRole('dialog').getByRole('textbox').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(L.clean);
  await post.focus();
  await page.keyboard.press('Space');
  await expectPublishedOnce({ text: L.clean });
});

test('Page composer: Shift+Enter and Enter add lines and send nothing', STEP, async () => {
  const L = LOCALES.en;
  const editor = await openPageComposer(L, 'unmounted', '1');
  await recordPageKeys();
  // A blocking draft: a key PostGuard held would show the stop at once.
  await page.keyboard.type('Amelia Stanbury');
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.type('sang today');
  await page.keyboard.press('Enter');
  await page.keyboard.type('in the choir.');
  await waitForPanel('checked', 'block');
  assert.deepEqual(await page.evaluate(() => window.__pageKeys.map((k) => k.shift)), [true, false]);
  assert.equal(await editor.locator('p').count(), 2);
  assert.equal(await editor.locator('p br').count(), 1);
  assert.equal(await page.evaluate(() => window.__guardDialogs), 0);
  assert.deepEqual(await published(), []);
});

test('Business Suite: Ctrl+Enter in a caption naming a pupil is not published; a clean one is, once', STEP, async () => {
  const L = LOCALES.en;
  await open(BUSINESS_URL);
  await page.getByRole('combobox').first().click();
  await page.keyboard.type(L.named);
  await page.keyboard.press('Control+Enter');
  await expectBlocked('pupil.no_consent');
  await clickInGuardDialog('Go back and edit');
  assert.deepEqual(await published(), []);
  await page.getByRole('combobox').first().click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(L.clean);
  await page.keyboard.press('Control+Enter');
  await expectPublishedOnce({ surface: 'business', action: 'publish', text: L.clean });
});

test('Page comment: Ctrl+Enter and Cmd+Enter are stopped like Enter; Shift+Enter is a new line; a clean comment goes once', STEP, async () => {
  const L = LOCALES.en;
  await open(PAGE_URL);
  const box = page.getByRole('textbox', { name: L.commentAs });
  await box.click();
  await recordPageKeys();
  await page.keyboard.type('Well done');
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.type('Amelia Stanbury!');
  assert.equal(await page.evaluate(() => window.__pageKeys.length), 1);
  for (const keys of Object.keys(SHORTCUTS)) {
    await page.keyboard.press(keys);
    await expectBlocked('pupil.no_consent');
    await clickInGuardDialog('Go back and edit');
    assert.deepEqual(await published(), [], keys);
    await box.click();
  }
  assert.match(await box.textContent(), /Well done.*Amelia Stanbury!/s);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(L.comment_clean);
  await page.keyboard.press('Control+Enter');
  await expectPublishedOnce({ surface: 'comment', text: L.comment_clean });
});

test('Page comment: Enter that ends an input method\'s composition is left to it', STEP, async () => {
  const L = LOCALES.en;
  await open(PAGE_URL);
  const box = page.getByRole('textbox', { name: L.commentAs });
  await box.click();
  await page.keyboard.type('Well done Amelia Stanbury ');
  await waitForPanel('checked', 'block');
  await recordPageKeys();
  // A Japanese input method: a word being composed, Enter (keyCode 229) picks it.
  const cdp = await browser.context.newCDPSession(page);
  try {
    await cdp.send('Input.imeSetComposition', { text: 'すごい', selectionStart: 3, selectionEnd: 3 });
    await cdp.send('Input.dispatchKeyEvent', {
      type: 'rawKeyDown', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229,
    });
    await cdp.send('Input.insertText', { text: 'すごい' });
    await cdp.send('Input.dispatchKeyEvent', {
      type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, nativeVirtualKeyCode: 13,
    });
  } finally {
    await cdp.detach();
  }
  await page.waitForFunction(() => window.__pageKeys.length > 0, null, { timeout: 5_000 });
  assert.deepEqual(await page.evaluate(() => window.__pageKeys.map((k) => [k.keyCode, k.composing])), [[229, true]]);
  assert.match(await box.textContent(), /Amelia Stanbury すごい/);
  assert.equal(await page.evaluate(() => window.__guardDialogs), 0);
  assert.deepEqual(await published(), []);
  // The box is still guarded: Enter now would send it.
  await page.keyboard.press('Enter');
  await expectBlocked('pupil.no_consent');
  await clickInGuardDialog('Go back and edit');
  assert.deepEqual(await published(), []);
});

test('Page comment: a submit of its form by the page\'s own script is checked first; a clean one goes once', STEP, async () => {
  const L = LOCALES.en;
  await open(PAGE_URL);
  await page.getByRole('textbox', { name: L.commentAs }).click();
  await page.keyboard.type(L.comment_named);
  await page.evaluate(() => window.__fixture.submitCommentForm());
  await expectBlocked('pupil.no_consent');
  await clickInGuardDialog('Go back and edit');
  assert.deepEqual(await published(), []);
  await page.getByRole('textbox', { name: L.commentAs }).click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(L.comment_clean);
  await page.evaluate(() => window.__fixture.submitCommentForm());
  await expectPublishedOnce({ surface: 'comment', text: L.comment_clean });
});
