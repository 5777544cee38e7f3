import { sql, type Kysely } from 'kysely';

// Status lookups refused by a limit (C-12): one row per attack, not one task per refused call.
const statements = [
  `CREATE TABLE lookup_suspensions (
    id serial PRIMARY KEY,
    scope text NOT NULL,
    subject_key text NOT NULL,
    detainee_id integer REFERENCES detainees(id) ON DELETE SET NULL,
    task_id integer REFERENCES tasks(id) ON DELETE SET NULL,
    refused integer NOT NULL DEFAULT 0,
    first_at timestamptz NOT NULL DEFAULT now(),
    last_at timestamptz NOT NULL DEFAULT now(),
    closed_at timestamptz,
    closed_by text
  )`,
  `CREATE UNIQUE INDEX lookup_suspensions_open_idx ON lookup_suspensions (scope, subject_key) WHERE closed_at IS NULL`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP TABLE IF EXISTS lookup_suspensions').execute(db);
}
