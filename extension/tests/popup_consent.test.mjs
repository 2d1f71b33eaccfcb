// The toolbar popup on a staff computer that follows the school's published consent list:
// it names where the list comes from, and says plainly when the list is out of date or refused.
// Real daemon (following a shared folder written by a second data folder), real Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { launchBrowser, postguard, screenshot, startFollowingDaemon } from './harness.mjs';

const STEP = { timeout: 120_000 };
let admin;
let staff;
let share;
let daemon;
let browser;

before(async () => {
  ({ admin, staff, share, daemon } = await startFollowingDaemon());
  browser = await launchBrowser();
  const options = await browser.context.newPage();
  await options.goto(browser.optionsUrl);
  await options.getByLabel('Port').fill(String(daemon.port));
  const { code } = JSON.parse(await postguard(staff, 'pair', '--json'));
  await options.getByLabel('Pairing code').fill(code);
  await options.getByRole('button', { name: 'Pair' }).click();
  await options.getByText('Paired. PostGuard will now check your posts.').waitFor();
  await options.close();
});

after(async () => {
  await browser?.close();
  await daemon?.stop();
  for (const dir of [admin, staff, share]) if (dir) await rm(dir, { recursive: true, force: true });
});

async function popupText(shot) {
  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 340, height: 560 });
  await popup.goto(browser.popupUrl);
  await popup.locator('#details:not([hidden])').waitFor();
  const text = {
    source: await popup.locator('#consent-source').textContent(),
    warning: (await popup.locator('#warning').isHidden()) ? '' : await popup.locator('#warning').textContent(),
  };
  if (shot) await screenshot(popup, shot);
  await popup.close();
  return text;
}

async function eventually(check, shot) {
  const deadline = Date.now() + 30_000;
  let last;
  while (Date.now() < deadline) {
    last = await popupText();
    if (check(last)) {
      if (shot) await popupText(shot);
      return last;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  assert.fail(`the popup never showed it: ${JSON.stringify(last)}`);
}

test('the popup names the followed list and says when it is out of date', STEP, async () => {
  const shown = await eventually((t) => t.warning.includes('may be out of date'), 'popup-consent-stale.png');
  assert.equal(shown.source, `the school's list in ${share}`);
  assert.match(shown.warning, /publish it again/);
});

test('the popup says plainly when the newest list was refused', STEP, async () => {
  const file = path.join(share, 'postguard-consent-list.signed');
  const good = await readFile(file);
  await writeFile(file, good.subarray(0, 200));
  const shown = await eventually((t) => t.warning.includes('Consent list problem'), 'popup-consent-refused.png');
  assert.match(shown.warning, /incomplete or damaged/);
  assert.match(shown.warning, /last good list stays in force/);
  assert.doesNotMatch(shown.warning, /Error|Exception|signature_/);
});
