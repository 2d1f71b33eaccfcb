// The panel on a staff computer that follows the school's published consent list: it says
// plainly, above the findings, when that list may be out of date or the newest one was refused.
// Real daemon following a shared folder written by a second data folder, real Chromium,
// the realistic fixture.
import { test, before, after } from 'node:test';
import { readFile, writeFile, rm } from 'node:fs/promises';
import path from 'node:path';
import assert from 'node:assert/strict';
import { PAGE_URL, launchBrowser, pairExtension, screenshot, startFollowingDaemon } from './harness.mjs';

const STEP = { timeout: 120_000 };
let admin;
let staff;
let share;
let daemon;
let browser;

before(async () => {
  ({ admin, staff, share, daemon } = await startFollowingDaemon());
  browser = await launchBrowser();
  await pairExtension(browser, daemon);
}, { timeout: 240_000 });

after(async () => {
  await browser?.close();
  await daemon?.stop();
  for (const dir of [admin, staff, share]) if (dir) await rm(dir, { recursive: true, force: true });
}, { timeout: 60_000 });

// A new composer each time (the panel asks for PostGuard's status when it first draws).
async function noticeOf(text) {
  const page = await browser.context.newPage();
  try {
    await page.goto(`${PAGE_URL}?lang=en&step1=unmounted`);
    await page.getByRole('button', { name: "What's on your mind?" }).click();
    const editor = page.getByRole('dialog').getByRole('textbox');
    await editor.waitFor();
    await editor.click();
    await page.keyboard.type(text);
    const panel = page.frameLocator('iframe[data-postguard="panel"]');
    await panel.locator('.panel[data-state="checked"]').waitFor({ timeout: 20_000 });
    const notice = panel.locator('#consent-notice');
    await page.waitForTimeout(500);
    const shown = (await notice.isHidden()) ? '' : await notice.textContent();
    // A clear post is not shown as plainly clear while the list is in doubt.
    const doubtful = await panel.locator('.panel').getAttribute('data-consent');
    if (shown) assert.equal(doubtful, 'doubtful');
    return { shown, page };
  } catch (err) {
    await page.close();
    throw err;
  }
}

async function eventually(check, shot) {
  const deadline = Date.now() + 30_000;
  let last = '';
  while (Date.now() < deadline) {
    const { shown, page } = await noticeOf('What a sunny afternoon for our school garden!');
    last = shown;
    if (check(shown)) {
      if (shot) await screenshot(page, shot);
      await page.close();
      return shown;
    }
    await page.close();
    await new Promise((r) => setTimeout(r, 500));
  }
  assert.fail(`the panel never said it: ${JSON.stringify(last)}`);
}

test('the panel says when the consent list on this computer may be out of date', STEP, async () => {
  const shown = await eventually((t) => t.includes('may be out of date'), 'panel-consent-stale.png');
  assert.match(shown, /consent list on this computer may be out of date \(published \d{1,2} \w+ \d{4}\)/);
  assert.match(shown, /check anyone you are unsure of/);
});

test('the panel says plainly when the newest list was refused', STEP, async () => {
  const file = path.join(share, 'postguard-consent-list.signed');
  await writeFile(file, (await readFile(file)).subarray(0, 200));
  const shown = await eventually((t) => t.includes('was refused'), 'panel-consent-refused.png');
  assert.match(shown, /incomplete or damaged/);
  assert.match(shown, /last good list stays in force/);
  assert.match(shown, /ask whoever keeps the consent list to publish it again/);
  assert.doesNotMatch(shown, /Error|Exception|signature_/);
});
