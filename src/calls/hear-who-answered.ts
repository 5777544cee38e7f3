import type { AppContext } from '../app-context.js';
import { applyAttemptOutcome } from './apply-attempt-outcome.js';
import { live, type InputResult } from './handle-party-input.js';
import { maybeConnect } from './maybe-connect.js';
import { recordCallEvent } from './record-call-event.js';

/** The key that declines once he heard who answered; any other key, or none, goes on (he consented already). */
export const DECLINE_AFTER_ANSWER_KEY = '2';

/**
 * While the detainee waits outside the conference: has his family accepted the call? (D-05) Asked when his
 * wait ends, and at once when the relative's acceptance redirects his leg.
 */
export async function familyAnswered(ctx: AppContext, callId: string, attemptNo: number): Promise<'answered' | 'waiting' | 'gone'> {
  const l = await live(ctx, callId, attemptNo);
  if (!l) return 'gone';
  return l.a.relative_accepted_at ? 'answered' : 'waiting';
}

/**
 * D-05: he heard who answered (name and relation, in his language) and may still decline before anyone is
 * bridged. Declining ends the attempt as `declined`, at no cost to him; the relative, who accepted, hears the
 * same neutral goodbye as any call that will not take place. Otherwise he joins, and the call connects once the
 * monitor is there (S-02).
 */
export async function handleWhoAnsweredInput(ctx: AppContext, callId: string, attemptNo: number, digits: string): Promise<InputResult> {
  if (!(await live(ctx, callId, attemptNo))) return 'gone';
  if (digits === DECLINE_AFTER_ANSWER_KEY) {
    await applyAttemptOutcome(ctx, callId, attemptNo, 'declined', 'detainee_declined_after_answer');
    return 'declined';
  }
  if (await ctx.repos.callAttempts.mark(callId, attemptNo, 'detainee_bridged_at', ctx.clock.now()))
    await recordCallEvent(ctx, { callId, kind: 'detainee_bridged', detail: { attempt: attemptNo } });
  await maybeConnect(ctx, callId, attemptNo);
  return 'join';
}
