import { sql } from 'kysely';
import type { Db } from '../database.js';
import type { DeskWrapUp } from '../schema.js';

export interface NewWrapUp {
  operatorUserId: number;
  operatorUsername: string;
  callSid: string;
  outcome: string;
  note: string | null;
  queueTimeSeconds: number | null;
  followUpTaskId: number | null;
}

/** Counts and averages for today's desk figures (S-07); never a personal field. */
export interface RawDeskFigures {
  /** Queued callers put through to a person today, those within the service-level threshold, those who hung up
   * while waiting, and the mean wait of both (the Enqueue results in the call log). */
  queued: number;
  answeredWithin: number;
  abandoned: number;
  averageWaitSeconds: number | null;
  callbacksDue: number;
  callbacksOverdue: number;
  perOperator: Array<{ username: string; calls: number }>;
}

/** The desk's wrap-ups and the figures drawn from them and from the callback tasks. */
export function createDeskRepository(db: Db) {
  return {
    /** undefined when this call already has a wrap-up (a double submit changes nothing). */
    createWrapUp: (w: NewWrapUp): Promise<DeskWrapUp | undefined> =>
      db
        .insertInto('desk_wrap_ups')
        .values({
          operator_user_id: w.operatorUserId,
          operator_username: w.operatorUsername,
          call_sid: w.callSid,
          outcome: w.outcome,
          note: w.note,
          queue_time_seconds: w.queueTimeSeconds,
          follow_up_task_id: w.followUpTaskId,
        })
        .onConflict((oc) => oc.column('call_sid').doNothing())
        .returningAll()
        .executeTakeFirst(),
    findWrapUp: (callSid: string) => db.selectFrom('desk_wrap_ups').selectAll().where('call_sid', '=', callSid).executeTakeFirst(),

    async today(q: { since: Date; withinSeconds: number; callbackKinds: readonly string[]; overdueBefore: Date }): Promise<RawDeskFigures> {
      const queue = await db
        .selectFrom('call_logs')
        .select([
          sql<number>`count(*) filter (where queue_result = 'bridged')`.as('queued'),
          sql<number>`count(*) filter (where queue_result = 'bridged' and queue_seconds <= ${q.withinSeconds})`.as('within'),
          sql<number>`count(*) filter (where queue_result = 'hangup')`.as('abandoned'),
          sql<number>`avg(queue_seconds) filter (where queue_result in ('bridged', 'hangup'))`.as('avg'),
        ])
        .where('started_at', '>=', q.since)
        .executeTakeFirstOrThrow();
      const callbacks = await db
        .selectFrom('tasks')
        .select([sql<number>`count(*)`.as('due'), sql<number>`count(*) filter (where created_at < ${q.overdueBefore})`.as('overdue')])
        .where('status', '!=', 'done')
        .where('kind', 'in', [...q.callbackKinds])
        .executeTakeFirstOrThrow();
      const perOperator = await db
        .selectFrom('desk_wrap_ups')
        .select(['operator_username', sql<number>`count(*)`.as('n')])
        .where('created_at', '>=', q.since)
        .groupBy('operator_username')
        .orderBy('operator_username')
        .execute();
      return {
        queued: Number(queue.queued),
        answeredWithin: Number(queue.within),
        abandoned: Number(queue.abandoned),
        averageWaitSeconds: queue.avg == null ? null : Number(queue.avg),
        callbacksDue: Number(callbacks.due),
        callbacksOverdue: Number(callbacks.overdue),
        perOperator: perOperator.map((r) => ({ username: r.operator_username, calls: Number(r.n) })),
      };
    },
  };
}

export type DeskRepository = ReturnType<typeof createDeskRepository>;
