import { randomUUID } from 'node:crypto';
import type { Db } from '../database.js';
import type { CallAttempt, CallEvent, Language, ScheduledCall } from '../schema.js';

export interface NewScheduledCall {
  id?: string;
  requestId?: number | null;
  detaineeId: number;
  contactId: number;
  facilityLine: string;
  supervisorPhone: string;
  supervisor?: string | null;
  startAt: Date;
  maxMinutes: number;
  language: Language;
  interpreter?: boolean;
  maxAttempts?: number;
}

export interface CallEventInput {
  callId: string;
  kind: string;
  actor?: string | null;
  detail?: Record<string, unknown>;
  /** When set, a second event with the same key is ignored (Twilio retries). */
  dedupeKey?: string | null;
}

export function createScheduledCallRepository(db: Db) {
  return {
    create: (c: NewScheduledCall): Promise<ScheduledCall> =>
      db
        .insertInto('scheduled_calls')
        .values({
          id: c.id ?? randomUUID(),
          request_id: c.requestId ?? null,
          detainee_id: c.detaineeId,
          contact_id: c.contactId,
          facility_line: c.facilityLine,
          supervisor_phone: c.supervisorPhone,
          supervisor: c.supervisor ?? null,
          start_at: c.startAt,
          max_minutes: c.maxMinutes,
          language: c.language,
          interpreter: c.interpreter ?? false,
          max_attempts: c.maxAttempts ?? 3,
          updated_at: new Date(),
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
    findById: (id: string) => db.selectFrom('scheduled_calls').selectAll().where('id', '=', id).executeTakeFirst(),
    listByStates: (states: string[], limit = 500) =>
      db.selectFrom('scheduled_calls').selectAll().where('state', 'in', states).orderBy('start_at').limit(limit).execute(),
    /** Compare-and-set on the state, so two workers or two callbacks cannot both move the same call. */
    transition: (id: string, from: string[], to: string, extra: Partial<{ final_reason: string | null; start_at: Date; conference_sid: string | null }> = {}) =>
      db
        .updateTable('scheduled_calls')
        .set({ state: to, ...extra, updated_at: new Date() })
        .where('id', '=', id)
        .where('state', 'in', from)
        .returningAll()
        .executeTakeFirst(),
    async addEvent(e: CallEventInput): Promise<CallEvent | undefined> {
      return db
        .insertInto('call_events')
        .values({ call_id: e.callId, at: new Date(), kind: e.kind, actor: e.actor ?? null, detail: JSON.stringify(e.detail ?? {}), dedupe_key: e.dedupeKey ?? null })
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .returningAll()
        .executeTakeFirst();
    },
    events: (callId: string) => db.selectFrom('call_events').selectAll().where('call_id', '=', callId).orderBy('id').execute(),
    attempts: (callId: string): Promise<CallAttempt[]> => db.selectFrom('call_attempts').selectAll().where('call_id', '=', callId).orderBy('attempt_no').execute(),
  };
}

export type ScheduledCallRepository = ReturnType<typeof createScheduledCallRepository>;
