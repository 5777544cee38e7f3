import type { AppContext } from '../app-context.js';
import type { Principal } from '../shared/principal.js';
import { deskPresence } from '../desk/desk.js';

export interface ApproveChoices {
  /** Per detainee: the lines of his facility, the default line first (only these may be dialled, TW-35). */
  linesByDetainee: Map<number, { phone: string; label: string | null }[]>;
  /**
   * Phones of supervisors and admins (S-03: someone listens in): those on duty at the desk now first, with the
   * phone they are on duty at, then the current user's own saved phone, then the others'.
   */
  monitors: { phone: string; name: string; onDuty: boolean }[];
}

/**
 * What the approve form offers instead of free text. A call may be approved for later in the day, when other
 * supervisors are on duty, so those off duty with a saved phone stay in the list, after those on duty now.
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
  const onDuty: ApproveChoices['monitors'] = [];
  for (const d of await deskPresence(ctx).list()) {
    if (d.state === 'off_duty') continue;
    const u = await ctx.repos.users.findById(d.userId);
    if (u && !u.disabled && (u.role === 'supervisor' || u.role === 'admin'))
      onDuty.push({ phone: d.phone, name: u.display_name ?? u.username, onDuty: true });
  }
  const saved = (await ctx.repos.users.listMonitors())
    .map((u) => ({ phone: u.phone!, name: u.display_name ?? u.username, onDuty: false, own: u.id === p.userId }))
    .sort((a, b) => Number(b.own) - Number(a.own))
    .map(({ phone, name, onDuty }) => ({ phone, name, onDuty }));
  const monitors = [...onDuty, ...saved.filter((m) => !onDuty.some((d) => d.phone === m.phone))];
  return { linesByDetainee, monitors };
}
