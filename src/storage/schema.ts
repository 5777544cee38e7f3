import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json = ColumnType<Record<string, unknown>, string | Record<string, unknown>, string | Record<string, unknown>>;

export const DETAINEE_STATUSES = ['held', 'hospitalised', 'deceased', 'released', 'transferred', 'unknown'] as const;
export type DetaineeStatus = (typeof DETAINEE_STATUSES)[number];
/** In custody: the statuses whose detainees are owed family contact (D-03, the contact floor S-08). */
export const IN_CUSTODY_STATUSES = ['held', 'hospitalised', 'transferred'] as const satisfies readonly DetaineeStatus[];
/** General health categories. `serious` and `critical` are never spoken by the IVR (C-07). */
export const HEALTH_CATEGORIES = ['good', 'fair', 'under_treatment', 'serious', 'critical'] as const;
export type HealthCategory = (typeof HEALTH_CATEGORIES)[number];
/** The categories the IVR may speak (C-07). */
export const SPEAKABLE_HEALTH_CATEGORIES = ['good', 'fair', 'under_treatment'] as const satisfies readonly HealthCategory[];
export const LANGUAGES = ['ru', 'uk', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
/** What a contact may learn or receive (D-01). */
export const CONSENT_SCOPES = ['held', 'health', 'messages', 'calls'] as const;
export type ConsentScope = (typeof CONSENT_SCOPES)[number];
export const ROLES = ['operator', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const ENQUIRY_STATUSES = ['open', 'in_progress', 'closed'] as const;
export type EnquiryStatus = (typeof ENQUIRY_STATUSES)[number];
/** A message waits for review, then carries the reviewer's decision (C-08). */
export const REVIEW_DECISIONS = ['approved', 'rejected', 'delivered'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];
export const CALL_REQUEST_SOURCES = ['hotline', 'detainee', 'operator'] as const;
export type CallRequestSource = (typeof CALL_REQUEST_SOURCES)[number];

export interface FacilityTable {
  id: Generated<number>;
  name: string;
  time_zone: string;
  call_hours_start: string; // HH:MM in the facility's zone
  call_hours_end: string;
  default_line: string | null; // E.164 phone where the detainee and a guard are
  created_at: CreatedAt;
  // A-08 facility parameters (migration 004)
  weekly_call_quota: Generated<number>;
  contact_floor_days: Generated<number>;
  max_call_minutes: Generated<number>;
}

/** Phones where a detainee and a guard can take a supervised call (migration 004). */
export interface FacilityLineTable {
  id: Generated<number>;
  facility_id: number;
  phone: string;
  label: string | null;
  created_at: CreatedAt;
}

// Deliberately no column for the circumstances of capture (D-08).
export interface DetaineeTable {
  id: Generated<number>;
  reference: string;
  family_name: string;
  given_name: string;
  patronymic: string | null;
  birth_date: string | null; // YYYY-MM-DD
  status: DetaineeStatus;
  status_source: string | null;
  status_at: Timestamp;
  health_category: HealthCategory | null;
  /** "missing, possibly dead": never spoken by the IVR (C-07). */
  possibly_dead: Generated<boolean>;
  facility_id: number | null;
  language: Language;
  nib_reported_at: Timestamp | null; // D-02
  protection_concern: Generated<boolean>; // D-10: the content lives in a restricted task
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ContactTable {
  id: Generated<number>;
  detainee_id: number;
  name: string;
  relationship: string;
  phone: string; // E.164
  time_zone: string;
  language: Language;
  secret_hash: string | null;
  secret_salt: string | null;
  blocked: Generated<boolean>; // D-09: "never contact / never disclose to"
  nominated: Generated<boolean>; // the detainee named this number for calls (D-05)
  calls_stopped: Generated<boolean>; // the contact asked for no more calls (C-11)
  call_hours_start: Generated<string>; // HH:MM in the contact's zone; start = end means any time (migration 004)
  call_hours_end: Generated<string>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ConsentEntryTable {
  id: Generated<number>;
  contact_id: number;
  scope: ConsentScope;
  granted: boolean; // false = revocation
  language: Language;
  witness: string;
  prompt: string | null;
  recorded_by: string | null;
  at: Timestamp;
}

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
}

export interface CallEventTable {
  id: Generated<number>;
  call_id: string;
  at: Timestamp;
  kind: string;
  actor: string | null;
  detail: Json;
  /** Twilio retries: one row per (CallSid, status, sequence) (pitfall 12). */
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
}

export interface UserTable {
  id: Generated<number>;
  username: string;
  display_name: string | null;
  password_hash: string;
  role: Role;
  language: Generated<string>;
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  disabled: Generated<boolean>;
  created_at: CreatedAt;
}

export interface ApiTokenTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  scopes: string; // space-separated
  created_at: CreatedAt;
  revoked_at: Timestamp | null;
  last_used_at: Timestamp | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  seq: number;
  at: Timestamp;
  actor: string;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  detail: Json;
  prev_hash: string;
  hash: string;
}

/** One row: the chain's head, so deleting the newest entries is detected too. */
export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface Database {
  facilities: FacilityTable;
  facility_lines: FacilityLineTable;
  detainees: DetaineeTable;
  contacts: ContactTable;
  consent_entries: ConsentEntryTable;
  enquiries: EnquiryTable;
  call_requests: CallRequestTable;
  messages: MessageTable;
  scheduled_calls: ScheduledCallTable;
  call_attempts: CallAttemptTable;
  call_events: CallEventTable;
  call_logs: CallLogTable;
  tasks: TaskTable;
  users: UserTable;
  api_tokens: ApiTokenTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
}

export type Detainee = Selectable<DetaineeTable>;
export type NewDetainee = Insertable<DetaineeTable>;
export type DetaineeUpdate = Updateable<DetaineeTable>;
export type Contact = Selectable<ContactTable>;
export type Facility = Selectable<FacilityTable>;
export type FacilityLine = Selectable<FacilityLineTable>;
export type ConsentEntry = Selectable<ConsentEntryTable>;
export type Enquiry = Selectable<EnquiryTable>;
export type CallRequest = Selectable<CallRequestTable>;
export type Message = Selectable<MessageTable>;
export type ScheduledCall = Selectable<ScheduledCallTable>;
export type CallAttempt = Selectable<CallAttemptTable>;
export type CallEvent = Selectable<CallEventTable>;
export type CallLog = Selectable<CallLogTable>;
export type Task = Selectable<TaskTable>;
export type User = Selectable<UserTable>;
export type ApiToken = Selectable<ApiTokenTable>;
export type AuditEntry = Selectable<AuditLogTable>;
