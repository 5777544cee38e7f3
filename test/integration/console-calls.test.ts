import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useConsoleFixture, streamEndsAtLogout, type ConsoleFixture } from '../support/console-fixture.js';
import { FACILITY_LINE, SUPERVISOR_PHONE, simulated, seedCallableContact, withSupervisedCalls } from '../support/console-call-harness.js';
import { waitFor } from '../support/wait-for.js';

// The console's call forms drive the call feature's use cases in-process: request with policy feedback,
// approve, deny, reschedule and cancel (S-01, O-07), and the live controls on a real monitored call through
// the simulated carrier: listen (a muted extra leg), barge (the monitor unmuted) and end (S-03).
const RELATIVE = '+79161230000';
const LISTENER = '+380441239999';
let f: ConsoleFixture;
let callId: string;
let contactId: number;
let sup: { cookie: string; csrf: string };
let op: { cookie: string; csrf: string };
let detaineeId: number;
let otherContactId: number;
let plannedContactId: number;

const post = (s: { cookie: string; csrf: string }, path: string, fields: Record<string, string>) =>
  fetch(`${f.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...fields, _csrf: s.csrf }).toString(),
  });

useConsoleFixture(
  // The relative accepts and stays on the line until the supervisor ends the call.
  // The staff read times in UTC (OPERATOR_TIME_ZONE, no zone of their own), so the forms' local times below
  // are UTC minutes.
  { env: { OPERATOR_TIME_ZONE: 'UTC' }, prepare: withSupervisedCalls({ [RELATIVE]: { answer: 'answer', digits: ['1', '1', '1'] } }) },
  async (fixture) => {
    f = fixture;
    const r = f.ctx.repos;
    const { detainee: d, contact: c } = await seedCallableContact(f.ctx, {
      detainee: { familyName: 'Savchenko', givenName: 'Ivan' },
      contact: { name: 'Halyna', phone: RELATIVE },
    });
    contactId = c.id;
    op = await f.session(f.staff.operator.userId);
    sup = await f.session(f.staff.supervisor.userId);
    const now = new Date().toISOString().slice(0, 16);
    assert.equal(
      (await post(op, `/console/detainees/${d.id}/call-requests`, { contactId: String(c.id), earliest: now, maxMinutes: '5' })).status,
      303,
    );
    const [req] = await r.callRequests.listByStatus('pending_approval');
    const approved = await post(sup, `/console/call-requests/${req.id}/approve`, {
      startAt: now,
      facilityLine: FACILITY_LINE,
      supervisorPhone: SUPERVISOR_PHONE,
      reason: 'approved',
    });
    assert.equal(approved.status, 303);
    callId = approved.headers.get('location')!.split('/').pop()!;
    await waitFor('the call to connect', async () => (await r.scheduledCalls.findById(callId))?.state === 'connected', 30_000);

    // A second detainee whose requests are scheduled a day ahead: the workers leave them alone.
    const facility2 = await r.facilities.upsert({ name: 'F1', callHoursStart: '00:00', callHoursEnd: '00:00' });
    await r.facilityLines.add(facility2.id, FACILITY_LINE);
    const d2 = await r.detainees.create({ familyName: 'Hrytsenko', givenName: 'Taras', status: 'held', facilityId: facility2.id });
    const c3 = await r.contacts.create({
      detaineeId: d2.id,
      name: 'Iryna',
      relationship: 'sister',
      phone: '+79161234500',
      timeZone: 'Europe/Moscow',
      nominated: true,
    });
    const c4 = await r.contacts.create({
      detaineeId: d2.id,
      name: 'Petro',
      relationship: 'brother',
      phone: '+79161234501',
      timeZone: 'Europe/Moscow',
      nominated: true,
    });
    for (const id of [c3.id, c4.id]) await r.contacts.setColumns(id, { call_hours_start: '00:00', call_hours_end: '00:00' });
    await r.consent.append({ contactId: c3.id, scope: 'calls', granted: true, language: 'ru', witness: 'guard' });
    [detaineeId, plannedContactId, otherContactId] = [d2.id, c3.id, c4.id];
  },
);

const minute = (msFromNow: number) => new Date(Date.now() + msFromNow).toISOString().slice(0, 16);

async function request(contact: number, earliest: string) {
  const res = await post(op, `/console/detainees/${detaineeId}/call-requests`, {
    contactId: String(contact),
    earliest,
    maxMinutes: '5',
    language: 'ru',
  });
  return res;
}

test('a request refused by policy shows the rule; an allowed one waits for approval', { timeout: 90_000 }, async () => {
  const refused = await request(otherContactId, minute(86_400_000));
  assert.equal(refused.status, 422);
  assert.match(await refused.text(), /consent ledger does not allow calls/);
  const preview = await fetch(
    `${f.url}/console/detainees/${detaineeId}/call-policy?contactId=${otherContactId}&earliest=${minute(86_400_000)}&maxMinutes=5`,
    { headers: { cookie: op.cookie } },
  );
  const checks = ((await preview.json()) as { checks: Array<{ rule: string; ok: boolean }> }).checks;
  assert.deepEqual(
    checks.filter((c) => !c.ok).map((c) => c.rule),
    ['consent'],
  );
  assert.equal((await request(plannedContactId, minute(86_400_000))).status, 303);
  assert.equal((await f.ctx.repos.callRequests.listByStatus('pending_approval')).length, 1);
});

test('approve, reschedule and cancel from the console, each with a reason; operators cannot decide', { timeout: 90_000 }, async () => {
  const [req] = await f.ctx.repos.callRequests.listByStatus('pending_approval');
  const startAt = new Date(req.earliest).toISOString().slice(0, 16);
  const fields = { startAt, facilityLine: FACILITY_LINE, supervisorPhone: SUPERVISOR_PHONE, reason: 'approved' };
  assert.equal((await post(op, `/console/call-requests/${req.id}/approve`, fields)).status, 403);
  const bad = await post(sup, `/console/call-requests/${req.id}/approve`, { ...fields, reason: 'because' });
  assert.equal(bad.status, 400);
  assert.match(await bad.text(), /reason/);
  // O-01: a start that has passed (yesterday) is refused with its reason, and nothing is scheduled.
  const past = await post(sup, `/console/call-requests/${req.id}/approve`, { ...fields, startAt: minute(-86_400_000) });
  assert.equal(past.status, 422);
  assert.match(await past.text(), /the start time has passed/);
  assert.equal((await f.ctx.repos.callRequests.findById(req.id))!.status, 'pending_approval');
  const ok = await post(sup, `/console/call-requests/${req.id}/approve`, fields);
  assert.equal(ok.status, 303);
  const callId = ok.headers.get('location')!.split('/').pop()!;
  assert.equal((await f.ctx.repos.scheduledCalls.findById(callId))!.state, 'scheduled');
  assert.ok(
    (await f.ctx.repos.audit.list({ limit: 20 })).some((e) => e.action === 'call_request.approved' && e.actor === 'test-supervisor'),
  );

  const later = minute(86_400_000 + 3_600_000);
  const moved = await post(sup, `/console/calls/${callId}/reschedule`, { startAt: later, reason: 'facility_unavailable' });
  assert.equal(moved.status, 303);
  const newId = moved.headers.get('location')!.split('/').pop()!;
  assert.notEqual(newId, callId);
  const old = (await f.ctx.repos.scheduledCalls.findById(callId))!;
  assert.deepEqual([old.state, old.final_reason], ['cancelled', 'rescheduled']);
  const fresh = (await f.ctx.repos.scheduledCalls.findById(newId))!;
  assert.equal(fresh.state, 'scheduled');
  assert.equal(new Date(fresh.start_at).toISOString().slice(0, 16), later);

  const ended = await post(sup, `/console/calls/${newId}/end`, { reason: 'other', confirm: 'yes' });
  assert.equal(ended.status, 409, 'a call that is not live cannot be ended');
  assert.equal((await post(sup, `/console/calls/${newId}/cancel`, { reason: 'detainee_request' })).status, 303);
  const cancelled = (await f.ctx.repos.scheduledCalls.findById(newId))!;
  assert.deepEqual([cancelled.state, cancelled.final_reason], ['cancelled', 'detainee_request']);
  const page = await (await fetch(`${f.url}/console/calls/${newId}`, { headers: { cookie: sup.cookie } })).text();
  assert.match(page, /data-state="cancelled"/);
  // The timeline says it in words, the reason by name; the raw kind stays behind the disclosure.
  assert.match(
    page,
    /<tr data-kind="cancelled"><td>[^<]+<\/td><td>test-supervisor cancelled the call: at the detainee&#39;s request<\/td>/,
  );
  assert.match(page, /<details id="raw-events">[\s\S]*<td>cancelled<\/td>/);
});

test('deny keeps the structured reason and lists it among recent decisions', { timeout: 90_000 }, async () => {
  assert.equal((await request(plannedContactId, minute(2 * 86_400_000))).status, 303);
  const [req] = await f.ctx.repos.callRequests.listByStatus('pending_approval');
  assert.equal((await post(sup, `/console/call-requests/${req.id}/deny`, { reason: 'security_assessment' })).status, 303);
  assert.equal((await f.ctx.repos.callRequests.findById(req.id))!.reason, 'security_assessment');
  const page = await (await fetch(`${f.url}/console/call-requests`, { headers: { cookie: op.cookie } })).text();
  assert.match(page, /<td>Denied<\/td><td>Security assessment<\/td>/, 'the status and the reason by name');
});

/** The first `call` event of the call page's stream. */
async function firstPush(s: { cookie: string }, id: string): Promise<Record<string, string>> {
  const ac = new AbortController();
  const res = await fetch(`${f.url}/console/calls/${id}/events`, { headers: { cookie: s.cookie }, signal: ac.signal });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /text\/event-stream/);
  const reader = res.body!.getReader();
  let text = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the stream ended before a call event: ${text}`);
      text += new TextDecoder().decode(value);
      const m = /event: call\ndata: (.*)\n\n/.exec(text);
      if (m) return JSON.parse(m[1]) as Record<string, string>;
    }
  } finally {
    ac.abort();
  }
}

test('the live call page: listen prefilled with my phone, end asks a reason and a tick, running timers', { timeout: 90_000 }, async () => {
  await f.ctx.repos.users.update(f.staff.supervisor.userId, { phone: LISTENER });
  const page = await (await fetch(`${f.url}/console/calls/${callId}`, { headers: { cookie: sup.cookie } })).text();
  assert.match(page, /data-state="connected"/);
  // S-03: listen dials the supervisor's own phone unless they change it.
  assert.match(page, /<input id="c-lp" name="phone" type="tel" required value="\+380441239999">/);
  const end = page.slice(
    page.indexOf(`/console/calls/${callId}/end`),
    page.indexOf('</form>', page.indexOf(`/console/calls/${callId}/end`)),
  );
  const select = end.slice(end.indexOf('<select'), end.indexOf('</select>'));
  assert.match(select, /name="reason" required>/);
  assert.match(select, /^<select[^>]*><option value="" selected disabled>Choose a reason<\/option>/);
  assert.equal(select.match(/ selected/g)?.length, 1, 'no reason is preselected');
  assert.match(end, /<input id="c-ce" name="confirm" type="checkbox" value="yes" required>/);
  assert.doesNotMatch(end, /checked/);
  // Running timers from the server's clock: talking since the connection, time left until its maximum.
  assert.match(page, /id="call-live" data-call="[^"]+" data-now="[^"]+Z"/);
  assert.match(page, /<span class="timer" id="elapsed" data-since="[^"]+">\d+:\d\d<\/span>/);
  const [, until] = /id="remaining" data-until="([^"]+)"/.exec(page)!;
  const a = (await f.ctx.repos.scheduledCalls.attempts(callId)).at(-1)!;
  assert.equal(new Date(until).getTime(), new Date(a.connected_at!).getTime() + 5 * 60_000);
  assert.match(page, /<li data-role="monitor">The monitor \(not a console user\), monitor of the call/);
  assert.match(page, /<script src="\/console\/assets\/call.js" defer>/);
  // The stream pushes the same parts, rendered on the server; operators get none of it.
  const push = await firstPush(sup, callId);
  assert.match(push.head, /data-state="connected"/);
  assert.equal(push.actionsKey, 'live');
  assert.match(push.timeline, /The relative accepted/);
  const denied = await fetch(`${f.url}/console/calls/${callId}/events`, { headers: { cookie: op.cookie }, redirect: 'manual' });
  assert.equal(denied.status, 403);
  await denied.body?.cancel();
  const js = await fetch(`${f.url}/console/assets/call.js`);
  assert.match(await js.text(), /\/events/);
});

test('an open call-page stream ends once its session is logged out', { timeout: 60_000 }, async () => {
  await streamEndsAtLogout(f, `/console/calls/${callId}/events`, /connected|event: call/);
});

test('listen dials the supervisor in as a muted extra participant', { timeout: 90_000 }, async () => {
  const res = await post(sup, `/console/calls/${callId}/listen`, { phone: LISTENER });
  assert.equal(res.status, 303);
  const leg = [...simulated(f.ctx).calls.values()].find((c) => c.to === LISTENER);
  assert.ok(leg, 'the carrier dialled the listener');
  assert.equal(leg.participant?.muted, true);
  assert.equal(leg.participant?.endConferenceOnExit, false);
  assert.ok((await f.ctx.repos.scheduledCalls.events(callId)).some((e) => e.kind === 'listener_joined' && e.actor === 'test-supervisor'));
  // Who is listening, by name (never the number), on the page and in the stream.
  const push = await firstPush(sup, callId);
  assert.match(push.head, /<li data-role="listener">test-supervisor, listening in, muted/);
  assert.ok(!push.head.includes(LISTENER) && !push.timeline.includes(LISTENER));
});

test('barge needs a reason, unmutes the monitor and is audited', { timeout: 90_000 }, async () => {
  assert.equal((await post(sup, `/console/calls/${callId}/barge`, {})).status, 400);
  assert.equal((await post(sup, `/console/calls/${callId}/barge`, { reason: 'rules_breached' })).status, 303);
  assert.ok((await f.ctx.repos.scheduledCalls.events(callId)).some((e) => e.kind === 'barged'));
  const audit = (await f.ctx.repos.audit.list({ limit: 30 })).find((e) => e.action === 'call.barge');
  assert.deepEqual(audit?.detail, { reason: 'rules_breached' });
  assert.ok(
    simulated(f.ctx)
      .events()
      .some((e) => e.kind === 'participant_updated' && e.detail?.muted === false),
  );
});

test('end with a reason finishes the call without blocking the family', { timeout: 90_000 }, async () => {
  // S-03: the console's end needs its confirmation box ticked; without it nothing happens to the call.
  assert.equal((await post(sup, `/console/calls/${callId}/end`, { reason: 'rules_breached' })).status, 422);
  assert.equal((await f.ctx.repos.scheduledCalls.findById(callId))!.state, 'connected');
  assert.equal((await post(sup, `/console/calls/${callId}/end`, { reason: 'rules_breached', confirm: 'yes' })).status, 303);
  const call = await waitFor(
    'the call to end',
    async () => {
      const c = await f.ctx.repos.scheduledCalls.findById(callId);
      return c && c.state !== 'connected' ? c : undefined;
    },
    30_000,
  );
  assert.equal(call.state, 'completed');
  assert.match(call.final_reason ?? '', /ended_by_supervisor:rules_breached/);
  const contact = (await f.ctx.repos.contacts.findById(contactId))!;
  assert.equal(contact.blocked, false, 'S-03: ending a call never blocks the number');
  const page = await (await fetch(`${f.url}/console/calls/${callId}`, { headers: { cookie: sup.cookie } })).text();
  // The final reason and the timeline in words; the codes only among the raw events.
  assert.match(page, /<span id="final-reason">Ended by a supervisor: rules breached<\/span>/);
  assert.match(page, /<td>test-supervisor ended the call: rules breached<\/td>/);
  assert.match(page, /<details id="raw-events">[\s\S]*<td>ended_by_supervisor<\/td>/);
  assert.doesNotMatch(page.slice(0, page.indexOf('<details id="raw-events">')), /ended_by_supervisor:/);
  assert.doesNotMatch(page, /<form[^>]*\/end"/, 'an ended call offers no end form');
});
