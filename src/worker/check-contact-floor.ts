import type { AppContext } from '../app-context.js';

/**
 * S-08, D-03, D-04: a detainee in custody below the contact floor (the one definition in the detainee repository,
 * shared with today's figures: days since the last call offered, his arrival, transfer or hospitalisation,
 * whichever is latest) gets a `contact_floor` task for a supervisor, once while it stays open.
 */
export async function checkContactFloor(ctx: AppContext): Promise<number> {
  const rows = await ctx.repos.detainees.belowContactFloorUnalerted(ctx.clock.now(), 500);
  for (const d of rows) {
    await ctx.repos.tasks.create({
      kind: 'contact_floor',
      priority: 2,
      detaineeId: d.id,
      language: d.language,
      summary: 'no family contact offered within the contact floor (S-08)',
    });
  }
  if (rows.length)
    await ctx.repos.audit.append({
      actor: 'system',
      action: 'contact_floor.alerted',
      subjectType: 'detainee',
      detail: { count: rows.length },
    });
  return rows.length;
}
