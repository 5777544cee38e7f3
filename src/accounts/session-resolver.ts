import type { Request } from 'express';
import type { AppContext } from '../app-context.js';
import type { Principal } from '../shared/principal.js';
import { ROLES } from '../storage/schema.js';
import { readCookie, SESSION_COOKIE } from './session-cookie.js';
import { createSessionStore } from './session-store.js';

/**
 * Installed as ctx.sessions: turns the session cookie into a principal. The user row is read on every
 * request, so disabling a user or changing the role takes effect at once.
 */
export function createSessionResolver(ctx: Pick<AppContext, 'config' | 'redis' | 'repos'>): NonNullable<AppContext['sessions']> {
  const store = createSessionStore(ctx);
  return {
    async resolve(req: Request): Promise<Principal | undefined> {
      const sid = readCookie(req, SESSION_COOKIE);
      if (!sid || sid.length > 100) return undefined;
      const s = await store.get(sid);
      if (!s) return undefined;
      const user = await ctx.repos.users.findById(s.userId);
      if (!user || user.disabled || !ROLES.includes(user.role)) return undefined;
      return {
        userId: user.id,
        username: user.username,
        role: user.role,
        via: 'session',
        scopes: [],
        language: user.language,
        timeZone: user.time_zone ?? ctx.config.hotline.operatorTimeZone,
        csrfToken: s.csrf,
        sessionId: sid,
      };
    },
  };
}
