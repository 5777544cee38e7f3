import type { AppContext } from '../app-context.js';
import type { Principal } from '../shared/principal.js';
import { notFound } from '../shared/errors.js';
import type { Task } from '../storage/schema.js';
import { orderForCalling } from './callback-tasks.js';

export const canSeeRestricted = (p: Principal) => p.role === 'supervisor' || p.role === 'admin';

/**
 * Open tasks. Restricted ones (bad news, protection escalations, fraud flags; S-05, D-10) are listed
 * only for supervisors and admins; an operator does not learn that they exist.
 */
export async function listTasks(ctx: AppContext, p: Principal): Promise<{ open: Task[]; restricted: Task[] }> {
  // Tasks inside the family's callback window come first (C-07).
  const open = await orderForCalling(ctx, await ctx.repos.tasks.listOpen({ restricted: false, limit: 100 }));
  const restricted = canSeeRestricted(p)
    ? await orderForCalling(ctx, await ctx.repos.tasks.listOpen({ restricted: true, limit: 100 }))
    : [];
  if (restricted.length)
    await ctx.repos.audit.append({
      actor: p.username,
      action: 'task.restricted.list',
      subjectType: 'task',
      detail: { ids: restricted.map((t) => t.id) },
    });
  return { open, restricted };
}

export async function closeTask(ctx: AppContext, p: Principal, id: number): Promise<Task> {
  const t = await ctx.repos.tasks.findById(id);
  // A restricted task looks like a missing one to an operator.
  if (!t || (t.restricted && !canSeeRestricted(p))) throw notFound('the task');
  const done = await ctx.repos.tasks.close(id, p.username);
  // A lookup limit's task closed: the next refused lookup opens a new one (C-12).
  const suspension = t.kind === 'lookup_limit' ? await ctx.repos.lookupSuspensions.findByTask(id) : undefined;
  if (suspension) await ctx.repos.lookupSuspensions.close(suspension.id, p.username);
  await ctx.repos.audit.append({ actor: p.username, action: 'task.close', subjectType: 'task', subjectId: id, detail: { kind: t.kind } });
  return done!;
}

export const taskJson = (t: Task) => ({
  id: t.id,
  kind: t.kind,
  priority: t.priority,
  restricted: t.restricted,
  detaineeId: t.detainee_id,
  contactId: t.contact_id,
  callbackWindow: t.callback_window,
  language: t.language,
  summary: t.summary,
  status: t.status,
  assignedTo: t.assigned_to,
  createdAt: t.created_at,
  callAttempts: t.call_attempts,
  nextAttemptAt: t.next_attempt_at,
  callOutcome: t.call_outcome,
  callInProgress: t.calling_since !== null,
  backToSupervisor: t.back_to_supervisor,
});
