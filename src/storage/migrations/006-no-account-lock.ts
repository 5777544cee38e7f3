import { sql, type Kysely } from 'kysely';

// Failed logins are slowed down per account and address in Redis; no account is locked any more, so the
// columns that held the lock go.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw('ALTER TABLE users DROP COLUMN failed_logins').execute(db);
  await sql.raw('ALTER TABLE users DROP COLUMN locked_until').execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('ALTER TABLE users ADD COLUMN failed_logins integer NOT NULL DEFAULT 0').execute(db);
  await sql.raw('ALTER TABLE users ADD COLUMN locked_until timestamptz').execute(db);
}
