import type { AppContext } from '../app-context.js';
import { ENDED_STATES, UNBRIDGED_STATES, type CallState } from './call-states.js';
import { deskFigures, type DeskFigures } from '../desk/desk-figures.js';
import { lateLines } from '../records/late-items.js';

/** The supervised calls' figures, and the hotline desk's (callers waiting, service level, callbacks). */
export interface TodaysFigures extends DeskFigures {
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
  /** Calls in a dialling stage for more than STUCK_MINUTES (twilio-notes: queue screen). */
  stuckCalls: number;
}

export const STUCK_MINUTES = 5;
/** Calls the carrier tried that ended: a cancellation is not a missed call. */
const FINISHED_STATES = ENDED_STATES.filter((s) => s !== 'cancelled');
/** Waiting past their start: requests are counted separately. */
const BACKLOG_STATES: CallState[] = ['scheduled', 'missing_monitor'];

/** S-07 capacity figures for "today" in the operator time zone; aggregates only, no personal data. */
export async function todaysFigures(ctx: AppContext): Promise<TodaysFigures> {
  const { now, dayStart: since } = lateLines(ctx);
  const f = await ctx.repos.figures.today({
    since,
    now,
    finishedStates: FINISHED_STATES,
    backlogStates: BACKLOG_STATES,
    stuckStates: UNBRIDGED_STATES,
    stuckBefore: new Date(now.getTime() - STUCK_MINUTES * 60_000),
  });
  const ttc = f.averageTimeToCallbackSeconds;
  return {
    calls: f.calls,
    answered: f.answered,
    answerRate: f.finished ? f.answered / f.finished : null,
    averageDurationSeconds: f.averageDurationSeconds === null ? null : Math.round(f.averageDurationSeconds),
    backlog: f.pendingRequests + f.overdueCalls,
    timeToCallbackHours: ttc === null ? null : Math.round((ttc / 3600) * 10) / 10,
    lockouts: f.lockouts,
    belowContactFloor: await ctx.repos.detainees.countBelowContactFloor(now),
    lateReviews: (await ctx.repos.messages.countPendingReview(now)).late,
    stuckCalls: f.stuckCalls,
    ...(await deskFigures(ctx, since)),
  };
}
