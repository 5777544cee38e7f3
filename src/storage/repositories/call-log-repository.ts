import { sql } from 'kysely';
import type { Db } from '../database.js';
import type { CallLog, Language } from '../schema.js';
import { FINAL_CALL_STATUSES, isFinalCallStatus } from '../../shared/final-call-statuses.js';

export interface PathStep {
  step: string;
  /** Already redacted by the caller: never digits of a reference or secret. */
  input?: string;
  at: string;
}

/** A status callback's status, SequenceNumber and CallDuration. */
export interface FinalStatus {
  status: string;
  sequence: number;
  durationSeconds: number | null;
}

/** What one write knows about a call; a field left out leaves the stored value alone. */
export interface CallLogEntry {
  callSid: string;
  fromMasked?: string | null;
  language?: Language | null;
  startedAt?: Date;
  /** The whole path so far (not a step to append), so a repeated write changes nothing. */
  path?: PathStep[];
  outcome?: string | null;
  flagged?: boolean;
  stirVerstat?: string | null;
  final?: FinalStatus;
}

// Status callbacks come twice and out of order (twilio-notes TW-13): a terminal status replaces anything but
// a terminal status with the same or a newer SequenceNumber; any other status replaces only a non-terminal
// one with an older SequenceNumber, so a finished call never moves back.
const notTerminal = sql<boolean>`(call_logs.final_status is null or call_logs.final_status not in (${sql.join([...FINAL_CALL_STATUSES])}))`;
const older = sql<boolean>`call_logs.last_sequence < excluded.last_sequence`;
const replacesStatus = (status: string) =>
  isFinalCallStatus(status) ? sql<boolean>`(${notTerminal} or ${older})` : sql<boolean>`(${notTerminal} and ${older})`;
// Never a shorter path over a longer one: a late write that knows fewer steps must not erase the others.
const longerPath = sql<boolean>`jsonb_array_length(excluded.path) >= jsonb_array_length(call_logs.path)`;

/** Per-call record of an inbound call: its path through the flow, its outcome and its final status. */
export function createCallLogRepository(db: Db) {
  return {
    /**
     * Writes what `e` knows about the call, in one statement: at the end of a flow and again on the final
     * status callback, in either order, any number of times. The first caller number and STIR result stay,
     * the earliest start stays, an outcome once set stays unless a new one is given, a flag never clears.
     */
    async record(e: CallLogEntry): Promise<void> {
      const now = new Date();
      const final = e.final;
      await db
        .insertInto('call_logs')
        .values({
          call_sid: e.callSid,
          direction: 'inbound',
          from_masked: e.fromMasked ?? null,
          language: e.language ?? null,
          started_at: e.startedAt ?? now,
          updated_at: now,
          path: JSON.stringify(e.path ?? []),
          outcome: e.outcome ?? null,
          flagged: e.flagged ?? false,
          stir_verstat: e.stirVerstat ?? null,
          ...(final ? { final_status: final.status, last_sequence: final.sequence, duration_seconds: final.durationSeconds } : {}),
        })
        .onConflict((oc) =>
          oc.column('call_sid').doUpdateSet({
            from_masked: sql`coalesce(call_logs.from_masked, excluded.from_masked)`,
            started_at: sql`least(call_logs.started_at, excluded.started_at)`,
            stir_verstat: sql`coalesce(call_logs.stir_verstat, excluded.stir_verstat)`,
            outcome: sql`coalesce(excluded.outcome, call_logs.outcome)`,
            flagged: sql`call_logs.flagged or excluded.flagged`,
            updated_at: now,
            // The language goes with the path it was heard on.
            ...(e.path
              ? {
                  path: sql`case when ${longerPath} then excluded.path else call_logs.path end`,
                  language: sql`case when ${longerPath} then coalesce(excluded.language, call_logs.language) else call_logs.language end`,
                }
              : { language: sql`coalesce(call_logs.language, excluded.language)` }),
            ...(final
              ? {
                  final_status: sql`case when ${replacesStatus(final.status)} then excluded.final_status else call_logs.final_status end`,
                  duration_seconds: sql`case when ${replacesStatus(final.status)} then coalesce(excluded.duration_seconds, call_logs.duration_seconds) else call_logs.duration_seconds end`,
                  last_sequence: sql`case when ${replacesStatus(final.status)} then excluded.last_sequence else call_logs.last_sequence end`,
                }
              : {}),
          }),
        )
        .execute();
    },
    /**
     * How the call left the operator queue (the Enqueue action's QueueResult and QueueTime). The call's row may
     * not exist yet (its flow is still running), so it is created; a repeated action changes nothing.
     */
    async recordQueueResult(callSid: string, result: string, seconds: number | null): Promise<void> {
      const now = new Date();
      await db
        .insertInto('call_logs')
        .values({
          call_sid: callSid,
          direction: 'inbound',
          started_at: now,
          updated_at: now,
          path: '[]',
          queue_result: result,
          queue_seconds: seconds,
        })
        .onConflict((oc) => oc.column('call_sid').doUpdateSet({ queue_result: result, queue_seconds: seconds, updated_at: now }))
        .execute();
    },
    find: (callSid: string): Promise<CallLog | undefined> =>
      db.selectFrom('call_logs').selectAll().where('call_sid', '=', callSid).executeTakeFirst(),
    listRecent: (limit = 50) => db.selectFrom('call_logs').selectAll().orderBy('started_at', 'desc').limit(limit).execute(),
    async purgeOlderThan(cutoff: Date): Promise<number> {
      const r = await db.deleteFrom('call_logs').where('started_at', '<', cutoff).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}

export type CallLogRepository = ReturnType<typeof createCallLogRepository>;
