import type { AppContext } from '../app-context.js';
import { createCallAttemptRepository } from '../storage/repositories/call-attempt-repository.js';
import { createScheduledCallRepository } from '../storage/repositories/scheduled-call-repository.js';
import type { ScheduledCall } from '../storage/schema.js';
import { LIVE_STATES, type CallState } from './call-states.js';

export interface AttemptEnd {
  /** Record this outcome on the attempt (sticky); omitted when the attempt already has one (the reconciler). */
  outcome?: string;
  /** Where the call goes when this attempt is its current one. */
  to: CallState;
  extra: { final_reason?: string | null; start_at?: Date };
}

/**
 * The attempt's outcome and the call's state change in ONE transaction, so no crash between them can leave a
 * call live with an ended attempt (the safety review: "calls stuck in a live state"). Returns whether the
 * outcome was recorded and the call moved. Only `trx` inside: PGlite serialises connections.
 */
export async function endAttemptInDb(ctx: AppContext, callId: string, attemptNo: number, e: AttemptEnd): Promise<{ finished: boolean; moved?: ScheduledCall }> {
  return ctx.repos.db.transaction().execute(async (trx) => {
    const attempts = createCallAttemptRepository(trx);
    const calls = createScheduledCallRepository(trx);
    if (e.outcome !== undefined && !(await attempts.finish(callId, attemptNo, e.outcome, ctx.clock.now()))) return { finished: false };
    const current = await trx.selectFrom('scheduled_calls').select('attempts').where('id', '=', callId).forUpdate().executeTakeFirst();
    if (!current || current.attempts !== attemptNo) return { finished: true };
    const moved = await calls.transition(callId, LIVE_STATES, e.to, e.extra);
    return { finished: true, moved };
  });
}
