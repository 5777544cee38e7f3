import type { Generated } from 'kysely';
import type { Timestamp, CreatedAt, Json, Language } from './column-types.js';

// Supervised calls, their attempts and events, and the hotline's call log.

export interface ScheduledCallTable {
  id: string; // uuid; also the BullMQ jobId
  request_id: number | null;
  detainee_id: number;
  contact_id: number;
  facility_line: string;
  supervisor_phone: string;
  supervisor: string | null;
  start_at: Timestamp;
  max_minutes: number;
  language: Language;
  interpreter: Generated<boolean>;
  state: Generated<string>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  final_reason: string | null;
  conference_sid: string | null;
  /** Retries stop after this time (migration 004). */
  window_end: Timestamp | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface CallAttemptTable {
  id: Generated<number>;
  call_id: string;
  attempt_no: number;
  claimed_at: Timestamp;
  facility_call_sid: string | null;
  relative_call_sid: string | null;
  monitor_call_sid: string | null;
  outcome: string | null;
  ended_at: Timestamp | null;
  // migration 004: progress of the attempt, so callbacks apply in any order
  detainee_accepted_at: Timestamp | null;
  relative_accepted_at: Timestamp | null;
  monitor_joined_at: Timestamp | null;
  connected_at: Timestamp | null;
  /** The detainee heard who answered and did not decline (D-05, migration 012). */
  detainee_bridged_at: Timestamp | null;
}

export interface CallEventTable {
  id: Generated<number>;
  call_id: string;
  at: Timestamp;
  kind: string;
  actor: string | null;
  detail: Json;
  /** Twilio retries: one row per (CallSid, status, sequence) (twilio-notes TW-12). */
  dedupe_key: string | null;
}

export interface CallLogTable {
  call_sid: string;
  direction: 'inbound' | 'outbound';
  from_masked: string | null;
  language: Language | null;
  started_at: Timestamp;
  updated_at: Timestamp;
  path: Json; // steps and redacted inputs
  outcome: string | null;
  final_status: string | null;
  duration_seconds: number | null;
  last_sequence: Generated<number>;
  flagged: Generated<boolean>;
  stir_verstat: string | null; // C-10: a risk signal only
  queue_result: string | null; // the Enqueue action's QueueResult: bridged, hangup, leave, error...
  queue_seconds: number | null; // its QueueTime
}
