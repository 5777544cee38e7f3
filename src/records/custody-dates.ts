import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import type { Principal } from '../shared/principal.js';
import { notFound } from '../shared/errors.js';
import { parseInput } from '../shared/parse-input.js';
import type { Detainee, DetaineeUpdate } from '../storage/schema.js';

/** A day (YYYY-MM-DD, read as midnight UTC) or an instant; empty clears the date. */
const when = z.preprocess(
  (v) => (v === '' ? null : v),
  z
    .union([z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD'), z.string().datetime({ offset: true })])
    .transform((s) => new Date(s.length === 10 ? `${s}T00:00:00Z` : s))
    .nullable()
    .optional(),
);
export const custodyDatesInput = z.object({ nibReportedAt: when, arrivedAt: when, transferredAt: when, hospitalisedAt: when });

const COLUMNS = {
  nibReportedAt: 'nib_reported_at',
  arrivedAt: 'arrived_at',
  transferredAt: 'transferred_at',
  hospitalisedAt: 'hospitalised_at',
} as const;

/**
 * The dates kinline keeps about a detainee's custody: when the NIB report was made (D-02, recorded whatever the
 * consent ledger says), and when he was captured or arrived, last transferred and last hospitalised (D-03: the
 * contact floor restarts from each). Audited with the fields changed.
 */
export async function setCustodyDates(ctx: AppContext, p: Principal, id: number, input: unknown): Promise<Detainee> {
  const v = parseInput(custodyDatesInput, input);
  if (!(await ctx.repos.detainees.findById(id))) throw notFound('the detainee');
  const fields = (Object.keys(COLUMNS) as Array<keyof typeof COLUMNS>).filter((k) => v[k] !== undefined);
  const columns: DetaineeUpdate = Object.fromEntries(fields.map((k) => [COLUMNS[k], v[k]]));
  if (fields.length) await ctx.repos.detainees.setColumns(id, columns);
  await ctx.repos.audit.append({
    actor: p.username,
    action: 'detainee.custody_dates',
    subjectType: 'detainee',
    subjectId: id,
    detail: { fields },
  });
  return (await ctx.repos.detainees.findById(id))!;
}

/**
 * D-03: a change of status to hospitalised, or to transferred or from one facility to another, is dated now,
 * so the contact floor restarts from it without anyone having to type the date.
 */
export async function noteCustodyEvents(ctx: AppContext, before: Detainee, after: Detainee): Promise<Detainee> {
  const now = ctx.clock.now();
  const columns: DetaineeUpdate = {};
  if (after.status === 'hospitalised' && before.status !== 'hospitalised') columns.hospitalised_at = now;
  const moved = before.facility_id !== null && after.facility_id !== null && before.facility_id !== after.facility_id;
  if ((after.status === 'transferred' && before.status !== 'transferred') || moved) columns.transferred_at = now;
  if (!Object.keys(columns).length) return after;
  await ctx.repos.detainees.setColumns(after.id, columns);
  return { ...after, ...columns } as Detainee;
}

export const custodyDatesJson = (d: Detainee) => ({
  nibReportedAt: d.nib_reported_at,
  arrivedAt: d.arrived_at,
  transferredAt: d.transferred_at,
  hospitalisedAt: d.hospitalised_at,
});
