import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { startCallsHarness, type CallsHarness } from '../support/calls-harness.js';
import { waitFor } from '../support/wait-for.js';
import { seedCallFixture } from '../support/call-fixture.js';
import { scheduleCall } from '../../src/calls/schedule-call.js';
import { signTwilioRequest } from '../../src/telephony/twilio/signature.js';
import { placeCallJobId } from '../../src/queue/queue-names.js';

let h: CallsHarness;
before(
  async () => {
    h = await startCallsHarness({ workers: false });
  },
  { timeout: 120_000 },
);
after(
  async () => {
    await h.close();
  },
  { timeout: 60_000 },
);

/** A call whose first attempt is claimed with a known facility CallSid, as the worker would leave it. */
async function claimedCall(maxAttempts = 3) {
  const fx = await seedCallFixture(h.ctx);
  const call = await scheduleCall(
    h.ctx,
    {
      detaineeId: fx.detaineeId,
      contactId: fx.contactId,
      startAt: new Date(Date.now() + 60_000),
      facilityLine: fx.facilityLine,
      supervisorPhone: fx.supervisorPhone,
      maxMinutes: 10,
      language: 'ru',
      maxAttempts,
    },
    'sup',
  );
  await h.ctx.callQueues!.calls.remove(placeCallJobId(call.id, 1));
  const claimed = await h.ctx.repos.callAttempts.claim(call.id, ['scheduled'], new Date(), 0);
  assert.ok(claimed);
  const sid = `CA${randomBytes(16).toString('hex')}`;
  await h.ctx.repos.callAttempts.setSid(call.id, 1, 'facility', sid);
  return { call, sid };
}

async function post(path: string, params: Record<string, string>, sign: 'ok' | 'none' | 'bad' = 'ok') {
  const url = `${h.baseUrl}${path}`;
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (sign === 'ok') headers['x-twilio-signature'] = signTwilioRequest(h.ctx.config.twilio.authToken, url, params);
  if (sign === 'bad') headers['x-twilio-signature'] = signTwilioRequest('wrong-token', url, params);
  return fetch(url, { method: 'POST', headers, body: new URLSearchParams(params).toString() });
}

const status = (callId: string, sid: string, CallStatus: string, seq: number) =>
  post(`/voice/outbound/${callId}/1/status/facility`, {
    CallSid: sid,
    CallStatus,
    SequenceNumber: String(seq),
    AccountSid: h.ctx.config.twilio.accountSid,
  });

describe('status callbacks: idempotent, order-independent, signed', () => {
  it('a busy delivered twice and a late ringing reschedule the call exactly once', { timeout: 90_000 }, async () => {
    const { call, sid } = await claimedCall();
    assert.equal((await status(call.id, sid, 'busy', 2)).status, 200);
    assert.equal((await status(call.id, sid, 'busy', 2)).status, 200); // Twilio retry: same CallSid:CallStatus:SequenceNumber
    assert.equal((await status(call.id, sid, 'ringing', 1)).status, 200); // arrives late, out of order
    assert.equal((await status(call.id, sid, 'initiated', 0)).status, 200);
    const c = (await h.ctx.repos.scheduledCalls.findById(call.id))!;
    assert.equal(c.state, 'scheduled', 'rescheduled for attempt 2, not moved back to ringing');
    assert.equal(c.attempts, 1);
    const kinds = (await h.ctx.repos.scheduledCalls.events(call.id)).map((e) => e.kind);
    assert.equal(kinds.filter((k) => k === 'leg_facility_busy').length, 1);
    assert.equal(kinds.filter((k) => k === 'rescheduled').length, 1);
    assert.equal(kinds.filter((k) => k === 'attempt_ended').length, 1);
    assert.ok(kinds.includes('leg_facility_ringing'), 'the late event is kept in the timeline');
    assert.ok(await h.ctx.callQueues!.calls.getJob(placeCallJobId(call.id, 2)));
  });

  it('terminal is sticky: completed then an early in-progress leaves the final state alone', { timeout: 90_000 }, async () => {
    const { call, sid } = await claimedCall(1);
    await status(call.id, sid, 'completed', 3);
    await status(call.id, sid, 'in-progress', 2);
    await status(call.id, sid, 'ringing', 1);
    await status(call.id, sid, 'completed', 3);
    const c = (await h.ctx.repos.scheduledCalls.findById(call.id))!;
    assert.equal(c.state, 'declined'); // hung up during the briefing = declined, at no cost (D-06)
    assert.equal(c.final_reason, 'detainee_hung_up');
    const attempts = await h.ctx.repos.scheduledCalls.attempts(call.id);
    assert.equal(attempts[0].outcome, 'declined');
  });

  it('callbacks of an earlier attempt never move the call', { timeout: 90_000 }, async () => {
    const { call, sid } = await claimedCall();
    await status(call.id, sid, 'no-answer', 1);
    const before = (await h.ctx.repos.scheduledCalls.findById(call.id))!;
    await h.ctx.repos.callAttempts.claim(call.id, ['scheduled'], new Date(), 1);
    await status(call.id, sid, 'completed', 5); // attempt 1 again, late
    const c = (await h.ctx.repos.scheduledCalls.findById(call.id))!;
    assert.equal(before.state, 'scheduled');
    assert.equal(c.state, 'dialling');
    assert.equal(c.attempts, 2);
  });

  it('refuses unsigned and wrongly signed (403) webhooks, and a signature for another URL', { timeout: 90_000 }, async () => {
    const { call, sid } = await claimedCall();
    const path = `/voice/outbound/${call.id}/1/status/facility`;
    const params = { CallSid: sid, CallStatus: 'busy', SequenceNumber: '1' };
    assert.equal((await post(path, params, 'none')).status, 403);
    assert.equal((await post(path, params, 'bad')).status, 403);
    const url = `${h.baseUrl}${path}`;
    const sig = signTwilioRequest(h.ctx.config.twilio.authToken, url, { ...params, CallStatus: 'ringing' });
    const tampered = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': sig },
      body: new URLSearchParams(params).toString(),
    });
    assert.equal(tampered.status, 403);
    const other = signTwilioRequest(h.ctx.config.twilio.authToken, `https://elsewhere.example${path}`, params);
    const wrongUrl = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': other },
      body: new URLSearchParams(params).toString(),
    });
    assert.equal(wrongUrl.status, 403);
    assert.equal((await h.ctx.repos.scheduledCalls.findById(call.id))!.state, 'dialling', 'nothing applied');
  });

  it('TwiML routes answer text/xml, and hang up on an attempt that is not current', { timeout: 90_000 }, async () => {
    const { call } = await claimedCall();
    const res = await post(`/voice/outbound/${call.id}/1/facility`, {
      CallSid: `CA${randomBytes(16).toString('hex')}`,
      AccountSid: h.ctx.config.twilio.accountSid,
    });
    assert.match(res.headers.get('content-type') ?? '', /text\/xml/);
    const xml = await res.text();
    assert.match(xml, /<Gather[^>]*numDigits="1"[^>]*action="[^"]+\/facility\/briefing"/);
    assert.doesNotMatch(xml, /\+\d{6,}/, 'no phone number in TwiML URLs');
    const stale = await (await post(`/voice/outbound/${call.id}/7/facility`, { CallSid: `CA${randomBytes(16).toString('hex')}` })).text();
    assert.match(stale, /<Hangup\/>/);
    await waitFor('noop', async () => true);
  });
});
