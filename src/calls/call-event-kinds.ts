import { ENDED_STATES } from './call-states.js';

/** The three legs of a supervised call, as carrier callbacks and dial events name them. */
export const CALL_EVENT_LEGS = ['facility', 'relative', 'monitor'] as const;
/** Every CallStatus a leg's status callback may carry (twilio-notes TW-14: `answered` arrives as in-progress). */
export const LEG_STATUSES = [
  'queued',
  'initiated',
  'ringing',
  'in-progress',
  'answered',
  'completed',
  'busy',
  'no-answer',
  'failed',
  'canceled',
] as const;
/** The conference callbacks asked for (start, end, join, leave), as handleConferenceEvent names them. */
export const CONFERENCE_EVENT_KINDS = [
  'conference_start',
  'conference_end',
  'conference_participant_join',
  'conference_participant_leave',
] as const;

/**
 * Every kind of event a supervised call's timeline records (recordCallEvent and addEvent in src/calls and
 * src/worker), the ones built from a leg or a status spelled out, so the console has a sentence for each.
 */
export const CALL_EVENT_KINDS: readonly string[] = [
  'scheduled',
  'cancelled',
  'dialling',
  'policy_refused',
  'rescheduled',
  'attempt_unconfirmed',
  'carrier_retry',
  'leg_unconfirmed',
  'ringing',
  'awaiting_acceptance',
  'amd_person',
  'amd_machine',
  'amd_unknown',
  'amd_monitor_person',
  'amd_monitor_not_person',
  'detainee_accepted',
  'relative_accepted',
  'monitor_joined',
  'detainee_bridged',
  'missing_monitor',
  'connected',
  'time_warning',
  'barged',
  'ended_by_supervisor',
  'listener_joined',
  'attempt_ended',
  'recording_ready',
  ...ENDED_STATES.filter((s) => s !== 'cancelled'),
  ...CALL_EVENT_LEGS.map((leg) => `${leg}_dialled`),
  ...CALL_EVENT_LEGS.flatMap((leg) => LEG_STATUSES.map((s) => `leg_${leg}_${s}`)),
  ...CONFERENCE_EVENT_KINDS,
];
