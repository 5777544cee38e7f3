import { sql } from 'kysely';
import type { Db } from '../database.js';

/** What the retention purge (A-01, C-13) reads and deletes besides the call records other repositories purge. */
export function createRetentionRepository(db: Db) {
  return {
    /** Closed enquiries older than the cutoff, with the recording of the caller's words if any. */
    closedEnquiriesBefore: (cutoff: Date) =>
      db.selectFrom('enquiries').select(['id', 'recording_sid']).where('status', '=', 'closed').where('updated_at', '<', cutoff).execute(),
    async deleteEnquiry(id: number): Promise<void> {
      await db.deleteFrom('enquiries').where('id', '=', id).execute();
    },
    /** Done tasks closed before the cutoff go, with the caller numbers kept on them (their calls cascade). */
    async deleteDoneTasksBefore(cutoff: Date): Promise<number> {
      const r = await db.deleteFrom('tasks').where('status', '=', 'done').where('closed_at', '<', cutoff).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
    /** Reviewed messages whose recording is older than the cutoff and still at the carrier (an unreviewed one waits, C-08). */
    messageRecordingsBefore: (cutoff: Date) =>
      db
        .selectFrom('messages')
        .select(['id', 'recording_sid'])
        .where('created_at', '<', cutoff)
        .where('status', '!=', 'pending_review')
        .where((eb) => eb.or([eb('recording_sid', 'is not', null), eb('recording_url', 'is not', null)]))
        .execute(),
    async clearMessageRecording(id: number): Promise<void> {
      await db.updateTable('messages').set({ recording_sid: null, recording_url: null }).where('id', '=', id).execute();
    },
    /** Unreviewed messages created before `before` that no supervisor task names yet (C-08, A-01). */
    unreviewedWithoutTask: (before: Date) =>
      db
        .selectFrom('messages as m')
        .select(['m.id', 'm.detainee_id', 'm.contact_id'])
        .where('m.status', '=', 'pending_review')
        .where('m.created_at', '<', before)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('tasks')
                .select('tasks.id')
                .where('tasks.kind', '=', 'message_review')
                .where('tasks.summary', '=', sql<string>`'message #' || m.id`),
            ),
          ),
        )
        .execute(),
  };
}
