import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import type { Principal } from '../shared/principal.js';
import { AppError, notFound } from '../shared/errors.js';
import { parseInput } from '../shared/parse-input.js';
import { normalisePhone } from '../shared/phone.js';
import { maskPhone } from '../shared/redact.js';
import { callerKey } from '../shared/caller-key.js';
import type { CallerFlag } from '../storage/schema.js';

/** Why an operator flags a number (O-06): structured codes, never free text (O-07). */
export const FLAG_REASONS = [
  'probing_for_status',
  'many_references_tried',
  'asked_for_money',
  'sold_exchange_place',
  'impersonation',
  'threats',
] as const;

const flagInput = z.object({ number: z.string().trim().min(5).max(32), reason: z.enum(FLAG_REASONS) });
// O-06: blocking a number needs a supervisor's note; it stays with the flag, for supervisors only.
// A confirmed flag can be lifted (a mistaken block must not keep a relative from the answer for good).
const decisionInput = z.object({ decision: z.enum(['confirm', 'reject', 'lift']), note: z.string().trim().min(3).max(300) });
const DECISIONS = {
  confirm: { from: 'pending', to: 'confirmed' },
  reject: { from: 'pending', to: 'rejected' },
  lift: { from: 'confirmed', to: 'lifted' },
} as const;

/**
 * An operator flags a caller number as suspected fraud or probing (O-06). The number is kept as the keyed hash
 * the lookup limits use, with a masked form to show (C-13); the flag goes to supervisors as a restricted task (S-05).
 */
export async function flagCaller(ctx: AppContext, p: Principal, input: unknown): Promise<CallerFlag> {
  const v = parseInput(flagInput, input);
  const e164 = normalisePhone(v.number).e164;
  const masked = maskPhone(e164);
  const flag = await ctx.repos.callerFlags.create({
    callerKey: callerKey(ctx.config.security.secretHashKey, e164),
    maskedNumber: masked,
    reason: v.reason,
    flaggedBy: p.username,
    summary: `operator flag on the caller number ${masked}: ${v.reason}. Confirm (blocks its status lookups) or reject under Caller flags (O-06).`,
  });
  await ctx.repos.audit.append({
    actor: p.username,
    action: 'caller_flag.create',
    subjectType: 'caller_flag',
    subjectId: flag.id,
    detail: { reason: v.reason },
  });
  return flag;
}

/** The flags, for supervisors: who flagged which masked number, why, and what was decided. Audited (S-06). */
export async function listCallerFlags(ctx: AppContext, p: Principal): Promise<CallerFlag[]> {
  const flags = await ctx.repos.callerFlags.list();
  await ctx.repos.audit.append({
    actor: p.username,
    action: 'caller_flag.list',
    subjectType: 'caller_flag',
    detail: { count: flags.length },
  });
  return flags;
}

/**
 * A supervisor confirms a flag, which blocks the number's status lookups (they hear the negative answer, C-05),
 * or rejects it; a confirmed flag can later be lifted, which unblocks the number. The flag's task is closed and
 * each decision audited, without the note.
 */
export async function decideCallerFlag(ctx: AppContext, p: Principal, id: number, input: unknown): Promise<CallerFlag> {
  const v = parseInput(decisionInput, input);
  const existing = await ctx.repos.callerFlags.findById(id);
  if (!existing) throw notFound('the flag');
  const { from, to } = DECISIONS[v.decision];
  const decided = await ctx.repos.callerFlags.decide(id, from, to, p.username, v.note);
  if (!decided) throw new AppError('already_decided', `this flag is no longer ${from}; reload the list to see its decision`, 409);
  if (decided.task_id !== null) await ctx.repos.tasks.close(decided.task_id, p.username);
  await ctx.repos.audit.append({
    actor: p.username,
    action: `caller_flag.${v.decision}`,
    subjectType: 'caller_flag',
    subjectId: id,
    detail: { reason: decided.reason },
  });
  return decided;
}

export const callerFlagJson = (f: CallerFlag) => ({
  id: f.id,
  maskedNumber: f.masked_number,
  reason: f.reason,
  status: f.status,
  flaggedBy: f.flagged_by,
  createdAt: f.created_at,
  decidedBy: f.decided_by,
  decidedAt: f.decided_at,
  decisionNote: f.decision_note,
});
