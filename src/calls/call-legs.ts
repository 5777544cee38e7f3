/**
 * The documents Twilio fetches for a supervised call, each an entry of the flow: the three legs, the one-minute
 * warning announced to each of them in its own language (D-11), and the goodbye a relative hears when the call
 * will not take place after all (D-05).
 */
export const CALL_LEGS = [
  'facility',
  'relative',
  'monitor',
  'facility_warning',
  'relative_warning',
  'monitor_warning',
  'relative_goodbye',
] as const;
export type CallLeg = (typeof CALL_LEGS)[number];
export type CallParty = 'facility' | 'relative' | 'monitor';

/** Whose language a document speaks (D-11). */
export const partyOf = (leg: CallLeg): CallParty =>
  leg.startsWith('monitor') ? 'monitor' : leg.startsWith('relative') ? 'relative' : 'facility';

/** Documents played to a party whatever the attempt's state: announcements into the conference, the goodbye. */
export const isAnnouncement = (leg: CallLeg): boolean => leg !== 'facility' && leg !== 'relative' && leg !== 'monitor';
