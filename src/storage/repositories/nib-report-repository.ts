import { sql } from 'kysely';
import type { Db } from '../database.js';

/** D-02: detainees whose NIB report is not recorded. */
export function createNibReportRepository(db: Db) {
  return {
    /**
     * Opens one `nib_report` task for each detainee with no NIB report date more than `days` after his arrival (the
     * record's creation when no arrival date is known), unless he ever had one: one task per detainee, never a daily
     * repeat. In one statement, so two workers running the check at once do not both insert. Consent plays no part.
     * Returns the detainees alerted.
     */
    async alertUnreported(now: Date, days: number, summary: string, limit: number): Promise<number[]> {
      const rows = await sql<{ detainee_id: number }>`
        insert into tasks (kind, priority, restricted, detainee_id, language, summary)
        select 'nib_report', 2, false, d.id, d.language, ${summary}
        from detainees d
        where d.nib_reported_at is null
          and coalesce(d.arrived_at, d.created_at) < ${now}::timestamptz - make_interval(days => ${days}::int)
          and not exists (select 1 from tasks t where t.detainee_id = d.id and t.kind = 'nib_report')
        order by d.id
        limit ${limit}
        returning detainee_id`.execute(db);
      return rows.rows.map((r) => r.detainee_id);
    },
  };
}
