import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useConsoleFixture, type ConsoleFixture } from '../support/console-fixture.js';
import { FACILITY_LINE, SUPERVISOR_PHONE, withSupervisedCalls } from '../support/console-call-harness.js';

// Times in the console are the viewer's (a per-user zone, default OPERATOR_TIME_ZONE), a call's also in the
// relative's local time; the approve form's default start is accepted as shown; blank forms are answered
// in words; reasons for barge and end are chosen, never preselected.
// Moscow (UTC+3) and Novosibirsk (UTC+7) keep no summer time, so the expected clocks are plain arithmetic.
let f: ConsoleFixture;
let sup: { cookie: string; csrf: string };
let detaineeId: number;
let contactId: number;
let anyHourContactId: number;
/** The call approved from the default start; still scheduled, so barge and end find it not live. */
let approvedCallId: string;

const post = (s: { cookie: string; csrf: string }, path: string, fields: Record<string, string>) =>
  fetch(`${f.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...fields, _csrf: s.csrf }).toString(),
  });
const page = async (path: string) => (await fetch(`${f.url}${path}`, { headers: { cookie: sup.cookie } })).text();
/** "2026-01-15 15:05" for an instant on a clock `hours` ahead of UTC. */
const clock = (d: Date, hours: number) => new Date(d.getTime() + hours * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
/** A call's time as a Moscow viewer reads it with the relative's Novosibirsk clock (and date, when it is another day there). */
const both = (d: Date) => {
  const [m, n] = [clock(d, 3), clock(d, 7)];
  return `${m} Moscow · ${n.slice(0, 10) === m.slice(0, 10) ? n.slice(11) : n} Novosibirsk`;
};

/** A pending request whose earliest start is not on a whole minute: two days ahead, 37.5 s past the minute. */
async function pendingRequest(contact = contactId, fromNowMs = 2 * 86_400_000): Promise<{ id: number; earliest: Date }> {
  const base = new Date(Date.now() + fromNowMs);
  base.setUTCSeconds(37, 500);
  const r = await f.ctx.repos.callRequests.create({ detaineeId, contactId: contact, source: 'operator', earliest: base, maxMinutes: 5 });
  return { id: r.id, earliest: base };
}

useConsoleFixture({ env: { OPERATOR_TIME_ZONE: 'Europe/Kyiv' }, prepare: withSupervisedCalls() }, async (fixture) => {
  f = fixture;
  const r = f.ctx.repos;
  const [facility] = await r.facilities.list();
  const d = await r.detainees.create({ familyName: 'Bondar', givenName: 'Oleh', status: 'held', facilityId: facility.id });
  // The relative keeps the default calling hours (09:00–21:00 in Novosibirsk): the default start must respect them.
  const c = await r.contacts.create({
    detaineeId: d.id,
    name: 'Olena',
    relationship: 'wife',
    phone: '+79131230000',
    timeZone: 'Asia/Novosibirsk',
    nominated: true,
  });
  await r.consent.append({ contactId: c.id, scope: 'calls', granted: true, language: 'ru', witness: 'guard' });
  // A second relative who may be called at any hour.
  const any = await r.contacts.create({
    detaineeId: d.id,
    name: 'Ivan',
    relationship: 'son',
    phone: '+79131230001',
    timeZone: 'Asia/Novosibirsk',
    nominated: true,
  });
  await r.contacts.setColumns(any.id, { call_hours_start: '00:00', call_hours_end: '00:00' });
  await r.consent.append({ contactId: any.id, scope: 'calls', granted: true, language: 'ru', witness: 'guard' });
  [detaineeId, contactId, anyHourContactId] = [d.id, c.id, any.id];
  sup = await f.session(f.staff.supervisor.userId);
});

test('a user without a zone reads OPERATOR_TIME_ZONE; one who sets Europe/Moscow reads Moscow times', { timeout: 60_000 }, async () => {
  assert.match(await page('/console/settings'), /id="time-zone">Times are shown in Kyiv \(Europe\/Kyiv\)/);
  const bad = await post(sup, '/console/settings', { timeZone: 'Mars/Olympus' });
  assert.equal(bad.status, 400);
  assert.match(await bad.text(), /Enter a time zone such as Europe\/Kyiv/);
  assert.equal((await f.ctx.repos.users.findById(f.staff.supervisor.userId))!.time_zone, null, 'nothing saved');
  assert.equal((await post(sup, '/console/settings', { timeZone: 'Europe/Moscow' })).status, 303);
  assert.equal((await f.ctx.repos.users.findById(f.staff.supervisor.userId))!.time_zone, 'Europe/Moscow');

  const { earliest } = await pendingRequest();
  const requests = await page('/console/call-requests');
  assert.match(requests, /Times are shown in Moscow \(Europe\/Moscow\)/);
  // The earliest start in the supervisor's zone and in the relative's local time.
  assert.ok(requests.includes(both(earliest)), requests);
  assert.ok(!requests.includes(' UTC'), 'no time is left in UTC');
});

test('the approve form’s default start, submitted unchanged, is accepted and read in the viewer’s zone', { timeout: 60_000 }, async () => {
  const { id, earliest } = await pendingRequest();
  const html = await page('/console/call-requests');
  const form = html.slice(html.indexOf(`/console/call-requests/${id}/approve`));
  const startAt = /name="startAt" type="datetime-local" value="([^"]+)"/.exec(form)?.[1];
  assert.ok(startAt, 'the form offers a start');
  assert.match(form, /Start at \(Moscow\)<\/label>/);
  const approved = await post(sup, `/console/call-requests/${id}/approve`, {
    startAt,
    facilityLine: FACILITY_LINE,
    supervisorPhone: SUPERVISOR_PHONE,
    reason: 'approved',
  });
  assert.equal(approved.status, 303, await approved.text());
  const call = (await f.ctx.repos.scheduledCalls.findById(approved.headers.get('location')!.split('/').pop()!))!;
  // The value was Moscow time: the call starts at that instant, not before the request allows.
  assert.equal(clock(call.start_at, 3).replace(' ', 'T'), startAt);
  const board = await page('/console/queue');
  assert.ok(board.includes(both(call.start_at)), 'the queue board shows the start in Moscow and Novosibirsk time');
  assert.ok(call.start_at.getTime() >= earliest.getTime());
  // Inside the relative's calling hours (09:00–21:00 in Novosibirsk), with its five minutes.
  const novosibirsk = clock(call.start_at, 7).slice(11);
  assert.ok(novosibirsk >= '09:00' && novosibirsk <= '20:55', novosibirsk);
  approvedCallId = call.id;
  const callPage = await page(`/console/calls/${call.id}`);
  assert.ok(callPage.includes(both(call.start_at)), 'the call page shows both clocks');
});

test(
  'the default start is the next whole minute after the earliest time, or this minute once it has passed',
  { timeout: 60_000 },
  async () => {
    const ahead = await pendingRequest(anyHourContactId);
    const passed = await pendingRequest(anyHourContactId, -3_600_000);
    const before = Date.now();
    const html = await page('/console/call-requests');
    const after = Date.now();
    const startOf = (id: number) => {
      const form = html.slice(html.indexOf(`/console/call-requests/${id}/approve`));
      return /name="startAt" type="datetime-local" value="([^"]+)"/.exec(form)![1];
    };
    const nextMinute = new Date(Math.ceil(ahead.earliest.getTime() / 60_000) * 60_000);
    assert.equal(startOf(ahead.id), clock(nextMinute, 3).replace(' ', 'T'));
    const minutes = [before, after].map((t) => clock(new Date(t), 3).replace(' ', 'T'));
    assert.ok(minutes.includes(startOf(passed.id)), `${startOf(passed.id)} is the minute the page was made (${minutes.join(' or ')})`);
    // Both clocks are shown beside the field.
    assert.ok(html.includes(both(nextMinute)));
    for (const r of [ahead, passed]) await f.ctx.repos.callRequests.decide(r.id, 'denied', 'test', 'other');
  },
);

test('the earliest start counts to its minute: the minute shown is accepted, one before it refused', { timeout: 60_000 }, async () => {
  // Three days ahead, clear of the call approved above (one detainee has one call at a time).
  const { id, earliest } = await pendingRequest(anyHourContactId, 3 * 86_400_000);
  const shown = clock(earliest, 3); // the Earliest column, to the minute: 37.5 s before the exact time
  assert.ok((await page('/console/call-requests')).includes(`<td>${both(earliest)}</td>`));
  const fields = { facilityLine: FACILITY_LINE, supervisorPhone: SUPERVISOR_PHONE, reason: 'approved' };
  const early = await post(sup, `/console/call-requests/${id}/approve`, {
    ...fields,
    startAt: clock(new Date(earliest.getTime() - 60_000), 3).replace(' ', 'T'),
  });
  assert.equal(early.status, 422);
  assert.match(await early.text(), /before the earliest time/);
  const ok = await post(sup, `/console/call-requests/${id}/approve`, { ...fields, startAt: shown.replace(' ', 'T') });
  assert.equal(ok.status, 303);
});

test('blank decision forms are answered in words, in the viewer’s language', { timeout: 60_000 }, async () => {
  const { id } = await pendingRequest();
  const blank = await post(sup, `/console/call-requests/${id}/approve`, {});
  assert.equal(blank.status, 400);
  const text = await blank.text();
  for (const words of ['Choose a start time', 'Choose the facility line', 'Enter the supervisor&#39;s phone'])
    assert.ok(text.includes(words), words);
  assert.doesNotMatch(text, /Invalid input|expected|startAt:/);
  const deny = await post(sup, `/console/call-requests/${id}/deny`, {});
  assert.equal(deny.status, 400);
  assert.match(await deny.text(), /Choose a reason/);
  assert.equal((await f.ctx.repos.callRequests.findById(id))!.status, 'pending_approval', 'nothing decided');

  assert.equal((await post(sup, '/console/language', { language: 'uk' })).status, 303);
  try {
    const uk = await (await post(sup, `/console/call-requests/${id}/approve`, {})).text();
    assert.ok(uk.includes('Оберіть час початку') && uk.includes('Оберіть лінію установи'), 'Ukrainian words');
  } finally {
    await post(sup, '/console/language', { language: 'en' });
  }
});

test('reasons are chosen, not preselected; barge and end without one are refused in words', { timeout: 60_000 }, async () => {
  const { id } = await pendingRequest();
  const html = await page('/console/call-requests');
  const deny = html.slice(html.indexOf(`/console/call-requests/${id}/deny`));
  assert.match(deny, /<select id="dr\d+" name="reason" required><option value="" selected disabled>Choose a reason<\/option>/);
  for (const action of ['barge', 'end']) {
    // End's confirmation is ticked here, so the refusal is about the reason alone.
    const confirmed: Record<string, string> = action === 'end' ? { confirm: 'yes' } : {};
    const refused = await post(sup, `/console/calls/${approvedCallId}/${action}`, confirmed);
    assert.equal(refused.status, 400, action);
    assert.match(await refused.text(), /Choose a reason/);
    const made = await post(sup, `/console/calls/${approvedCallId}/${action}`, { ...confirmed, reason: 'made_up' });
    assert.equal(made.status, 400, `${action}: only a listed reason`);
  }
  assert.ok(!(await f.ctx.repos.audit.list({ limit: 50 })).some((e) => e.action === 'call.barge'), 'nothing barged');
});

test('admins set a user’s zone on the users page and through the API; a bad zone is refused by name', { timeout: 60_000 }, async () => {
  const admin = await f.session(f.staff.admin.userId);
  const opId = f.staff.operator.userId;
  assert.equal((await post(admin, `/console/users/${opId}/time-zone`, { timeZone: 'Europe/Warsaw' })).status, 303);
  assert.equal((await f.ctx.repos.users.findById(opId))!.time_zone, 'Europe/Warsaw');
  const api = (method: string, path: string, body: unknown) =>
    fetch(`${f.url}/api${path}`, {
      method,
      headers: { authorization: `Bearer ${f.staff.admin.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const bad = await api('PATCH', `/users/${opId}`, { timeZone: 'Europe/Atlantis' });
  assert.equal(bad.status, 400);
  assert.match(JSON.stringify(await bad.json()), /timeZone/);
  assert.equal((await f.ctx.repos.users.findById(opId))!.time_zone, 'Europe/Warsaw', 'nothing saved');
  const reset = await api('PATCH', `/users/${opId}`, { timeZone: null });
  assert.equal(((await reset.json()) as { timeZone: unknown }).timeZone, null);
  const created = await api('POST', '/users', {
    username: 'moscow.sup',
    password: 'a-long-password-1',
    role: 'supervisor',
    timeZone: 'Europe/Moscow',
  });
  assert.equal(created.status, 201);
  assert.equal(((await created.json()) as { timeZone: string }).timeZone, 'Europe/Moscow');
  assert.ok((await f.ctx.repos.audit.list({ limit: 50 })).some((e) => e.action === 'user.time_zone' && e.subject_id === String(opId)));
});
