import { z } from 'zod';
import { DateTime } from 'luxon';
import type { AppContext } from '../app-context.js';
import type { AuditEntry } from '../storage/schema.js';
import { parseInput } from '../shared/parse-input.js';
import { AppError } from '../shared/errors.js';
import { SYSTEM_ACTORS } from '../shared/system-actors.js';
import { optionalText } from './form-values.js';

/** Entries on one page of the console's list. */
export const AUDIT_PAGE = 100;

const day = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
    .optional(),
);

/** The audit list's filters as a form or a query string sends them; empty fields mean "any". */
export const auditQuerySchema = z.object({
  scope: z.enum(['people', 'system', 'all']).optional(),
  actor: optionalText(60),
  subjectType: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(/^[a-z_]{1,40}$/, 'a record type')
      .optional(),
  ),
  subjectId: optionalText(64),
  action: optionalText(80),
  from: day,
  until: day,
  before: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().positive().optional()),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

/**
 * The access audit (S-06), one page at a time (no bulk export, A-09): people's access (views, plays, edits by
 * staff) apart from the call machinery's events, narrowed by person, record, action and days in `zone`
 * (`until` inclusive). `scope` defaults to `defaultScope`.
 */
export async function listAudit(
  ctx: AppContext,
  input: unknown,
  opts: { zone: string; defaultScope: 'people' | 'all'; limit: number },
): Promise<{ query: AuditQuery & { scope: 'people' | 'system' | 'all' }; rows: AuditEntry[] }> {
  const v = parseInput(auditQuerySchema, input);
  const scope = v.scope ?? opts.defaultScope;
  const startOf = (d: string | undefined, plusDays = 0) => {
    if (!d) return undefined;
    const t = DateTime.fromISO(d, { zone: opts.zone });
    if (!t.isValid) throw new AppError('invalid_input', 'from or until: not a date on the calendar', 400);
    return t.plus({ days: plusDays }).toJSDate();
  };
  const rows = await ctx.repos.audit.list({
    limit: opts.limit,
    beforeSeq: v.before,
    actor: v.actor,
    subjectType: v.subjectType,
    subjectId: v.subjectId,
    action: v.action,
    from: startOf(v.from),
    until: startOf(v.until, 1),
    systemActors: scope === 'all' ? undefined : SYSTEM_ACTORS,
    systemOnly: scope === 'system',
  });
  return { query: { ...v, scope }, rows };
}
