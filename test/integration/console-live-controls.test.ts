import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createConsoleFixture, type ConsoleFixture } from '../support/console-fixture.js';
import { FACILITY_LINE, SUPERVISOR_PHONE, simulated, withSupervisedCalls } from '../support/console-call-harness.js';

// Live controls from the call page (S-03) on a real monitored call through the simulated carrier:
// listen (a muted extra leg), barge (the monitor unmuted) and end, each with a reason.
const RELATIVE = '+79161230000';
const LISTENER = '+380441239999';
let f: ConsoleFixture;
let callId: string;
let contactId: number;
let sup: { cookie: string; csrf: string };

const post = (s: { cookie: string; csrf: string }, path: string, fields: Record<string, string>) =>
  fetch(`${f.url}${path}`, { method: 'POST', redirect: 'manual', headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ ...fields, _csrf: s.csrf }).toString() });

async function until<T>(what: string, fn: () => Promise<T | undefined | false>, tries = 300): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const v = await fn();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}

before(async () => {
  // The relative accepts and stays on the line until the supervisor ends the call.
  f = await createConsoleFixture({}, withSupervisedCalls({ [RELATIVE]: { answer: 'answer', digits: ['1', '1', '1'] } }));
  const r = f.ctx.repos;
  const [facility] = await r.facilities.list();
  const d = await r.detainees.create({ familyName: 'Savchenko', givenName: 'Ivan', status: 'held', facilityId: facility.id });
  const c = await r.contacts.create({ detaineeId: d.id, name: 'Halyna', relationship: 'mother', phone: RELATIVE, timeZone: 'Europe/Moscow', nominated: true });
  await r.db.updateTable('contacts').set({ call_hours_start: '00:00', call_hours_end: '00:00' }).where('id', '=', c.id).execute();
  await r.consent.append({ contactId: c.id, scope: 'calls', granted: true, language: 'ru', witness: 'guard' });
  contactId = c.id;
  const op = await f.session(f.staff.operator.userId);
  sup = await f.session(f.staff.supervisor.userId);
  const now = new Date().toISOString().slice(0, 16);
  assert.equal((await post(op, `/console/detainees/${d.id}/call-requests`, { contactId: String(c.id), earliest: now, maxMinutes: '5' })).status, 303);
  const [req] = await r.callRequests.listByStatus('pending_approval');
  const approved = await post(sup, `/console/call-requests/${req.id}/approve`, { startAt: now, facilityLine: FACILITY_LINE, supervisorPhone: SUPERVISOR_PHONE, reason: 'approved' });
  assert.equal(approved.status, 303);
  callId = approved.headers.get('location')!.split('/').pop()!;
  await until('the call to connect', async () => (await r.scheduledCalls.findById(callId))?.state === 'connected');
});
after(async () => {
  await f?.close();
});

test('listen dials the supervisor in as a muted extra participant', async () => {
  const res = await post(sup, `/console/calls/${callId}/listen`, { phone: LISTENER });
  assert.equal(res.status, 303);
  const leg = [...simulated(f.ctx).calls.values()].find((c) => c.to === LISTENER);
  assert.ok(leg, 'the carrier dialled the listener');
  assert.equal(leg.participant?.muted, true);
  assert.equal(leg.participant?.endConferenceOnExit, false);
  assert.ok((await f.ctx.repos.scheduledCalls.events(callId)).some((e) => e.kind === 'listener_joined' && e.actor === 'test-supervisor'));
});

test('barge needs a reason, unmutes the monitor and is audited', async () => {
  assert.equal((await post(sup, `/console/calls/${callId}/barge`, {})).status, 400);
  assert.equal((await post(sup, `/console/calls/${callId}/barge`, { reason: 'rules_breached' })).status, 303);
  assert.ok((await f.ctx.repos.scheduledCalls.events(callId)).some((e) => e.kind === 'barged'));
  const audit = (await f.ctx.repos.audit.list({ limit: 30 })).find((e) => e.action === 'call.barge');
  assert.deepEqual(audit?.detail, { reason: 'rules_breached' });
  assert.ok(simulated(f.ctx).events().some((e) => e.kind === 'participant_updated' && e.detail?.muted === false));
});

test('end with a reason finishes the call without blocking the family', async () => {
  assert.equal((await post(sup, `/console/calls/${callId}/end`, { reason: 'rules_breached' })).status, 303);
  const call = await until('the call to end', async () => {
    const c = await f.ctx.repos.scheduledCalls.findById(callId);
    return c && c.state !== 'connected' ? c : undefined;
  });
  assert.equal(call.state, 'completed');
  assert.match(call.final_reason ?? '', /ended_by_supervisor:rules_breached/);
  const contact = (await f.ctx.repos.contacts.findById(contactId))!;
  assert.equal(contact.blocked, false, 'S-03: ending a call never blocks the number');
  const page = await (await fetch(`${f.url}/console/calls/${callId}`, { headers: { cookie: sup.cookie } })).text();
  assert.match(page, /ended_by_supervisor/);
});
