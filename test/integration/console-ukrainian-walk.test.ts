import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { logIn, skipBrowser, useBrowser } from '../support/browser.js';
import { useConsoleFixture, withCallFeature, type ConsoleFixture } from '../support/console-fixture.js';
import { crawlConsole, visibleWords, type CrawledPage } from '../support/console-crawl.js';
import { untranslated } from '../support/console-words.js';
import { axeFindings } from '../support/axe.js';
import { ROLES, type Role } from '../../src/storage/schema.js';
import { errorsUk } from '../../src/console/i18n-errors-uk.js';

// Issue 17: every word a Ukrainian-speaking staff member reads in the console is Ukrainian. Each role, with
// language 'uk', walks every console page it can reach (once per path pattern) over data that fills every list;
// a page fails on any code the server knows (a state, a reason, a scope, a role, an audit action, a refusal's
// code…), on any other snake_case token, on common English words of the interface, and on axe-core findings.
const skip = skipBrowser;
const SHOTS = path.join('test-artifacts', 'console-ukrainian-walk');
const FACILITY_LINE = '+380441234567';
const SUPERVISOR_PHONE = '+380441234568';
let f: ConsoleFixture;
let browser: BrowserContext;
let reference: string;

// The same walk runs axe-core on each page (issue 17: 0 serious or critical findings on every page), with every
// closed section opened first, since axe skips what is hidden; then it reads the words.
const pageCheck = async (p: CrawledPage) => {
  await p.page.evaluate(() => document.querySelectorAll('details').forEach((d) => d.setAttribute('open', '')));
  const findings = (await axeFindings(p.page)).map((x) => `axe: ${x}`);
  const words = untranslated(await visibleWords(p.page));
  return [...findings, ...(words.length ? [`untranslated: ${words.join(', ')}`] : [])];
};

const post = async (userId: number, p: string, fields: Record<string, string>) => {
  const s = await f.session(userId);
  const res = await fetch(`${f.url}${p}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...fields, _csrf: s.csrf }).toString(),
  });
  assert.equal(res.status, 303, `${p}: ${res.status} ${(await res.text()).replace(/<[^>]+>/g, ' ').slice(-400)}`);
  return res;
};
const local = (msFromNow: number) => new Date(Date.now() + msFromNow).toISOString().slice(0, 16);

/** Data in every list, made through the console's own forms where one exists (so the audit log has their entries). */
async function seed() {
  const r = f.ctx.repos;
  const op = f.staff.operator.userId;
  const sup = f.staff.supervisor.userId;
  const facility = await r.facilities.upsert({ name: 'Установа Північ', callHoursStart: '00:00', callHoursEnd: '00:00' });
  await r.facilityLines.add(facility.id, FACILITY_LINE, 'крило А');
  await r.users.update(sup, { phone: SUPERVISOR_PHONE });
  for (const role of ROLES) await r.users.setLanguage(f.staff[role].userId, 'uk');
  const d = await r.detainees.create({
    familyName: 'Шевченко',
    givenName: 'Тарас',
    patronymic: 'Григорович',
    status: 'held',
    healthCategory: 'under_treatment',
    facilityId: facility.id,
    language: 'uk',
  });
  reference = d.reference;
  const contact = (name: string, relationship: string, phone: string) =>
    r.contacts.create({ detaineeId: d.id, name, relationship, phone, timeZone: 'Europe/Kyiv', language: 'uk', nominated: true });
  const sister = await contact('Оксана', 'сестра', '+380671234501');
  const mother = await contact('Марія', 'мати', '+380671234502');
  for (const c of [sister, mother]) {
    await r.contacts.setColumns(c.id, { call_hours_start: '00:00', call_hours_end: '00:00' });
    await post(op, `/console/contacts/${c.id}/consent`, { scope: 'calls', granted: 'true', language: 'uk', witness: 'Петренко' });
  }
  await post(op, `/console/contacts/${mother.id}/consent`, { scope: 'health', granted: 'false', language: 'uk', witness: 'Петренко' });
  // Four requests: one approved (a scheduled call), one denied (a notice to read to him), two pending for one contact.
  for (const [c, days] of [
    [sister, 1],
    [mother, 2],
    [sister, 3],
    [sister, 4],
  ] as const)
    await post(op, `/console/detainees/${d.id}/call-requests`, {
      contactId: String(c.id),
      earliest: local(days * 86_400_000),
      maxMinutes: '5',
    });
  const [first, second] = await r.callRequests.listByStatus('pending_approval');
  await post(sup, `/console/call-requests/${first.id}/approve`, {
    startAt: local(86_400_000 + 60_000),
    facilityLine: FACILITY_LINE,
    supervisorPhone: SUPERVISOR_PHONE,
    reason: 'approved',
  });
  await post(sup, `/console/call-requests/${second.id}/deny`, { reason: 'security_assessment' });
  await r.enquiries.create({
    soughtName: 'Коваленко Петро',
    soughtBirthYear: 1990,
    callerName: 'Ганна',
    relationship: 'дружина',
    callbackPhone: '+380671234503',
    language: 'uk',
    preferredHours: 'увечері',
  });
  await r.messages.create({ detaineeId: d.id, contactId: sister.id, direction: 'from_detainee', kind: 'keypad' });
  await r.tasks.create({
    kind: 'callback',
    detaineeId: d.id,
    callbackPhone: '+380671234504',
    callbackWindow: 'evening',
    language: 'uk',
    summary: 'Передзвонити родині',
  });
  await post(op, '/console/caller-flags', { number: '+380671234599', reason: 'asked_for_money' });
  await post(op, `/console/detainees/${d.id}/protection`, { concern: 'exchange', statement: 'Боїться обміну' });
  await r.detainees.create({ familyName: 'Бондаренко', givenName: 'Олег', status: 'released', facilityId: facility.id, language: 'ru' });
}

useBrowser((b) => (browser = b));
useConsoleFixture({ env: { OPERATOR_TIME_ZONE: 'Europe/Kyiv' }, prepare: withCallFeature, skip, timeout: 180_000 }, async (fixture) => {
  f = fixture;
  mkdirSync(SHOTS, { recursive: true });
  await seed();
});

async function walkAs(role: Role): Promise<{ visited: string[]; report: string }> {
  const page = await browser.newPage();
  try {
    await logIn(page, f.url, f.staff[role].username, f.staff[role].password);
    const result = await crawlConsole(page, f.url, {
      // Pages reached by a form, not a link: the caller desk's answer and a search.
      start: [
        '/console',
        `/console/caller-desk?reference=${reference}`,
        ...(role === 'caller_desk' ? [] : [`/console/detainees?q=${encodeURIComponent('Шевченко')}`]),
      ],
      check: pageCheck,
      foreign: (p) => p.startsWith('/admin/queues'),
    });
    return { visited: result.visited, report: result.problems.map((p) => `${role} ${p.path}: ${p.problems.join('; ')}`).join('\n') };
  } finally {
    await page.close();
  }
}

// Each role walks once; the test after the walks reads the supervisor's walk again.
const walks = new Map<Role, ReturnType<typeof walkAs>>();
const walkOnce = (role: Role) => walks.get(role) ?? walks.set(role, walkAs(role)).get(role)!;

for (const role of ROLES) {
  test(`every page the ${role} reaches speaks Ukrainian`, { timeout: 300_000, skip }, async () => {
    const { visited, report } = await walkOnce(role);
    assert.ok(visited.length >= 3, `the walk reached pages: ${visited.join(' ')}`);
    assert.equal(report, '', report);
  });
}

test('the supervisors walk reaches the decisions, the live board, a call and the raw queue', { timeout: 300_000, skip }, async () => {
  const { visited } = await walkOnce('supervisor');
  for (const p of [
    '/console/call-requests',
    '/console/queue',
    '/console/calls/:id',
    '/admin/queues',
    '/console/detainees/:id',
    '/console/contacts/:id',
  ])
    assert.ok(visited.includes(p), `${p} in ${visited.join(' ')}`);
});

test(
  'a refusal reads in Ukrainian, and the decisions page opens one row’s approve form (screenshot)',
  { timeout: 120_000, skip },
  async () => {
    const page: Page = await browser.newPage();
    try {
      await page.setViewportSize({ width: 1280, height: 800 });
      await logIn(page, f.url, f.staff.supervisor.username, f.staff.supervisor.password);
      await page.goto(`${f.url}/console/call-requests`);
      const rows = page.locator('td.decision');
      assert.ok((await rows.count()) >= 2, 'two pending requests');
      const second = rows.nth(1);
      await second.locator('details.approve > summary').click();
      // The chosen row's form opens; no other row's, and not the deny form.
      assert.equal(await page.locator('details.decide[open]').count(), 1);
      assert.equal(await second.locator('form.approve').isVisible(), true);
      assert.equal(await rows.nth(0).locator('form.approve').isVisible(), false);
      assert.equal(await second.locator('form.deny').isVisible(), false);
      // From the keyboard: the first row's deny opens with Enter, and closes the other row's approve.
      await rows.nth(0).locator('details.deny > summary').focus();
      await page.keyboard.press('Enter');
      assert.equal(await rows.nth(0).locator('form.deny').isVisible(), true);
      assert.equal(await second.locator('form.approve').isVisible(), false);
      await second.locator('details.approve > summary').click();
      const shot = path.join(SHOTS, 'approve-row.uk.png');
      await page.screenshot({ path: shot, fullPage: false });

      // A start in the past is refused (start_in_past): the error page says so in Ukrainian, nothing in English.
      await second.locator('input[name="startAt"]').fill('2020-01-01T10:00');
      await Promise.all([page.waitForURL(/\/approve$/), second.getByRole('button', { name: 'Схвалити', exact: true }).click()]);
      const error = (await page.locator('.error').innerText()).trim();
      assert.ok(error.endsWith(errorsUk.start_in_past), error);
      assert.deepEqual(untranslated(await visibleWords(page)), []);
    } finally {
      await page.close();
    }
  },
);
