import type { Db } from '../database.js';

export interface ErasureCounts {
  enquiries: number;
  tasks: number;
  callLogs: number;
  wrapUps: number;
}

/**
 * C-11, C-13: a relative's data erased on request, in one transaction. The enquiries and tasks tied to the contact
 * or to one of `phones` (the number in its stored forms) go, with the call-log entries and desk wrap-ups of their
 * calls (a task's calls cascade); the contact row stays, emptied, because the detainee's call requests and
 * calls point to it. Returns what went.
 */
export function createErasureRepository(db: Db) {
  return {
    eraseContact: (contactId: number, phones: string[]): Promise<ErasureCounts> =>
      db.transaction().execute(async (trx) => {
        const tasks = await trx
          .selectFrom('tasks')
          .select(['id', 'call_sid'])
          .where((eb) => eb.or([eb('contact_id', '=', contactId), eb('callback_phone', 'in', phones)]))
          .execute();
        const enquiries = await trx.selectFrom('enquiries').select(['id', 'call_sid']).where('callback_phone', 'in', phones).execute();
        const taskIds = tasks.map((t) => t.id);
        const familyCalls = taskIds.length
          ? await trx.selectFrom('task_calls').select('family_call_sid as call_sid').where('task_id', 'in', taskIds).execute()
          : [];
        const callSids = [...new Set([...tasks, ...enquiries, ...familyCalls].map((r) => r.call_sid).filter((s): s is string => !!s))];
        const gone = async (q: { executeTakeFirst(): Promise<{ numDeletedRows: bigint }> }) =>
          Number((await q.executeTakeFirst()).numDeletedRows);
        const counts: ErasureCounts = {
          callLogs: callSids.length ? await gone(trx.deleteFrom('call_logs').where('call_sid', 'in', callSids)) : 0,
          wrapUps: callSids.length ? await gone(trx.deleteFrom('desk_wrap_ups').where('call_sid', 'in', callSids)) : 0,
          tasks: taskIds.length ? await gone(trx.deleteFrom('tasks').where('id', 'in', taskIds)) : 0,
          enquiries: enquiries.length
            ? await gone(
                trx.deleteFrom('enquiries').where(
                  'id',
                  'in',
                  enquiries.map((e) => e.id),
                ),
              )
            : 0,
        };
        await trx
          .updateTable('contacts')
          .set({
            name: '',
            spoken_name: null,
            relationship: '',
            phone: `erased-${contactId}`,
            secret_hash: null,
            secret_salt: null,
            blocked: true,
            nominated: false,
            calls_stopped: true,
            updated_at: new Date(),
          })
          .where('id', '=', contactId)
          .execute();
        return counts;
      }),
  };
}
