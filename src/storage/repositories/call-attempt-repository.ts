import type { Db } from '../database.js';
import type { CallAttempt, ScheduledCall } from '../schema.js';

export type Leg = 'facility' | 'relative' | 'monitor';
const SID_COLUMN = { facility: 'facility_call_sid', relative: 'relative_call_sid', monitor: 'monitor_call_sid' } as const;
export type AttemptMark = 'detainee_accepted_at' | 'relative_accepted_at' | 'monitor_joined_at' | 'connected_at';

/** Dial attempts of scheduled calls: one row per (call, attempt number), claimed before any carrier request. */
export function createCallAttemptRepository(db: Db) {
  return {
    /**
     * Claims the next attempt in one transaction: the call moves from one of `from` to `dialling` (compare-and-set)
     * and the attempt row is inserted; the unique (call_id, attempt_no) makes a second claim of the same attempt
     * impossible. Returns undefined when someone else moved the call first.
     */
    claim: (callId: string, from: string[], at: Date, expectedAttempts?: number): Promise<{ call: ScheduledCall; attempt: CallAttempt } | undefined> =>
      db.transaction().execute(async (trx) => {
        const call = await trx
          .updateTable('scheduled_calls')
          .set((eb) => ({ state: 'dialling', attempts: eb('attempts', '+', 1), conference_sid: null, updated_at: at }))
          .where('id', '=', callId)
          .where('state', 'in', from)
          .$if(expectedAttempts !== undefined, (q) => q.where('attempts', '=', expectedAttempts!))
          .returningAll()
          .executeTakeFirst();
        if (!call) return undefined;
        const attempt = await trx
          .insertInto('call_attempts')
          .values({ call_id: callId, attempt_no: call.attempts, claimed_at: at })
          .returningAll()
          .executeTakeFirstOrThrow();
        return { call, attempt };
      }),
    find: (callId: string, attemptNo: number) =>
      db.selectFrom('call_attempts').selectAll().where('call_id', '=', callId).where('attempt_no', '=', attemptNo).executeTakeFirst(),
    /** Stores a leg's CallSid once; a later, different SID for the same leg is ignored. */
    async setSid(callId: string, attemptNo: number, leg: Leg, sid: string): Promise<boolean> {
      // A SID already bound elsewhere (a forged or confused callback) must not fail the webhook.
      const taken = await db.selectFrom('call_attempts').select('id').where(SID_COLUMN[leg], '=', sid).executeTakeFirst();
      if (taken) return false;
      const r = await db
        .updateTable('call_attempts')
        .set({ [SID_COLUMN[leg]]: sid } as never)
        .where('call_id', '=', callId)
        .where('attempt_no', '=', attemptNo)
        .where(SID_COLUMN[leg], 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    /** Sets a progress timestamp once; true when this call set it (so side effects run once). */
    async mark(callId: string, attemptNo: number, column: AttemptMark, at: Date): Promise<boolean> {
      const r = await db
        .updateTable('call_attempts')
        .set({ [column]: at } as never)
        .where('call_id', '=', callId)
        .where('attempt_no', '=', attemptNo)
        .where(column, 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    /** Records the attempt's outcome once (terminal outcomes are sticky, pitfall 13). */
    async finish(callId: string, attemptNo: number, outcome: string, at: Date): Promise<boolean> {
      const r = await db
        .updateTable('call_attempts')
        .set({ outcome, ended_at: at })
        .where('call_id', '=', callId)
        .where('attempt_no', '=', attemptNo)
        .where('outcome', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
  };
}

export type CallAttemptRepository = ReturnType<typeof createCallAttemptRepository>;
