import type { AppContext } from '../app-context.js';
import { waitingCallers } from './desk.js';

/** The desk's part of today's figures (S-07). */
export interface DeskFigures {
  callersWaiting: number;
  longestWaitSeconds: number | null;
  /** When the longest-waiting caller entered the queue, so a screen can keep counting. */
  longestWaitSince: string | null;
  /** Share of queued callers answered within SERVICE_LEVEL_SECONDS, 0..1, or null when none. */
  serviceLevel: number | null;
  /** Callers who hung up in the queue; null while the call log does not record queue results. */
  abandonedInQueue: number | null;
  averageWaitSeconds: number | null;
  callbacksDue: number;
  callbacksOverdue: number;
  callsPerOperator: Array<{ username: string; calls: number }>;
}

export const SERVICE_LEVEL_SECONDS = 60;
/** Tasks that need a call to a family; one still open from before today is overdue. */
const CALLBACK_KINDS = ['callback', 'operator_callback', 'bad_news'] as const;

/**
 * ADAPTER (queue times): until the call log keeps each queued call's QueueResult and QueueTime, the service
 * level and the average wait come from the desk's wrap-ups (answered callers only), and abandonment is unknown.
 * Switch this one function to the call log's queue columns once they exist.
 */
async function queueTimesToday(ctx: AppContext, since: Date) {
  const f = await ctx.repos.desk.today({
    since,
    withinSeconds: SERVICE_LEVEL_SECONDS,
    callbackKinds: CALLBACK_KINDS,
    overdueBefore: since,
  });
  return {
    answered: f.queued,
    answeredWithin: f.answeredWithin,
    abandoned: null as number | null,
    averageWaitSeconds: f.averageWaitSeconds,
    rest: f,
  };
}

export async function deskFigures(ctx: AppContext, since: Date): Promise<DeskFigures> {
  const now = ctx.clock.now().getTime();
  const waiting = (await waitingCallers(ctx).list()).filter((c) => c.status === 'waiting');
  const oldest = waiting[0]?.enqueuedAt ?? null;
  const q = await queueTimesToday(ctx, since);
  const offered = q.answered + (q.abandoned ?? 0);
  return {
    callersWaiting: waiting.length,
    longestWaitSeconds: oldest ? Math.max(0, Math.round((now - Date.parse(oldest)) / 1000)) : null,
    longestWaitSince: oldest,
    serviceLevel: offered ? q.answeredWithin / offered : null,
    abandonedInQueue: q.abandoned,
    averageWaitSeconds: q.averageWaitSeconds === null ? null : Math.round(q.averageWaitSeconds),
    callbacksDue: q.rest.callbacksDue,
    callbacksOverdue: q.rest.callbacksOverdue,
    callsPerOperator: q.rest.perOperator,
  };
}
