/** The states of a scheduled call (S-02, twilio-notes: queue screen), in the order the queue screen shows them. */
export const CALL_STATES = [
  'pending_approval',
  'scheduled',
  'dialling',
  'ringing',
  'awaiting_acceptance',
  'connected',
  'missing_monitor',
  'completed',
  'no_answer',
  'busy',
  'machine',
  'declined',
  'failed',
  'cancelled',
] as const;
export type CallState = (typeof CALL_STATES)[number];

/** The legs are being placed and accepted; nobody talks yet. */
export const SETUP_STATES: CallState[] = ['dialling', 'ringing', 'awaiting_acceptance'];
/** Live but not bridged: still being set up, or waiting for the monitor (S-02: no call without a monitor). */
export const UNBRIDGED_STATES: CallState[] = [...SETUP_STATES, 'missing_monitor'];
/** A carrier leg may exist in these states; callbacks act only on them. */
export const LIVE_STATES: CallState[] = [...SETUP_STATES, 'connected', 'missing_monitor'];
/** Waiting for its dial job. */
export const WAITING_STATES: CallState[] = ['scheduled'];
/** Over: the call ended, was refused or was cancelled. */
export const ENDED_STATES: CallState[] = ['completed', 'no_answer', 'busy', 'machine', 'declined', 'failed', 'cancelled'];
/** Sticky: nothing moves a call out of these (twilio-notes TW-13). */
export const FINAL_STATES: CallState[] = [...ENDED_STATES, 'missing_monitor'];
/** States that hold a slot for overlap and quota checks. */
export const ACTIVE_STATES: CallState[] = ['scheduled', ...LIVE_STATES];
/** Counted against the weekly quota: everything but a cancellation or a policy failure before dialling. */
export const QUOTA_STATES: CallState[] = ['scheduled', ...LIVE_STATES, 'completed', 'no_answer', 'busy', 'machine', 'declined'];

/** How one attempt ended. Retryable outcomes go to the retry policy; the others end the call. */
export const ATTEMPT_OUTCOMES = [
  'completed',
  'no_answer',
  'busy',
  'machine',
  'declined',
  'failed',
  'missing_monitor',
  'interrupted',
  'cancelled',
] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];
export const RETRYABLE_OUTCOMES: AttemptOutcome[] = ['no_answer', 'busy', 'machine', 'failed', 'missing_monitor', 'interrupted'];

/** The final state an outcome leads to when no retry follows. */
export function finalStateFor(o: AttemptOutcome): CallState {
  return o === 'interrupted' ? 'failed' : o;
}
