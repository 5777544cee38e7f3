/**
 * BullMQ queue names. Every queue lives under the configured Redis prefix (BullMQ's `prefix` option), so
 * several installations, or parallel test files, share one Redis without seeing each other's keys.
 */
export const QUEUE_NAMES = {
  /** Carrier dials (facility, relative and monitor legs), paced by the global CPS limiter (twilio-notes TW-28). */
  calls: 'calls',
  /** Carrier control after a webhook: hang up, redirect, announce, time limit. Kept out of voice webhooks (twilio-notes TW-09). */
  control: 'call-control',
  /** Repeatable jobs: reconciler, retention purge, contact floor (S-08). */
  maintenance: 'maintenance',
} as const;

export const JOB = {
  placeCall: 'place-call',
  dialRelative: 'dial-relative',
  dialMonitor: 'dial-monitor',
  hangupAttempt: 'hangup-attempt',
  redirectRelative: 'redirect-relative',
  redirectFacility: 'redirect-facility',
  timeWarning: 'time-warning',
  timeLimit: 'time-limit',
  reconcile: 'reconcile',
  retention: 'retention',
  contactFloor: 'contact-floor',
  nibReporting: 'nib-reporting',
} as const;

/**
 * The dial job of a call's first attempt has jobId = the call id; a retry's job adds the attempt number, so
 * re-adding the same attempt changes nothing (twilio-notes TW-12) while a retry never collides with the finished job.
 * BullMQ refuses ':' in custom ids, hence '_'.
 */
export function placeCallJobId(callId: string, attemptNo: number): string {
  return attemptNo <= 1 ? callId : `${callId}_a${attemptNo}`;
}

export const legJobId = (callId: string, attemptNo: number, what: string) => `${callId}_a${attemptNo}_${what}`;
