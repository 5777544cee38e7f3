import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startCallsHarness, type CallsHarness } from '../support/calls-harness.js';
import { seedCallFixture } from '../support/call-fixture.js';
import { scheduleCall } from '../../src/calls/schedule-call.js';
import { cancelCall } from '../../src/calls/cancel-call.js';
import { reconcileCallJobs } from '../../src/worker/reconcile-call-jobs.js';
import { purgeExpiredData } from '../../src/worker/purge-expired-data.js';
import { checkContactFloor } from '../../src/worker/check-contact-floor.js';
import { enqueuePlaceCall } from '../../src/queue/enqueue-place-call.js';
import { placeCallJobId as placeCallJobIdOf } from '../../src/queue/queue-names.js';
import { deleteKeysByPrefix } from '../../src/redis/delete-keys-by-prefix.js';

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

/** Deletes only this test's keys (other test files share the Redis server): never FLUSHALL. */
function flushOurPrefix(): Promise<number> {
  return deleteKeysByPrefix(h.ctx.redis, `${h.ctx.config.redis.prefix}:`);
}

describe('the database is the source of truth for the call queue', () => {
  it('Redis flushed with 100 calls scheduled: the reconciler restores every job with its due time', { timeout: 90_000 }, async () => {
    const fx = await seedCallFixture(h.ctx);
    const base = Date.now() + 3_600_000;
    const ids: string[] = [];
    for (let i = 0; i < 100; i++) {
      // One detainee, lines/supervisors differ per slot; slots 11 minutes apart so none overlaps.
      const c = await scheduleCall(
        h.ctx,
        {
          detaineeId: fx.detaineeId,
          contactId: fx.contactId,
          startAt: new Date(base + i * 11 * 60_000),
          facilityLine: fx.facilityLine,
          supervisorPhone: fx.supervisorPhone,
          maxMinutes: 10,
          language: 'ru',
        },
        'sup',
      );
      ids.push(c.id);
    }
    const cancelled = ids.slice(0, 5);
    for (const id of cancelled) await cancelCall(h.ctx, id, { reason: 'rescheduled' }, 'sup');
    // A job for a cancelled call reappears (an old snapshot restored): the reconciler must remove it.
    await enqueuePlaceCall(h.ctx.callQueues!.calls, cancelled[0], 1, new Date(base), new Date());
    assert.equal(await h.ctx.callQueues!.calls.getDelayedCount(), 96);
    assert.ok((await flushOurPrefix()) > 0);
    assert.equal(await h.ctx.callQueues!.calls.getDelayedCount(), 0);
    await enqueuePlaceCall(h.ctx.callQueues!.calls, cancelled[1], 1, new Date(base), new Date());
    const report = await reconcileCallJobs(h.ctx);
    assert.equal(report.recreated, 95);
    assert.equal(report.removed, 1);
    assert.equal(await h.ctx.callQueues!.calls.getDelayedCount(), 95);
    for (const id of ids.slice(5)) {
      const job = await h.ctx.callQueues!.calls.getJob(id);
      const call = await h.ctx.repos.scheduledCalls.findById(id);
      assert.ok(job, `job for ${id}`);
      assert.ok(Math.abs(job.timestamp + (job.opts.delay ?? 0) - call!.start_at.getTime()) < 5_000, 'due at the scheduled start');
    }
    for (const id of cancelled) assert.equal(await h.ctx.callQueues!.calls.getJob(id), undefined);
    // Running it again changes nothing.
    assert.deepEqual(await reconcileCallJobs(h.ctx), { checked: 100, recreated: 0, removed: 0, settled: 0 });
  });

  it(
    'retention purges old finished calls, call logs and messages, and clears old recording metadata (A-01)',
    { timeout: 90_000 },
    async () => {
      const fx = await seedCallFixture(h.ctx);
      const old = new Date(Date.now() - 400 * 86_400_000);
      const c = await scheduleCall(
        h.ctx,
        {
          detaineeId: fx.detaineeId,
          contactId: fx.contactId,
          startAt: new Date(Date.now() + 86_400_000 * 30),
          facilityLine: fx.facilityLine,
          supervisorPhone: fx.supervisorPhone,
          maxMinutes: 10,
          language: 'ru',
        },
        'sup',
      );
      await cancelCall(h.ctx, c.id, { reason: 'other' }, 'sup');
      await h.ctx.db.updateTable('scheduled_calls').set({ updated_at: old }).where('id', '=', c.id).execute();
      await h.ctx.db
        .insertInto('call_logs')
        .values({ call_sid: 'CAold', direction: 'inbound', started_at: old, updated_at: old, path: '[]' })
        .execute();
      await h.ctx.db
        .insertInto('call_logs')
        .values({ call_sid: 'CAnew', direction: 'inbound', started_at: new Date(), updated_at: new Date(), path: '[]' })
        .execute();
      await h.ctx.db
        .insertInto('messages')
        .values({
          detainee_id: fx.detaineeId,
          direction: 'to_detainee',
          kind: 'voice',
          recording_sid: 'REold',
          recording_url: 'https://x/RE',
          status: 'delivered',
          created_at: new Date(Date.now() - 40 * 86_400_000),
        } as never)
        .execute();
      const counts = await purgeExpiredData(h.ctx);
      assert.equal(counts.callLogs, 1);
      assert.equal(counts.scheduledCalls, 1);
      assert.equal(counts.messages, 1);
      assert.equal(await h.ctx.repos.scheduledCalls.findById(c.id), undefined);
      assert.ok(await h.ctx.repos.callLogs.find('CAnew'));
    },
  );

  it('contact floor: a detainee with no call offered for N days raises one supervisor task (S-08)', { timeout: 90_000 }, async () => {
    const fx = await seedCallFixture(h.ctx);
    await h.ctx.db
      .updateTable('detainees')
      .set({ created_at: new Date(Date.now() - 10 * 86_400_000) } as never)
      .where('id', '=', fx.detaineeId)
      .execute();
    await checkContactFloor(h.ctx);
    await checkContactFloor(h.ctx);
    const tasks = await h.ctx.db
      .selectFrom('tasks')
      .selectAll()
      .where('kind', '=', 'contact_floor')
      .where('detainee_id', '=', fx.detaineeId)
      .execute();
    assert.equal(tasks.length, 1);
  });

  it('a live call whose current attempt already has an outcome is finished or rescheduled', { timeout: 90_000 }, async () => {
    const mk = async (maxAttempts: number, outcome: string) => {
      const fx = await seedCallFixture(h.ctx);
      const c = await scheduleCall(
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
      await h.ctx.callQueues!.calls.remove(c.id);
      assert.ok(await h.ctx.repos.callAttempts.claim(c.id, ['scheduled'], new Date(), 0));
      assert.ok(await h.ctx.repos.scheduledCalls.transition(c.id, ['dialling'], 'connected'));
      // What a crash between the two writes would leave behind: outcome stored, call still live.
      assert.ok(await h.ctx.repos.callAttempts.finish(c.id, 1, outcome, new Date()));
      return c.id;
    };
    const done = await mk(1, 'completed');
    const retry = await mk(3, 'no_answer');
    const report = await reconcileCallJobs(h.ctx);
    assert.ok(report.settled >= 2);
    const a = (await h.ctx.repos.scheduledCalls.findById(done))!;
    assert.equal(a.state, 'completed');
    assert.equal(a.final_reason, 'reconciled:completed');
    const b = (await h.ctx.repos.scheduledCalls.findById(retry))!;
    assert.equal(b.state, 'scheduled');
    assert.ok(await h.ctx.callQueues!.calls.getJob(placeCallJobIdOf(retry, 2)), 'the next attempt is queued');
    assert.equal((await reconcileCallJobs(h.ctx)).settled, 0, 'settled once');
  });
});
