import type { Generated } from 'kysely';
import type { Timestamp, CreatedAt, Language, CallRequestSource } from './column-types.js';

// What waits for a person: enquiries, call requests, messages and tasks.

export interface EnquiryTable {
  id: Generated<number>;
  call_sid: string | null;
  sought_name: string | null;
  sought_birth_year: number | null;
  caller_name: string | null;
  relationship: string | null;
  callback_phone: string | null;
  language: Language;
  preferred_hours: string | null;
  recording_sid: string | null;
  status: Generated<string>; // ENQUIRY_STATUSES
  notes: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface CallRequestTable {
  id: Generated<number>;
  detainee_id: number;
  contact_id: number;
  source: CallRequestSource;
  earliest: Timestamp;
  max_minutes: number;
  language: Language;
  status: Generated<string>; // pending_approval, approved, denied, cancelled
  requested_by: string | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  reason: string | null;
  created_at: CreatedAt;
}

export interface MessageTable {
  id: Generated<number>;
  detainee_id: number;
  contact_id: number | null;
  direction: 'to_detainee' | 'from_detainee';
  kind: 'voice' | 'keypad';
  recording_sid: string | null;
  recording_url: string | null;
  duration_seconds: number | null;
  call_sid: string | null;
  status: Generated<string>; // pending_review, then one of REVIEW_DECISIONS
  review_due_at: Timestamp | null; // C-08: bounded review time
  reviewed_by: string | null;
  reviewed_at: Timestamp | null;
  review_reason: string | null;
  created_at: CreatedAt;
}

export interface TaskTable {
  id: Generated<number>;
  kind: string; // bad_news, fraud_flag, protection, callback, operator_callback, contact_floor
  priority: Generated<number>; // 1 = highest
  restricted: Generated<boolean>;
  detainee_id: number | null;
  contact_id: number | null;
  call_sid: string | null;
  callback_phone: string | null;
  callback_window: string | null;
  language: Language | null;
  summary: string | null;
  status: Generated<string>; // open, assigned, done
  assigned_to: string | null;
  created_at: CreatedAt;
  closed_at: Timestamp | null;
  // Calling the family back (011-task-calls).
  call_attempts: Generated<number>; // the family's number dialled so many times
  next_attempt_at: Timestamp | null; // after a no answer: the next time inside the family's window
  calling_since: Timestamp | null; // a call is under way (the lock against a second one)
  call_outcome: string | null; // the last attempt's outcome (TASK_CALL_OUTCOMES)
  back_to_supervisor: Generated<boolean>; // the attempts ran out: a supervisor decides what next
  reason_code: string | null; // a call_reason task: the denial's or cancellation's code (migration 015, O-07)
}

/**
 * A limit that refused status lookups (C-12): one row per attack, counting its refused attempts, with the
 * restricted task that tells supervisors about it. `subject_key` is a keyed hash of the reference or caller
 * number ('all' for the line), never the value itself. Closed when a supervisor lifts it or closes its task.
 */
export interface LookupSuspensionTable {
  id: Generated<number>;
  scope: 'caller' | 'reference' | 'line';
  subject_key: string;
  detainee_id: number | null;
  task_id: number | null;
  refused: Generated<number>;
  first_at: CreatedAt;
  last_at: Timestamp;
  closed_at: Timestamp | null;
  closed_by: string | null;
}
