import { todaysFigures } from '../../src/calls/todays-figures.js';
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { logIn as logInAt, skipBrowser, useBrowser } from '../support/browser.js';
import { beforeInOrder } from '../support/before-in-order.js';
import { startDeskFixture, eventsOf, type DeskFixture } from '../support/desk-fixture.js';
import { seedDetainee } from '../support/hotline-seed.js';
import { waitFor } from '../support/wait-for.js';
import { waitingCallers } from '../../src/desk/desk.js';

// The desk in headless Chromium with a real caller on the simulated carrier: the caller verifies with reference
// and secret, hears the disclosure, presses 3 for an operator; the operator on duty sees them arrive without
// reloading, their scripted phone rings, they press 1 and are bridged; the desk shows the verified context and the
// wrap-up is sent; the supervisor's figures move. Screenshots go to test-artifacts/desk-browser-carrier/.
const skip = skipBrowser;
const SHOTS = path.resolve('test-artifacts/desk-browser-carrier');
const OPERATOR_PHONE = '+380501234567';
const CALLER_PHONE = '+79161234567';

let f: DeskFixture;
let browser: BrowserContext;
// The supervisor has a browser of their own: one cookie jar shared with the operator would log the supervisor out
// when the operator logs in (a login replaces the session it finds), and their live page would stop updating.
let supBrowser: BrowserContext;

useBrowser((b) => (browser = b));
useBrowser((b) => (supBrowser = b));
beforeInOrder(
  async () => {
    if (skip) return;
    mkdirSync(SHOTS, { recursive: true });
    // Carrier seconds of 500 ms: the operator's phone rings 4 s (of a 10 s ring timeout), time to see the caller wait.
    f = await startDeskFixture({}, { pauseUnitMs: 500 });
    browser.setDefaultTimeout(20_000);
    supBrowser.setDefaultTimeout(20_000);
  },
  { timeout: 120_000 },
);
after(
  async () => {
    await f?.close();
  },
  { timeout: 60_000 },
);

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

const logIn = (page: Page, username: string, password: string) => logInAt(page, f.url, username, password);

test(
  'a real caller verified in the voice menu reaches an operator on duty in the console; wrap-up; the figures move',
  { timeout: 180_000, skip },
  async (t) => {
    const op = f.staff.operator;
    f.carrier.script(OPERATOR_PHONE, { answer: 'answer', ringMs: 4000, digits: ['1'], hangupAfterJoinMs: 5000 });
    const seeded = await seedDetainee(f.ctx, { phone: CALLER_PHONE });

    const sup = await supBrowser.newPage();
    await logIn(sup, f.staff.supervisor.username, f.staff.supervisor.password);
    await sup.goto(`${f.url}/console/queue`);
    await sup.locator('#live-status', { hasText: 'live' }).waitFor();
    const perOperatorBefore = await sup.locator('#fig-per-operator b').innerText();
    assert.ok(!perOperatorBefore.includes(op.username));

    const page = await browser.newPage();
    await logIn(page, op.username, op.password);
    await page.getByRole('link', { name: 'Desk' }).click();
    await page.getByLabel(/Phone to ring you on/).fill(OPERATOR_PHONE);
    await page.getByRole('button', { name: 'Go on duty' }).click();
    await page.locator('#my-state[data-state="available"]').waitFor();
    await page.locator('#live-status', { hasText: 'live' }).waitFor();
    await page.evaluate(() => ((window as unknown as { noReload: boolean }).noReload = true));
    await shot(page, '01-on-duty');

    // Russian, status by reference, the reference confirmed, the secret; then 3 (an operator) after the disclosure.
    const caller = f.callIn(CALLER_PHONE, ['1', '1', `${seeded.reference}#`, '1', `${seeded.secret}#`, '3']);
    const row = page.locator('#desk-callers tr[data-status="waiting"]');
    await row.waitFor();
    assert.ok(!(await row.innerText()).includes(CALLER_PHONE), 'masked while waiting');
    await sup.locator('#fig-waiting b', { hasText: /^1$/ }).waitFor();
    await shot(page, '02-caller-waiting');
    assert.equal((await waitingCallers(f.ctx).get(caller))?.verifiedDetaineeId, seeded.detainee.id, 'the secret matched in the voice menu');

    // The phone rings; the operator answers and presses 1; the carrier bridges them.
    await page.locator('#connected-caller[data-verified="yes"]').waitFor();
    assert.equal(await page.locator('#connected-phone').innerText(), CALLER_PHONE, 'the full number, to the connected operator only');
    assert.equal(await page.locator('#caller-verified a').getAttribute('href'), `/console/detainees/${seeded.detainee.id}`);
    await page.locator('#note-warning', { hasText: 'Do not write how a detainee was captured' }).waitFor();
    await waitFor('the carrier bridged them', async () => eventsOf(f.carrier, caller, 'queue_bridged').length === 1);
    assert.equal(await page.evaluate(() => (window as unknown as { noReload?: boolean }).noReload), true, 'the desk was not reloaded');
    await shot(page, '03-connected');

    await page.getByLabel('Outcome').selectOption('answered_question');
    await page.getByLabel(/^Note/).fill('Explained how parcels are sent.');
    await page.getByRole('button', { name: 'End the call' }).click();
    await page.locator('#no-callers').waitFor();
    assert.equal((await f.ctx.repos.desk.findWrapUp(caller))?.outcome, 'answered_question');
    await shot(page, '04-wrapped-up');

    await sup.locator('#fig-per-operator b', { hasText: `${op.username}: 1` }).waitFor();
    await sup.locator('#fig-waiting b', { hasText: /^0$/ }).waitFor();
    // The caller's Enqueue result reaches the call log when the bridged call ends; the tile then says whether
    // the one answered caller waited at most 60 s (on a slow machine the carrier's seconds may have run past it).
    const logged = await waitFor(
      'the Enqueue result in the call log',
      async () => {
        const l = await f.ctx.repos.callLogs.find(caller);
        return l?.queue_result ? l : undefined;
      },
      60_000,
    );
    assert.equal(logged.queue_result, 'bridged');
    const level = (logged.queue_seconds ?? Infinity) <= 60 ? '100%' : '0%';
    // The tile shows today's figures; they count this caller (and, should a run leave others, those too).
    const figures = await todaysFigures(f.ctx);
    assert.notEqual(figures.serviceLevel, null, 'the answered caller is counted');
    const shown = `${Math.round(figures.serviceLevel! * 100)}%`;
    if (shown !== level) {
      const today = (await f.ctx.repos.callLogs.listRecent(50)).filter((l) => l.queue_result);
      t.diagnostic(
        `this caller alone gives ${level}; today's figures say ${shown}: ${JSON.stringify(today.map((l) => [l.queue_result, l.queue_seconds]))}`,
      );
    }
    // The live page shows them without a reload (it once did not: the supervisor shared the operator's cookies).
    await sup.locator('#fig-service-level b', { hasText: new RegExp(`^${shown}$`) }).waitFor();
    await shot(sup, '05-supervisor-figures');
  },
);
