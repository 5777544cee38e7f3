import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { startCallsHarness, type CallsHarness } from '../support/calls-harness.js';
import { waitFor } from '../support/wait-for.js';
import { seedCallFixture, type CallFixture } from '../support/call-fixture.js';
import { placeCallJobId } from '../../src/queue/queue-names.js';

let h: CallsHarness;
let operator: string;
let supervisor: string;
before(
  async () => {
    h = await startCallsHarness({ workers: false });
    const op = await h.ctx.repos.users.create({ username: 'op1', password: 'operator-password-1', role: 'operator' });
    const sup = await h.ctx.repos.users.create({ username: 'sup1', password: 'supervisor-password-1', role: 'supervisor' });
    operator = (await h.ctx.repos.users.createApiToken(op.id, 'test')).token;
    supervisor = (await h.ctx.repos.users.createApiToken(sup.id, 'test')).token;
  },
  { timeout: 120_000 },
);
after(
  async () => {
    await h.close();
  },
  { timeout: 60_000 },
);

async function api(method: string, path: string, token: string | null, body?: unknown) {
  const res = await fetch(`${h.baseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

/** 10:00 tomorrow in Kyiv: inside 09:00-18:00 facility hours. */
const kyiv = (hour: number, days = 1) =>
  DateTime.now().setZone('Europe/Kyiv').plus({ days }).set({ hour, minute: 0, second: 0, millisecond: 0 }).toJSDate();

async function officeHoursFixture(): Promise<CallFixture> {
  const fx = await seedCallFixture(h.ctx);
  await h.ctx.repos.facilities.setCallHours(
    fx.facilityId,
    [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, starts: '09:00', ends: '18:00' })),
  );
  return fx;
}

describe('REST API of supervised calls', () => {
  it('request -> approve -> view -> cancel, with roles and errors naming their rule', { timeout: 90_000 }, async () => {
    const fx = await officeHoursFixture();
    assert.equal((await api('POST', '/api/call-requests', null, {})).status, 401);
    const bad = await api('POST', '/api/call-requests', operator, {
      detaineeReference: '12',
      contactPhone: fx.contactPhone,
      earliest: kyiv(9),
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error, 'invalid_input');
    const unknownContact = await api('POST', '/api/call-requests', operator, {
      detaineeReference: fx.reference,
      contactPhone: '+79169999999',
      earliest: kyiv(9),
    });
    assert.equal(unknownContact.body.error, 'contact_not_nominated');
    const created = await api('POST', '/api/call-requests', operator, {
      detaineeReference: fx.reference,
      contactPhone: fx.contactPhone,
      earliest: new Date(),
      maxMinutes: 10,
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.status, 'pending_approval');
    const id = created.body.id;
    const approveBody = { startAt: kyiv(10), facilityLine: fx.facilityLine, supervisorPhone: fx.supervisorPhone, reason: 'approved' };
    assert.equal((await api('POST', `/api/call-requests/${id}/approve`, operator, approveBody)).status, 403);
    const night = await api('POST', `/api/call-requests/${id}/approve`, supervisor, { ...approveBody, startAt: kyiv(3) });
    assert.equal(night.status, 422);
    assert.equal(night.body.error, 'outside_facility_hours');
    // O-01: a start that has passed is refused, and the request stays pending for another start.
    const past = await api('POST', `/api/call-requests/${id}/approve`, supervisor, { ...approveBody, startAt: kyiv(10, -1) });
    assert.equal(past.status, 422);
    assert.equal(past.body.error, 'start_in_past');
    assert.equal((await h.ctx.repos.callRequests.findById(id))!.status, 'pending_approval');
    const line = await api('POST', `/api/call-requests/${id}/approve`, supervisor, { ...approveBody, facilityLine: '+380449999999' });
    assert.equal(line.body.error, 'unknown_facility_line');
    const ok = await api('POST', `/api/call-requests/${id}/approve`, supervisor, approveBody);
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
    const callId = ok.body.callId;
    assert.ok(await h.ctx.callQueues!.calls.getJob(callId), 'delayed job, jobId = call id');
    assert.equal(
      (await api('POST', `/api/call-requests/${id}/deny`, supervisor, { reason: 'other' })).body.error,
      'request_already_decided',
    );
    const view = await api('GET', `/api/calls/${callId}`, operator);
    assert.equal(view.status, 200);
    assert.equal(view.body.state, 'scheduled');
    assert.ok(!JSON.stringify(view.body).includes(fx.facilityLine), 'numbers are masked');
    assert.ok(view.body.events.some((e: { kind: string }) => e.kind === 'scheduled'));
    assert.equal((await api('POST', `/api/calls/${callId}/cancel`, operator, { reason: 'other' })).status, 403);
    assert.equal(
      (await api('POST', `/api/calls/${callId}/cancel`, supervisor, { reason: 'free text is not a reason' })).body.error,
      'invalid_input',
    );
    const cancelled = await api('POST', `/api/calls/${callId}/cancel`, supervisor, { reason: 'detainee_request' });
    assert.equal(cancelled.body.state, 'cancelled');
    assert.equal(await h.ctx.callQueues!.calls.getJob(callId), undefined);
    assert.equal((await api('POST', `/api/calls/${callId}/cancel`, supervisor, { reason: 'other' })).body.error, 'call_already_ended');
    const list = await api('GET', '/api/calls?state=cancelled', operator);
    assert.ok(list.body.calls.some((c: { id: string }) => c.id === callId));
    assert.equal((await api('GET', '/api/calls?state=nonsense', operator)).body.error, 'invalid_state');
    assert.equal((await api('GET', '/api/calls/00000000-0000-0000-0000-000000000000', operator)).status, 404);
    assert.equal((await api('POST', `/api/calls/${callId}/barge`, supervisor)).body.error, 'call_not_live');
  });

  it('deny keeps a structured reason; policy refusals name their rule', { timeout: 90_000 }, async () => {
    const fx = await officeHoursFixture();
    const rq = await api('POST', '/api/call-requests', operator, {
      detaineeReference: fx.reference,
      contactPhone: fx.contactPhone,
      earliest: kyiv(9),
    });
    const denied = await api('POST', `/api/call-requests/${rq.body.id}/deny`, supervisor, { reason: 'security_assessment' });
    assert.equal(denied.body.status, 'denied');
    assert.equal(denied.body.reason, 'security_assessment');

    const refuse = async (f: CallFixture, body: Record<string, unknown>) => {
      const r = await api('POST', '/api/call-requests', operator, {
        detaineeReference: f.reference,
        contactPhone: f.contactPhone,
        earliest: kyiv(9),
      });
      if (r.status !== 201) return r.body.error;
      const a = await api('POST', `/api/call-requests/${r.body.id}/approve`, supervisor, {
        startAt: kyiv(10),
        facilityLine: f.facilityLine,
        supervisorPhone: f.supervisorPhone,
        ...body,
      });
      return a.status === 201 ? a.body.callId : a.body.error;
    };
    const noConsent = await seedCallFixture(h.ctx, { consent: false });
    assert.equal(await refuse(noConsent, {}), 'consent_calls_missing');
    const notNominated = await seedCallFixture(h.ctx, { nominated: false });
    assert.equal(await refuse(notNominated, {}), 'contact_not_nominated');
    const blocked = await seedCallFixture(h.ctx);
    await h.ctx.repos.contacts.update(blocked.contactId, { blocked: true });
    assert.equal(await refuse(blocked, {}), 'contact_blocked');
    const contactNight = await seedCallFixture(h.ctx);
    await h.ctx.db
      .updateTable('contacts')
      .set({ call_hours_start: '12:00', call_hours_end: '13:00' })
      .where('id', '=', contactNight.contactId)
      .execute();
    assert.equal(await refuse(contactNight, {}), 'outside_contact_hours');
    const long = await seedCallFixture(h.ctx);
    assert.equal(await refuse(long, { maxMinutes: 45 }), 'max_duration_exceeded');
    const quota = await seedCallFixture(h.ctx, { quota: 1 });
    assert.match(await refuse(quota, {}), /^[0-9a-f-]{36}$/);
    assert.equal(await refuse(quota, { startAt: kyiv(12) }), 'weekly_quota_reached');
    const a = await seedCallFixture(h.ctx);
    assert.match(await refuse(a, {}), /^[0-9a-f-]{36}$/);
    assert.equal(await refuse(a, { startAt: new Date(kyiv(10).getTime() + 5 * 60_000) }), 'overlap_detainee');
    const b = await seedCallFixture(h.ctx);
    assert.equal(await refuse(b, { supervisorPhone: a.supervisorPhone }), 'overlap_supervisor');
  });

  it('a consent revoked after scheduling is refused just before dialling, naming the rule, with no dial', { timeout: 90_000 }, async () => {
    const fx = await seedCallFixture(h.ctx);
    const rq = await api('POST', '/api/call-requests', operator, {
      detaineeReference: fx.reference,
      contactPhone: fx.contactPhone,
      earliest: new Date(),
    });
    const ok = await api('POST', `/api/call-requests/${rq.body.id}/approve`, supervisor, {
      startAt: new Date(Date.now() + 300),
      facilityLine: fx.facilityLine,
      supervisorPhone: fx.supervisorPhone,
    });
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
    await h.ctx.repos.consent.append({ contactId: fx.contactId, scope: 'calls', granted: false, language: 'ru', witness: 'officer' });
    await h.startWorkers();
    const c = await waitFor('refused', async () => {
      const x = await h.ctx.repos.scheduledCalls.findById(ok.body.callId);
      return x?.state === 'failed' ? x : undefined;
    });
    await h.stopWorkers();
    assert.equal(c.final_reason, 'policy:consent_calls_missing');
    assert.equal(h.carrier.dialsTo(fx.facilityLine), 0);
    const ev = await h.ctx.repos.scheduledCalls.events(c.id);
    assert.deepEqual(ev.find((e) => e.kind === 'policy_refused')?.detail, { rule: 'consent_calls_missing', attempt: 1 });
    assert.equal(await h.ctx.callQueues!.calls.getJob(placeCallJobId(c.id, 2)), undefined);
  });
});
