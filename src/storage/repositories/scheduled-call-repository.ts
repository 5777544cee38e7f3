import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
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
    transition: (
      id: string,
      from: string[],
      to: string,
      extra: Partial<{ final_reason: string | null; start_at: Date; conference_sid: string | null; window_end: Date | null }> = {},
    ) =>
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
        .values({
          call_id: e.callId,
          at: new Date(),
          kind: e.kind,
          actor: e.actor ?? null,
          detail: JSON.stringify(e.detail ?? {}),
          dedupe_key: e.dedupeKey ?? null,
        })
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .returningAll()
        .executeTakeFirst();
    },
    events: (callId: string) => db.selectFrom('call_events').selectAll().where('call_id', '=', callId).orderBy('id').execute(),
    attempts: (callId: string): Promise<CallAttempt[]> =>
      db.selectFrom('call_attempts').selectAll().where('call_id', '=', callId).orderBy('attempt_no').execute(),
    /** Calls in `states` whose [start, start + max] window overlaps [from, to) and that share the detainee, line or supervisor. */
    overlapping: (p: {
      from: Date;
      to: Date;
      states: string[];
      detaineeId: number;
      facilityLine: string;
      supervisorPhone: string;
      excludeId?: string;
    }) =>
      db
        .selectFrom('scheduled_calls')
        .selectAll()
        .where('state', 'in', p.states)
        .where('start_at', '<', p.to)
        .where(sql<Date>`start_at + make_interval(mins => max_minutes)`, '>', p.from)
        .where((eb) =>
          eb.or([
            eb('detainee_id', '=', p.detaineeId),
            eb('facility_line', '=', p.facilityLine),
            eb('supervisor_phone', '=', p.supervisorPhone),
          ]),
        )
        .$if(!!p.excludeId, (q) => q.where('id', '!=', p.excludeId!))
        .limit(5)
        .execute(),
    /** Calls of a detainee starting in [from, to), in the given states (the weekly quota). */
    async countForDetainee(detaineeId: number, from: Date, to: Date, states: string[], excludeId?: string): Promise<number> {
      const r = await db
        .selectFrom('scheduled_calls')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('detainee_id', '=', detaineeId)
        .where('start_at', '>=', from)
        .where('start_at', '<', to)
        .where('state', 'in', states)
        .$if(!!excludeId, (q) => q.where('id', '!=', excludeId!))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    /** Keyset page over calls in `states`, by id: the reconciler walks all of them without loading all at once. */
    pageByStates: (states: string[], afterId: string | null, limit = 500) =>
      db
        .selectFrom('scheduled_calls')
        .select(['id', 'state', 'start_at'])
        .where('state', 'in', states)
        .$if(afterId !== null, (q) => q.where('id', '>', afterId!))
        .orderBy('id')
        .limit(limit)
        .execute(),
    /** Newest first, for the console's queue view; capped (A-09: no bulk export). */
    listRecentByStates: (states: string[], limit = 100) =>
      db
        .selectFrom('scheduled_calls')
        .selectAll()
        .where('state', 'in', states)
        .orderBy('start_at', 'desc')
        .limit(Math.min(limit, 200))
        .execute(),
    /** The queue screen's calls with names and the running attempt's connection time: every call not in `endedStates`, and ended ones changed since `changedSince`. */
    listForQueue: (p: { endedStates: readonly string[]; changedSince: Date; limit: number }) =>
      db
        .selectFrom('scheduled_calls as s')
        .innerJoin('detainees as d', 'd.id', 's.detainee_id')
        .innerJoin('contacts as c', 'c.id', 's.contact_id')
        // The running attempt's connection time: the board counts the time left from it.
        .leftJoin('call_attempts as a', (j) => j.onRef('a.call_id', '=', 's.id').onRef('a.attempt_no', '=', 's.attempts'))
        .select([
          's.id',
          's.state',
          's.start_at',
          's.updated_at',
          's.max_minutes',
          's.language',
          's.final_reason',
          's.attempts',
          's.interpreter',
          'd.id as did',
          'd.family_name',
          'd.given_name',
          'd.language as dlang',
          'c.name as cname',
          'c.phone',
          'c.time_zone as ctz',
          'c.language as clang',
          'a.connected_at',
        ])
        .where((eb) => eb.or([eb('s.state', 'not in', p.endedStates), eb('s.updated_at', '>=', p.changedSince)]))
        .orderBy('s.start_at')
        .limit(p.limit)
        .execute(),
    /** deletes finished calls (with their attempts and events) that ended before the cutoff. */
    async purgeFinishedBefore(cutoff: Date, finalStates: string[]): Promise<number> {
      const r = await db
        .deleteFrom('scheduled_calls')
        .where('state', 'in', finalStates)
        .where('updated_at', '<', cutoff)
        .executeTakeFirst();
      return Number(r.numDeletedRows);
    },
    setWindowEnd: (id: string, windowEnd: Date) =>
      db.updateTable('scheduled_calls').set({ window_end: windowEnd }).where('id', '=', id).execute(),
    setConferenceSid: (id: string, sid: string) =>
      db.updateTable('scheduled_calls').set({ conference_sid: sid }).where('id', '=', id).where('conference_sid', 'is', null).execute(),
  };
}

export type ScheduledCallRepository = ReturnType<typeof createScheduledCallRepository>;
