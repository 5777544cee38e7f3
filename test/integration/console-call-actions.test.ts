import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createConsoleFixture, type ConsoleFixture } from '../support/console-fixture.js';
import { SimulatedCarrier } from '../../src/telephony/simulated/simulated-carrier.js';
import { createCallQueues } from '../../src/queue/call-queues.js';

// The console's call forms drive the call feature's use cases in-process (no workers here: the calls stay
// scheduled, which is what these actions act on).
const LINE = '+380441234567';
const SUP = '+380441234568';
let f: ConsoleFixture;
let detaineeId: number;
let contactId: number;
let otherContactId: number;
let op: { cookie: string; csrf: string };
let sup: { cookie: string; csrf: string };

before(async () => {
  f = await createConsoleFixture({}, async (ctx) => {
    ctx.telephony = new SimulatedCarrier({ accountSid: ctx.config.twilio.accountSid, authToken: ctx.config.twilio.authToken });
    ctx.callQueues = await createCallQueues(ctx.config);
    return () => ctx.callQueues!.close();
  });
  const r = f.ctx.repos;
  const facility = await r.facilities.upsert({ name: 'F1', callHoursStart: '00:00', callHoursEnd: '00:00' });
  await r.facilityLines.add(facility.id, LINE);
  const d = await r.detainees.create({ familyName: 'Hrytsenko', givenName: 'Taras', status: 'held', facilityId: facility.id });
  const c = await r.contacts.create({ detaineeId: d.id, name: 'Iryna', relationship: 'sister', phone: '+79161234500', timeZone: 'Europe/Moscow', nominated: true });
  const c2 = await r.contacts.create({ detaineeId: d.id, name: 'Petro', relationship: 'brother', phone: '+79161234501', timeZone: 'Europe/Moscow', nominated: true });
  await r.db.updateTable('contacts').set({ call_hours_start: '00:00', call_hours_end: '00:00' }).execute();
  await r.consent.append({ contactId: c.id, scope: 'calls', granted: true, language: 'ru', witness: 'guard' });
  [detaineeId, contactId, otherContactId] = [d.id, c.id, c2.id];
  op = await f.session(f.staff.operator.userId);
  sup = await f.session(f.staff.supervisor.userId);
});
after(async () => {
  await f?.close();
});

const post = (s: { cookie: string; csrf: string }, path: string, fields: Record<string, string>) =>
  fetch(`${f.url}${path}`, { method: 'POST', redirect: 'manual', headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ ...fields, _csrf: s.csrf }).toString() });
const minute = (msFromNow: number) => new Date(Date.now() + msFromNow).toISOString().slice(0, 16);

async function request(contact: number, earliest: string) {
  const res = await post(op, `/console/detainees/${detaineeId}/call-requests`, { contactId: String(contact), earliest, maxMinutes: '5', language: 'ru' });
  return res;
}

test('a request refused by policy shows the rule; an allowed one waits for approval', async () => {
  const refused = await request(otherContactId, minute(86_400_000));
  assert.equal(refused.status, 422);
  assert.match(await refused.text(), /consent ledger does not allow calls/);
  const preview = await fetch(`${f.url}/console/detainees/${detaineeId}/call-policy?contactId=${otherContactId}&earliest=${minute(86_400_000)}&maxMinutes=5`, { headers: { cookie: op.cookie } });
  const checks = ((await preview.json()) as { checks: Array<{ rule: string; ok: boolean }> }).checks;
  assert.deepEqual(checks.filter((c) => !c.ok).map((c) => c.rule), ['consent']);
  assert.equal((await request(contactId, minute(86_400_000))).status, 303);
  assert.equal((await f.ctx.repos.callRequests.listByStatus('pending_approval')).length, 1);
});

test('approve, reschedule and cancel from the console, each with a reason; operators cannot decide', async () => {
  const [req] = await f.ctx.repos.callRequests.listByStatus('pending_approval');
  const startAt = new Date(req.earliest).toISOString().slice(0, 16);
  const fields = { startAt, facilityLine: LINE, supervisorPhone: SUP, reason: 'approved' };
  assert.equal((await post(op, `/console/call-requests/${req.id}/approve`, fields)).status, 403);
  const bad = await post(sup, `/console/call-requests/${req.id}/approve`, { ...fields, reason: 'because' });
  assert.equal(bad.status, 400);
  assert.match(await bad.text(), /reason/);
  const ok = await post(sup, `/console/call-requests/${req.id}/approve`, fields);
  assert.equal(ok.status, 303);
  const callId = ok.headers.get('location')!.split('/').pop()!;
  assert.equal((await f.ctx.repos.scheduledCalls.findById(callId))!.state, 'scheduled');
  assert.ok((await f.ctx.repos.audit.list({ limit: 20 })).some((e) => e.action === 'call_request.approved' && e.actor === 'test-supervisor'));

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

  const ended = await post(sup, `/console/calls/${newId}/end`, { reason: 'other' });
  assert.equal(ended.status, 409, 'a call that is not live cannot be ended');
  assert.equal((await post(sup, `/console/calls/${newId}/cancel`, { reason: 'detainee_request' })).status, 303);
  const cancelled = (await f.ctx.repos.scheduledCalls.findById(newId))!;
  assert.deepEqual([cancelled.state, cancelled.final_reason], ['cancelled', 'detainee_request']);
  const page = await (await fetch(`${f.url}/console/calls/${newId}`, { headers: { cookie: sup.cookie } })).text();
  assert.match(page, /data-state="cancelled"/);
  assert.match(page, /<td>cancelled<\/td>/);
});

test('deny keeps the structured reason and lists it among recent decisions', async () => {
  assert.equal((await request(contactId, minute(2 * 86_400_000))).status, 303);
  const [req] = await f.ctx.repos.callRequests.listByStatus('pending_approval');
  assert.equal((await post(sup, `/console/call-requests/${req.id}/deny`, { reason: 'security_assessment' })).status, 303);
  assert.equal((await f.ctx.repos.callRequests.findById(req.id))!.reason, 'security_assessment');
  const page = await (await fetch(`${f.url}/console/call-requests`, { headers: { cookie: op.cookie } })).text();
  assert.match(page, /<td>denied<\/td><td>security_assessment<\/td>/);
});
