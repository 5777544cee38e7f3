import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startVoiceHarness, settableClock, newCallSid, type VoiceHarness } from '../support/voice-harness.js';
import { waitFor } from '../support/wait-for.js';
import { TEST_REDIS_URL } from '../support/test-redis-url.js';
import type { CreateCallParams, Telephony } from '../../src/telephony/port.js';
import { createRedis } from '../../src/redis/create-redis.js';
import { deskPresence, waitingCallers } from '../../src/desk/desk.js';
import { dispatchDesk } from '../../src/desk/dispatch.js';
import { endWrapUps } from '../../src/desk/end-wrap-ups.js';
import { takeNextCaller } from '../../src/desk/take-next.js';
import { joinDeskQueue } from '../../src/hotline/join-desk-queue.js';
import { newSession } from '../../src/flow-engine/run-flow.js';
import type { AppContext } from '../../src/app-context.js';
import type { Presence } from '../../src/desk/desk-presence.js';

const clock = settableClock('2026-06-01T09:00:00Z'); // 12:00 in Kyiv: operators work

/** A carrier that only records the calls kinline asks it to place (the operators' phones). */
function fakeCarrier() {
  const placed: Array<CreateCallParams & { sid: string }> = [];
  const no = async () => {
    throw new Error('not used by the desk');
  };
  const telephony: Telephony = {
    kind: 'simulated',
    async createCall(p) {
      const sid = newCallSid();
      placed.push({ ...p, sid });
      return { sid };
    },
    updateCall: no,
    createParticipant: no,
    updateParticipant: no,
    updateConference: no,
    fetchRecording: no,
    recordingUrl: () => '',
  };
  return { telephony, placed };
}

let h: VoiceHarness;
const carrier = fakeCarrier();
before(
  async () => {
    h = await startVoiceHarness({}, clock);
    h.ctx.telephony = carrier.telephony;
  },
  { timeout: 120_000 },
);
after(() => h.close(), { timeout: 60_000 });
afterEach(
  async () => {
    for (const op of await deskPresence(h.ctx).list()) await deskPresence(h.ctx).goOffDuty(op.userId);
    for (const c of await waitingCallers(h.ctx).list()) await waitingCallers(h.ctx).remove(c.callSid);
    carrier.placed.length = 0;
  },
  { timeout: 10_000 },
);

const post = (path: string, params: Record<string, string>) =>
  h.transport.post(`${h.baseUrl}${path}`, { AccountSid: h.ctx.config.twilio.accountSid, ...params });
const pathOf = (url: string) => url.slice(h.baseUrl.length);
const attr = (body: string, name: string) => {
  const m = new RegExp(`${name}="([^"]+)"`).exec(body);
  assert.ok(m, `no ${name} in ${body.slice(0, 300)}`);
  return pathOf(m[1]);
};

/** A hotline caller who chooses Russian and presses 0: the Enqueue document. */
async function enqueueCaller(from = '+79035550101') {
  clock.set(new Date(clock.now().getTime() + 1000).toISOString()); // each later than the last: queue order
  const CallSid = newCallSid();
  const base = { CallSid, From: from, To: h.ctx.config.twilio.hotlineNumber, CallStatus: 'in-progress' };
  await post('/voice/incoming', base);
  await post('/voice/step/1', { ...base, Digits: '1' });
  const queued = await post('/voice/step/2', { ...base, Digits: '0' });
  assert.ok(queued.body.includes('<Enqueue'), queued.body);
  return { CallSid, base, body: queued.body };
}

let opSeq = 100;
async function onDuty(n: number) {
  const ops = [];
  for (let i = 0; i < n; i++) {
    const userId = ++opSeq;
    clock.set(new Date(clock.now().getTime() + 1000).toISOString()); // each later than the last: idle order
    ops.push(await deskPresence(h.ctx).goOnDuty({ userId, username: `op${userId}`, phone: `+38044555${String(userId).padStart(4, '0')}` }));
  }
  return ops;
}
const rungPhones = () => carrier.placed.map((c) => c.to);

describe('the hotline queue reaches the desk (O-05)', () => {
  it(
    'an enqueued caller is on the desk with no detainee data; hanging up logs an abandoned wait and rings nobody',
    { timeout: 60_000 },
    async () => {
      const { CallSid, base, body } = await enqueueCaller();
      const action = attr(body, 'action');
      assert.equal(action, '/voice/queue/result/3', 'the Enqueue reports its result to the flow');
      const c = await waitingCallers(h.ctx).get(CallSid);
      assert.equal(c?.language, 'ru');
      assert.deepEqual(c?.flags, []);
      assert.equal(c?.verifiedDetaineeId, null, 'no secret matched: nothing about any detainee');
      assert.ok(c?.phoneMasked && !c.phoneMasked.includes('5550101'), 'the desk shows a masked number');
      assert.equal((await h.ctx.repos.callLogs.find(CallSid))?.outcome, 'operator_queue');

      const r = await post(action, { ...base, CallStatus: 'completed', QueueResult: 'hangup', QueueTime: '42', QueueSid: 'QU1' });
      assert.ok(r.body.includes('<Hangup'));
      assert.equal(await waitingCallers(h.ctx).get(CallSid), undefined, 'gone from the desk');
      const log = await h.ctx.repos.callLogs.find(CallSid);
      assert.equal(log?.queue_result, 'hangup');
      assert.equal(log?.queue_seconds, 42);

      await onDuty(1);
      await dispatchDesk(h.ctx);
      assert.deepEqual(carrier.placed, [], 'no operator is rung for a caller who hung up');
    },
  );

  it('the caller who passed a limit is flagged; the detainee is kept only when the secret matched', { timeout: 30_000 }, async () => {
    const session = {
      ...newSession('uk'),
      callSid: newCallSid(),
      from: '+79035550102',
      turn: 4,
      data: { limited: 'caller' as const },
      path: [{ step: 'lookup' }],
    };
    await joinDeskQueue(h.ctx, session);
    const c = await waitingCallers(h.ctx).get(session.callSid);
    assert.deepEqual(c?.flags, ['attempt_limit']);
    assert.equal(c?.verifiedDetaineeId, null);
    const verified = { ...session, callSid: newCallSid(), data: { detaineeId: 7, contactId: 9 } };
    await joinDeskQueue(h.ctx, verified);
    assert.equal((await waitingCallers(h.ctx).get(verified.callSid))?.verifiedDetaineeId, 7);
  });
});

describe('the dispatcher rings operators (O-05, S-05)', () => {
  it('rings the operator idle longest, never more operators than callers waiting', { timeout: 60_000 }, async () => {
    const [a, b, c] = await onDuty(3);
    await enqueueCaller('+79035550111');
    await enqueueCaller('+79035550112');
    await waitFor('two operators rung', async () => carrier.placed.length >= 2);
    await dispatchDesk(h.ctx);
    await dispatchDesk(h.ctx);
    assert.deepEqual(rungPhones(), [a.phone, b.phone], 'the two idle longest, once each');
    const call = carrier.placed[0];
    assert.equal(call.url, `${h.baseUrl}/voice/desk/operator/${a.userId}`);
    assert.equal(call.statusCallback, `${h.baseUrl}/voice/desk/operator/${a.userId}/status`);
    assert.equal(call.from, h.ctx.config.twilio.hotlineNumber);
    assert.equal((await deskPresence(h.ctx).get(a.userId))?.callSid, call.sid);
    assert.equal((await deskPresence(h.ctx).get(c.userId))?.state, 'available');
  });

  it(
    'two instances sharing Redis, dispatching at once, never ring one operator twice nor more than the callers',
    { timeout: 60_000 },
    async () => {
      // Three callers wait; then five operators come on duty and both instances dispatch at once.
      const ops: Presence[] = [];
      const other = createRedis(TEST_REDIS_URL, 'client');
      await other.connect();
      const second = fakeCarrier();
      const instanceB: AppContext = { ...h.ctx, redis: other, telephony: second.telephony };
      try {
        await enqueueCaller('+79035550121');
        await enqueueCaller('+79035550122');
        await enqueueCaller('+79035550123');
        await new Promise((r) => setTimeout(r, 100)); // the enqueue's own dispatch found nobody on duty
        ops.push(...(await onDuty(5)));
        await Promise.all([dispatchDesk(h.ctx), dispatchDesk(instanceB), dispatchDesk(h.ctx), dispatchDesk(instanceB)]);
        const all = [...rungPhones(), ...second.placed.map((p) => p.to)];
        assert.equal(all.length, 3, `three callers, three operators: ${all.join()}`);
        assert.equal(new Set(all).size, 3, 'none twice');
        assert.ok(!all.includes(ops[4].phone), 'the one idle shortest waits');
      } finally {
        other.disconnect();
      }
    },
  );

  it(
    'an operator who does not answer is set unavailable, the next is rung, the caller keeps their place',
    { timeout: 60_000 },
    async () => {
      const [a, b] = await onDuty(2);
      const first = await enqueueCaller('+79035550131');
      await waitFor('the first operator rung', async () => carrier.placed.length >= 1);
      await enqueueCaller('+79035550132');
      await waitFor('the second operator rung', async () => carrier.placed.length >= 2);
      const toA = carrier.placed.find((p) => p.to === a.phone)!;
      await post(pathOf(toA.statusCallback!), { CallSid: toA.sid, CallStatus: 'no-answer' });
      const p = await deskPresence(h.ctx).get(a.userId);
      assert.equal(p?.state, 'unavailable');
      assert.equal(p?.notice, 'no_answer');
      assert.equal((await waitingCallers(h.ctx).list())[0].callSid, first.CallSid, 'still first in line');
      // B takes the first caller; then a third operator comes on duty and is rung for the second.
      const [c] = await onDuty(1);
      await dispatchDesk(h.ctx);
      assert.deepEqual(rungPhones(), [a.phone, b.phone, c.phone]);
      // An operator who answers but presses nothing is set unavailable too.
      const toC = carrier.placed[2];
      const whisper = await post(pathOf(toC.url), { CallSid: toC.sid, CallStatus: 'in-progress' });
      assert.ok(whisper.body.includes('<Gather'), whisper.body);
      const none = await post(attr(whisper.body, 'action'), { CallSid: toC.sid, CallStatus: 'in-progress' });
      assert.ok(none.body.includes('<Hangup'));
      assert.equal((await deskPresence(h.ctx).get(c.userId))?.notice, 'no_answer');
    },
  );

  it(
    'press 1 bridges through Dial Queue; the call ends in wrap-up, then available after the wrap-up time',
    { timeout: 60_000 },
    async () => {
      const [a] = await onDuty(1);
      const caller = await enqueueCaller('+79035550141');
      await waitFor('the operator rung', async () => carrier.placed.length >= 1);
      const leg = carrier.placed[0];
      const whisper = await post(pathOf(leg.url), { CallSid: leg.sid, CallStatus: 'in-progress' });
      assert.match(whisper.body, /Дзвінок російською мовою, очікує менше хвилини\./, 'the caller in Russian, in Ukrainian words');
      const take = await post(attr(whisper.body, 'action'), { CallSid: leg.sid, Digits: '1' });
      assert.match(
        take.body,
        /<Dial action="[^"]+\/dial-end" method="POST"><Queue url="[^"]+\/bridged" method="POST">operators<\/Queue><\/Dial>/,
      );
      await post(attr(take.body, 'url'), { CallSid: caller.CallSid, DequeingCallSid: leg.sid, QueueSid: 'QU1' });
      const onCall = await deskPresence(h.ctx).get(a.userId);
      assert.equal(onCall?.state, 'on_call');
      assert.equal(onCall?.peerCallSid, caller.CallSid);
      assert.equal((await waitingCallers(h.ctx).get(caller.CallSid))?.operatorUserId, a.userId);
      await post(attr(take.body, 'action'), { CallSid: leg.sid, DialCallStatus: 'completed', DialCallDuration: '120' });
      await post('/voice/queue/result/3', { ...caller.base, QueueResult: 'bridged', QueueTime: '30' });
      assert.equal((await h.ctx.repos.callLogs.find(caller.CallSid))?.queue_result, 'bridged');
      assert.equal((await deskPresence(h.ctx).get(a.userId))?.state, 'wrap_up');
      assert.equal((await waitingCallers(h.ctx).get(caller.CallSid))?.status, 'connected', 'kept for the wrap-up form');
      assert.equal(await endWrapUps(h.ctx), 0, 'not before the wrap-up time');
      clock.set(new Date(clock.now().getTime() + 61_000).toISOString());
      assert.equal(await endWrapUps(h.ctx), 1);
      assert.equal((await deskPresence(h.ctx).get(a.userId))?.state, 'available');
      assert.equal((await waitingCallers(h.ctx).get(caller.CallSid))?.status, 'connected', 'kept until the wrap-up form is sent');
    },
  );

  it('take-next rings me for the caller waiting; a double click gets a clear 409 and changes nothing', { timeout: 60_000 }, async () => {
    await enqueueCaller('+79035550151');
    await new Promise((r) => setTimeout(r, 100)); // the enqueue's own dispatch found nobody on duty
    const [a] = await onDuty(1);
    const me = { userId: a.userId, username: a.username, role: 'operator' } as never;
    assert.deepEqual(await takeNextCaller(h.ctx, me), { state: 'ringing' });
    await assert.rejects(
      takeNextCaller(h.ctx, me),
      (e: { status: number; code: string }) => e.status === 409 && e.code === 'desk_not_available',
    );
    assert.equal(carrier.placed.length, 1, 'rung once');
  });
});

describe('the wait document (O-05)', () => {
  it(
    'past the maximum wait, 1 leaves the queue and the caller chooses a callback window; a task is created',
    { timeout: 60_000 },
    async () => {
      const { CallSid, base, body } = await enqueueCaller('+79035550161');
      const wait = attr(body, 'waitUrl');
      const early = await post(wait, { ...base, QueuePosition: '2', QueueTime: '30', AvgQueueTime: '200' });
      assert.match(early.body, /Ваш номер в очереди: 2\./);
      assert.match(early.body, /Примерное время ожидания: 3 минуты\./, '200 s average less 30 s waited: 3 minutes, in the right plural');
      assert.ok(!early.body.includes('<Gather'), 'no offer before the maximum wait');
      const late = await post(wait, { ...base, QueuePosition: '1', QueueTime: '301' });
      assert.ok(late.body.includes('<Gather'), late.body);
      const leave = await post(attr(late.body, 'action'), { ...base, Digits: '1' });
      assert.ok(leave.body.includes('<Leave/>'), leave.body);
      const asked = await post('/voice/queue/result/3', { ...base, QueueResult: 'leave', QueueTime: '305' });
      assert.match(asked.body, /Когда вам удобно/);
      assert.equal(await waitingCallers(h.ctx).get(CallSid), undefined);
      const done = await post(attr(asked.body, 'action'), { ...base, Digits: '2' });
      assert.match(done.body, /Наш сотрудник позвонит вам в удобное время/);
      const task = (await h.ctx.repos.tasks.listOpen()).find((t) => t.call_sid === CallSid);
      assert.equal(task?.kind, 'operator_callback');
      assert.equal(task?.callback_window, 'afternoon');
      assert.equal(task?.callback_phone, '+79035550161');
      assert.equal((await h.ctx.repos.callLogs.find(CallSid))?.queue_result, 'leave');
    },
  );
});
