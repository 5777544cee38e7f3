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
    /** A detainee's latest requests, newest first (the detainee page). */
    listByDetainee: (detaineeId: number, limit: number) =>
      db.selectFrom('call_requests').selectAll().where('detainee_id', '=', detaineeId).orderBy('id', 'desc').limit(limit).execute(),
    /** Pending requests with the names the queue screen shows, oldest first. */
    listPendingWithNames: (limit: number) =>
      db
        .selectFrom('call_requests as r')
        .innerJoin('detainees as d', 'd.id', 'r.detainee_id')
        .innerJoin('contacts as c', 'c.id', 'r.contact_id')
        .select([
          'r.id',
          'r.status',
          'r.earliest',
          'r.max_minutes',
          'r.language',
          'r.reason',
          'r.source',
          'r.contact_id as cid',
          'd.id as did',
          'd.family_name',
          'd.given_name',
          'd.language as dlang',
          'c.name as cname',
          'c.phone',
          'c.time_zone as ctz',
          'c.language as clang',
        ])
        .where('r.status', '=', 'pending_approval')
        .orderBy('r.created_at')
        .limit(limit)
        .execute(),
    /** The latest decided requests (approved, denied, cancelled) with their reasons, newest first. */
    listRecentDecisions: (limit: number) =>
      db
        .selectFrom('call_requests as r')
        .innerJoin('detainees as d', 'd.id', 'r.detainee_id')
        .innerJoin('contacts as c', 'c.id', 'r.contact_id')
        .select([
          'r.id',
          'r.status',
          'r.reason',
          'r.decided_by',
          'r.decided_at',
          'd.id as detaineeId',
          'd.family_name',
          'd.given_name',
          'c.name as contactName',
        ])
        .where('r.status', '!=', 'pending_approval')
        .orderBy('r.decided_at', 'desc')
        .limit(limit)
        .execute(),
    /** Moves a request out of pending_approval once; returns undefined when someone decided it already. */
    decide: (id: number, status: 'approved' | 'denied' | 'cancelled', by: string, reason: string) =>
      db
        .updateTable('call_requests')
        .set({ status, decided_by: by, decided_at: new Date(), reason })
        .where('id', '=', id)
        .where('status', '=', 'pending_approval')
        .returningAll()
        .executeTakeFirst(),
    /** deletes decided requests created before the cutoff, except those a kept call still refers to. */
    async purgeDecidedBefore(cutoff: Date): Promise<number> {
      const r = await db
        .deleteFrom('call_requests')
        .where('status', '!=', 'pending_approval')
        .where('created_at', '<', cutoff)
        .where((eb) =>
          eb.not(eb.exists(eb.selectFrom('scheduled_calls').select('id').whereRef('scheduled_calls.request_id', '=', 'call_requests.id'))),
        )
        .executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}

export type CallRequestRepository = ReturnType<typeof createCallRequestRepository>;
