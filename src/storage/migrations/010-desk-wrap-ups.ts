import { sql, type Kysely } from 'kysely';

// One row per hotline call an operator answered and closed at the desk (O-06, S-07): the outcome, the operator's
// note (never how a detainee was captured or where he is held, D-08) and how long the caller waited in the queue.
const statements = [
  `CREATE TABLE desk_wrap_ups (
    id serial PRIMARY KEY,
    operator_user_id integer NOT NULL REFERENCES users(id),
    operator_username text NOT NULL,
    call_sid text NOT NULL,
    outcome text NOT NULL,
    note text,
    queue_time_seconds integer,
    follow_up_task_id integer REFERENCES tasks(id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE UNIQUE INDEX desk_wrap_ups_call_idx ON desk_wrap_ups (call_sid)`,
  `CREATE INDEX desk_wrap_ups_created_idx ON desk_wrap_ups (created_at)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP TABLE IF EXISTS desk_wrap_ups').execute(db);
}
