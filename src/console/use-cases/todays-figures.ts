import { sql } from 'kysely';
import { DateTime } from 'luxon';
import type { AppContext } from '../../app-context.js';

export interface TodaysFigures {
  calls: number;
  answered: number;
  /** Share of finished calls that were completed, 0..1, or null when none finished. */
  answerRate: number | null;
  averageDurationSeconds: number | null;
  backlog: number;
  /** Mean hours from a call request to its completed call, for calls completed today. */
  timeToCallbackHours: number | null;
  lockouts: number;
  /** Detainees in custody with no call offered within their facility's contact_floor_days (S-08). */
  belowContactFloor: number;
  /** S-04: messages still unreviewed after their review deadline. */
  lateReviews: number;
  /** Calls in a dialling stage for more than STUCK_MINUTES (twilio-notes 4.6). */
  stuckCalls: number;
}

export const STUCK_MINUTES = 5;

/** S-07 capacity figures for "today" in the operator time zone; aggregates only, no personal data. */
export async function todaysFigures(ctx: AppContext): Promise<TodaysFigures> {
  const db = ctx.repos.db;
  const now = ctx.clock.now();
  const start = DateTime.fromJSDate(now).setZone(ctx.config.hotline.operatorTimeZone).startOf('day').toJSDate();
  const n = (v: unknown) => (v == null ? null : Number(v));
  const calls = await db
    .selectFrom('scheduled_calls')
    .select([
      sql<number>`count(*)`.as('calls'),
      sql<number>`count(*) filter (where state = 'completed')`.as('answered'),
      sql<number>`count(*) filter (where state in ('completed','no_answer','busy','machine','declined','failed'))`.as('finished'),
    ])
    .where('start_at', '>=', start)
    .executeTakeFirstOrThrow();
  const duration = await db
    .selectFrom('call_attempts as a')
    .innerJoin('scheduled_calls as s', 's.id', 'a.call_id')
    // Talk time: from the bridge (connected_at) when known, else from the dial.
    .select(sql<number>`avg(extract(epoch from (a.ended_at - coalesce(a.connected_at, a.claimed_at))))`.as('avg'))
    .where('a.outcome', '=', 'completed')
    .where('a.ended_at', '>=', start)
    .executeTakeFirst();
  const backlogReq = await db.selectFrom('call_requests').select(sql<number>`count(*)`.as('n')).where('status', '=', 'pending_approval').executeTakeFirstOrThrow();
  const backlogCalls = await db.selectFrom('scheduled_calls').select(sql<number>`count(*)`.as('n')).where('state', 'in', ['scheduled', 'missing_monitor']).where('start_at', '<', now).executeTakeFirstOrThrow();
  const ttc = await db
    .selectFrom('scheduled_calls as s')
    .innerJoin('call_requests as r', 'r.id', 's.request_id')
    .select(sql<number>`avg(extract(epoch from (s.updated_at - r.created_at)))`.as('avg'))
    .where('s.state', '=', 'completed')
    .where('s.updated_at', '>=', start)
    .executeTakeFirst();
  const lockouts = await db.selectFrom('audit_log').select(sql<number>`count(*)`.as('n')).where('action', '=', 'account.locked').where('at', '>=', start).executeTakeFirstOrThrow();
  const late = await db.selectFrom('messages').select(sql<number>`count(*)`.as('n')).where('status', '=', 'pending_review').where('review_due_at', '<', now).executeTakeFirstOrThrow();
  const stuck = await db
    .selectFrom('scheduled_calls')
    .select(sql<number>`count(*)`.as('n'))
    .where('state', 'in', ['dialling', 'ringing', 'awaiting_acceptance', 'missing_monitor'])
    .where('updated_at', '<', new Date(now.getTime() - STUCK_MINUTES * 60_000))
    .executeTakeFirstOrThrow();
  const finished = Number(calls.finished);
  const avg = n(duration?.avg);
  const ttcSec = n(ttc?.avg);
  return {
    calls: Number(calls.calls),
    answered: Number(calls.answered),
    answerRate: finished ? Number(calls.answered) / finished : null,
    averageDurationSeconds: avg === null ? null : Math.round(avg),
    backlog: Number(backlogReq.n) + Number(backlogCalls.n),
    timeToCallbackHours: ttcSec === null ? null : Math.round((ttcSec / 3600) * 10) / 10,
    lockouts: Number(lockouts.n),
    belowContactFloor: await ctx.repos.detainees.countBelowContactFloor(now),
    lateReviews: Number(late.n),
    stuckCalls: Number(stuck.n),
  };
}
