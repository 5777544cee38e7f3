import type { AppContext } from '../app-context.js';
import { waitingCallers } from './desk.js';
import { CALLBACK_KINDS } from '../records/late-items.js';

/** The desk's part of today's figures (S-07). */
export interface DeskFigures {
  callersWaiting: number;
  longestWaitSeconds: number | null;
  /** When the longest-waiting caller entered the queue, so a screen can keep counting. */
  longestWaitSince: string | null;
  /** Share of queued callers answered within SERVICE_LEVEL_SECONDS, 0..1, or null when none. */
  serviceLevel: number | null;
  /** Callers who hung up while waiting in the queue today (QueueResult hangup in the call log). */
  abandonedInQueue: number;
  averageWaitSeconds: number | null;
  callbacksDue: number;
  callbacksOverdue: number;
  callsPerOperator: Array<{ username: string; calls: number }>;
}

export const SERVICE_LEVEL_SECONDS = 60;

export async function deskFigures(ctx: AppContext, since: Date): Promise<DeskFigures> {
  const now = ctx.clock.now().getTime();
  const waiting = (await waitingCallers(ctx).list()).filter((c) => c.status === 'waiting');
  const oldest = waiting[0]?.enqueuedAt ?? null;
  const f = await ctx.repos.desk.today({
    since,
    withinSeconds: SERVICE_LEVEL_SECONDS,
    callbackKinds: CALLBACK_KINDS,
    // A callback still open from before today is overdue (late-items.ts).
    overdueBefore: since,
  });
  const offered = f.queued + f.abandoned;
  return {
    callersWaiting: waiting.length,
    longestWaitSeconds: oldest ? Math.max(0, Math.round((now - Date.parse(oldest)) / 1000)) : null,
    longestWaitSince: oldest,
    serviceLevel: offered ? f.answeredWithin / offered : null,
    abandonedInQueue: f.abandoned,
    averageWaitSeconds: f.averageWaitSeconds === null ? null : Math.round(f.averageWaitSeconds),
    callbacksDue: f.callbacksDue,
    callbacksOverdue: f.callbacksOverdue,
    callsPerOperator: f.perOperator,
  };
}
