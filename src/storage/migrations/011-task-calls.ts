import { sql, type Kysely } from 'kysely';

// Calling families back from a task (C-07, O-04, O-07): one row per attempt, and on the task what the next
// attempt needs. `calling_since` is the task's lock while a call is under way: it is taken with a conditional
// update, so two clicks on two instances start one call.
const statements = [
  `CREATE TABLE task_calls (
    id serial PRIMARY KEY,
    task_id integer NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    attempt_no integer NOT NULL,
    operator text NOT NULL,
    operator_user_id integer NOT NULL,
    language text NOT NULL DEFAULT 'en',
    stage text NOT NULL DEFAULT 'ringing_operator',
    operator_call_sid text,
    family_call_sid text,
    outcome text,
    checklist jsonb,
    started_at timestamptz NOT NULL DEFAULT now(),
    answered_at timestamptz,
    ended_at timestamptz,
    UNIQUE (task_id, attempt_no)
  )`,
  `ALTER TABLE tasks ADD COLUMN call_attempts integer NOT NULL DEFAULT 0`,
  `ALTER TABLE tasks ADD COLUMN next_attempt_at timestamptz`,
  `ALTER TABLE tasks ADD COLUMN calling_since timestamptz`,
  `ALTER TABLE tasks ADD COLUMN call_outcome text`,
  `ALTER TABLE tasks ADD COLUMN back_to_supervisor boolean NOT NULL DEFAULT false`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP TABLE IF EXISTS task_calls').execute(db);
  for (const c of ['call_attempts', 'next_attempt_at', 'calling_since', 'call_outcome', 'back_to_supervisor'])
    await sql.raw(`ALTER TABLE tasks DROP COLUMN IF EXISTS ${c}`).execute(db);
}
