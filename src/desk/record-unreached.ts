import type { AppContext } from '../app-context.js';
import type { TaskCall } from '../storage/schema.js';
import { familyOf } from '../records/callback-tasks.js';
import { nextAttemptAt } from '../records/callback-window.js';
import type { TaskCallOutcome } from './task-call-outcomes.js';

/**
 * The family did not answer (or was busy): the attempt ends with that outcome and the task is rescheduled inside
 * the family's chosen window (C-07); after CALLBACK_MAX_ATTEMPTS dials it goes back to a supervisor instead.
 */
export async function recordUnreached(ctx: AppContext, call: TaskCall, outcome: TaskCallOutcome): Promise<void> {
  const now = ctx.clock.now();
  await ctx.repos.taskCalls.update(call.id, { stage: 'ended', outcome, ended_at: call.ended_at ?? now });
  const task = await ctx.repos.tasks.findById(call.task_id);
  if (!task) return;
  const exhausted = task.call_attempts >= ctx.config.callbacks.maxAttempts;
  const { zone } = await familyOf(ctx, task);
  await ctx.repos.taskCalls.updateTask(task.id, {
    call_outcome: outcome,
    calling_since: null,
    next_attempt_at: exhausted ? null : nextAttemptAt(task.callback_window, zone, now),
    ...(exhausted ? { back_to_supervisor: true, assigned_to: null } : {}),
  });
  await ctx.repos.audit.append({
    actor: call.operator,
    action: exhausted ? 'task.call.back_to_supervisor' : 'task.call.rescheduled',
    subjectType: 'task',
    subjectId: task.id,
    detail: { outcome, attempts: task.call_attempts },
  });
}
