import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startCallsHarness, type CallsHarness } from '../support/calls-harness.js';
import { waitFor } from '../support/wait-for.js';
import { startPrivateRedis, type PrivateRedis } from '../support/private-redis.js';
import { seedCallFixture, type CallFixture } from '../support/call-fixture.js';
import { scheduleCall } from '../../src/calls/schedule-call.js';
import type { ScheduledCall } from '../../src/storage/schema.js';

// A Redis that lost its data loses no call: with the worker left running, every scheduled call is dialled at
// its due time, once. The Redis here is this file's own (a flush of the shared one would hit other files).
const RECONCILE_EVERY_MS = 3_000;
let redis: PrivateRedis;
let h: CallsHarness;

before(
  async () => {
    redis = await startPrivateRedis();
    h = await startCallsHarness({
      env: { REDIS_URL: redis.url },
      workers: { reconcileEveryMs: RECONCILE_EVERY_MS, redisCheckEveryMs: 250 },
    });
  },
  { timeout: 120_000 },
);
after(
  async () => {
    await h.close();
    await redis.stop();
  },
  { timeout: 60_000 },
);

/** `n` calls of `n` detainees (own lines and supervisors, so none overlaps), all due `inMs` from now. */
async function scheduleMany(n: number, inMs: number): Promise<Array<{ call: ScheduledCall; fx: CallFixture }>> {
  const startAt = new Date(Date.now() + inMs);
  const out = [];
  for (let i = 0; i < n; i++) {
    const fx = await seedCallFixture(h.ctx);
    const call = await scheduleCall(
      h.ctx,
      {
        detaineeId: fx.detaineeId,
        contactId: fx.contactId,
        startAt,
        facilityLine: fx.facilityLine,
        supervisorPhone: fx.supervisorPhone,
        maxMinutes: 5,
        language: 'ru',
        maxAttempts: 1,
      },
      'sup',
    );
    out.push({ call, fx });
  }
  return out;
}

/** Every call is dialled once, not before it is due and within the reconcile interval after (plus pacing). */
async function assertDialledOnTime(calls: Array<{ call: ScheduledCall; fx: CallFixture }>) {
  await waitFor(
    'every call to be dialled and answered',
    async () => {
      for (const { call } of calls)
        if (['scheduled', 'dialling'].includes((await h.ctx.repos.scheduledCalls.findById(call.id))!.state)) return false;
      return true;
    },
    90_000,
  );
  for (const { call, fx } of calls) {
    const attempt = await h.ctx.repos.callAttempts.find(call.id, 1);
    assert.ok(attempt, `call ${call.id} was dialled`);
    const late = attempt.claimed_at.getTime() - call.start_at.getTime();
    assert.ok(late >= -1_000, `dialled ${-late} ms before it was due`);
    // Without the reconcile no call would be dialled at all (the wait above fails); this bound only tells a
    // reconcile that runs every few seconds from one that waits for something much later. It is loose because
    // the suite shares two cores with headless browsers, and 20 dials are paced.
    assert.ok(late <= RECONCILE_EVERY_MS + 30_000, `dialled ${late} ms after it was due`);
    assert.equal(h.carrier.dialsTo(fx.facilityLine), 1, 'the facility dialled exactly once');
  }
}

describe('a Redis that lost its data loses no call', { timeout: 240_000 }, () => {
  it('FLUSHALL with 24 calls scheduled and the worker running: each is dialled at its due time, once', { timeout: 180_000 }, async () => {
    const calls = await scheduleMany(24, 6_000);
    assert.equal(await h.ctx.callQueues!.calls.getDelayedCount(), 24);
    await h.ctx.redis.flushall();
    assert.equal(await h.ctx.callQueues!.calls.getDelayedCount(), 0, 'the schedule in Redis is gone');
    await assertDialledOnTime(calls);
    assert.ok(await h.ctx.callQueues!.maintenance.getJobScheduler('retention'), 'the repeating jobs are registered again');
    assert.ok(await h.ctx.callQueues!.maintenance.getJobScheduler('contact-floor'));
  });
  it('a Redis restart without persistence: the same', { timeout: 180_000 }, async () => {
    const calls = await scheduleMany(20, 8_000);
    assert.equal(await h.ctx.callQueues!.calls.getDelayedCount(), 20);
    await redis.restart();
    await waitFor('the connection back', async () => (await h.ctx.redis.ping().catch(() => null)) === 'PONG', 20_000);
    await assertDialledOnTime(calls);
    assert.ok(await h.ctx.callQueues!.maintenance.getJobScheduler('retention'));
  });
});
