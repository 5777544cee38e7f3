import { sql } from 'kysely';
import type { Db } from '../database.js';

export interface FiguresQuery {
  /** Start of "today" in the operator time zone. */
  since: Date;
  now: Date;
  /** States of a call that the carrier tried and that ended (the answer rate's denominator). */
  finishedStates: readonly string[];
  /** States that count as backlog once their start has passed. */
  backlogStates: readonly string[];
  /** States in which a call counts as stuck when unchanged since `stuckBefore`. */
  stuckStates: readonly string[];
  stuckBefore: Date;
}

/** The raw aggregates behind today's figures (S-07); counts and averages only, never a personal field. */
export interface RawFigures {
  calls: number;
  answered: number;
  finished: number;
  /** Seconds of talk time, mean over attempts completed today; null when none. */
  averageDurationSeconds: number | null;
  pendingRequests: number;
  overdueCalls: number;
  /** Seconds from a request to its completed call, mean over calls completed today; null when none. */
  averageTimeToCallbackSeconds: number | null;
  lockouts: number;
  stuckCalls: number;
}

const count = sql<number>`count(*)`.as('n');
const num = (v: unknown) => (v == null ? null : Number(v));

export function createFiguresRepository(db: Db) {
  return {
    async today(q: FiguresQuery): Promise<RawFigures> {
      const calls = await db
        .selectFrom('scheduled_calls')
        .select([
          sql<number>`count(*)`.as('calls'),
          sql<number>`count(*) filter (where state = 'completed')`.as('answered'),
          sql<number>`count(*) filter (where state in (${sql.join([...q.finishedStates])}))`.as('finished'),
        ])
        .where('start_at', '>=', q.since)
        .executeTakeFirstOrThrow();
      const duration = await db
        .selectFrom('call_attempts as a')
        .innerJoin('scheduled_calls as s', 's.id', 'a.call_id')
        // Talk time: from the bridge (connected_at) when known, else from the dial.
        .select(sql<number>`avg(extract(epoch from (a.ended_at - coalesce(a.connected_at, a.claimed_at))))`.as('avg'))
        .where('a.outcome', '=', 'completed')
        .where('a.ended_at', '>=', q.since)
        .executeTakeFirst();
      const pending = await db.selectFrom('call_requests').select(count).where('status', '=', 'pending_approval').executeTakeFirstOrThrow();
      const overdue = await db
        .selectFrom('scheduled_calls')
        .select(count)
        .where('state', 'in', q.backlogStates)
        .where('start_at', '<', q.now)
        .executeTakeFirstOrThrow();
      const ttc = await db
        .selectFrom('scheduled_calls as s')
        .innerJoin('call_requests as r', 'r.id', 's.request_id')
        .select(sql<number>`avg(extract(epoch from (s.updated_at - r.created_at)))`.as('avg'))
        .where('s.state', '=', 'completed')
        .where('s.updated_at', '>=', q.since)
        .executeTakeFirst();
      const lockouts = await db
        .selectFrom('audit_log')
        .select(count)
        .where('action', '=', 'login.throttled')
        .where('at', '>=', q.since)
        .executeTakeFirstOrThrow();
      const stuck = await db
        .selectFrom('scheduled_calls')
        .select(count)
        .where('state', 'in', q.stuckStates)
        .where('updated_at', '<', q.stuckBefore)
        .executeTakeFirstOrThrow();
      return {
        calls: Number(calls.calls),
        answered: Number(calls.answered),
        finished: Number(calls.finished),
        averageDurationSeconds: num(duration?.avg),
        pendingRequests: Number(pending.n),
        overdueCalls: Number(overdue.n),
        averageTimeToCallbackSeconds: num(ttc?.avg),
        lockouts: Number(lockouts.n),
        stuckCalls: Number(stuck.n),
      };
    },
  };
}

export type FiguresRepository = ReturnType<typeof createFiguresRepository>;
