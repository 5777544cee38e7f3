import type { Db } from '../database.js';
import type { CallRequest, CallRequestSource, Language } from '../schema.js';

export interface NewCallRequest {
  detaineeId: number;
  contactId: number;
  source: CallRequestSource;
  earliest: Date;
  maxMinutes?: number;
  language?: Language;
  requestedBy?: string | null;
}

export function createCallRequestRepository(db: Db) {
  return {
    create: (r: NewCallRequest): Promise<CallRequest> =>
      db
        .insertInto('call_requests')
        .values({
          detainee_id: r.detaineeId,
          contact_id: r.contactId,
          source: r.source,
          earliest: r.earliest,
          max_minutes: r.maxMinutes ?? 10,
          language: r.language ?? 'ru',
          requested_by: r.requestedBy ?? null,
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
    findById: (id: number) => db.selectFrom('call_requests').selectAll().where('id', '=', id).executeTakeFirst(),
    listByStatus: (status: string, limit = 100) =>
      db.selectFrom('call_requests').selectAll().where('status', '=', status).orderBy('created_at').limit(limit).execute(),
    /** Moves a request out of pending_approval once; returns undefined when someone decided it already. */
    decide: (id: number, status: 'approved' | 'denied' | 'cancelled', by: string, reason: string) =>
      db
        .updateTable('call_requests')
        .set({ status, decided_by: by, decided_at: new Date(), reason })
        .where('id', '=', id)
        .where('status', '=', 'pending_approval')
        .returningAll()
        .executeTakeFirst(),
  };
}

export type CallRequestRepository = ReturnType<typeof createCallRequestRepository>;
