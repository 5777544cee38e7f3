import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { skipBrowser, useBrowser } from '../support/browser.js';
import { useConsoleFixture, withCallFeature, type ConsoleFixture } from '../support/console-fixture.js';
import { seedCallFixture } from '../support/call-fixture.js';
import { axeFindings } from '../support/axe.js';
import { requestCall } from '../../src/calls/request-call.js';
import { denyCallRequest } from '../../src/calls/deny-call-request.js';
import { scheduleCall } from '../../src/calls/schedule-call.js';
import type { Role } from '../../src/storage/schema.js';

// Every console page, for each role that may open it, in English and in Ukrainian, plus the login and error
// pages and Bull Board: axe-core finds no serious or critical WCAG 2 A/AA violation on any of them. The
// database holds one of each thing a page lists (a request, a scheduled call, an enquiry, a task...), so
// tables and forms are drawn, not only their empty-list sentences.
const skip = skipBrowser;

let f: ConsoleFixture;
let browser: BrowserContext;
const seeded = { detaineeId: 0, contactId: 0, facilityId: 0, reference: '', callId: '', taskId: 0 };

useBrowser((b) => (browser = b));
useConsoleFixture({ prepare: withCallFeature, skip }, async (fixture) => {
  f = fixture;
  const ctx = f.ctx;
  const fx = await seedCallFixture(ctx, { language: 'uk' });
  const other = await seedCallFixture(ctx, { language: 'ru' });
  await requestCall(ctx, { detaineeReference: fx.reference, contactPhone: fx.contactPhone, earliest: new Date() }, 'test-operator');
  const denied = await requestCall(
    ctx,
    { detaineeReference: other.reference, contactPhone: other.contactPhone, earliest: new Date() },
    'test-operator',
  );
  await denyCallRequest(ctx, denied.id, { reason: 'quota_reached' }, 'test-supervisor');
  const call = await scheduleCall(
    ctx,
    {
      detaineeId: fx.detaineeId,
      contactId: fx.contactId,
      startAt: new Date(Date.now() + 3_600_000),
      facilityLine: fx.facilityLine,
      supervisorPhone: fx.supervisorPhone,
      maxMinutes: 10,
      language: 'uk',
    },
    'test-supervisor',
  );
  await ctx.repos.enquiries.create({ language: 'uk', soughtName: 'Kovalenko', callerName: 'Olena', callbackPhone: '+380501234567' });
  await ctx.repos.messages.create({ detaineeId: fx.detaineeId, direction: 'to_detainee', kind: 'keypad', reviewDueAt: new Date() });
  await ctx.repos.tasks.create({ kind: 'callback', summary: 'call the family back' });
  await ctx.repos.callerFlags.create({
    callerKey: 'axe-caller',
    maskedNumber: '+38050***4567',
    reason: 'asks about several detainees',
    flaggedBy: 'test-operator',
    summary: 'operator flag',
  });
  const task = await ctx.db.selectFrom('tasks').select('id').where('kind', '=', 'call_reason').executeTakeFirstOrThrow();
  Object.assign(seeded, {
    detaineeId: fx.detaineeId,
    contactId: fx.contactId,
    facilityId: fx.facilityId,
    reference: fx.reference,
    callId: call.id,
    taskId: task.id,
  });
});

const STAFF: Role[] = ['operator', 'supervisor', 'admin'];
const SUPERVISORS: Role[] = ['supervisor', 'admin'];

/** Each GET page of the console (src/console/routes/*.ts) and who may open it; streams, media and JSON are not pages. */
const pages = (): { path: string; roles: Role[] }[] => [
  { path: '/console/detainees', roles: STAFF },
  { path: '/console/detainees?q=Testov', roles: STAFF },
  { path: '/console/detainees/new', roles: STAFF },
  { path: `/console/detainees/${seeded.detaineeId}`, roles: STAFF },
  { path: `/console/contacts/${seeded.contactId}`, roles: STAFF },
  { path: '/console/call-requests', roles: STAFF },
  { path: '/console/enquiries', roles: STAFF },
  { path: '/console/messages', roles: STAFF },
  { path: '/console/tasks', roles: STAFF },
  { path: `/console/tasks/${seeded.taskId}/call`, roles: STAFF },
  { path: '/console/caller-flags', roles: STAFF },
  { path: '/console/notices', roles: STAFF },
  { path: `/console/notices?facility=${seeded.facilityId}`, roles: STAFF },
  { path: '/console/settings', roles: [...STAFF, 'caller_desk'] },
  { path: '/console/caller-desk', roles: [...STAFF, 'caller_desk'] },
  { path: `/console/caller-desk?reference=${seeded.reference}`, roles: [...STAFF, 'caller_desk'] },
  { path: '/console/desk', roles: ['operator', 'supervisor'] },
  { path: '/console/queue', roles: SUPERVISORS },
  { path: `/console/calls/${seeded.callId}`, roles: SUPERVISORS },
  { path: '/console/figures', roles: SUPERVISORS },
  { path: '/console/carrier', roles: SUPERVISORS },
  { path: '/console/recordings', roles: SUPERVISORS },
  { path: '/console/audit', roles: ['admin'] },
  { path: '/console/users', roles: ['admin'] },
  { path: '/console/facilities', roles: ['admin'] },
  { path: `/console/facilities/${seeded.facilityId}`, roles: ['admin'] },
  // The console's error page (a record that does not exist).
  { path: '/console/detainees/99999999', roles: ['operator'] },
];

/** The page's findings, or a line saying it did not load. Closed sections are opened first: axe skips what is hidden. */
async function check(page: Page, path: string, language: 'en' | 'uk'): Promise<string[]> {
  const res = await page.goto(`${f.url}${path}`, { waitUntil: 'load' });
  const status = res?.status() ?? 0;
  const ok = status === 200 || (path.includes('99999999') && status === 404);
  if (!ok) return [`HTTP ${status}`];
  // A lost session would land every walk on the login page and check that one page again and again.
  if (new URL(page.url()).pathname !== path.split('?')[0]) return [`landed on ${page.url()}`];
  const lang = await page.evaluate(() => document.documentElement.lang);
  if (lang !== language) return [`the page says it is in "${lang}"`];
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => d.setAttribute('open', '')));
  return axeFindings(page);
}

/** A tab signed in as a user: its own session cookie on every request, so several users walk at once in one browser. */
async function tabFor(userId: number): Promise<Page> {
  const page = await browser.newPage();
  await page.setExtraHTTPHeaders({ cookie: (await f.session(userId)).cookie });
  return page;
}

test(
  'the check reports a serious finding as "rule: target (summary)", and leaves out an excluded one',
  { timeout: 60_000, skip },
  async () => {
    const page = await browser.newPage();
    await page.setContent(
      '<!doctype html><html lang="en"><title>t</title><main><button id="bare"></button><img id="pic" src="x.png"></main></html>',
    );
    const found = await axeFindings(page);
    assert.equal(found.length, 2, found.join('\n'));
    assert.match(found.find((x) => x.startsWith('button-name')) ?? '', /^button-name: #bare \(.+\)$/);
    assert.match(found.find((x) => x.startsWith('image-alt')) ?? '', /^image-alt: #pic \(.+\)$/);
    const left = await axeFindings(page, [{ rule: 'button-name', selector: '#bare', why: 'this test' }]);
    assert.deepEqual(
      left.map((x) => x.split(':')[0]),
      ['image-alt'],
    );
    await page.close();
  },
);

// In Ukrainian the console pages are checked by the Ukrainian walk (console-ukrainian-walk.test.ts), which runs
// axe on every page it reaches; here only the login page is, since the walk starts signed in.
for (const language of ['en', 'uk'] as const) {
  const title = language === 'en' ? 'every console page and the login page' : 'the login page';
  test(`${title} has no serious or critical axe finding, in ${language}`, { timeout: 300_000, skip }, async () => {
    const failures: string[] = [];
    await Promise.all(
      (language === 'en' ? (['operator', 'supervisor', 'admin', 'caller_desk'] as const) : []).map(async (role) => {
        const user = await f.ctx.repos.users.create({
          username: `axe-${role}-${language}`,
          password: `axe-${role}-password`,
          role,
          language,
        });
        const page = await tabFor(user.id);
        for (const p of pages().filter((x) => x.roles.includes(role)))
          for (const finding of await check(page, p.path, language)) failures.push(`${role} ${p.path}: ${finding}`);
        await page.close();
      }),
    );
    // The login form leaves its own cookies in the browser's jar, which the walks above share: it comes last, then they go.
    const anonymous = await browser.newPage();
    await anonymous.setExtraHTTPHeaders({ 'accept-language': language });
    for (const finding of await check(anonymous, '/login', language)) failures.push(`anonymous /login: ${finding}`);
    // The login page again, saying the name or password was wrong.
    await anonymous.locator('input[name="username"]').fill('nobody');
    await anonymous.locator('input[name="password"]').fill('wrong-password');
    await Promise.all([anonymous.waitForEvent('load'), anonymous.locator('form[action^="/login"] button[type="submit"]').click()]);
    assert.ok(await anonymous.locator('.error').count(), 'the login page shows its error');
    for (const finding of await axeFindings(anonymous)) failures.push(`anonymous /login (refused): ${finding}`);
    await anonymous.close();
    await browser.clearCookies();
    assert.deepEqual(failures, [], failures.join('\n'));
  });
}

test(
  'Bull Board has no serious or critical axe finding, on its overview, a queue and a job, light and dark',
  { timeout: 120_000, skip },
  async () => {
    const page = await tabFor(f.staff.supervisor.userId);
    const failures: string[] = [];
    const queue = encodeURIComponent(f.ctx.callQueues!.calls.name);
    const [job] = await f.ctx.callQueues!.calls.getJobs(['delayed']);
    assert.ok(job?.id, 'the scheduled call waits as a delayed job');
    const paths = [
      '/admin/queues',
      `/admin/queues/queue/${queue}?status=delayed`,
      `/admin/queues/queue/${queue}/${encodeURIComponent(job.id)}`,
    ];
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const path of paths) {
        await page.goto(`${f.url}${path}`, { waitUntil: 'networkidle' });
        await page.locator('main').first().waitFor();
        for (const finding of await axeFindings(page)) failures.push(`supervisor ${scheme} ${path}: ${finding}`);
      }
    }
    await page.close();
    assert.deepEqual(failures, [], failures.join('\n'));
  },
);
