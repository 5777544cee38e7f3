import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startCallsHarness, type CallsHarness } from '../support/calls-harness.js';
import { waitFor } from '../support/wait-for.js';
import { seedCallFixture } from '../support/call-fixture.js';
import { scheduleCall } from '../../src/calls/schedule-call.js';
import type { PartyScript } from '../../src/telephony/simulated/party-script.js';
import { FINAL_STATES } from '../../src/calls/call-states.js';
import { legJobId, placeCallJobId } from '../../src/queue/queue-names.js';

let h: CallsHarness;
before(
  async () => {
    h = await startCallsHarness();
  },
  { timeout: 120_000 },
);
after(
  async () => {
    await h.close();
  },
  { timeout: 60_000 },
);

interface Scripts {
  facility?: PartyScript;
  relative?: PartyScript;
  monitor?: PartyScript;
}

async function place(s: Scripts, o: { maxAttempts?: number; startInMs?: number; language?: 'ru' | 'uk' | 'en' } = {}) {
  const fx = await seedCallFixture(h.ctx, { language: o.language });
  h.carrier.script(fx.facilityLine, s.facility ?? { answer: 'answer', digits: ['1'] });
  h.carrier.script(fx.contactPhone, s.relative ?? { answer: 'answer', digits: ['1', '1'] });
  h.carrier.script(fx.supervisorPhone, s.monitor ?? { answer: 'answer', digits: ['1'] });
  const call = await scheduleCall(
    h.ctx,
    {
      detaineeId: fx.detaineeId,
      contactId: fx.contactId,
      startAt: new Date(Date.now() + (o.startInMs ?? 0)),
      facilityLine: fx.facilityLine,
      supervisorPhone: fx.supervisorPhone,
      maxMinutes: 10,
      language: o.language ?? 'ru',
      maxAttempts: o.maxAttempts ?? 1,
    },
    'supervisor1',
  );
  return { fx, call };
}

const stateOf = async (id: string) => (await h.ctx.repos.scheduledCalls.findById(id))!;
const untilState = (id: string, states: string[]) =>
  waitFor(`call in ${states.join('|')}`, async () => {
    const c = await stateOf(id);
    return states.includes(c.state) ? c : undefined;
  });
const untilFinal = (id: string) => untilState(id, FINAL_STATES);
const kinds = async (id: string) => (await h.ctx.repos.scheduledCalls.events(id)).map((e) => e.kind);
const simLog = (phone: string) => {
  const sids = new Set([...h.carrier.calls.values()].filter((c) => c.to === phone).map((c) => c.sid));
  return h.carrier.log.filter((e) => sids.has(e.callSid));
};

describe('supervised call outcomes (real Redis, real database, simulated carrier)', () => {
  it(
    'completes a monitored call: briefing, acceptance, muted monitor, bridged only with the monitor present',
    { timeout: 90_000 },
    async () => {
      const { fx, call } = await place({ relative: { answer: 'answer', digits: ['1', '1'], hangupAfterJoinMs: 1500 } });
      await untilState(call.id, ['connected']);
      const done = await untilFinal(call.id);
      assert.equal(done.state, 'completed');
      assert.equal(done.final_reason, 'relative_hung_up');
      const k = await waitFor('final event', async () => {
        const x = await kinds(call.id);
        return x.includes('completed') ? x : undefined;
      });
      for (const e of [
        'scheduled',
        'dialling',
        'facility_dialled',
        'detainee_accepted',
        'relative_accepted',
        'monitor_joined',
        'connected',
        'completed',
      ])
        assert.ok(k.includes(e), `event ${e}`);
      // D-06: the detainee heard, in Russian, supervised / not recorded / the length, before pressing 1.
      const briefing = simLog(fx.facilityLine)
        .filter((e) => e.kind === 'say')
        .map((e) => e.text)
        .join(' ');
      assert.match(briefing, /под наблюдением/);
      assert.match(briefing, /не записывается/);
      assert.match(briefing, /10 минут/);
      // D-05: the relative heard who calls and that it is monitored.
      const heard = simLog(fx.contactPhone)
        .filter((e) => e.kind === 'say')
        .map((e) => e.text)
        .join(' ');
      // D-11: his given name is Latin and has no Cyrillic form, so the Russian voice names nobody.
      assert.match(heard, /Вам звонит член вашей семьи/);
      assert.doesNotMatch(heard, /Ivan/);
      assert.match(heard, /наблюдением/);
      // S-03: the monitor joined muted; S-02: the parties were bridged only once the monitor was present.
      const monitorJoin = simLog(fx.supervisorPhone).find((e) => e.kind === 'conference_join');
      assert.equal(monitorJoin?.detail?.muted, true);
      const bridged = h.carrier.log.filter(
        (e) => e.kind === 'bridged' && h.carrier.rooms.list().some((r) => r.sid === e.callSid && r.name === call.id),
      );
      assert.equal(bridged.length, 1);
      assert.equal(bridged[0].detail?.monitorPresent, true);
      const audit = await h.ctx.repos.audit.list({ subjectType: 'scheduled_call', subjectId: call.id, limit: 200 });
      assert.ok(audit.some((a) => a.action === 'call.connected'));
    },
  );

  it('no answer at the facility: rescheduled with backoff inside the window, the next attempt queued', { timeout: 90_000 }, async () => {
    const { call } = await place({ facility: { answer: 'no-answer' } }, { maxAttempts: 3 });
    const c = await waitFor('rescheduled', async () => ((await kinds(call.id)).includes('rescheduled') ? stateOf(call.id) : undefined));
    assert.equal(c.state, 'scheduled');
    assert.equal(c.attempts, 1);
    assert.ok(c.start_at.getTime() > Date.now() + 30_000, 'backoff applied');
    const job = await waitFor('attempt 2 job', () => h.ctx.callQueues!.calls.getJob(placeCallJobId(call.id, 2)));
    assert.ok(await job.isDelayed(), 'attempt 2 is a delayed job');
    const attempts = await h.ctx.repos.scheduledCalls.attempts(call.id);
    assert.equal(attempts[0].outcome, 'no_answer');
    // The retry dials again when due: promote it (time passing) and let it fail for good (3 attempts max).
    await job.promote();
    await waitFor('second attempt', async () => (await stateOf(call.id)).attempts === 2);
  });

  it('final outcomes: busy, failed, machine (which hears nothing), declined by either side', { timeout: 90_000 }, async () => {
    const busy = await place({ relative: { answer: 'busy' } });
    const failed = await place({ facility: { answer: 'fail' } });
    const machine = await place({ relative: { answer: 'machine' } });
    const detaineeNo = await place({ facility: { answer: 'answer', digits: ['2'] } });
    const relativeNo = await place({ relative: { answer: 'answer', digits: ['1', '9'] } });
    assert.equal((await untilFinal(busy.call.id)).state, 'busy');
    assert.equal((await untilFinal(failed.call.id)).state, 'failed');
    const m = await untilFinal(machine.call.id);
    assert.equal(m.state, 'machine');
    assert.equal(m.final_reason, 'answering_machine; no retry left');
    // O-02: a machine gets no message at all.
    await waitFor('machine leg ended', async () =>
      [...h.carrier.calls.values()].filter((c) => c.to === machine.fx.contactPhone).every((c) => c.ended),
    );
    assert.deepEqual(
      simLog(machine.fx.contactPhone).filter((e) => e.kind === 'say' || e.kind === 'announce'),
      [],
    );
    const d = await untilFinal(detaineeNo.call.id);
    assert.equal(d.state, 'declined');
    assert.equal(d.final_reason, 'detainee_declined');
    assert.equal(h.carrier.dialsTo(detaineeNo.fx.contactPhone), 0, 'the relative is never dialled when the detainee declines');
    const r = await untilFinal(relativeNo.call.id);
    assert.equal(r.state, 'declined');
    assert.equal(r.final_reason, 'relative_declined');
    // Every leg of an ended attempt is hung up.
    await waitFor('all legs ended', async () =>
      [...h.carrier.calls.values()]
        .filter((c) => [relativeNo.fx.facilityLine, relativeNo.fx.contactPhone, relativeNo.fx.supervisorPhone].includes(c.to))
        .every((c) => c.ended),
    );
  });

  it('missing monitor: the parties are never bridged and the call ends as missing_monitor', { timeout: 90_000 }, async () => {
    const { call } = await place({ monitor: { answer: 'no-answer' } });
    const c = await untilFinal(call.id);
    assert.equal(c.state, 'missing_monitor');
    assert.match(c.final_reason ?? '', /^monitor_no_answer/);
    // The detainee waits outside the conference until he heard who answered (D-05): it may never have been made.
    const room = h.carrier.rooms.list().find((r) => r.name === call.id);
    assert.equal(room?.started ?? false, false);
    assert.equal(h.carrier.log.filter((e) => e.kind === 'bridged' && e.callSid === room?.sid).length, 0);
  });

  it('the one-minute warning is announced and the time limit ends the call', { timeout: 90_000 }, async () => {
    const { fx, call } = await place({});
    await untilState(call.id, ['connected']);
    const control = h.ctx.callQueues!.control;
    const warn = await waitFor('warn job', () => control.getJob(legJobId(call.id, 1, 'warn')));
    await waitFor('conference sid stored', async () => (await stateOf(call.id)).conference_sid);
    // 'connected' is set when the relative presses 1, a moment before the relative's leg enters the room.
    await waitFor('relative in the conference', async () =>
      [...h.carrier.calls.values()].some((c) => c.to === fx.contactPhone && c.conference),
    );
    await warn.promote();
    await waitFor('warning heard', async () =>
      simLog(fx.contactPhone).some((e) => e.kind === 'announce' && /одна минута/.test(e.text ?? '')),
    );
    const limit = await control.getJob(legJobId(call.id, 1, 'limit'));
    await limit!.promote();
    const c = await untilFinal(call.id);
    assert.equal(c.state, 'completed');
    assert.equal(c.final_reason, 'time_limit');
    await waitFor('legs ended', async () => [...h.carrier.calls.values()].filter((x) => x.to === fx.facilityLine).every((x) => x.ended));
  });

  it('a 4xx from the carrier (invalid number) fails the call with the reason and no retry', { timeout: 90_000 }, async () => {
    const { call } = await place({ facility: { answer: 'invalid' } }, { maxAttempts: 3 });
    const c = await untilFinal(call.id);
    assert.equal(c.state, 'failed');
    assert.equal(c.final_reason, 'carrier_rejected:21211');
    assert.equal(c.attempts, 1);
    // Read again once it is failed: a copy read just before BullMQ moved it still has the old attemptsMade.
    const job = await waitFor('failed job', async () => {
      const j = await h.ctx.callQueues!.calls.getJob(call.id);
      return j && (await j.isFailed()) ? h.ctx.callQueues!.calls.getJob(call.id) : undefined;
    });
    assert.equal(job.attemptsMade, 1, 'UnrecoverableError: BullMQ did not retry');
  });

  it('a call cancelled before it is due is never dialled and its job is gone', { timeout: 90_000 }, async () => {
    const { fx, call } = await place({}, { startInMs: 3_600_000 });
    const { cancelCall } = await import('../../src/calls/cancel-call.js');
    await cancelCall(h.ctx, call.id, { reason: 'detainee_request' }, 'supervisor1');
    assert.equal((await stateOf(call.id)).state, 'cancelled');
    assert.equal(await h.ctx.callQueues!.calls.getJob(placeCallJobId(call.id, 1)), undefined);
    assert.equal(h.carrier.dialsTo(fx.facilityLine), 0);
  });
});
