import type { Redis } from 'ioredis';
import type { CallSession } from './call-session.js';
import { createSessionCache } from './session-cache.js';
import { parseTrail, trailKey, type Trail } from './call-trail.js';

// C-13: the stored answer may hold a disclosure or a read-back reference, so it lives only this long after the
// last turn. A live call refreshes it on every webhook (no single turn waits longer: Gather timeouts are
// seconds, Record at most minutes); after the flow ends it only has to outlast webhook retries (pitfall 12)
// and the final status callback, which writeCallLog does not depend on (the log is written at the end).
export const SESSION_TTL_SECONDS = 10 * 60;
const LOCK_MS = 15_000;
// After the final status: no answer, no keyed digits; kept for recording callbacks that may still arrive.
export const SCRUBBED_TTL_SECONDS = 30 * 60;

// Session variables that say what the caller keyed in or heard.
const SPOKEN: ReadonlySet<string> = new Set(['reference', 'secret', 'callback', 'health']);

/** Session variables that say what the caller keyed in or heard; dropped once they are no longer needed. */
export function withoutSpokenVars(vars: Record<string, string>): Record<string, string> {
  const rest: Record<string, string> = {};
  for (const k in vars) if (!SPOKEN.has(k)) rest[k] = vars[k];
  return rest;
}

const hasSpoken = (vars: Record<string, string> | undefined) => !!vars && Object.keys(vars).some((k) => SPOKEN.has(k));

// A session is a hash: `s` the flow state as JSON without the spoken variables, `x` those (JSON, '' when
// there are none), `t` the last TwiML as it was sent, `n` its turn and `v` the turn expected next. The answer
// and the spoken variables are fields of their own so the final status can drop them without decoding the
// state. `e` is set by the final status: the call is over. A webhook that arrives later (a retry, or the
// step a caller keyed just before hanging up, whose request crossed the final status) may still move the
// state on once, so what the caller asked for counts, but the spoken variables, the stored answer and the
// live TTL never come back. Scripts run by EVALSHA.
// lockAndGet: KEYS lock, session; ARGV token, lock ms -> {1, s, t, n, x, e} when locked, {0} when another holds it.
const LOCK_AND_GET = `if redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then
  local v = redis.call('hmget', KEYS[2], 's', 't', 'n', 'x', 'e') return {1, v[1], v[2], v[3], v[4], v[5]} end return {0}`;
// saveAndUnlock: KEYS lock, session; ARGV state ('' = no change), spoken, twiml, turn, next turn, ttl, token
// -> 1, or 0 when the call has ended (before or while the turn ran): then only the state is saved.
const SAVE_AND_UNLOCK = `local saved = 1
if ARGV[1] ~= '' then
  if redis.call('hexists', KEYS[2], 'e') == 1 then redis.call('hset', KEYS[2], 's', ARGV[1]) saved = 0 else
  redis.call('del', KEYS[2]) redis.call('hset', KEYS[2], 's', ARGV[1], 'x', ARGV[2], 't', ARGV[3], 'n', ARGV[4], 'v', ARGV[5]) redis.call('expire', KEYS[2], ARGV[6]) end end
if redis.call('get', KEYS[1]) == ARGV[7] then redis.call('del', KEYS[1]) end return saved`;
// commitIfCurrent: KEYS lock, session; ARGV expected next turn ('' = no session yet), state, spoken, twiml,
// turn, next turn, ttl -> 1 when saved; 0 when the call is locked or has moved on (the caller then takes the
// locked path). An ended call has no `v` (and, if it never left the menus, a key that exists): always 0.
const COMMIT_IF_CURRENT = `if redis.call('exists', KEYS[1]) == 1 then return 0 end
if ARGV[1] == '' then if redis.call('exists', KEYS[2]) == 1 then return 0 end
elseif redis.call('hget', KEYS[2], 'v') ~= ARGV[1] then return 0 end
redis.call('hset', KEYS[2], 's', ARGV[2], 'x', ARGV[3], 't', ARGV[4], 'n', ARGV[5], 'v', ARGV[6]) redis.call('expire', KEYS[2], ARGV[7]) return 1`;

// The final status callback, in one command: it reads the session and the call's trail, and ends them. The
// session keeps only its state, without the spoken variables and the stored answer, for recording callbacks
// that may still arrive (C-13), and gets `e`, also when the call never left the menus (then `e` alone); the
// trail gets `end` (it takes no more notes) and is kept only a short while, for a repeated callback, which
// finds the same state and path and so writes the same log row. KEYS session, trail; ARGV session ttl,
// trail ttl -> {s, t, n, x, trail fields, 1} or {s, t, n, x, nil, 0, why} when the trail cannot be read (a
// key of another type): that loses menu steps, not the log.
const END_CALL = `local v = redis.call('hmget', KEYS[1], 's', 't', 'n', 'x')
redis.call('hdel', KEYS[1], 't', 'n', 'v', 'x') redis.call('hset', KEYS[1], 'e', '1') redis.call('expire', KEYS[1], ARGV[1])
local ok, trail = pcall(redis.call, 'hgetall', KEYS[2])
if ok then redis.call('hset', KEYS[2], 'end', '1') end
redis.call('expire', KEYS[2], ARGV[2])
if ok then return {v[1], v[2], v[3], v[4], trail, 1} end
return {v[1], v[2], v[3], v[4], false, 0, type(trail) == 'table' and trail.err or tostring(trail)}`;

// A state saved by the previous version still holds the spoken variables: END_CALL cannot see inside it,
// so endCall replaces it with its scrubbed form, if the session still exists. KEYS session; ARGV state -> 1.
const SCRUB_STATE = `if redis.call('exists', KEYS[1]) == 1 then redis.call('hset', KEYS[1], 's', ARGV[1]) end return 1`;

interface SessionScripts {
  klScrubState(key: string, state: string): Promise<number>;
  klEndCall(key: string, trail: string, ttl: number, trailTtl: number): Promise<[string | null, string | null, string | null, string | null, string[] | null, number, string?]>;
  klLockAndGet(lock: string, key: string, token: string, ms: number): Promise<[number, string | null, string | null, string | null, string | null, string | null]>;
  klSaveAndUnlock(lock: string, key: string, state: string, spoken: string, twiml: string, turn: number, next: number, ttl: number, token: string): Promise<number>;
  klCommitIfCurrent(lock: string, key: string, expected: string, state: string, spoken: string, twiml: string, turn: number, next: number, ttl: number): Promise<number>;
}

/** The session of a hash's fields; `legacy` when its state still holds the spoken variables (see decode). */
function decodeStored(s: string | null, t: string | null, n: string | null, x: string | null): { session?: CallSession; legacy: boolean } {
  if (!s) return { legacy: false };
  const session = JSON.parse(s) as CallSession;
  // A state saved by a version that kept the spoken variables inside it (before `x` existed) is taken as it
  // is: an `x` beside it is older than it, left there by that version's writes, which did not know `x`.
  const legacy = hasSpoken(session.vars);
  if (x && !legacy) Object.assign(session.vars, JSON.parse(x) as Record<string, string>);
  if (t && n !== null) session.last = { turn: Number(n), twiml: t };
  return { session, legacy };
}

const decode = (s: string | null, t: string | null, n: string | null, x: string | null) => decodeStored(s, t, n, x).session;

// The JSON of a session's path as last encoded, with the entries it covers. It rides along on the session
// object (a symbol key: spread copies it, JSON.stringify skips it), so the next turn's copy of the session
// encodes only its new steps. A path only grows and an entry never changes once saved (finishTurn stamps
// `at` before the first save); the entries are compared by identity before the JSON is reused.
const PATH_JSON = Symbol('pathJson');
interface PathJson {
  entries: readonly object[];
  json: string;
}

/** The flow state without the stored answer, which travels in its own field, and the spoken variables ('' none). */
function encodeState(s: CallSession): [state: string, spoken: string] {
  const { last: _last, path, vars, ...rest } = s;
  const known = (s as { [PATH_JSON]?: PathJson })[PATH_JSON];
  let from = 0;
  let steps = '';
  if (known && known.entries.length <= path.length && known.entries.every((e, i) => e === path[i])) {
    from = known.entries.length;
    steps = known.json;
  }
  for (let i = from; i < path.length; i++) {
    const j = JSON.stringify(path[i]);
    steps = steps ? `${steps},${j}` : j;
  }
  (s as { [PATH_JSON]?: PathJson })[PATH_JSON] = { entries: path.slice(), json: steps };
  const kept: Record<string, string> = {};
  let spoken: Record<string, string> | undefined;
  for (const k in vars) {
    if (SPOKEN.has(k)) (spoken ??= {})[k] = vars[k];
    else kept[k] = vars[k];
  }
  const head = JSON.stringify({ ...rest, vars: kept });
  return [`${head.slice(0, -1)},"path":[${steps}]}`, spoken ? JSON.stringify(spoken) : ''];
}

/**
 * Per-call state in Redis, so any web instance can serve any step (issue 3, item 3). Requests of one call are
 * serialised: a retry that arrives while the first attempt still runs waits for it and then finds the stored
 * answer instead of doing the work twice (pitfall 12).
 */
export function createCallSessionStore(redis: Redis, prefix: string) {
  const key = (sid: string) => `${prefix}:voice:session:${sid}`;
  const lockKey = (sid: string) => `${prefix}:voice:lock:${sid}`;
  redis.defineCommand('klLockAndGet', { numberOfKeys: 2, lua: LOCK_AND_GET });
  redis.defineCommand('klSaveAndUnlock', { numberOfKeys: 2, lua: SAVE_AND_UNLOCK });
  redis.defineCommand('klCommitIfCurrent', { numberOfKeys: 2, lua: COMMIT_IF_CURRENT });
  redis.defineCommand('klEndCall', { numberOfKeys: 2, lua: END_CALL });
  redis.defineCommand('klScrubState', { numberOfKeys: 1, lua: SCRUB_STATE });
  const scripts = redis as unknown as SessionScripts;
  const cache = createSessionCache();
  const load = async (callSid: string): Promise<CallSession | undefined> => {
    const [s, t, n, x] = await redis.hmget(key(callSid), 's', 't', 'n', 'x');
    return decode(s, t, n, x);
  };
  return {
    load,
    /** This instance's last copy of the call's session, if any; it may be stale (see commitIfCurrent). */
    cached: (callSid: string) => cache.get(callSid),
    /**
     * One round trip: saves `save` only if no one holds the call's lock and the stored session still expects
     * `expectedTurn` (null: no session exists yet). False means another request got there first.
     */
    async commitIfCurrent(expectedTurn: number | null, save: CallSession): Promise<boolean> {
      const [state, spoken] = encodeState(save);
      const ok = await scripts.klCommitIfCurrent(lockKey(save.callSid), key(save.callSid), expectedTurn === null ? '' : String(expectedTurn), state, spoken, save.last?.twiml ?? '', save.last?.turn ?? 0, save.turn, SESSION_TTL_SECONDS);
      if (ok === 1) cache.set(save.callSid, save);
      else cache.delete(save.callSid);
      return ok === 1;
    },
    /**
     * For the final status, in one round trip: the session and the call's trail (call-trail.ts), which it
     * also ends. The session, if there is one, forgets what the caller keyed in or heard (a reference read
     * back, a callback number, the health category) and its stored answer, and is kept `SCRUBBED_TTL_SECONDS`
     * for recording callbacks that may still arrive (C-13); the trail is kept only `trailSeconds` longer. The
     * session returned still has them. The caller first makes sure its own trail notes are sent (trail.sent).
     * `trailUnreadable` (Redis's reason) when the trail could not be read: the log then lacks the menu steps,
     * and the callback still does its work.
     */
    async endCall(callSid: string, trailSeconds: number): Promise<{ session?: CallSession; trail?: Trail; trailUnreadable?: string }> {
      cache.delete(callSid);
      const [s, t, n, x, fields, ok, why] = await scripts.klEndCall(key(callSid), trailKey(prefix, callSid), SCRUBBED_TTL_SECONDS, trailSeconds);
      const h: Record<string, string> = {};
      for (let i = 0; fields && i + 1 < fields.length; i += 2) h[fields[i]] = fields[i + 1];
      const { session, legacy } = decodeStored(s, t, n, x);
      if (session && legacy) {
        await scripts.klScrubState(key(callSid), encodeState({ ...session, vars: withoutSpokenVars(session.vars) })[0]);
      }
      return { session, trail: parseTrail(h), ...(ok === 1 ? {} : { trailUnreadable: why ?? 'unknown' }) };
    },
    /**
     * Runs fn with the call's session under its lock; saves what fn returns as `save` (with its `last`).
     * `ended`: the final status has come. A `save` after it (also when the final status comes while fn runs)
     * keeps only the state: not the spoken variables, not the answer, and not the live TTL.
     */
    async withSession<T>(callSid: string, fn: (s: CallSession | undefined, ended: boolean) => Promise<{ result: T; save?: CallSession }>): Promise<T> {
      const token = `${process.pid}:${Math.random()}`;
      let stored: CallSession | undefined;
      let ended = false;
      for (let waited = 0; ; waited += 20) {
        const [got, s, t, n, x, e] = await scripts.klLockAndGet(lockKey(callSid), key(callSid), token, LOCK_MS);
        if (got === 1) {
          stored = decode(s, t, n, x);
          ended = e !== null;
          break;
        }
        if (waited > 5000) {
          // A crashed holder: go on rather than leave the caller in silence.
          const [s, t, n, x, e] = await redis.hmget(key(callSid), 's', 't', 'n', 'x', 'e');
          stored = decode(s, t, n, x);
          ended = e !== null;
          break;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      let save: CallSession | undefined;
      try {
        const out = await fn(stored, ended);
        save = out.save;
        return out.result;
      } finally {
        cache.delete(callSid);
        const [state, spoken] = save ? encodeState(save) : ['', ''];
        const saved = await scripts.klSaveAndUnlock(lockKey(callSid), key(callSid), state, spoken, save?.last?.twiml ?? '', save?.last?.turn ?? 0, save?.turn ?? 0, SESSION_TTL_SECONDS, token);
        if (save && saved === 1) cache.set(callSid, save);
      }
    },
  };
}

export type CallSessionStore = ReturnType<typeof createCallSessionStore>;
