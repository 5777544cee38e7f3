import { sql, type Kysely } from 'kysely';

// A-08, O-01: a facility's call hours per ISO weekday (1 = Monday); a weekday without a row has no calls.
// The old single window is copied to all seven days: start = end meant "any time" (00:00-24:00); a window
// that passed midnight keeps its evening part (a day's window may not pass midnight, so nothing is widened).
// users.phone: the phone a supervisor listens in on, offered by the approve form.
const statements = [
  `CREATE TABLE facility_call_hours (
    facility_id integer NOT NULL REFERENCES facilities(id) ON DELETE CASCADE,
    weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    starts text NOT NULL,
    ends text NOT NULL,
    PRIMARY KEY (facility_id, weekday),
    CHECK (starts < ends)
  )`,
  `INSERT INTO facility_call_hours (facility_id, weekday, starts, ends)
    SELECT f.id, d.weekday,
      CASE WHEN f.call_hours_start = f.call_hours_end THEN '00:00' ELSE f.call_hours_start END,
      CASE WHEN f.call_hours_start < f.call_hours_end THEN f.call_hours_end ELSE '24:00' END
    FROM facilities f CROSS JOIN generate_series(1, 7) AS d(weekday)`,
  'ALTER TABLE facilities DROP COLUMN call_hours_start',
  'ALTER TABLE facilities DROP COLUMN call_hours_end',
  'ALTER TABLE users ADD COLUMN phone text',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('ALTER TABLE users DROP COLUMN phone').execute(db);
  await sql.raw(`ALTER TABLE facilities ADD COLUMN call_hours_start text NOT NULL DEFAULT '09:00'`).execute(db);
  await sql.raw(`ALTER TABLE facilities ADD COLUMN call_hours_end text NOT NULL DEFAULT '18:00'`).execute(db);
  await sql
    .raw(
      `UPDATE facilities f SET call_hours_start = h.starts, call_hours_end = CASE WHEN h.ends = '24:00' THEN '00:00' ELSE h.ends END
       FROM facility_call_hours h WHERE h.facility_id = f.id AND h.weekday = 1`,
    )
    .execute(db);
  await sql.raw('DROP TABLE facility_call_hours').execute(db);
}
