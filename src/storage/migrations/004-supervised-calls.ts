import { sql, type Kysely } from 'kysely';

// Supervised calls: facility parameters, known facility lines, contact calling hours,
// and per-attempt progress so a status callback can be applied in any order (twilio-notes TW-13).
const statements = [
  `ALTER TABLE facilities ADD COLUMN weekly_call_quota integer NOT NULL DEFAULT 3`,
  `ALTER TABLE facilities ADD COLUMN contact_floor_days integer NOT NULL DEFAULT 7`,
  `ALTER TABLE facilities ADD COLUMN max_call_minutes integer NOT NULL DEFAULT 20`,
  `CREATE TABLE facility_lines (
    id serial PRIMARY KEY,
    facility_id integer NOT NULL REFERENCES facilities(id) ON DELETE CASCADE,
    phone text NOT NULL,
    label text,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (facility_id, phone)
  )`,
  `ALTER TABLE contacts ADD COLUMN call_hours_start text NOT NULL DEFAULT '09:00'`,
  `ALTER TABLE contacts ADD COLUMN call_hours_end text NOT NULL DEFAULT '21:00'`,
  `ALTER TABLE scheduled_calls ADD COLUMN window_end timestamptz`,
  `ALTER TABLE call_attempts ADD COLUMN detainee_accepted_at timestamptz`,
  `ALTER TABLE call_attempts ADD COLUMN relative_accepted_at timestamptz`,
  `ALTER TABLE call_attempts ADD COLUMN monitor_joined_at timestamptz`,
  `ALTER TABLE call_attempts ADD COLUMN connected_at timestamptz`,
  `CREATE INDEX call_attempts_call_idx ON call_attempts (call_id, attempt_no)`,
  `CREATE INDEX scheduled_calls_detainee_idx ON scheduled_calls (detainee_id, start_at)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const s of [
    'DROP INDEX IF EXISTS scheduled_calls_detainee_idx',
    'DROP INDEX IF EXISTS call_attempts_call_idx',
    'ALTER TABLE call_attempts DROP COLUMN connected_at',
    'ALTER TABLE call_attempts DROP COLUMN monitor_joined_at',
    'ALTER TABLE call_attempts DROP COLUMN relative_accepted_at',
    'ALTER TABLE call_attempts DROP COLUMN detainee_accepted_at',
    'ALTER TABLE scheduled_calls DROP COLUMN window_end',
    'ALTER TABLE contacts DROP COLUMN call_hours_end',
    'ALTER TABLE contacts DROP COLUMN call_hours_start',
    'DROP TABLE IF EXISTS facility_lines',
    'ALTER TABLE facilities DROP COLUMN max_call_minutes',
    'ALTER TABLE facilities DROP COLUMN contact_floor_days',
    'ALTER TABLE facilities DROP COLUMN weekly_call_quota',
  ])
    await sql.raw(s).execute(db);
}
