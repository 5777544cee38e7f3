/** How a desk call ended (O-06); the console names each in the viewer's language (outcome_* keys). */
export const WRAP_UP_OUTCOMES = [
  'answered_question',
  'registered_enquiry',
  'took_message',
  'delivered_news',
  'referred_protection',
  'other',
] as const;
export type WrapUpOutcome = (typeof WRAP_UP_OUTCOMES)[number];

/** When the family wants the follow-up call, as the voice menu offers it. */
export const FOLLOW_UP_WINDOWS = ['any', 'morning', 'afternoon', 'evening'] as const;

/** Outcomes whose follow-up only supervisors may see (S-05): news and protection stay restricted. */
export const RESTRICTED_OUTCOMES: readonly WrapUpOutcome[] = ['delivered_news', 'referred_protection'];

export const WRAP_UP_NOTE_MAX = 1000;
