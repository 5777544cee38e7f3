/**
 * The outcome of a call to a family, a structured code (O-07). `no_answer` and `busy` come from the family leg's
 * status; the operator chooses the others in the wrap-up. `delivered` is a bad-news call that told the news.
 */
export const TASK_CALL_OUTCOMES = ['reached', 'delivered', 'no_answer', 'busy', 'wrong_person', 'asked_not_to_call'] as const;
export type TaskCallOutcome = (typeof TASK_CALL_OUTCOMES)[number];

/** What the operator may choose after a call the family answered. */
export const OPERATOR_OUTCOMES = ['reached', 'delivered', 'wrong_person', 'asked_not_to_call'] as const;
export type OperatorOutcome = (typeof OPERATOR_OUTCOMES)[number];

/** The O-04 checklist of a bad-news call, in the order it is worked through. */
export const BAD_NEWS_CHECKLIST = [
  'primary_source',
  'second_factor',
  'plain_words',
  'second_person',
  'remains_certificates',
  'icrc_nib_contacts',
  'support_referral',
] as const;
export type ChecklistItem = (typeof BAD_NEWS_CHECKLIST)[number];

/** Why an item was skipped: a structured choice, never free text (O-07). */
export const CHECKLIST_SKIP_REASONS = ['family_declined', 'call_ended_early', 'not_applicable', 'supervisor_follows_up'] as const;
export type ChecklistSkipReason = (typeof CHECKLIST_SKIP_REASONS)[number];

/** An item's mark in the wrap-up: ticked, or skipped for a reason. */
export const CHECKLIST_MARKS = ['done', ...CHECKLIST_SKIP_REASONS] as const;
export type ChecklistMark = (typeof CHECKLIST_MARKS)[number];

/** The carrier's final status of the family leg, as an outcome; undefined when the family answered. */
export function outcomeOfFamilyStatus(status: string): TaskCallOutcome | undefined {
  if (status === 'busy') return 'busy';
  if (status === 'no-answer' || status === 'failed' || status === 'canceled') return 'no_answer';
  return undefined;
}

/** The items' names in refusals (the console shows its own translated labels). */
export const CHECKLIST_NAMES: Record<ChecklistItem, string> = {
  primary_source: 'the record confirmed from a primary source',
  second_factor: 'the caller verified with the second factor',
  plain_words: 'plain words',
  second_person: 'a second person offered',
  remains_certificates: 'next steps for remains and certificates',
  icrc_nib_contacts: 'the ICRC and NIB contacts',
  support_referral: 'a support referral',
};
