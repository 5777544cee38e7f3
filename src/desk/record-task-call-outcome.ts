import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import type { Principal } from '../shared/principal.js';
import type { Task } from '../storage/schema.js';
import { AppError, notFound } from '../shared/errors.js';
import { parseInput } from '../shared/parse-input.js';
import { canSeeRestricted } from '../records/task-records.js';
import { deskPresence } from './desk.js';
import { BAD_NEWS_CHECKLIST, CHECKLIST_MARKS, CHECKLIST_NAMES, OPERATOR_OUTCOMES, type OperatorOutcome } from './task-call-outcomes.js';

// An empty mark is an unticked item, as a form sends it.
const checklistInput = z.object(
  Object.fromEntries(BAD_NEWS_CHECKLIST.map((i) => [i, z.enum(CHECKLIST_MARKS).or(z.literal('')).optional()])),
);
export const taskCallOutcomeInput = z.object({ outcome: z.enum(OPERATOR_OUTCOMES), checklist: checklistInput.strict().optional() });

/** What the outcome does to the task: these close it; `wrong_person` sends it to a supervisor. */
function taskAfter(task: Task, outcome: OperatorOutcome, by: string, now: Date) {
  const closes = outcome === 'delivered' || outcome === 'asked_not_to_call' || (outcome === 'reached' && task.kind !== 'bad_news');
  return {
    call_outcome: outcome,
    calling_since: null,
    next_attempt_at: null,
    ...(closes ? { status: 'done', closed_at: now, assigned_to: by } : {}),
    ...(outcome === 'wrong_person' ? { back_to_supervisor: true } : {}),
  };
}

/**
 * The operator's wrap-up of an answered call to a family (C-07, O-07): a structured outcome, and for bad news
 * the O-04 checklist, each item ticked or skipped for a listed reason; "delivered" with an item left blank is
 * refused naming the items. "Asked not to be called" closes the task so the number is not called for it again.
 */
export async function recordTaskCallOutcome(ctx: AppContext, p: Principal, taskId: number, raw: unknown): Promise<Task> {
  const input = parseInput(taskCallOutcomeInput, raw);
  const task = await ctx.repos.tasks.findById(taskId);
  if (!task || (task.restricted && !canSeeRestricted(p))) throw notFound('the task');
  const call = await ctx.repos.taskCalls.latest(taskId);
  if (!call || !['connected', 'wrap_up'].includes(call.stage) || call.outcome)
    throw new AppError('no_call_to_wrap_up', 'no answered call on this task waits for its outcome', 409);
  if (call.operator_user_id !== p.userId)
    throw new AppError('not_your_call', 'only the operator who made the call records its outcome', 403);
  const badNews = task.kind === 'bad_news';
  if (input.outcome === 'delivered' && !badNews)
    throw new AppError('invalid_outcome', 'outcome: "delivered" is for bad-news calls; choose "reached"', 400);
  const checklist = badNews ? Object.fromEntries(BAD_NEWS_CHECKLIST.map((i) => [i, input.checklist?.[i] || null])) : null;
  if (input.outcome === 'delivered') {
    const open = BAD_NEWS_CHECKLIST.filter((i) => !checklist![i]);
    if (open.length)
      throw new AppError(
        'checklist_incomplete',
        `not saved: tick or choose a skip reason for ${open.map((i) => CHECKLIST_NAMES[i]).join('; ')} (O-04)`,
        400,
        { items: open },
      );
  }
  const now = ctx.clock.now();
  const done = await ctx.repos.transaction(async (trx) => {
    const ended = await trx.taskCalls.advance(call.id, ['connected', 'wrap_up'], {
      stage: 'ended',
      outcome: input.outcome,
      checklist: checklist ? JSON.stringify(checklist) : null,
      ended_at: call.ended_at ?? now,
    });
    if (!ended) throw new AppError('no_call_to_wrap_up', 'the outcome of this call was recorded already', 409);
    return trx.taskCalls.updateTask(task.id, taskAfter(task, input.outcome, p.username, now));
  });
  await deskPresence(ctx).transition(p.userId, 'wrap_up', 'available');
  await ctx.repos.audit.append({
    actor: p.username,
    action: 'task.call.outcome',
    subjectType: 'task',
    subjectId: task.id,
    detail: { outcome: input.outcome, attempt: call.attempt_no, ...(checklist ? { checklist } : {}) },
  });
  return done!;
}
