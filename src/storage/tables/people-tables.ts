import type { Generated } from 'kysely';
import type { Timestamp, CreatedAt, Language, DetaineeStatus, HealthCategory, ConsentScope } from './column-types.js';

// Facilities, detainees, their contacts and the consent ledger (D-01).

export interface FacilityTable {
  id: Generated<number>;
  name: string;
  time_zone: string;
  default_line: string | null; // E.164 phone where the detainee and a guard are
  created_at: CreatedAt;
  // A-08 facility parameters (migration 004)
  weekly_call_quota: Generated<number>;
  contact_floor_days: Generated<number>;
  max_call_minutes: Generated<number>;
}

/** A facility's call hours on one ISO weekday (1 = Monday), in its zone; a weekday without a row has no calls (migration 007). */
export interface FacilityCallHoursTable {
  facility_id: number;
  weekday: number;
  starts: string; // HH:MM
  ends: string; // HH:MM, up to 24:00, after starts
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
  /** The given name in Cyrillic, as a ru/uk voice reads it to his family (migration 012). */
  spoken_name: string | null;
  // D-03: the contact floor restarts from these (migration 013)
  arrived_at: Timestamp | null;
  transferred_at: Timestamp | null;
  hospitalised_at: Timestamp | null;
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
  /** The name in Cyrillic, as a ru/uk voice reads it to the detainee (migration 012). */
  spoken_name: string | null;
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
