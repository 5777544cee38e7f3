import type { AppContext } from '../app-context.js';
import type { Principal } from '../shared/principal.js';
import type { Task, TaskCall } from '../storage/schema.js';
import { notFound } from '../shared/errors.js';
import { canSeeRestricted } from '../records/task-records.js';

export interface TaskCallView {
  task: Task;
  call: TaskCall | undefined;
  /** Bad news only: the record's status and its primary source, shown for the O-04 checklist. */
  record?: { detaineeId: number; status: string; statusSource: string | null };
}

/**
 * What the operator sees during and after a call to a family: the task, the attempt's stage and, for bad news,
 * the record's status with its source (O-04). Reading the record for this is an audited view.
 */
export async function taskCallView(ctx: AppContext, p: Principal, taskId: number): Promise<TaskCallView> {
  const task = await ctx.repos.tasks.findById(taskId);
  if (!task || (task.restricted && !canSeeRestricted(p))) throw notFound('the task');
  const call = await ctx.repos.taskCalls.latest(taskId);
  if (task.kind !== 'bad_news' || !task.detainee_id) return { task, call };
  const d = await ctx.repos.detainees.findById(task.detainee_id);
  if (!d) return { task, call };
  await ctx.repos.audit.append({
    actor: p.username,
    action: 'detainee.view',
    subjectType: 'detainee',
    subjectId: d.id,
    detail: { via: 'task.call', taskId },
  });
  return { task, call, record: { detaineeId: d.id, status: d.status, statusSource: d.status_source } };
}
