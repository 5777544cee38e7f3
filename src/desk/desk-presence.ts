import type { Redis } from 'ioredis';

/**
 * An operator's place at the desk (O-05, S-05). `unavailable` is on duty but not taking calls: set when a rung
 * operator did not answer or pressed nothing, until they say they are available again.
 */
export const DESK_STATES = ['off_duty', 'available', 'ringing', 'on_call', 'wrap_up', 'unavailable'] as const;
export type DeskState = (typeof DESK_STATES)[number];

export interface Presence {
  userId: number;
  username: string;
  /** E.164, where kinline rings the operator (checked with libphonenumber before it gets here). */
  phone: string;
  state: DeskState;
  /** When the state began (ISO). */
  since: string;
  /** The operator's call leg while ringing or on a call. */
  callSid?: string;
  /** The caller's call leg (a queued caller, or the family called back) while on a call and in wrap-up. */
  peerCallSid?: string;
  /** Why the desk changed the state by itself (e.g. 'no_answer'), shown once as a console notice. */
  notice?: string;
}

const FIELDS = ['userId', 'username', 'phone', 'state', 'since', 'callSid', 'notice', 'peerCallSid'] as const;

// Claims the operator idle longest, atomically across every instance sharing Redis: the available set is
// ordered by the time each became available, and the claim moves the operator to `ringing` in the same script,
// so two dispatchers can never ring one operator twice. Members whose presence expired are dropped on the way.
const CLAIM_IDLEST = `
local keyPrefix = ARGV[1]
while true do
  local first = redis.call('ZRANGE', KEYS[1], 0, 0)
  if #first == 0 then return false end
  local id = first[1]
  redis.call('ZREM', KEYS[1], id)
  local key = keyPrefix .. id
  if redis.call('HGET', key, 'state') == 'available' then
    redis.call('HSET', key, 'state', 'ringing', 'since', ARGV[2])
    redis.call('HDEL', key, 'notice', 'callSid', 'peerCallSid')
    return id
  end
end`;

// Moves an operator from one state to another only if they are still in the expected state (a late or repeated
// callback must not undo a newer change).
const TRANSITION = `
if redis.call('HGET', KEYS[1], 'state') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'state', ARGV[2], 'since', ARGV[3])
if ARGV[4] == '' then redis.call('HDEL', KEYS[1], 'callSid') else redis.call('HSET', KEYS[1], 'callSid', ARGV[4]) end
if ARGV[5] == '' then redis.call('HDEL', KEYS[1], 'notice') else redis.call('HSET', KEYS[1], 'notice', ARGV[5]) end
if ARGV[8] == '' then redis.call('HDEL', KEYS[1], 'peerCallSid') else redis.call('HSET', KEYS[1], 'peerCallSid', ARGV[8]) end
if ARGV[2] == 'available' then redis.call('ZADD', KEYS[2], ARGV[6], ARGV[7]) else redis.call('ZREM', KEYS[2], ARGV[7]) end
return 1`;

/**
 * The desk as every web and worker instance sees it: one Redis hash per operator on duty, and a set of the
 * available ones ordered by idle time. A presence lives as long as the operator's console session (its TTL is
 * refreshed while the console is open), so a closed laptop does not leave a phone that keeps being rung.
 */
export function createDeskPresence(redis: Redis, prefix: string, o: { ttlSeconds: number; now?: () => Date }) {
  const now = o.now ?? (() => new Date());
  const opKey = (userId: number) => `${prefix}:desk:op:${userId}`;
  const availableKey = `${prefix}:desk:available`;
  const rosterKey = `${prefix}:desk:roster`;

  const read = async (userId: number): Promise<Presence | undefined> => {
    const v = await redis.hmget(opKey(userId), ...FIELDS);
    if (!v[0] || !v[3]) return undefined;
    return {
      userId: Number(v[0]),
      username: v[1]!,
      phone: v[2]!,
      state: v[3] as DeskState,
      since: v[4]!,
      ...(v[5] ? { callSid: v[5] } : {}),
      ...(v[6] ? { notice: v[6] } : {}),
      ...(v[7] ? { peerCallSid: v[7] } : {}),
    };
  };

  return {
    /** On duty and available at once; a second call only refreshes the phone and the TTL. */
    async goOnDuty(p: { userId: number; username: string; phone: string }): Promise<Presence> {
      const at = now();
      const key = opKey(p.userId);
      await redis
        .multi()
        .hset(key, { userId: p.userId, username: p.username, phone: p.phone, state: 'available', since: at.toISOString() })
        .hdel(key, 'callSid', 'notice', 'peerCallSid')
        .expire(key, o.ttlSeconds)
        .zadd(availableKey, at.getTime(), String(p.userId))
        .sadd(rosterKey, String(p.userId))
        .exec();
      return (await read(p.userId))!;
    },

    async goOffDuty(userId: number): Promise<void> {
      await redis.multi().del(opKey(userId)).zrem(availableKey, String(userId)).srem(rosterKey, String(userId)).exec();
    },

    /** Keeps a presence alive while the operator's console is open. */
    async touch(userId: number): Promise<void> {
      await redis.expire(opKey(userId), o.ttlSeconds);
    },

    get: read,

    /** Everyone on duty (expired presences are dropped from the roster as they are found). */
    async list(): Promise<Presence[]> {
      const ids = (await redis.smembers(rosterKey)).map(Number);
      const all = await Promise.all(ids.map(read));
      const gone = ids.filter((_, i) => !all[i]);
      if (gone.length) await redis.srem(rosterKey, ...gone.map(String));
      return all.filter((p): p is Presence => !!p).sort((a, b) => a.username.localeCompare(b.username));
    },

    /** The available operator idle longest, now `ringing`; undefined when nobody is available. */
    async claimIdlest(): Promise<Presence | undefined> {
      const id = (await redis.eval(CLAIM_IDLEST, 1, availableKey, `${prefix}:desk:op:`, now().toISOString())) as string | null;
      return id ? read(Number(id)) : undefined;
    },

    /**
     * from → to, only if the operator is still in `from`; returns whether it happened. Becoming available puts
     * the operator at the end of the idle order.
     */
    async transition(
      userId: number,
      from: DeskState,
      to: DeskState,
      extra: { callSid?: string; notice?: string; peerCallSid?: string } = {},
    ): Promise<boolean> {
      const at = now();
      const done = await redis.eval(
        TRANSITION,
        2,
        opKey(userId),
        availableKey,
        from,
        to,
        at.toISOString(),
        extra.callSid ?? '',
        extra.notice ?? '',
        String(at.getTime()),
        String(userId),
        extra.peerCallSid ?? '',
      );
      return done === 1;
    },

    async countAvailable(): Promise<number> {
      return redis.zcard(availableKey);
    },
  };
}

export type DeskPresence = ReturnType<typeof createDeskPresence>;
