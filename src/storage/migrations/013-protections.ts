import { sql, type Kysely } from 'kysely';

// The detainee's protections and least privilege (D-03, O-03, O-06):
// - the dates the contact floor restarts from: arrival (or capture), the last transfer, the last hospitalisation;
// - operator flags on caller numbers, kept as the keyed hash lookups already use (C-13) with a masked form to show;
// - the caller-desk role.
const statements = [
  `ALTER TABLE detainees ADD COLUMN arrived_at timestamptz`,
  `ALTER TABLE detainees ADD COLUMN transferred_at timestamptz`,
  `ALTER TABLE detainees ADD COLUMN hospitalised_at timestamptz`,
  `CREATE TABLE caller_flags (
    id serial PRIMARY KEY,
    caller_key text NOT NULL,
    masked_number text NOT NULL,
    reason text NOT NULL,
    status text NOT NULL DEFAULT 'pending',
    flagged_by text NOT NULL,
    task_id integer REFERENCES tasks(id) ON DELETE SET NULL,
    decided_by text,
    decided_at timestamptz,
    decision_note text,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX caller_flags_key_idx ON caller_flags (caller_key, status)`,
  `ALTER TABLE users DROP CONSTRAINT users_role_check`,
  `ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('operator','supervisor','admin','caller_desk'))`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP TABLE IF EXISTS caller_flags').execute(db);
  for (const c of ['arrived_at', 'transferred_at', 'hospitalised_at'])
    await sql.raw(`ALTER TABLE detainees DROP COLUMN IF EXISTS ${c}`).execute(db);
  await sql.raw(`DELETE FROM users WHERE role = 'caller_desk'`).execute(db);
  await sql.raw('ALTER TABLE users DROP CONSTRAINT users_role_check').execute(db);
  await sql.raw(`ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('operator','supervisor','admin'))`).execute(db);
}
