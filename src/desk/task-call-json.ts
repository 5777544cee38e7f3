import type { TaskCall } from '../storage/schema.js';

/** An attempt as the API shows it: never a number or a CallSid. */
export const taskCallJson = (c: TaskCall) => ({
  id: c.id,
  taskId: c.task_id,
  attempt: c.attempt_no,
  operator: c.operator,
  stage: c.stage,
  outcome: c.outcome,
  checklist: c.checklist,
  startedAt: c.started_at,
  answeredAt: c.answered_at,
  endedAt: c.ended_at,
});
