import { sql } from 'kysely';
import type { AppContext } from '../app-context.js';

/**
 * S-08, D-03, D-04: a detainee in custody who has not been offered a call for his facility's
 * contact_floor_days (counting from arrival when he never had one) gets a `contact_floor` task for a
 * supervisor, once while it stays open.
 */
export async function checkContactFloor(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  const rows = await ctx.repos.db
    .selectFrom('detainees as d')
    .innerJoin('facilities as f', 'f.id', 'd.facility_id')
    .leftJoin(
      (eb) => eb.selectFrom('scheduled_calls').select(['detainee_id', (e) => e.fn.max('start_at').as('last')]).groupBy('detainee_id').as('c'),
      (j) => j.onRef('c.detainee_id', '=', 'd.id'),
    )
    .select(['d.id', 'd.language'])
    .where('d.status', 'in', ['held', 'hospitalised', 'transferred'])
    .where(sql<boolean>`coalesce(c.last, d.created_at) < ${now}::timestamptz - make_interval(days => f.contact_floor_days)`)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('tasks as t').select('t.id').whereRef('t.detainee_id', '=', 'd.id').where('t.kind', '=', 'contact_floor').where('t.status', '!=', 'done'))))
    .limit(500)
    .execute();
  for (const d of rows) {
    await ctx.repos.db.insertInto('tasks').values({ kind: 'contact_floor', priority: 2, detainee_id: d.id, language: d.language, summary: 'no family contact offered within the contact floor (S-08)' }).execute();
  }
  if (rows.length) await ctx.repos.audit.append({ actor: 'system', action: 'contact_floor.alerted', subjectType: 'detainee', detail: { count: rows.length } });
  return rows.length;
}
