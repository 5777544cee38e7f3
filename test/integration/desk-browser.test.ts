import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { logIn as logInAt, skipBrowser, useBrowser } from '../support/browser.js';
import { useConsoleFixture, type ConsoleFixture } from '../support/console-fixture.js';
import { deskPresence, waitingCallers } from '../../src/desk/desk.js';

// The operator desk in headless Chromium: an operator on duty sees a caller arrive without reloading, is
// connected (the engine's part, done here by the test), sees the caller's verified context and wraps up; the
// supervisor's live figures move. Screenshots go to test-artifacts/desk-browser/.
const skip = skipBrowser;
const SHOTS = path.resolve('test-artifacts/desk-browser');
const CALLER = 'CAbrowser00000000000000000000000001';

let f: ConsoleFixture;
let browser: BrowserContext;
// The supervisor has a browser of their own: one cookie jar shared with the operator would log the supervisor out
// when the operator logs in (a login replaces the session it finds), and their live page would stop updating.
let supBrowser: BrowserContext;

useBrowser((b) => (browser = b));
useBrowser((b) => (supBrowser = b));
useConsoleFixture({ skip }, (fixture) => {
  f = fixture;
  mkdirSync(SHOTS, { recursive: true });
});

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

const logIn = (page: Page, username: string, password: string) => logInAt(page, f.url, username, password);

test(
  'an operator on duty sees a caller arrive live, takes the call, wraps up; the supervisor sees the figures move',
  { timeout: 120_000, skip },
  async () => {
    const op = f.staff.operator;
    const detainee = await f.ctx.repos.detainees.create({ familyName: 'Shevchenko', givenName: 'Petro', status: 'held' });
    const sup = await supBrowser.newPage();
    await logIn(sup, f.staff.supervisor.username, f.staff.supervisor.password);
    await sup.goto(`${f.url}/console/queue`);
    await sup.locator('#live-status', { hasText: 'live' }).waitFor();

    const page = await browser.newPage();
    await logIn(page, op.username, op.password);
    await page.getByRole('link', { name: 'Desk' }).click();
    await page.getByLabel(/Phone to ring you on/).fill('+380441234567');
    await page.getByRole('button', { name: 'Go on duty' }).click();
    await page.locator('#my-state[data-state="available"]').waitFor();
    await page.locator('#live-status', { hasText: 'live' }).waitFor();
    await page.evaluate(() => ((window as unknown as { noReload: boolean }).noReload = true));
    await shot(page, '01-on-duty');

    await waitingCallers(f.ctx).add({
      callSid: CALLER,
      language: 'uk',
      enqueuedAt: new Date().toISOString(),
      phone: '+79161234567',
      phoneMasked: '+*********67',
      flags: ['attempt_limit'],
      verifiedDetaineeId: detainee.id,
    });
    const row = page.locator('#desk-callers tr[data-status="waiting"]');
    await row.waitFor();
    assert.match(await row.innerText(), /reached the attempt limit/);
    assert.ok(!(await row.innerText()).includes('+79161234567'), 'masked while waiting');
    await sup.locator('#fig-waiting b', { hasText: /^1$/ }).waitFor();
    await shot(page, '02-caller-waiting');

    // What the engine does when the operator presses 1 and is bridged.
    assert.ok(await waitingCallers(f.ctx).connect(CALLER, op.userId, new Date()));
    assert.ok(await deskPresence(f.ctx).transition(op.userId, 'available', 'on_call', { peerCallSid: CALLER, callSid: 'CAoperatorleg' }));
    await page.locator('#connected-caller[data-verified="yes"]').waitFor();
    assert.equal(await page.locator('#connected-phone').innerText(), '+79161234567');
    assert.equal(await page.locator('#caller-verified a').getAttribute('href'), `/console/detainees/${detainee.id}`);
    await page.locator('#note-warning', { hasText: 'Do not write how a detainee was captured' }).waitFor();
    assert.equal(await page.evaluate(() => (window as unknown as { noReload?: boolean }).noReload), true, 'the desk was not reloaded');
    await shot(page, '03-connected');

    await page.getByLabel('Outcome').selectOption('answered_question');
    await page.getByLabel(/^Note/).fill('Explained how parcels are sent.');
    await page.getByRole('button', { name: 'End the call' }).click();
    await page.locator('#my-state[data-state="available"]').waitFor();
    await page.locator('#no-callers').waitFor();
    assert.equal((await f.ctx.repos.desk.findWrapUp(CALLER))?.outcome, 'answered_question');
    await shot(page, '04-wrapped-up');

    await sup.locator('#fig-per-operator b', { hasText: `${op.username}: 1` }).waitFor();
    await sup.locator('#fig-waiting b', { hasText: /^0$/ }).waitFor();
    await shot(sup, '05-supervisor-figures');
  },
);
