import type { AppContext } from '../app-context.js';
import type { AttemptEnd } from '../storage/repositories/index.js';
import type { ScheduledCall } from '../storage/schema.js';
import { LIVE_STATES, type CallState } from './call-states.js';

/**
 * The attempt's outcome and the call's move from a live state, in ONE transaction (callAttempts.end), so no
 * crash between them can leave a call live with an ended attempt (the safety review: "calls stuck in a live
 * state"). Returns whether the outcome was recorded and the call moved.
 */
export async function endAttemptInDb(
  ctx: AppContext,
  callId: string,
  attemptNo: number,
  e: Pick<AttemptEnd, 'outcome' | 'extra'> & { to: CallState },
): Promise<{ finished: boolean; moved?: ScheduledCall }> {
  return ctx.repos.callAttempts.end(callId, attemptNo, { ...e, at: ctx.clock.now(), from: LIVE_STATES });
}
