/**
 * The carrier's CallStatus values after which a call is over (twilio-notes: REST parameters); once one of them arrives,
 * no later status moves the call back (twilio-notes TW-13).
 */
export const FINAL_CALL_STATUSES = ['completed', 'busy', 'failed', 'no-answer', 'canceled'] as const;
export type FinalCallStatus = (typeof FINAL_CALL_STATUSES)[number];

export const isFinalCallStatus = (status: string): status is FinalCallStatus => (FINAL_CALL_STATUSES as readonly string[]).includes(status);
