import { sql } from 'kysely';
import type { Db } from '../database.js';
import type { DetaineeNotice } from '../schema.js';

export interface NewNotice {
  detaineeId: number;
  kind: DetaineeNotice['kind'];
  /** `deny:<code>` or `cancel:<code>` (src/calls/reason-texts.ts). */
  reasonCode: string;
  callRequestId?: number | null;
  callId?: string | null;
}

/** A notice with what its reader needs: the detainee's reference, name, language and facility. */
export type NoticeRow = DetaineeNotice & {
  reference: string;
  family_name: string;
  given_name: string;
  language: string;
  facility_id: number | null;
};

/** Notices for a detainee, read to him by his facility's staff (O-07, S-01). */
export function createNoticeRepository(db: Db) {
  const withDetainee = () =>
    db
      .selectFrom('detainee_notices as n')
      .innerJoin('detainees as d', 'd.id', 'n.detainee_id')
      .selectAll('n')
      .select(['d.reference', 'd.family_name', 'd.given_name', 'd.language', 'd.facility_id']);
  return {
    create: (n: NewNotice) =>
      db
        .insertInto('detainee_notices')
        .values({
          detainee_id: n.detaineeId,
          kind: n.kind,
          reason_code: n.reasonCode,
          call_request_id: n.callRequestId ?? null,
          call_id: n.callId ?? null,
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
    findById: (id: number): Promise<NoticeRow | undefined> => withDetainee().where('n.id', '=', id).executeTakeFirst(),
    /** Unread notices, oldest first; of one facility when given (null: detainees without a facility). */
    listUnread(facilityId?: number | null, limit = 200): Promise<NoticeRow[]> {
      let q = withDetainee().where('n.read_at', 'is', null).orderBy('n.created_at').orderBy('n.id').limit(limit);
      if (facilityId === null) q = q.where('d.facility_id', 'is', null);
      else if (facilityId !== undefined) q = q.where('d.facility_id', '=', facilityId);
      return q.execute();
    },
    async countUnread(): Promise<number> {
      const r = await db
        .selectFrom('detainee_notices')
        .select(sql<number>`count(*)`.as('n'))
        .where('read_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    /** Marks a notice read once; undefined when it was already read (or does not exist). */
    markRead: (id: number, by: string, at: Date) =>
      db
        .updateTable('detainee_notices')
        .set({ read_at: at, read_by: by })
        .where('id', '=', id)
        .where('read_at', 'is', null)
        .returningAll()
        .executeTakeFirst(),
  };
}
