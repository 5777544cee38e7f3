import { sql } from 'kysely';
import type { Db } from '../database.js';
import type { LookupSuspension } from '../schema.js';

export interface LookupRefusal {
  scope: LookupSuspension['scope'];
  /** A keyed hash of the reference or caller number ('all' for the line). */
  subjectKey: string;
  /** The reference itself (never stored): a row for a registered one names its detainee, for supervisors. */
  reference?: string;
  /** The restricted task's text, for supervisors (S-05); never a reference or a number. */
  summary: string;
  /** False when the limit was just used up by a lookup that was made: the row opens without a refusal. */
  refused: boolean;
}

/** Status lookups refused by a limit: one open row (and one restricted task) per attack (C-12). */
export function createLookupSuspensionRepository(db: Db) {
  return {
    /**
     * Counts one refused lookup against the open row of its scope and subject, in one statement; the first
     * time, the row is opened and its restricted task created. Concurrent refusals meet on the row's unique
     * index, and only one of them links a task, so one attack makes one task.
     */
    async recordRefusal(r: LookupRefusal): Promise<{ suspension: LookupSuspension; opened: boolean }> {
      const detainee = r.reference ? sql<number | null>`(select id from detainees where reference = ${r.reference})` : null;
      const row = await db
        .insertInto('lookup_suspensions')
        .values({ scope: r.scope, subject_key: r.subjectKey, detainee_id: detainee, refused: r.refused ? 1 : 0, last_at: new Date() })
        .onConflict((oc) =>
          oc
            .columns(['scope', 'subject_key'])
            .where('closed_at', 'is', null)
            .doUpdateSet({ refused: sql`lookup_suspensions.refused + ${r.refused ? 1 : 0}`, last_at: new Date() }),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
      if (row.task_id !== null) return { suspension: row, opened: false };
      return db.transaction().execute(async (trx) => {
        const task = await trx
          .insertInto('tasks')
          .values({ kind: 'lookup_limit', priority: 2, restricted: true, detainee_id: row.detainee_id, summary: r.summary })
          .returning('id')
          .executeTakeFirstOrThrow();
        const linked = await trx
          .updateTable('lookup_suspensions')
          .set({ task_id: task.id })
          .where('id', '=', row.id)
          .where('task_id', 'is', null)
          .returningAll()
          .executeTakeFirst();
        if (linked) return { suspension: linked, opened: true };
        // Another refusal linked its task first: this one goes.
        await trx.deleteFrom('tasks').where('id', '=', task.id).execute();
        return { suspension: row, opened: false };
      });
    },
    findById: (id: number) => db.selectFrom('lookup_suspensions').selectAll().where('id', '=', id).executeTakeFirst(),
    findByTask: (taskId: number) => db.selectFrom('lookup_suspensions').selectAll().where('task_id', '=', taskId).executeTakeFirst(),
    listOpen: () =>
      db.selectFrom('lookup_suspensions').selectAll().where('closed_at', 'is', null).orderBy('last_at', 'desc').limit(200).execute(),
    /** Closes the row (lifted by a supervisor, or its task closed); the next refusal opens a new one. */
    close: (id: number, by: string) =>
      db
        .updateTable('lookup_suspensions')
        .set({ closed_at: new Date(), closed_by: by })
        .where('id', '=', id)
        .where('closed_at', 'is', null)
        .returningAll()
        .executeTakeFirst(),
  };
}
