import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import type { Principal } from '../shared/principal.js';
import { AppError, notFound } from '../shared/errors.js';
import { parseInput } from '../shared/parse-input.js';
import type { Detainee, Task } from '../storage/schema.js';
import { flag, optionalText } from './form-values.js';

export const CONCERNS = ['exchange', 'repatriation', 'both'] as const;
const concernInput = z.object({ concern: z.enum(CONCERNS), statement: optionalText(1000) });

/**
 * D-10: an operator or supervisor records that the detainee fears reprisal on exchange or repatriation. What he
 * said goes into a restricted task for supervisors (S-05); the record only carries the flag, so other staff
 * learn that a concern exists and never its content. The audit entry names the action and the task, not the words.
 */
export async function recordProtectionConcern(ctx: AppContext, p: Principal, detaineeId: number, input: unknown): Promise<Task> {
  const v = parseInput(concernInput, input);
  const d = await ctx.repos.detainees.findById(detaineeId);
  if (!d) throw notFound('the detainee');
  const task = await ctx.repos.tasks.create({
    kind: 'protection',
    priority: 1,
    restricted: true,
    detaineeId,
    language: d.language,
    summary: `protection case (D-10): he fears reprisal on ${v.concern === 'both' ? 'exchange and repatriation' : v.concern}, recorded by ${p.username}.${v.statement ? ` He said: ${v.statement}` : ''}`,
  });
  await ctx.repos.detainees.setColumns(detaineeId, { protection_concern: true });
  await ctx.repos.audit.append({
    actor: p.username,
    action: 'protection.record',
    subjectType: 'detainee',
    subjectId: detaineeId,
    detail: { taskId: task.id },
  });
  return task;
}

/** A supervisor lifts the flag once the protection case is settled (S-05); the case's task keeps what was said. */
export async function clearProtectionConcern(ctx: AppContext, p: Principal, detaineeId: number): Promise<void> {
  if (!(await ctx.repos.detainees.findById(detaineeId))) throw notFound('the detainee');
  await ctx.repos.detainees.setColumns(detaineeId, { protection_concern: false });
  await ctx.repos.audit.append({ actor: p.username, action: 'protection.clear', subjectType: 'detainee', subjectId: detaineeId });
}

/** The steps that can send a detainee home or to an exchange (D-10): a release, or a call cancelled for one. */
export const EXCHANGE_STEPS = ['status_released', 'call_cancelled_released'] as const;
const acknowledged = z.object({ protectionAcknowledged: flag.optional() });

/**
 * Before an exchange-related step on a detainee with a recorded protection concern, the person taking it must
 * say they know of it (the form's tick, `protectionAcknowledged` in the API); without it the step is refused
 * with a warning. An acknowledged step is audited, so supervisors see who went ahead.
 */
export async function requireProtectionAcknowledged(
  ctx: AppContext,
  p: Principal,
  d: Pick<Detainee, 'id' | 'protection_concern'>,
  step: (typeof EXCHANGE_STEPS)[number],
  input: unknown,
): Promise<void> {
  if (!d.protection_concern) return;
  const v = parseInput(acknowledged, input ?? {});
  if (!v.protectionAcknowledged)
    throw new AppError(
      'protection_concern',
      'this detainee fears reprisal on exchange or repatriation (D-10): ask a supervisor, then tick that you know of the concern',
      409,
    );
  await ctx.repos.audit.append({
    actor: p.username,
    action: 'protection.acknowledged',
    subjectType: 'detainee',
    subjectId: d.id,
    detail: { step },
  });
}
