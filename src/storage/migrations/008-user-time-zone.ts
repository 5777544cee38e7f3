import { sql, type Kysely } from 'kysely';

// Each user reads times in their own zone; null means the operator's zone (OPERATOR_TIME_ZONE), so a user who
// never chose one follows that setting when it changes.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw('ALTER TABLE users ADD COLUMN time_zone text').execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('ALTER TABLE users DROP COLUMN time_zone').execute(db);
}
