import type { AppContext } from '../app-context.js';
import type { Principal } from '../shared/principal.js';
import type { TaskCall } from '../storage/schema.js';
import { AppError, notFound } from '../shared/errors.js';
import { CALL_STATUS_EVENTS } from '../telephony/port.js';
import { requireTelephony } from '../telephony/require-telephony.js';
import { canSeeRestricted } from '../records/task-records.js';
import { familyOf, isCallable } from '../records/callback-tasks.js';
import { deskPresence } from './desk.js';
import { RING_SECONDS, STALE_LOCK_MS, TIME_LIMIT_SECONDS, taskCallUrls } from './task-call-urls.js';

/** Why a task cannot be called by this user now; nothing has changed when it throws. */
async function assertCallable(ctx: AppContext, p: Principal, taskId: number) {
  const task = await ctx.repos.tasks.findById(taskId);
  if (!task) throw notFound('the task');
  if (task.restricted && !canSeeRestricted(p))
    throw new AppError('restricted_task', 'this task is restricted to supervisors (S-05); ask a supervisor to make the call', 403);
  if (task.back_to_supervisor && !canSeeRestricted(p))
    throw new AppError(
      'back_to_supervisor',
      'this task went back to a supervisor after its unanswered calls; a supervisor decides what next',
      403,
    );
  if (!isCallable(task)) throw new AppError('not_callable', `a ${task.kind} task needs no call to a family`, 409);
  if (task.call_outcome === 'asked_not_to_call')
    throw new AppError('asked_not_to_call', 'the family asked not to be called; this task is not called again', 409);
  if (task.status === 'done') throw new AppError('task_closed', 'the task is closed; there is nobody to call back', 409);
  const family = await familyOf(ctx, task);
  if (!family.phone)
    throw new AppError('no_number', 'the task has no number to call (the caller withheld it); the family must call the hotline again', 409);
  return task;
}

/**
 * "Call now" on a task (C-07): kinline rings the operator's own phone first; when they press 1 the family is
 * dialled into a conference with them (handle-task-call-webhooks.ts). The operator must be available at the
 * desk; the task's lock (a conditional update) and the operator's claim (available → ringing, atomic in
 * Redis) make a double click, on one instance or two, start one call.
 */
export async function callTask(ctx: AppContext, p: Principal, taskId: number): Promise<TaskCall> {
  const task = await assertCallable(ctx, p, taskId);
  const desk = deskPresence(ctx);
  const me = await desk.get(p.userId);
  if (!me) throw new AppError('not_on_duty', 'go on duty at the desk first: kinline rings your phone before it dials the family', 409);
  if (me.state !== 'available')
    throw new AppError('not_available', `the desk shows you ${me.state.replace('_', ' ')}; call when you are available again`, 409);
  const now = ctx.clock.now();
  if (!(await ctx.repos.taskCalls.lockTask(task.id, now, new Date(now.getTime() - STALE_LOCK_MS))))
    throw new AppError('call_in_progress', 'a call on this task is already under way; wait for its outcome', 409);
  const call = await ctx.repos.taskCalls.create({ taskId: task.id, operator: p.username, operatorUserId: p.userId, language: p.language });
  const undo = async () => {
    await ctx.repos.taskCalls.update(call.id, { stage: 'ended', outcome: 'not_dialled', ended_at: ctx.clock.now() });
    await ctx.repos.taskCalls.unlockTask(task.id);
  };
  if (!(await desk.transition(p.userId, 'available', 'ringing'))) {
    await undo();
    throw new AppError('not_available', 'the desk has just rung you for another call; try again when you are available', 409);
  }
  const urls = taskCallUrls(ctx, call.id);
  try {
    const { sid } = await requireTelephony(ctx).createCall({
      to: me.phone,
      from: ctx.config.twilio.hotlineNumber,
      url: urls.operator,
      fallbackUrl: urls.fallback,
      statusCallback: urls.status('operator'),
      statusCallbackEvent: [...CALL_STATUS_EVENTS],
      timeout: RING_SECONDS,
      timeLimit: TIME_LIMIT_SECONDS,
    });
    await ctx.repos.taskCalls.update(call.id, { operator_call_sid: sid });
    await desk.transition(p.userId, 'ringing', 'ringing', { callSid: sid });
  } catch (err) {
    ctx.logger.warn({ taskId: task.id, error: (err as Error).name }, 'callback:the carrier did not ring the operator');
    await desk.transition(p.userId, 'ringing', 'available');
    await undo();
    throw new AppError('carrier_refused', 'the carrier did not ring your phone; check your on-duty number and try again', 502);
  }
  await ctx.repos.audit.append({
    actor: p.username,
    action: 'task.call',
    subjectType: 'task',
    subjectId: task.id,
    detail: { kind: task.kind, attempt: call.attempt_no },
  });
  return (await ctx.repos.taskCalls.findById(call.id))!;
}
