import type { Db } from '../database.js';
import type { CallAttempt, ScheduledCall } from '../schema.js';
import { createScheduledCallRepository } from './scheduled-call-repository.js';

export type Leg = 'facility' | 'relative' | 'monitor';
const SID_COLUMN = { facility: 'facility_call_sid', relative: 'relative_call_sid', monitor: 'monitor_call_sid' } as const;
export type AttemptMark = 'detainee_accepted_at' | 'relative_accepted_at' | 'monitor_joined_at' | 'connected_at' | 'detainee_bridged_at';

export interface AttemptEnd {
  /** Record this outcome on the attempt (sticky); omitted when the attempt already has one. */
  outcome?: string;
  at: Date;
  /** The states the call may be moved from (compare-and-set) … */
  from: string[];
  /** … and the state it moves to, when this attempt is its current one. */
  to: string;
  extra: { final_reason?: string | null; start_at?: Date };
}

async function finishAttempt(db: Db, callId: string, attemptNo: number, outcome: string, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('call_attempts')
    .set({ outcome, ended_at: at })
    .where('call_id', '=', callId)
    .where('attempt_no', '=', attemptNo)
    .where('outcome', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Dial attempts of scheduled calls: one row per (call, attempt number), claimed before any carrier request. */
export function createCallAttemptRepository(db: Db) {
  return {
    /**
     * Claims the next attempt in one transaction: the call moves from one of `from` to `dialling` (compare-and-set)
     * and the attempt row is inserted; the unique (call_id, attempt_no) makes a second claim of the same attempt
     * impossible. Returns undefined when someone else moved the call first.
     */
    claim: (
      callId: string,
      from: string[],
      at: Date,
      expectedAttempts?: number,
    ): Promise<{ call: ScheduledCall; attempt: CallAttempt } | undefined> =>
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
    /**
     * Records the attempt's outcome and moves the call in ONE transaction, so no crash between them can
     * leave a call live with an ended attempt. `finished`: the outcome was recorded (or none was asked for);
     * `moved`: the call, when this attempt was its current one and it was in one of `from`. Only `trx`
     * inside: PGlite has one connection.
     */
    end: (callId: string, attemptNo: number, e: AttemptEnd): Promise<{ finished: boolean; moved?: ScheduledCall }> =>
      db.transaction().execute(async (trx) => {
        if (e.outcome !== undefined && !(await finishAttempt(trx, callId, attemptNo, e.outcome, e.at))) return { finished: false };
        const current = await trx.selectFrom('scheduled_calls').select('attempts').where('id', '=', callId).forUpdate().executeTakeFirst();
        if (!current || current.attempts !== attemptNo) return { finished: true };
        const moved = await createScheduledCallRepository(trx).transition(callId, e.from, e.to, e.extra);
        return { finished: true, moved };
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
    /** Records the attempt's outcome once (terminal outcomes are sticky, twilio-notes TW-13). */
    finish: (callId: string, attemptNo: number, outcome: string, at: Date): Promise<boolean> =>
      finishAttempt(db, callId, attemptNo, outcome, at),
  };
}

export type CallAttemptRepository = ReturnType<typeof createCallAttemptRepository>;
