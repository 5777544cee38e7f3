import { sql } from 'kysely';
import type { Db } from '../database.js';
import type { Message } from '../schema.js';

export interface NewMessage {
  detaineeId: number;
  contactId?: number | null;
  direction: 'to_detainee' | 'from_detainee';
  kind?: 'voice' | 'keypad';
  recordingSid?: string | null;
  recordingUrl?: string | null;
  durationSeconds?: number | null;
  callSid?: string | null;
  reviewDueAt?: Date | null;
}

export function createMessageRepository(db: Db) {
  return {
    /** Idempotent per recording: Twilio may post the recording callback twice. */
    async create(m: NewMessage): Promise<Message> {
      if (m.recordingSid) {
        const existing = await db.selectFrom('messages').selectAll().where('recording_sid', '=', m.recordingSid).executeTakeFirst();
        if (existing) return existing;
      }
      return db
        .insertInto('messages')
        .values({
          detainee_id: m.detaineeId,
          contact_id: m.contactId ?? null,
          direction: m.direction,
          kind: m.kind ?? 'voice',
          recording_sid: m.recordingSid ?? null,
          recording_url: m.recordingUrl ?? null,
          duration_seconds: m.durationSeconds ?? null,
          call_sid: m.callSid ?? null,
          review_due_at: m.reviewDueAt ?? null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    },
    findById: (id: number) => db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst(),
    /** The review queue's size and how many are past their deadline (S-04), in one aggregate. */
    async countPendingReview(now: Date): Promise<{ open: number; late: number }> {
      const r = await db
        .selectFrom('messages')
        .select([sql<number>`count(*)`.as('open'), sql<number>`count(*) filter (where review_due_at < ${now})`.as('late')])
        .where('status', '=', 'pending_review')
        .executeTakeFirstOrThrow();
      return { open: Number(r.open), late: Number(r.late) };
    },
    listPendingReview: (limit = 50) =>
      db.selectFrom('messages').selectAll().where('status', '=', 'pending_review').orderBy('review_due_at').limit(limit).execute(),
    listByDetainee: (detaineeId: number) =>
      db.selectFrom('messages').selectAll().where('detainee_id', '=', detaineeId).orderBy('id').execute(),
    /**
     * C-06: the oldest message from the detainee that a reviewer approved and nobody has heard yet, for this
     * contact or for his family as a whole (no contact named); never one waiting for review or rejected.
     */
    findWaitingFromDetainee: (detaineeId: number, contactId: number) =>
      db
        .selectFrom('messages')
        .selectAll()
        .where('detainee_id', '=', detaineeId)
        .where('direction', '=', 'from_detainee')
        .where('status', '=', 'approved')
        .where('recording_url', 'is not', null)
        .where((eb) => eb.or([eb('contact_id', '=', contactId), eb('contact_id', 'is', null)]))
        .orderBy('id')
        .limit(1)
        .executeTakeFirst(),
    /** An approved message was played to its family (C-06); a message in any other state stays as it is. */
    markDelivered: (id: number) =>
      db.updateTable('messages').set({ status: 'delivered' }).where('id', '=', id).where('status', '=', 'approved').executeTakeFirst(),
    review: (id: number, status: 'approved' | 'rejected' | 'delivered', by: string, reason: string | null) =>
      db
        .updateTable('messages')
        .set({ status, reviewed_by: by, reviewed_at: new Date(), review_reason: reason })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst(),
    /** removes messages older than the cutoff, never one still waiting for review (C-08); returns how many. */
    async purgeOlderThan(cutoff: Date): Promise<number> {
      const r = await db.deleteFrom('messages').where('created_at', '<', cutoff).where('status', '!=', 'pending_review').executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}

export type MessageRepository = ReturnType<typeof createMessageRepository>;
