import { createHash, randomBytes } from 'node:crypto';
import type { AppContext } from '../app-context.js';

export interface SessionData {
  userId: number;
  csrf: string;
  createdAt: string;
}

// Redis keeps only a hash of the session id, so a Redis dump does not hand out live cookies.
const keyOf = (ctx: Pick<AppContext, 'config'>, sid: string) =>
  `${ctx.config.redis.prefix}:session:${createHash('sha256').update(sid).digest('hex')}`;
const userIndex = (ctx: Pick<AppContext, 'config'>, userId: number) => `${ctx.config.redis.prefix}:user-sessions:${userId}`;

/** Console sessions in Redis with an absolute expiry of SESSION_TTL_MINUTES. */
export function createSessionStore(ctx: Pick<AppContext, 'config' | 'redis'>) {
  const ttl = ctx.config.security.sessionTtlMinutes * 60;
  return {
    async create(userId: number): Promise<{ sid: string; csrf: string }> {
      const sid = randomBytes(32).toString('base64url');
      const data: SessionData = { userId, csrf: randomBytes(24).toString('base64url'), createdAt: new Date().toISOString() };
      const key = keyOf(ctx, sid);
      await ctx.redis
        .multi()
        .set(key, JSON.stringify(data), 'EX', ttl)
        .sadd(userIndex(ctx, userId), key)
        .expire(userIndex(ctx, userId), ttl)
        .exec();
      return { sid, csrf: data.csrf };
    },
    async get(sid: string): Promise<SessionData | undefined> {
      const raw = await ctx.redis.get(keyOf(ctx, sid));
      return raw ? (JSON.parse(raw) as SessionData) : undefined;
    },
    async destroy(sid: string): Promise<void> {
      await ctx.redis.del(keyOf(ctx, sid));
    },
    /** Ends every session of a user, e.g. when an admin disables the account. */
    async destroyAllFor(userId: number): Promise<void> {
      const keys = await ctx.redis.smembers(userIndex(ctx, userId));
      if (keys.length) await ctx.redis.del(...keys);
      await ctx.redis.del(userIndex(ctx, userId));
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;
