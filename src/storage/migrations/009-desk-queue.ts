import { sql, type Kysely } from 'kysely';

// How each queued hotline call left the operator queue (bridged, hangup, leave, error...) and after how many
// seconds, as the Enqueue action reports them: the desk's figures (abandoned in queue, average wait, S-07).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw('ALTER TABLE call_logs ADD COLUMN queue_result text').execute(db);
  await sql.raw('ALTER TABLE call_logs ADD COLUMN queue_seconds integer').execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('ALTER TABLE call_logs DROP COLUMN queue_seconds').execute(db);
  await sql.raw('ALTER TABLE call_logs DROP COLUMN queue_result').execute(db);
}
