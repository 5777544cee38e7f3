import { sql, type Kysely } from 'kysely';

// O-07, S-01: a denied or cancelled call request leaves a notice for the detainee (read to him by his facility's
// staff) and, on the family's callback task, the structured reason code. A-01: supervised-call recordings are
// listed, so they can be played (audited) and deleted at the carrier when they expire.
const statements = [
  `CREATE TABLE detainee_notices (
    id serial PRIMARY KEY,
    detainee_id integer NOT NULL REFERENCES detainees(id) ON DELETE CASCADE,
    kind text NOT NULL,
    reason_code text NOT NULL,
    call_request_id integer,
    call_id uuid,
    created_at timestamptz NOT NULL DEFAULT now(),
    read_at timestamptz,
    read_by text
  )`,
  `CREATE INDEX detainee_notices_unread ON detainee_notices (detainee_id) WHERE read_at IS NULL`,
  `ALTER TABLE tasks ADD COLUMN reason_code text`,
  `CREATE TABLE call_recordings (
    recording_sid text PRIMARY KEY,
    call_id uuid NOT NULL,
    attempt_no integer NOT NULL,
    conference_sid text,
    duration_seconds integer,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX call_recordings_created ON call_recordings (created_at)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP TABLE IF EXISTS detainee_notices').execute(db);
  await sql.raw('DROP TABLE IF EXISTS call_recordings').execute(db);
  await sql.raw('ALTER TABLE tasks DROP COLUMN IF EXISTS reason_code').execute(db);
}
