import { sql } from 'kysely';
import type { Db } from '../database.js';
import type { Enquiry, Language } from '../schema.js';

export interface NewEnquiry {
  callSid?: string | null;
  soughtName?: string | null;
  soughtBirthYear?: number | null;
  callerName?: string | null;
  relationship?: string | null;
  callbackPhone?: string | null;
  language: Language;
  preferredHours?: string | null;
  recordingSid?: string | null;
}

export function createEnquiryRepository(db: Db) {
  return {
    /** Idempotent per call: a retried webhook does not register the enquiry twice. */
    async create(e: NewEnquiry): Promise<Enquiry> {
      const values = {
        call_sid: e.callSid ?? null,
        sought_name: e.soughtName ?? null,
        sought_birth_year: e.soughtBirthYear ?? null,
        caller_name: e.callerName ?? null,
        relationship: e.relationship ?? null,
        callback_phone: e.callbackPhone ?? null,
        language: e.language,
        preferred_hours: e.preferredHours ?? null,
        recording_sid: e.recordingSid ?? null,
        updated_at: new Date(),
      };
      if (e.callSid) {
        const existing = await db.selectFrom('enquiries').selectAll().where('call_sid', '=', e.callSid).executeTakeFirst();
        if (existing) return existing;
      }
      return db
        .insertInto('enquiries')
        .values(values)
        .onConflict((oc) => oc.column('call_sid').doUpdateSet({ updated_at: new Date() }))
        .returningAll()
        .executeTakeFirstOrThrow();
    },
    findById: (id: number) => db.selectFrom('enquiries').selectAll().where('id', '=', id).executeTakeFirst(),
    listOpen: (limit = 50) =>
      db.selectFrom('enquiries').selectAll().where('status', '!=', 'closed').orderBy('created_at', 'desc').limit(limit).execute(),
    /** Open enquiries and those opened before `lateBefore`, in one aggregate. */
    async countOpen(lateBefore: Date): Promise<{ open: number; late: number }> {
      const r = await db
        .selectFrom('enquiries')
        .select([sql<number>`count(*)`.as('open'), sql<number>`count(*) filter (where created_at < ${lateBefore})`.as('late')])
        .where('status', '!=', 'closed')
        .executeTakeFirstOrThrow();
      return { open: Number(r.open), late: Number(r.late) };
    },
    setStatus: (id: number, status: string, notes?: string) =>
      db
        .updateTable('enquiries')
        .set({ status, ...(notes !== undefined ? { notes } : {}), updated_at: new Date() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst(),
  };
}

export type EnquiryRepository = ReturnType<typeof createEnquiryRepository>;
