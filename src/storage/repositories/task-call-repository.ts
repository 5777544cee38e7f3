import { sql, type Updateable } from 'kysely';
import type { Db } from '../database.js';
import type { Task, TaskCall, TaskCallTable, TaskTable } from '../schema.js';

export interface NewTaskCall {
  taskId: number;
  operator: string;
  operatorUserId: number;
  language: string;
}

/** Attempts to call a family back from a task, and the task's lock while one is under way. */
export function createTaskCallRepository(db: Db) {
  return {
    /**
     * Takes the task's call lock with one conditional update, so a double click (on any instance) starts one
     * call; a lock older than `staleBefore` (a call whose end never arrived) may be taken again.
     */
    lockTask: (taskId: number, at: Date, staleBefore: Date): Promise<Task | undefined> =>
      db
        .updateTable('tasks')
        .set({ calling_since: at })
        .where('id', '=', taskId)
        .where('status', '!=', 'done')
        .where((eb) => eb.or([eb('calling_since', 'is', null), eb('calling_since', '<', staleBefore)]))
        .returningAll()
        .executeTakeFirst(),

    unlockTask: async (taskId: number): Promise<void> => {
      await db.updateTable('tasks').set({ calling_since: null }).where('id', '=', taskId).execute();
    },

    updateTask: (taskId: number, patch: Updateable<TaskTable>) =>
      db.updateTable('tasks').set(patch).where('id', '=', taskId).returningAll().executeTakeFirst(),

    /** One more dial of the family's number; returns the new count. */
    countDial: async (taskId: number): Promise<number> => {
      const r = await db
        .updateTable('tasks')
        .set({ call_attempts: sql`call_attempts + 1` })
        .where('id', '=', taskId)
        .returning('call_attempts')
        .executeTakeFirstOrThrow();
      return r.call_attempts;
    },

    /** A new attempt numbered after the task's last one. */
    create: (c: NewTaskCall): Promise<TaskCall> =>
      db
        .insertInto('task_calls')
        .values({
          task_id: c.taskId,
          attempt_no: sql<number>`(SELECT coalesce(max(attempt_no), 0) + 1 FROM task_calls WHERE task_id = ${c.taskId})`,
          operator: c.operator,
          operator_user_id: c.operatorUserId,
          language: c.language,
        })
        .returningAll()
        .executeTakeFirstOrThrow(),

    findById: (id: number) => db.selectFrom('task_calls').selectAll().where('id', '=', id).executeTakeFirst(),

    /** Moves an attempt on only from one of the expected stages (a repeated or late webhook changes nothing). */
    advance: (id: number, from: readonly string[], patch: Updateable<TaskCallTable>) =>
      db
        .updateTable('task_calls')
        .set(patch)
        .where('id', '=', id)
        .where('stage', 'in', [...from])
        .returningAll()
        .executeTakeFirst(),

    update: (id: number, patch: Updateable<TaskCallTable>) =>
      db.updateTable('task_calls').set(patch).where('id', '=', id).returningAll().executeTakeFirst(),

    /** The task's latest attempt. */
    latest: (taskId: number) =>
      db.selectFrom('task_calls').selectAll().where('task_id', '=', taskId).orderBy('attempt_no', 'desc').limit(1).executeTakeFirst(),

    listForTask: (taskId: number) => db.selectFrom('task_calls').selectAll().where('task_id', '=', taskId).orderBy('attempt_no').execute(),
  };
}

export type TaskCallRepository = ReturnType<typeof createTaskCallRepository>;
