import type { Redis } from 'ioredis';
import type { CallSession } from './call-session.js';

// Long enough for the longest call plus the status and recording callbacks that arrive after it.
const SESSION_TTL_SECONDS = 4 * 3600;
const LOCK_MS = 15_000;
const SCRUBBED_TTL_SECONDS = 30 * 60;

// One round trip each way: take the lock and read the session; write the session and release our lock.
const LOCK_AND_GET = `if redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then return {1, redis.call('get', KEYS[2])} end return {0}`;
const SAVE_AND_UNLOCK = `if ARGV[1] ~= '' then redis.call('set', KEYS[2], ARGV[1], 'EX', ARGV[2]) end
if redis.call('get', KEYS[1]) == ARGV[3] then redis.call('del', KEYS[1]) end return 1`;

/**
 * Per-call state in Redis, so any web instance can serve any step (issue 3, item 3). Requests of one call are
 * serialised: a retry that arrives while the first attempt still runs waits for it and then finds the stored
 * answer instead of doing the work twice (pitfall 12).
 */
export function createCallSessionStore(redis: Redis, prefix: string) {
  const key = (sid: string) => `${prefix}:voice:call:${sid}`;
  const lockKey = (sid: string) => `${prefix}:voice:lock:${sid}`;
  return {
    async load(callSid: string): Promise<CallSession | undefined> {
      const raw = await redis.get(key(callSid));
      return raw ? (JSON.parse(raw) as CallSession) : undefined;
    },
    /**
     * After the call: forget what the caller keyed in (a reference read back, a callback number) and keep the
     * rest briefly for the recording callbacks that may still arrive (C-13).
     */
    async scrub(s: CallSession): Promise<void> {
      const { reference: _r, secret: _s, callback: _c, ...vars } = s.vars;
      await redis.set(key(s.callSid), JSON.stringify({ ...s, vars, last: undefined }), 'EX', SCRUBBED_TTL_SECONDS);
    },
    /** Runs fn with the call's session under its lock; saves what fn returns as `save`. */
    async withSession<T>(callSid: string, fn: (s: CallSession | undefined) => Promise<{ result: T; save?: CallSession }>): Promise<T> {
      const token = `${process.pid}:${Math.random()}`;
      let raw: string | null = null;
      for (let waited = 0; ; waited += 20) {
        const [got, value] = (await redis.eval(LOCK_AND_GET, 2, lockKey(callSid), key(callSid), token, LOCK_MS)) as [number, string | null];
        raw = value ?? null;
        if (got === 1) break;
        if (waited > 5000) {
          raw = await redis.get(key(callSid)); // a crashed holder: go on rather than leave the caller in silence
          break;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      let save: CallSession | undefined;
      try {
        const out = await fn(raw ? (JSON.parse(raw) as CallSession) : undefined);
        save = out.save;
        return out.result;
      } finally {
        await redis.eval(SAVE_AND_UNLOCK, 2, lockKey(callSid), key(callSid), save ? JSON.stringify(save) : '', SESSION_TTL_SECONDS, token);
      }
    },
  };
}

export type CallSessionStore = ReturnType<typeof createCallSessionStore>;
