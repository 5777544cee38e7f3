import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { useConsoleFixture, withCallFeature, type ConsoleFixture } from '../support/console-fixture.js';
import { SimulatedCarrier } from '../../src/telephony/simulated/simulated-carrier.js';
import { countText, translator } from '../../src/console/i18n.js';

// The inboxes say what waits and what is late (S-04): counts in the navigation that respect who may see a
// restricted task (S-05), the late rows marked, and a sentence when an inbox is empty. The simulated carrier's
// page reads in words and the viewer's clock, under the trial tools. Moscow keeps no summer time.
let f: ConsoleFixture;
type Session = { cookie: string; csrf: string };
let op: Session;
let sup: Session;
let supUk: Session;

const page = async (s: Session, path: string) => {
  const res = await fetch(`${f.url}${path}`, { headers: { cookie: s.cookie } });
  assert.equal(res.status, 200, path);
  return res.text();
};
/** The navigation link to an inbox: its open and late badges and its text. */
function badges(html: string, href: string) {
  const link = new RegExp(`<a href="${href}"[^>]*>(.*?)</a>`).exec(html)?.[1];
  assert.ok(link, `a link to ${href}`);
  return {
    open: Number(/data-open="(\d+)"/.exec(link)?.[1] ?? NaN),
    late: Number(/data-late="(\d+)"/.exec(link)?.[1] ?? 0),
    text: link.replace(/<[^>]+>/g, ''),
  };
}

useConsoleFixture({ env: { OPERATOR_TIME_ZONE: 'Europe/Moscow' }, prepare: withCallFeature }, async (fixture) => {
  f = fixture;
  op = await f.session(f.staff.operator.userId);
  sup = await f.session(f.staff.supervisor.userId);
  const uk = await f.ctx.repos.users.create({
    username: 'uk-supervisor',
    password: 'uk-supervisor-123',
    role: 'supervisor',
    language: 'uk',
  });
  supUk = await f.session(uk.id);
});

test('empty inboxes say so in a sentence and count nothing', { timeout: 60_000 }, async () => {
  const enquiries = await page(op, '/console/enquiries');
  assert.match(enquiries, /<p id="no-enquiries">No open enquiry\.<\/p>/);
  assert.doesNotMatch(enquiries, /<table id="enquiries"/);
  assert.deepEqual(badges(enquiries, '/console/enquiries'), { open: 0, late: 0, text: 'Enquiries open: 0' });
  assert.match(await page(op, '/console/messages'), /<p id="no-messages">No message waits for review\.<\/p>/);
  const tasks = await page(sup, '/console/tasks');
  assert.match(tasks, /<p id="no-open-tasks">No open task\.<\/p>/);
  assert.match(tasks, /<p id="no-restricted-tasks">No restricted task\.<\/p>/);
  assert.match(await page(supUk, '/console/messages'), /Жодне повідомлення не чекає на перевірку\./);
});

test('the navigation counts open and late items, restricted tasks only for supervisors', { timeout: 60_000 }, async () => {
  const r = f.ctx.repos;
  const yesterday = DateTime.now().setZone('Europe/Moscow').startOf('day').minus({ hours: 1 }).toJSDate();
  const backdate = (table: 'tasks' | 'enquiries', id: number) =>
    f.ctx.db
      .updateTable(table)
      .set({ created_at: yesterday } as never)
      .where('id', '=', id)
      .execute();

  await r.enquiries.create({ language: 'ru', soughtName: 'Today' });
  await backdate('enquiries', (await r.enquiries.create({ language: 'ru', soughtName: 'Yesterday' })).id);
  const closed = await r.enquiries.create({ language: 'ru', soughtName: 'Closed' });
  await backdate('enquiries', closed.id);
  await r.enquiries.setStatus(closed.id, 'closed');

  const d = await r.detainees.create({ familyName: 'Bondar', givenName: 'Yurii', status: 'held' });
  await r.messages.create({ detaineeId: d.id, direction: 'to_detainee', kind: 'keypad', reviewDueAt: new Date(Date.now() - 60_000) });
  await r.messages.create({ detaineeId: d.id, direction: 'to_detainee', kind: 'keypad', reviewDueAt: new Date(Date.now() + 3_600_000) });

  // Late: a callback from yesterday (and the restricted bad news); not late: today's callback, yesterday's
  // contact-floor task (no call to a family is owed), a closed callback.
  await backdate('tasks', (await r.tasks.create({ kind: 'callback', summary: 'late callback' })).id);
  await r.tasks.create({ kind: 'callback', summary: 'fresh callback' });
  await backdate('tasks', (await r.tasks.create({ kind: 'contact_floor', summary: 'floor' })).id);
  await backdate('tasks', (await r.tasks.create({ kind: 'bad_news', restricted: true, summary: 'restricted' })).id);
  const done = await r.tasks.create({ kind: 'callback', summary: 'done' });
  await backdate('tasks', done.id);
  await r.tasks.close(done.id, 'test-operator');

  const opPage = await page(op, '/console/detainees');
  assert.deepEqual(badges(opPage, '/console/enquiries'), { open: 2, late: 1, text: 'Enquiries open: 2 1 late' });
  assert.deepEqual(badges(opPage, '/console/messages'), { open: 2, late: 1, text: 'Messages open: 2 1 late' });
  assert.deepEqual(
    badges(opPage, '/console/tasks'),
    { open: 3, late: 1, text: 'Tasks open: 3 1 late' },
    'the restricted task is not counted',
  );
  const supPage = await page(sup, '/console/detainees');
  assert.deepEqual(badges(supPage, '/console/tasks'), { open: 4, late: 2, text: 'Tasks open: 4 2 late' });

  // The same rule as today's figures: one late review, two overdue callbacks.
  const figures = await (
    await fetch(`${f.url}/api/figures/today`, { headers: { authorization: `Bearer ${f.staff.supervisor.token}` } })
  ).json();
  assert.equal(figures.lateReviews, 1);
  assert.equal(figures.callbacksOverdue, 2);

  // Ukrainian agrees with each inbox's noun: запит is masculine, завдання neuter.
  const ukPage = await page(supUk, '/console/tasks');
  assert.equal(badges(ukPage, '/console/tasks').text, 'Завдання відкритих: 4 2 прострочені');
  assert.match(badges(ukPage, '/console/enquiries').text, /1 прострочений$/);
  assert.match(badges(ukPage, '/console/messages').text, /1 прострочене$/);

  // The late rows stand out on their pages.
  const tasks = await page(sup, '/console/tasks');
  assert.equal((tasks.match(/<td class="late">/g) ?? []).length, 2);
  const enquiries = await page(op, '/console/enquiries');
  assert.equal((enquiries.match(/\(late\)/g) ?? []).length, 1);
});

test('counted phrases take the plural form of the language', { timeout: 30_000 }, () => {
  const uk = translator('uk');
  assert.deepEqual(
    [1, 2, 5, 11, 21, 24].map((n) => countText('uk', uk, 'lateTasks', n)),
    ['1 прострочене', '2 прострочені', '5 прострочених', '11 прострочених', '21 прострочене', '24 прострочені'],
  );
  assert.equal(countText('en', translator('en'), 'lateEnquiries', 3), '3 late');
});

test('the simulated carrier page reads in words and the viewer’s clock, under the trial tools', { timeout: 60_000 }, async () => {
  const carrier = f.ctx.telephony as SimulatedCarrier;
  const answeredAt = Date.UTC(2026, 0, 15, 12, 5, 30);
  const call = carrier.newCall('+380441234567', '+380441110000', { answeredAt, status: 'in-progress' });
  carrier.record(call, 'say', 'Hello');

  const en = await page(sup, '/console/carrier');
  const heads = [...en.matchAll(/<th scope="col" data-key="(\w+)">([^<]*)<\/th>/g)].map((m) => [m[1], m[2]]);
  const callsTable = en.slice(en.indexOf('id="carrier-calls"'), en.indexOf('id="carrier-events"'));
  const callHeads = [...callsTable.matchAll(/<th scope="col" data-key="(\w+)">([^<]*)<\/th>/g)].map((m) => [m[1], m[2]]);
  assert.deepEqual(Object.fromEntries(callHeads), {
    sid: 'Call SID',
    to: 'To (masked)',
    from: 'From (masked)',
    status: 'Status',
    answeredAt: 'Answered at',
    ended: 'Ended',
  });
  assert.ok(heads.some(([k, v]) => k === 'text' && v === 'What the party heard'));
  assert.ok(!heads.some(([k, v]) => k === v), 'no raw property name is a heading');
  assert.ok(en.includes('2026-01-15 15:05:30'), 'the answer time on a Moscow clock');
  assert.ok(!en.includes(String(answeredAt)), 'no epoch milliseconds');
  assert.match(en, /<td>no<\/td>/, 'a flag reads as yes or no');
  assert.match(
    en,
    /<span id="nav-trial-tools">Trial tools:<\/span> <ul aria-labelledby="nav-trial-tools"><li><a href="\/console\/carrier"/,
  );

  const uk = await page(supUk, '/console/carrier');
  assert.match(uk, /data-key="answeredAt">Відповіли о</);
  assert.match(uk, /<td>ні<\/td>/);
  assert.match(uk, /Інструменти пробного запуску/);
  const opPage = await page(op, '/console/detainees');
  assert.ok(!opPage.includes('/console/carrier') && !opPage.includes('nav-trial-tools'), 'operators see no trial tools');
});

/** The audit page's rows: actor, action, subject. */
const auditRows = (html: string) =>
  [...html.matchAll(/<tr><td>\d+<\/td><td>[^<]*<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td>/g)].map(
    (m) => `${m[1]} ${m[2]} ${m[3].trim()}`,
  );

test('the audit list filters by person, record, action and day, and keeps people apart from the system', { timeout: 120_000 }, async () => {
  const admin = await f.session(f.staff.admin.userId);
  const today = DateTime.now().setZone('Europe/Moscow');
  const a = (actor: string, action: string, subjectType: string, subjectId: string) =>
    f.ctx.repos.audit.append({ actor, action, subjectType, subjectId });
  await a('test-supervisor', 'detainee.view', 'detainee', '9001');
  await a('test-operator', 'detainee.view', 'detainee', '9002');
  await a('test-operator', 'message.play', 'detainee', '9001');
  await a('hotline', 'message.play', 'detainee', '9001');
  await a('system', 'call.connected', 'scheduled_call', 'c-9001');
  await a('carrier', 'call.ringing', 'scheduled_call', 'c-9001');
  const list = async (q: string) => auditRows(await page(admin, `/console/audit?${q}`));

  // People's access is the default tab; the voice menu's play is the system's.
  const people = await page(admin, '/console/audit?subjectId=9001');
  assert.match(people, /<a href="\/console\/audit\?scope=people" aria-current="page">People’s access<\/a>/);
  assert.deepEqual(auditRows(people), [
    'test-operator Played a message Detainee 9001',
    'test-supervisor Viewed a detainee record Detainee 9001',
  ]);
  assert.deepEqual(await list('scope=system&subjectId=9001'), ['hotline Played a message Detainee 9001']);
  assert.deepEqual(await list('scope=system&subjectId=c-9001'), [
    'carrier Supervised call: ringing Supervised call (events) c-9001',
    'system Supervised call: connected Supervised call (events) c-9001',
  ]);
  assert.match(
    await page(admin, '/console/audit?scope=people&subjectId=c-9001'),
    /<p id="no-audit-entries">No entry matches these filters\.<\/p>/,
  );

  // Each filter narrows: person, record type and number, action or its family.
  assert.deepEqual(await list('actor=test-operator&subjectType=detainee&subjectId=9001'), ['test-operator Played a message Detainee 9001']);
  assert.deepEqual(await list('action=detainee.view&subjectId=9001'), ['test-supervisor Viewed a detainee record Detainee 9001']);
  assert.deepEqual(await list('action=detainee&actor=test-operator&subjectId=9002'), [
    'test-operator Viewed a detainee record Detainee 9002',
  ]);
  assert.deepEqual(await list('action=detainee.vie&subjectId=9001'), [], 'a family is a whole name before a dot');
  assert.deepEqual(await list('subjectType=enquiry&subjectId=9001'), []);
  // Days in the viewer's zone, "until" inclusive.
  const d = (days: number) => today.plus({ days }).toISODate();
  assert.equal((await list(`subjectId=9001&from=${d(0)}&until=${d(0)}`)).length, 2);
  assert.deepEqual(await list(`subjectId=9001&from=${d(1)}`), []);
  assert.deepEqual(await list(`subjectId=9001&until=${d(-1)}`), []);
  const bad = await fetch(`${f.url}/console/audit?from=2026-13-45`, { headers: { cookie: admin.cookie } });
  assert.equal(bad.status, 400);

  // One page holds 100 entries; the older page keeps the filters.
  for (let i = 0; i < 103; i++) await a('test-admin', 'paging.check', 'user', '77');
  const first = await page(admin, '/console/audit?action=paging.check');
  assert.equal(auditRows(first).length, 100);
  const older = /<a id="audit-older" href="([^"]+)"/.exec(first)?.[1]?.replaceAll('&amp;', '&');
  assert.ok(older && older.includes('action=paging.check') && older.includes('before='), older);
  const second = await page(admin, older);
  assert.equal(auditRows(second).length, 3);
  assert.ok(!second.includes('id="audit-older"'));

  // The REST API shares the filters; it lists everyone unless asked.
  const api = async (q: string) =>
    (await (await fetch(`${f.url}/api/audit?${q}`, { headers: { authorization: `Bearer ${f.staff.admin.token}` } })).json()).entries.map(
      (e: { actor: string }) => e.actor,
    );
  assert.deepEqual(await api('subjectId=9001'), ['hotline', 'test-operator', 'test-supervisor']);
  assert.deepEqual(await api('subjectId=9001&scope=people'), ['test-operator', 'test-supervisor']);
  // Nobody can hide among the system's entries.
  const reserved = await fetch(`${f.url}/api/users`, {
    method: 'POST',
    headers: { authorization: `Bearer ${f.staff.admin.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'system', password: 'a-long-password-1', role: 'operator' }),
  });
  assert.equal(reserved.status, 400);
});
