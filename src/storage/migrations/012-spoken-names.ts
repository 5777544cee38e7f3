import { sql, type Kysely } from 'kysely';

// Names as a Russian or Ukrainian voice reads them (C-01, D-05, D-11): a Cyrillic form, when the stored name is
// in Latin script. And the detainee's decision, once he heard who answered, to go on to the conversation (D-05).
const statements = [
  `ALTER TABLE detainees ADD COLUMN spoken_name text`,
  `ALTER TABLE contacts ADD COLUMN spoken_name text`,
  `ALTER TABLE call_attempts ADD COLUMN detainee_bridged_at timestamptz`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('ALTER TABLE call_attempts DROP COLUMN IF EXISTS detainee_bridged_at').execute(db);
  for (const t of ['detainees', 'contacts']) await sql.raw(`ALTER TABLE ${t} DROP COLUMN IF EXISTS spoken_name`).execute(db);
}
