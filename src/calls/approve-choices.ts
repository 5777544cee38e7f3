import type { AppContext } from '../app-context.js';
import type { Principal } from '../shared/principal.js';

export interface ApproveChoices {
  /** Per detainee: the lines of his facility, the default line first (only these may be dialled, TW-35). */
  linesByDetainee: Map<number, { phone: string; label: string | null }[]>;
  /** Phones of supervisors and admins, the current user's own first when set (S-03: someone listens in). */
  monitors: { phone: string; name: string }[];
}

/**
 * What the approve form offers instead of free text. Every supervisor or admin with a phone is offered: who
 * is on duty is not known yet (operator presence will narrow this list to those on duty).
 */
export async function approveChoices(ctx: AppContext, p: Principal, detaineeIds: readonly number[]): Promise<ApproveChoices> {
  const linesByDetainee = new Map<number, { phone: string; label: string | null }[]>();
  const byFacility = new Map<number, { phone: string; label: string | null }[]>();
  for (const id of new Set(detaineeIds)) {
    const facilityId = (await ctx.repos.detainees.findById(id))?.facility_id;
    if (!facilityId) {
      linesByDetainee.set(id, []);
      continue;
    }
    if (!byFacility.has(facilityId)) {
      const f = await ctx.repos.facilities.findById(facilityId);
      const lines = (await ctx.repos.facilityLines.listByFacility(facilityId)).map((l) => ({ phone: l.phone, label: l.label }));
      if (f?.default_line && !lines.some((l) => l.phone === f.default_line)) lines.push({ phone: f.default_line, label: null });
      lines.sort((a, b) => Number(b.phone === f?.default_line) - Number(a.phone === f?.default_line));
      byFacility.set(facilityId, lines);
    }
    linesByDetainee.set(id, byFacility.get(facilityId)!);
  }
  const monitors = (await ctx.repos.users.listMonitors())
    .map((u) => ({ phone: u.phone!, name: u.display_name ?? u.username, own: u.id === p.userId }))
    .sort((a, b) => Number(b.own) - Number(a.own))
    .map(({ phone, name }) => ({ phone, name }));
  return { linesByDetainee, monitors };
}
