import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { CallSession } from './call-session.js';

// C-13: the stored answer may hold a disclosure or a read-back reference, so a live call's session lives only
// this long after its last webhook. Every webhook refreshes it; no turn waits longer (Gather timeouts are
// seconds, a recording at most a minute). A caller waiting in the operator queue may outlive it: the flow
// wrote the call log when it ended, and the final status then finds no session and writes only its status.
export const SESSION_TTL_SECONDS = 10 * 60;
// After the final status the session keeps only its state, without what was keyed in or heard, for the
// recording callbacks and webhook retries that may still arrive.
export const ENDED_TTL_SECONDS = 30 * 60;
// Longer than any turn takes (a status lookup is a few milliseconds; Twilio gives up after 15 s).
const LOCK_MS = 15_000;
// A lock still held after this long belongs to a crashed process: go on rather than leave the caller in silence.
const LOCK_WAIT_MS = 5_000;
const LOCK_POLL_MS = 20;

// Session variables that say what the caller keyed in or heard; dropped once the call is over (C-13).
const SPOKEN = ['reference', 'secret', 'callback', 'health'];

/** The variables without what the caller keyed in or heard. */
export function withoutSpokenVars(vars: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(vars).filter(([k]) => !SPOKEN.includes(k)));
}

// Releases the lock only if this request still holds it (the pattern of the Redis documentation for SET NX).
const UNLOCK = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;

export interface StoredCall {
  /** The call's state, with the answer it got last (`last`) while the call is live. */
  session?: CallSession;
  /** The final status callback has come: the call is over. */
  ended: boolean;
}

/**
 * One Redis hash per call, so any web instance can serve any step: `s` the state as JSON, `t` the last TwiML
 * answer and `n` the turn it answered (so a retried webhook gets it again, twilio-notes TW-12), and `e` once
 * the call is over. Webhooks of one call run one at a time under the call's lock.
 */
export function createCallSessionStore(redis: Redis, prefix: string) {
  const key = (sid: string) => `${prefix}:voice:session:${sid}`;
  const lockKey = (sid: string) => `${prefix}:voice:lock:${sid}`;

  return {
    async load(callSid: string): Promise<StoredCall> {
      const h = await redis.hgetall(key(callSid));
      if (!h.s) return { ended: h.e !== undefined };
      const session = JSON.parse(h.s) as CallSession;
      if (h.t !== undefined && h.n !== undefined) session.last = { turn: Number(h.n), twiml: h.t };
      return { session, ended: h.e !== undefined };
    },

    /** Saves the state after a turn, with the answer a retry must get again. */
    async save(session: CallSession): Promise<void> {
      const { last, ...state } = session;
      await redis
        .multi()
        .del(key(session.callSid))
        .hset(key(session.callSid), { s: JSON.stringify(state), ...(last ? { t: last.twiml, n: String(last.turn) } : {}) })
        .expire(key(session.callSid), SESSION_TTL_SECONDS)
        .exec();
    },

    /**
     * Marks the call over: the state stays, without what was keyed in or heard and without the stored answer,
     * for a short while (C-13). Also used for a turn that runs after the end: it moves the state on, once,
     * but brings back neither the spoken variables, the answer nor the live TTL.
     */
    async end(callSid: string, session?: CallSession): Promise<void> {
      const fields: Record<string, string> = { e: '1' };
      if (session) {
        const { last: _last, ...state } = session;
        fields.s = JSON.stringify({ ...state, vars: withoutSpokenVars(state.vars) });
      }
      await redis.multi().del(key(callSid)).hset(key(callSid), fields).expire(key(callSid), ENDED_TTL_SECONDS).exec();
    },

    /** Runs fn holding the call's lock, so a retry that arrives meanwhile waits and then finds the stored answer. */
    async withLock<T>(callSid: string, fn: () => Promise<T>): Promise<T> {
      const token = randomUUID();
      for (let waited = 0; waited < LOCK_WAIT_MS; waited += LOCK_POLL_MS) {
        if (await redis.set(lockKey(callSid), token, 'PX', LOCK_MS, 'NX')) break;
        await new Promise((r) => setTimeout(r, LOCK_POLL_MS));
      }
      try {
        return await fn();
      } finally {
        await redis.eval(UNLOCK, 1, lockKey(callSid), token);
      }
    },
  };
}

export type CallSessionStore = ReturnType<typeof createCallSessionStore>;
