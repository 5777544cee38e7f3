import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startDeskFixture, eventsOf, callSpans, overlapping, bridgedCallers, type DeskFixture } from '../support/desk-fixture.js';
import { waitFor } from '../support/wait-for.js';
import { deskPresence, waitingCallers } from '../../src/desk/desk.js';
import { dispatchDesk } from '../../src/desk/dispatch.js';
import type { PartyScript } from '../../src/telephony/simulated/party-script.js';

// The operator desk end to end (O-05, O-06, S-05, S-07): callers ring the hotline on the simulated carrier, choose
// Russian (1) and an operator (0), and wait in the carrier's queue; operators go on duty through the REST API and
// are rung on scripted phones; everything between is kinline's real webhooks, Redis and database.
const RUSSIAN_THEN_OPERATOR = ['1', '0'];
const TAKES: PartyScript = { answer: 'answer', digits: ['1'], hangupAfterJoinMs: 300 };

let f: DeskFixture | undefined;
const fixture = async (env: Record<string, string> = {}) => (f = await startDeskFixture(env));
afterEach(
  async () => {
    await f?.close();
    f = undefined;
  },
  { timeout: 60_000 },
);

const ok = async (res: Response | Promise<Response>) => {
  const r = await res;
  assert.equal(r.status, 200, await r.clone().text());
  return r.json() as Promise<Record<string, unknown>>;
};
const queueResult = (f: DeskFixture, callSid: string) =>
  waitFor(`the queue result of ${callSid} in the call log`, async () => {
    const log = await f.ctx.repos.callLogs.find(callSid);
    return log?.queue_result ? log : undefined;
  });
/** Submits the wrap-up of whoever the operator talked to, once they are in wrap-up. */
async function wrapUpWhenDone(f: DeskFixture, op: { userId: number; token: string }, base?: string) {
  await f.untilState(op.userId, 'wrap_up');
  const callSid = (await deskPresence(f.ctx).get(op.userId))!.peerCallSid!;
  await ok(f.api(op.token, '/desk/wrap-up', { callSid, outcome: 'answered_question', note: 'Explained the parcel rules.' }, base));
  return callSid;
}

describe('the operator desk on the simulated carrier (real Redis, real database)', () => {
  it(
    'a caller waits, an operator goes on duty, is rung, presses 1, and they are bridged; the wrap-up is stored',
    { timeout: 90_000 },
    async () => {
      const f = await fixture();
      const op = await f.operator({ answer: 'answer', digits: ['1'], hangupAfterJoinMs: 1500 });
      const caller = f.callIn('+79035550001', RUSSIAN_THEN_OPERATOR);
      await f.untilWaiting(caller);
      assert.deepEqual(
        f.carrier.queues.find('operators')!.members.map((m) => m.callSid),
        [caller],
        "the caller waits in the carrier's queue",
      );
      assert.equal(f.carrier.dialsTo(op.phone), 0);

      const duty = await ok(f.api(op.token, '/desk/on-duty', { phone: op.phone }));
      assert.equal(duty.phone, op.phone);
      await f.untilState(op.userId, 'on_call');
      assert.equal(f.carrier.dialsTo(op.phone), 1, 'rung once');
      const [leg] = callSpans(f.carrier, op.phone);
      // The desk marks the operator on a call when the carrier fetches the Queue url, just before it bridges.
      const bridged = await waitFor('the bridge', async () => {
        const b = eventsOf(f.carrier, caller, 'queue_bridged');
        return b.length ? b : undefined;
      });
      assert.equal(bridged.length, 1);
      assert.equal(bridged[0].detail?.with, leg.sid, 'the carrier bridged the caller to the operator');
      assert.ok(
        eventsOf(f.carrier, leg.sid, 'say').some((e) => /^A caller in Russian, waiting less than a minute\./.test(e.text ?? '')),
        'the whisper tells the operator the language and the wait',
      );
      const onCall = (await deskPresence(f.ctx).get(op.userId))!;
      assert.equal(onCall.peerCallSid, caller);
      assert.equal((await waitingCallers(f.ctx).get(caller))?.operatorUserId, op.userId);

      await f.untilState(op.userId, 'wrap_up');
      const log = await queueResult(f, caller);
      assert.equal(log.queue_result, 'bridged');
      const reported = eventsOf(f.carrier, caller, 'queue_result')[0];
      assert.equal(log.queue_seconds, reported.detail?.queueTime, "the call log keeps the carrier's QueueTime");
      await waitFor(
        'the caller hears goodbye after the bridge',
        async () => eventsOf(f.carrier, caller).findIndex((e) => e.kind === 'say') >= 0 && f.carrier.calls.get(caller)!.ended,
      );
      const afterBridge = eventsOf(f.carrier, caller).slice(eventsOf(f.carrier, caller).indexOf(bridged[0]));
      assert.ok(
        afterBridge.some((e) => e.kind === 'say'),
        'the flow goes on after the bridge',
      );

      const w = await ok(
        f.api(op.token, '/desk/wrap-up', { callSid: caller, outcome: 'registered_enquiry', note: 'Asked about parcels.' }),
      );
      assert.equal(w.outcome, 'registered_enquiry');
      assert.equal((await f.ctx.repos.desk.findWrapUp(caller))?.outcome, 'registered_enquiry');
      assert.equal((await deskPresence(f.ctx).get(op.userId))?.state, 'available');
      assert.equal(await waitingCallers(f.ctx).get(caller), undefined, 'the caller left the desk');
    },
  );

  it('a caller who hangs up while waiting is logged as abandoned, and no operator is rung for them', { timeout: 60_000 }, async () => {
    const f = await fixture();
    const op = await f.operator(TAKES);
    const caller = f.callIn('+79035550002', RUSSIAN_THEN_OPERATOR);
    await f.untilWaiting(caller);
    await f.carrier.end(f.carrier.calls.get(caller)!, 'completed');
    const log = await queueResult(f, caller);
    assert.equal(log.queue_result, 'hangup');
    assert.ok(log.queue_seconds !== null && log.queue_seconds >= 0);
    await waitFor('the caller gone from the desk', async () => !(await waitingCallers(f.ctx).get(caller)));
    assert.equal(f.carrier.queues.find('operators')!.members.length, 0);

    // Going on duty dispatches before it answers; a dispatch more changes nothing.
    await ok(f.api(op.token, '/desk/on-duty', { phone: op.phone }));
    await dispatchDesk(f.ctx);
    assert.equal(f.carrier.dialsTo(op.phone), 0, 'nobody is rung for a caller who hung up');
    assert.equal((await deskPresence(f.ctx).get(op.userId))?.state, 'available');

    // The desk itself works: the next caller reaches the same operator.
    const next = f.callIn('+79035550003', RUSSIAN_THEN_OPERATOR);
    await waitFor('the next caller bridged', async () => eventsOf(f.carrier, next, 'queue_bridged').length > 0);
    assert.equal(f.carrier.dialsTo(op.phone), 1);
  });
  it('three callers and two operators are served in order of waiting, each operator rung once at a time', { timeout: 90_000 }, async () => {
    const f = await fixture();
    const callers: string[] = [];
    for (const n of [11, 12, 13]) {
      const sid = f.callIn(`+790355500${n}`, RUSSIAN_THEN_OPERATOR);
      await f.untilWaiting(sid); // each arrives after the one before: the order of waiting
      callers.push(sid);
    }
    const ops = [await f.operator(TAKES), await f.operator(TAKES)];
    for (const op of ops) await ok(f.api(op.token, '/desk/on-duty', { phone: op.phone }));
    // Each operator sends the wrap-up form when their call ends: that frees them for the next caller.
    const wrapped: string[] = [];
    const working = ops.map(async (op) => {
      while (wrapped.length < 3) {
        await waitFor('a call for this operator, or all served', async () =>
          wrapped.length >= 3 || (await deskPresence(f.ctx).get(op.userId))?.state === 'wrap_up' ? true : undefined,
        );
        if (wrapped.length >= 3) return;
        wrapped.push(await wrapUpWhenDone(f, op));
      }
    });
    await waitFor('all three bridged', async () => bridgedCallers(f.carrier, callers).length === 3, 30_000);
    assert.deepEqual(bridgedCallers(f.carrier, callers), callers, 'bridged in the order they waited');
    await waitFor('all three wrapped up', async () => wrapped.length === 3, 30_000);
    await Promise.all(working);
    assert.deepEqual([...wrapped].sort(), [...callers].sort());
    for (const op of ops) {
      const spans = callSpans(f.carrier, op.phone);
      assert.ok(spans.length >= 1, 'each operator took a call');
      assert.ok(!overlapping(spans), `operator ${op.username} rung once at a time`);
    }
    assert.equal(callSpans(f.carrier, ops[0].phone).length + callSpans(f.carrier, ops[1].phone).length, 3, 'one ring per caller');
    for (const c of callers) assert.equal((await f.ctx.repos.callLogs.find(c))?.queue_result, 'bridged');
  });

  it('an operator who does not answer, or presses nothing, is skipped; the caller keeps their place', { timeout: 90_000 }, async () => {
    const f = await fixture();
    const first = f.callIn('+79035550021', RUSSIAN_THEN_OPERATOR);
    await f.untilWaiting(first);
    const second = f.callIn('+79035550022', RUSSIAN_THEN_OPERATOR);
    await f.untilWaiting(second);
    const silent = await f.operator({ answer: 'no-answer', ringMs: 200 });
    const mute = await f.operator({ answer: 'answer', digits: [''] });
    const taker = await f.operator(TAKES);
    for (const op of [silent, mute]) {
      await ok(f.api(op.token, '/desk/on-duty', { phone: op.phone }));
      await f.untilState(op.userId, 'unavailable');
      const p = (await deskPresence(f.ctx).get(op.userId))!;
      assert.equal(p.notice, 'no_answer', 'the console shows why');
      assert.equal(f.carrier.dialsTo(op.phone), 1);
      assert.deepEqual(
        (await waitingCallers(f.ctx).list()).map((c) => [c.callSid, c.position]),
        [
          [first, 1],
          [second, 2],
        ],
        'nobody lost their place',
      );
      assert.deepEqual(
        f.carrier.queues.find('operators')!.members.map((m) => m.callSid),
        [first, second],
      );
    }
    const desk = (await ok(f.api(silent.token, '/desk'))) as { me?: { state: string; notice?: string } };
    assert.equal(desk.me?.notice, 'no_answer');
    await ok(f.api(taker.token, '/desk/on-duty', { phone: taker.phone }));
    await waitFor('the first caller bridged', async () => bridgedCallers(f.carrier, [first, second]).length > 0);
    assert.deepEqual(bridgedCallers(f.carrier, [first, second]), [first], 'the next operator gets the same, first caller');
    assert.equal(eventsOf(f.carrier, first, 'queue_bridged')[0].detail?.with, callSpans(f.carrier, taker.phone)[0].sid);
    for (const op of [silent, mute]) assert.equal(f.carrier.dialsTo(op.phone), 1, 'an unavailable operator is not rung again');
  });

  it('past the maximum wait, "press 1 for a callback" creates a task in the chosen window', { timeout: 60_000 }, async () => {
    // The wait counts in carrier seconds (50 ms here): the offer comes after two of them.
    const f = await fixture({ DESK_MAX_WAIT_SECONDS: '2' });
    const from = '+79035550031';
    const caller = f.callIn(from, [...RUSSIAN_THEN_OPERATOR, '1', '2']); // 1: call me back; 2: in the afternoon
    const log = await queueResult(f, caller);
    assert.equal(log.queue_result, 'leave');
    assert.ok((log.queue_seconds ?? 0) >= 2, `left after the maximum wait (${log.queue_seconds})`);
    const task = await waitFor('the callback task', async () => (await f.ctx.repos.tasks.listOpen()).find((t) => t.call_sid === caller));
    assert.equal(task.kind, 'operator_callback');
    assert.equal(task.callback_window, 'afternoon');
    assert.equal(task.callback_phone, from);
    assert.equal(task.language, 'ru');
    assert.equal(await waitingCallers(f.ctx).get(caller), undefined, 'no longer waiting at the desk');
    await waitFor('the caller hears that an operator will call at the chosen time', async () =>
      eventsOf(f.carrier, caller, 'say').some((e) => /позвонит вам в удобное время/.test(e.text ?? '')),
    );
  });

  it(
    'two kinline instances sharing Redis and the database never ring one operator twice nor bridge one caller twice',
    { timeout: 120_000 },
    async () => {
      const f = await fixture();
      const b = await f.secondInstance();
      try {
        const ops = [await f.operator(TAKES), await f.operator(TAKES)];
        const bases = [f.url, b.url];
        // Both operators come on duty and three callers arrive at once, their webhooks split between the instances.
        const callers = ['+79035550041', '+79035550042', '+79035550043'].map((from, i) =>
          f.callIn(from, RUSSIAN_THEN_OPERATOR, bases[i % 2]),
        );
        await Promise.all([
          ...ops.map(async (op, i) => ok(f.api(op.token, '/desk/on-duty', { phone: op.phone }, bases[i]))),
          dispatchDesk(f.ctx),
          dispatchDesk(b.ctx),
        ]);
        const wrapped: string[] = [];
        const working = ops.map(async (op, i) => {
          while (wrapped.length < 3) {
            await waitFor(
              'a call for this operator, or all served',
              async () => (wrapped.length >= 3 || (await deskPresence(f.ctx).get(op.userId))?.state === 'wrap_up' ? true : undefined),
              30_000,
            );
            if (wrapped.length >= 3) return;
            wrapped.push(await wrapUpWhenDone(f, op, bases[(i + wrapped.length) % 2]));
            await Promise.all([dispatchDesk(f.ctx), dispatchDesk(b.ctx)]);
          }
        });
        await waitFor('all three bridged', async () => bridgedCallers(f.carrier, callers).length === 3, 30_000);
        await waitFor('all three wrapped up', async () => wrapped.length === 3, 30_000);
        await Promise.all(working);
        for (const op of ops) assert.ok(!overlapping(callSpans(f.carrier, op.phone)), `operator ${op.username} never rung twice at once`);
        for (const c of callers) assert.equal(eventsOf(f.carrier, c, 'queue_bridged').length, 1, 'each caller bridged once');
        assert.equal(new Set(bridgedCallers(f.carrier, callers)).size, 3);
        assert.equal(callSpans(f.carrier, ops[0].phone).length + callSpans(f.carrier, ops[1].phone).length, 3, 'one ring per caller');
        for (const c of callers) assert.equal((await f.ctx.repos.callLogs.find(c))?.queue_result, 'bridged');
      } finally {
        await b.close();
      }
    },
  );
});
