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

/** Per-call record of an inbound or outbound call: its path through the flow and its final status. */
export function createCallLogRepository(db: Db) {
  return {
    async open(callSid: string, direction: 'inbound' | 'outbound', fromMasked: string | null, stirVerstat?: string | null): Promise<void> {
      await db
        .insertInto('call_logs')
        .values({ call_sid: callSid, direction, from_masked: fromMasked, started_at: new Date(), updated_at: new Date(), path: '[]', stir_verstat: stirVerstat ?? null })
        .onConflict((oc) => oc.column('call_sid').doNothing())
        .execute();
    },
    /** Appends a step; a retried webhook that repeats the same step at the same index does not append again. */
    async appendStep(callSid: string, index: number, step: PathStep): Promise<void> {
      await db
        .updateTable('call_logs')
        .set({ path: sql`path || ${JSON.stringify([step])}::jsonb`, updated_at: new Date() })
        .where('call_sid', '=', callSid)
        .where(sql`jsonb_array_length(path)`, '=', index)
        .execute();
    },
    setOutcome: (callSid: string, outcome: string, language?: Language | null) =>
      db.updateTable('call_logs').set({ outcome, ...(language ? { language } : {}), updated_at: new Date() }).where('call_sid', '=', callSid).execute(),
    flag: (callSid: string) => db.updateTable('call_logs').set({ flagged: true }).where('call_sid', '=', callSid).execute(),
    /**
     * Applies a status callback. Callbacks come twice and out of order (pitfall 13): an older sequence number
     * never overwrites a newer one, and a terminal status is never replaced by a non-terminal one.
     */
    async applyStatus(callSid: string, status: string, sequence: number, durationSeconds: number | null): Promise<void> {
      await db
        .insertInto('call_logs')
        .values({ call_sid: callSid, direction: 'inbound', from_masked: null, started_at: new Date(), updated_at: new Date(), path: '[]' })
        .onConflict((oc) => oc.column('call_sid').doNothing())
        .execute();
      const terminal = isFinalCallStatus(status);
      await db
        .updateTable('call_logs')
        .set({
          final_status: status,
          last_sequence: sequence,
          duration_seconds: durationSeconds === null ? sql`duration_seconds` : durationSeconds,
          updated_at: new Date(),
        } as never)
        .where('call_sid', '=', callSid)
        .where((eb) =>
          terminal
            ? eb.or([eb('final_status', 'is', null), eb('final_status', 'not in', FINAL_CALL_STATUSES), eb('last_sequence', '<', sequence)])
            : eb.and([eb.or([eb('final_status', 'is', null), eb('final_status', 'not in', FINAL_CALL_STATUSES)]), eb('last_sequence', '<', sequence)]),
        )
        .execute();
    },
    find: (callSid: string): Promise<CallLog | undefined> => db.selectFrom('call_logs').selectAll().where('call_sid', '=', callSid).executeTakeFirst(),
    listRecent: (limit = 50) => db.selectFrom('call_logs').selectAll().orderBy('started_at', 'desc').limit(limit).execute(),
    async purgeOlderThan(cutoff: Date): Promise<number> {
      const r = await db.deleteFrom('call_logs').where('started_at', '<', cutoff).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}

export type CallLogRepository = ReturnType<typeof createCallLogRepository>;
