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
const SPOKEN = ['reference', 'secret', 'callback', 'health', 'message', 'message_play'];

/** The variables without what the caller keyed in or heard. */
export function withoutSpokenVars(vars: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(vars).filter(([k]) => !SPOKEN.includes(k)));
}

// Takes the call's lock and reads its hash in one round trip: {1, fields...} when taken, {0} when another
// request holds it. KEYS lock, session; ARGV token, lock ms.
const LOCK_AND_LOAD = `if redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then
  return {1, redis.call('hgetall', KEYS[2])} end return {0}`;
// Writes the hash (when fields are given) and releases the lock if this request still holds it (the pattern of
// the Redis documentation for SET NX), in one round trip. KEYS lock, session; ARGV token, ttl, then field, value...
const SAVE_AND_UNLOCK = `if #ARGV > 2 then
  redis.call('del', KEYS[2]) redis.call('hset', KEYS[2], unpack(ARGV, 3)) redis.call('expire', KEYS[2], ARGV[2]) end
if redis.call('get', KEYS[1]) == ARGV[1] then redis.call('del', KEYS[1]) end return 1`;

// Refreshes a live session's lifetime; an ended one (field e) or a missing one is left alone.
const KEEP_ALIVE = `if redis.call('exists', KEYS[1]) == 1 and redis.call('hexists', KEYS[1], 'e') == 0 then
  redis.call('expire', KEYS[1], ARGV[1]) end return 1`;

interface SessionScripts {
  klLockAndLoad(lock: string, key: string, token: string, ms: number): Promise<[0] | [1, string[]]>;
  klSaveAndUnlock(lock: string, key: string, token: string, ttl: number, ...fields: string[]): Promise<number>;
}

export interface StoredCall {
  /** The call's state, with the answer it got last (`last`) while the call is live. */
  session?: CallSession;
  /** The final status callback has come: the call is over. */
  ended: boolean;
}

/** What a turn leaves in Redis: the state with its answer, or the state of a call that is over, or nothing. */
export type Save = { live: CallSession } | { ended: CallSession | undefined } | undefined;

function decode(h: Record<string, string>): StoredCall {
  if (!h.s) return { ended: h.e !== undefined };
  const session = JSON.parse(h.s) as CallSession;
  if (h.t !== undefined && h.n !== undefined) session.last = { turn: Number(h.n), twiml: h.t };
  return { session, ended: h.e !== undefined };
}

/** The hash's fields and lifetime for a save. */
function encode(save: NonNullable<Save>): { fields: string[]; ttl: number } {
  if ('live' in save) {
    const { last, ...state } = save.live;
    return { fields: ['s', JSON.stringify(state), ...(last ? ['t', last.twiml, 'n', String(last.turn)] : [])], ttl: SESSION_TTL_SECONDS };
  }
  // The call is over: the state stays, without what was keyed in or heard and without the stored answer (C-13).
  const fields = ['e', '1'];
  if (save.ended) {
    const { last: _last, ...state } = save.ended;
    fields.push('s', JSON.stringify({ ...state, vars: withoutSpokenVars(state.vars) }));
  }
  return { fields, ttl: ENDED_TTL_SECONDS };
}

/**
 * One Redis hash per call, so any web instance can serve any step: `s` the state as JSON, `t` the last TwiML
 * answer and `n` the turn it answered (so a retried webhook gets it again, twilio-notes TW-12), and `e` once the
 * call is over. A webhook of a call takes the call's lock, reads the hash, works, and writes the hash back as
 * it releases the lock: two round trips, and webhooks of one call run one at a time.
 */
export function createCallSessionStore(redis: Redis, prefix: string) {
  const key = (sid: string) => `${prefix}:voice:session:${sid}`;
  const lockKey = (sid: string) => `${prefix}:voice:lock:${sid}`;
  redis.defineCommand('klLockAndLoad', { numberOfKeys: 2, lua: LOCK_AND_LOAD });
  redis.defineCommand('klSaveAndUnlock', { numberOfKeys: 2, lua: SAVE_AND_UNLOCK });
  const scripts = redis as unknown as SessionScripts;

  return {
    /**
     * A caller waiting in the operator queue keeps their live session (the Enqueue action continues the flow),
     * refreshed each time the wait document is fetched; a call that is over keeps its own shorter lifetime.
     */
    async keepAlive(callSid: string): Promise<void> {
      await redis.eval(KEEP_ALIVE, 1, key(callSid), SESSION_TTL_SECONDS);
    },

    /** The call's state, read without the lock (the recording callback only reads). */
    load: async (callSid: string): Promise<StoredCall> => decode(await redis.hgetall(key(callSid))),

    /**
     * Runs `fn` with the call's state under its lock, then saves what it returns and releases the lock. A retry
     * that arrives meanwhile waits, then finds the stored answer instead of doing the work twice.
     */
    async turn<T>(callSid: string, fn: (stored: StoredCall) => Promise<{ result: T; save?: Save }>): Promise<T> {
      const token = randomUUID();
      let stored: StoredCall | undefined;
      for (let waited = 0; !stored; waited += LOCK_POLL_MS) {
        const got = await scripts.klLockAndLoad(lockKey(callSid), key(callSid), token, LOCK_MS);
        if (got[0] === 1) {
          const h: Record<string, string> = {};
          for (let i = 0; i + 1 < got[1].length; i += 2) h[got[1][i]] = got[1][i + 1];
          stored = decode(h);
        } else if (waited >= LOCK_WAIT_MS) stored = decode(await redis.hgetall(key(callSid)));
        else await new Promise((r) => setTimeout(r, LOCK_POLL_MS));
      }
      let save: Save;
      try {
        const out = await fn(stored);
        save = out.save;
        return out.result;
      } finally {
        const { fields, ttl } = save ? encode(save) : { fields: [], ttl: 0 };
        await scripts.klSaveAndUnlock(lockKey(callSid), key(callSid), token, ttl, ...fields);
      }
    },
  };
}

export type CallSessionStore = ReturnType<typeof createCallSessionStore>;
