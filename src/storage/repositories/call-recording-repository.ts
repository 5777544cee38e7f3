import type { Db } from '../database.js';
import type { CallRecording } from '../schema.js';

/** The recordings of supervised calls, by carrier SID. */
export function createCallRecordingRepository(db: Db) {
  return {
    /** Idempotent per RecordingSid: the carrier may post its callback twice (twilio-notes TW-12). */
    async add(r: {
      recordingSid: string;
      callId: string;
      attemptNo: number;
      conferenceSid: string | null;
      durationSeconds: number | null;
    }) {
      await db
        .insertInto('call_recordings')
        .values({
          recording_sid: r.recordingSid,
          call_id: r.callId,
          attempt_no: r.attemptNo,
          conference_sid: r.conferenceSid,
          duration_seconds: r.durationSeconds,
        })
        .onConflict((oc) => oc.column('recording_sid').doNothing())
        .execute();
    },
    find: (sid: string): Promise<CallRecording | undefined> =>
      db.selectFrom('call_recordings').selectAll().where('recording_sid', '=', sid).executeTakeFirst(),
    /** The newest first, with the call's detainee (for the audit entry of a play). */
    list: (limit = 200) =>
      db
        .selectFrom('call_recordings as r')
        .leftJoin('scheduled_calls as c', 'c.id', 'r.call_id')
        .selectAll('r')
        .select(['c.detainee_id', 'c.start_at'])
        .orderBy('r.created_at', 'desc')
        .limit(limit)
        .execute(),
    listCreatedBefore: (cutoff: Date, limit = 500): Promise<CallRecording[]> =>
      db.selectFrom('call_recordings').selectAll().where('created_at', '<', cutoff).orderBy('created_at').limit(limit).execute(),
    async remove(sid: string): Promise<void> {
      await db.deleteFrom('call_recordings').where('recording_sid', '=', sid).execute();
    },
  };
}
