/** The states of a scheduled call (S-02, twilio-notes section 4.3). */
export const CALL_STATES = [
  'pending_approval', 'scheduled', 'dialling', 'ringing', 'awaiting_acceptance', 'connected', 'missing_monitor',
  'completed', 'no_answer', 'busy', 'machine', 'declined', 'failed', 'cancelled',
] as const;
export type CallState = (typeof CALL_STATES)[number];

/** A carrier leg may exist in these states; callbacks act only on them. */
export const LIVE_STATES: CallState[] = ['dialling', 'ringing', 'awaiting_acceptance', 'connected', 'missing_monitor'];
/** Waiting for its dial job. */
export const WAITING_STATES: CallState[] = ['scheduled'];
/** Sticky: nothing moves a call out of these (pitfall 13). */
export const FINAL_STATES: CallState[] = ['completed', 'no_answer', 'busy', 'machine', 'declined', 'failed', 'cancelled', 'missing_monitor'];
/** States that hold a slot for overlap and quota checks. */
export const ACTIVE_STATES: CallState[] = ['scheduled', ...LIVE_STATES];
/** Counted against the weekly quota: everything but a cancellation or a policy failure before dialling. */
export const QUOTA_STATES: CallState[] = ['scheduled', ...LIVE_STATES, 'completed', 'no_answer', 'busy', 'machine', 'declined'];

/** How one attempt ended. Retryable outcomes go to the retry policy; the others end the call. */
export type AttemptOutcome = 'completed' | 'no_answer' | 'busy' | 'machine' | 'declined' | 'failed' | 'missing_monitor' | 'interrupted' | 'cancelled';
export const RETRYABLE_OUTCOMES: AttemptOutcome[] = ['no_answer', 'busy', 'machine', 'failed', 'missing_monitor', 'interrupted'];

/** The final state an outcome leads to when no retry follows. */
export function finalStateFor(o: AttemptOutcome): CallState {
  return o === 'interrupted' ? 'failed' : o;
}
