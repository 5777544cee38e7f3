import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startVoiceHarness, newCallSid, type VoiceHarness } from '../support/voice-harness.js';
import { waitFor } from '../support/wait-for.js';
import type { CreateCallParams, Telephony } from '../../src/telephony/port.js';
import { deskPresence, waitingCallers } from '../../src/desk/desk.js';
import { deskUrls } from '../../src/desk/desk-urls.js';

let h: VoiceHarness;
const placed: CreateCallParams[] = [];
const no = async () => {
  throw new Error('not used by the desk');
};
const telephony: Telephony = {
  kind: 'simulated',
  async createCall(p) {
    placed.push(p);
    return { sid: newCallSid() };
  },
  updateCall: no,
  createParticipant: no,
  updateParticipant: no,
  updateConference: no,
  fetchRecording: no,
  recordingUrl: () => '',
  deleteRecording: async () => {},
};

// No worker runs here, so no desk tick: only the instance that saw the call end can free the operator.
before(
  async () => {
    h = await startVoiceHarness({ DESK_WRAP_UP_SECONDS: '1' });
    h.ctx.telephony = telephony;
  },
  { timeout: 120_000 },
);
after(() => h.close(), { timeout: 60_000 });

describe('the wrap-up ends on time (O-05)', () => {
  it(
    'an operator whose queue call ended is in wrap-up, then available and rung for a waiting caller without a tick',
    { timeout: 60_000 },
    async () => {
      const desk = deskPresence(h.ctx);
      const userId = 9101;
      await desk.goOnDuty({ userId, username: 'op9101', phone: '+380445559101' });
      const op = await desk.claimIdlest();
      assert.equal(op?.userId, userId);
      const callSid = newCallSid();
      const peer = newCallSid();
      assert.ok(await desk.transition(userId, 'ringing', 'on_call', { callSid, peerCallSid: peer }));

      const urls = deskUrls(h.baseUrl, userId);
      const params = { AccountSid: h.ctx.config.twilio.accountSid, CallSid: callSid, CallStatus: 'in-progress' };
      const r = await h.transport.post(urls.dialEnd, { ...params, DialCallStatus: 'completed', DialCallSid: peer, DialCallDuration: '30' });
      assert.equal(r.status, 200);
      assert.equal((await desk.get(userId))?.state, 'wrap_up', 'the call is over: wrap-up first');
      assert.equal(placed.length, 0);

      const waiting = newCallSid();
      await waitingCallers(h.ctx).add({
        callSid: waiting,
        language: 'ru',
        enqueuedAt: new Date().toISOString(),
        phone: '+79035550199',
        phoneMasked: '…99',
        flags: [],
        verifiedDetaineeId: null,
      });
      await waitFor('the operator rung again after the wrap-up', async () => placed.length === 1, 20_000);
      assert.equal(placed[0].to, '+380445559101');
      assert.equal((await desk.get(userId))?.state, 'ringing');
      await waitingCallers(h.ctx).remove(waiting);
      await desk.goOffDuty(userId);
    },
  );
});
