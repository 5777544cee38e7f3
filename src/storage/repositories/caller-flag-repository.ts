import type { Db } from '../database.js';
import type { CallerFlag } from '../schema.js';

export interface NewCallerFlag {
  callerKey: string;
  maskedNumber: string;
  reason: string;
  flaggedBy: string;
  /** The restricted task that puts the flag before a supervisor (S-05). */
  summary: string;
}

/** Operators' flags on caller numbers (O-06); a confirmed one blocks the number's status lookups. */
export function createCallerFlagRepository(db: Db) {
  return {
    /** The flag and its restricted task for supervisors, together. */
    create: (f: NewCallerFlag): Promise<CallerFlag> =>
      db.transaction().execute(async (trx) => {
        const task = await trx
          .insertInto('tasks')
          .values({ kind: 'fraud_flag', priority: 2, restricted: true, summary: f.summary })
          .returning('id')
          .executeTakeFirstOrThrow();
        return trx
          .insertInto('caller_flags')
          .values({ caller_key: f.callerKey, masked_number: f.maskedNumber, reason: f.reason, flagged_by: f.flaggedBy, task_id: task.id })
          .returningAll()
          .executeTakeFirstOrThrow();
      }),
    findById: (id: number) => db.selectFrom('caller_flags').selectAll().where('id', '=', id).executeTakeFirst(),
    /** Pending flags first, then the latest decisions; never more than 200. */
    list: () =>
      db
        .selectFrom('caller_flags')
        .selectAll()
        .orderBy((eb) => eb.case().when('status', '=', 'pending').then(0).else(1).end())
        .orderBy('created_at', 'desc')
        .limit(200)
        .execute(),
    /** Records a supervisor's decision on a flag still in `from`; undefined when it is no longer there. */
    decide: (id: number, from: 'pending' | 'confirmed', status: 'confirmed' | 'rejected' | 'lifted', by: string, note: string) =>
      db
        .updateTable('caller_flags')
        .set({ status, decided_by: by, decided_at: new Date(), decision_note: note })
        .where('id', '=', id)
        .where('status', '=', from)
        .returningAll()
        .executeTakeFirst(),
    async isBlocked(callerKey: string): Promise<boolean> {
      const row = await db
        .selectFrom('caller_flags')
        .select('id')
        .where('caller_key', '=', callerKey)
        .where('status', '=', 'confirmed')
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}
