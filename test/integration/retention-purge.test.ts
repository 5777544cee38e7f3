import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext, type TestContext } from '../support/test-context.js';
import { seedCallFixture } from '../support/call-fixture.js';
import { SimulatedCarrier } from '../../src/telephony/simulated/simulated-carrier.js';
import { purgeExpiredData } from '../../src/worker/purge-expired-data.js';

const DAY = 86_400_000;
let ctx: TestContext;
let carrier: SimulatedCarrier;
before(
  async () => {
    ctx = await createTestContext({ RETENTION_CALL_LOG_DAYS: '90', RETENTION_MESSAGE_DAYS: '30', RETENTION_RECORDING_DAYS: '7' });
    carrier = new SimulatedCarrier({ accountSid: ctx.config.twilio.accountSid, authToken: ctx.config.twilio.authToken });
    ctx.telephony = carrier;
  },
  { timeout: 60_000 },
);
after(
  async () => {
    carrier?.shutdown();
    await ctx?.close();
  },
  { timeout: 60_000 },
);

const ago = (days: number) => new Date(Date.now() - days * DAY);

describe('the retention purge covers everything (A-01, C-13)', () => {
  it(
    'deletes expired recordings at the carrier, old closed enquiries and done tasks; keeps what is open',
    { timeout: 60_000 },
    async () => {
      const fx = await seedCallFixture(ctx);
      const callRec = carrier.recordings.make(2);
      const freshRec = carrier.recordings.make(2);
      const callId = (await ctx.db.selectFrom('scheduled_calls').select('id').executeTakeFirst())?.id ?? crypto.randomUUID();
      for (const [sid, created] of [
        [callRec.sid, ago(8)],
        [freshRec.sid, ago(1)],
      ] as const)
        await ctx.db
          .insertInto('call_recordings')
          .values({ recording_sid: sid, call_id: callId, attempt_no: 1, created_at: created } as never)
          .execute();
      const enquiryRec = carrier.recordings.make(1);
      const closed = await ctx.repos.enquiries.create({ callbackPhone: '+79165550001', language: 'ru', recordingSid: enquiryRec.sid });
      const open = await ctx.repos.enquiries.create({ callbackPhone: '+79165550002', language: 'ru' });
      await ctx.db
        .updateTable('enquiries')
        .set({ status: 'closed', updated_at: ago(91) })
        .where('id', '=', closed.id)
        .execute();
      await ctx.db
        .updateTable('enquiries')
        .set({ updated_at: ago(91) })
        .where('id', '=', open.id)
        .execute();
      const done = await ctx.repos.tasks.create({ kind: 'callback', callbackPhone: '+79165550003', detaineeId: fx.detaineeId });
      const waiting = await ctx.repos.tasks.create({ kind: 'callback', callbackPhone: '+79165550004', detaineeId: fx.detaineeId });
      await ctx.db
        .updateTable('tasks')
        .set({ status: 'done', closed_at: ago(91) })
        .where('id', '=', done.id)
        .execute();
      await ctx.db
        .updateTable('tasks')
        .set({ created_at: ago(91) } as never)
        .where('id', '=', waiting.id)
        .execute();

      const counts = await purgeExpiredData(ctx);
      assert.equal(counts.recordings, 1);
      assert.equal(carrier.recordings.bySid(callRec.sid), undefined, 'deleted at the carrier');
      assert.ok(carrier.recordings.bySid(freshRec.sid), 'a recording not yet expired stays');
      assert.deepEqual(
        (await ctx.db.selectFrom('call_recordings').select('recording_sid').execute()).map((r) => r.recording_sid),
        [freshRec.sid],
      );
      assert.equal(await ctx.repos.enquiries.findById(closed.id), undefined);
      assert.equal(carrier.recordings.bySid(enquiryRec.sid), undefined, "the caller's recorded words went with the enquiry");
      assert.ok(await ctx.repos.enquiries.findById(open.id), 'an open enquiry stays');
      assert.equal(await ctx.repos.tasks.findById(done.id), undefined, 'a done task goes with the number kept on it');
      assert.ok(await ctx.repos.tasks.findById(waiting.id), 'an open task stays');
    },
  );

  it('an unreviewed message is put before a supervisor, never deleted; a reviewed one expires', { timeout: 60_000 }, async () => {
    const fx = await seedCallFixture(ctx);
    const rec = carrier.recordings.make(1);
    const pending = await ctx.repos.messages.create({
      detaineeId: fx.detaineeId,
      direction: 'from_detainee',
      recordingSid: rec.sid,
      recordingUrl: rec.url,
    });
    const reviewed = await ctx.repos.messages.create({ detaineeId: fx.detaineeId, direction: 'to_detainee', kind: 'keypad' });
    const heardRec = carrier.recordings.make(1);
    const heard = await ctx.repos.messages.create({
      detaineeId: fx.detaineeId,
      direction: 'to_detainee',
      recordingSid: heardRec.sid,
      recordingUrl: heardRec.url,
    });
    await ctx.db
      .updateTable('messages')
      .set({ created_at: ago(8), status: 'delivered' } as never)
      .where('id', '=', heard.id)
      .execute();
    await ctx.db
      .updateTable('messages')
      .set({ created_at: ago(29) } as never)
      .where('id', '=', pending.id)
      .execute();
    await ctx.db
      .updateTable('messages')
      .set({ created_at: ago(31), status: 'delivered' } as never)
      .where('id', '=', reviewed.id)
      .execute();

    const first = await purgeExpiredData(ctx);
    assert.equal(first.messagesEscalated, 1);
    const tasks = await ctx.db.selectFrom('tasks').selectAll().where('kind', '=', 'message_review').execute();
    assert.equal(tasks.length, 1);
    assert.equal(tasks[0].summary, `message #${pending.id}`);
    assert.equal(tasks[0].restricted, true, 'for supervisors');
    assert.equal(await ctx.repos.messages.findById(reviewed.id), undefined);
    assert.ok(carrier.recordings.bySid(rec.sid), "an unreviewed message's recording is kept too");
    assert.equal(
      carrier.recordings.bySid(heardRec.sid),
      undefined,
      "a reviewed message's recording expires after RETENTION_RECORDING_DAYS",
    );
    assert.equal((await ctx.repos.messages.findById(heard.id))?.recording_sid, null, 'and is forgotten');

    await ctx.db
      .updateTable('messages')
      .set({ created_at: ago(60) } as never)
      .where('id', '=', pending.id)
      .execute();
    const second = await purgeExpiredData(ctx);
    assert.equal(second.messagesEscalated, 0, 'one task per message');
    assert.ok(await ctx.repos.messages.findById(pending.id), 'still waiting for review: kept past its age');
  });
});
