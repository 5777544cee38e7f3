import type { RequestHandler } from 'express';
import type { AppContext } from '../../app-context.js';
import type { Principal } from '../../shared/principal.js';

/**
 * Resolves req.principal from an API token (Authorization: Bearer kl_…) or, when the console's session
 * resolver is installed on the context, from the session cookie. It never rejects: the guards do.
 */
export function authenticate(ctx: AppContext): RequestHandler {
  return async (req, _res, next) => {
    try {
      const auth = req.headers.authorization;
      if (auth?.startsWith('Bearer ')) {
        const row = await ctx.repos.users.findByApiToken(auth.slice(7).trim());
        if (row) {
          req.principal = {
            userId: row.id,
            username: row.username,
            role: row.role,
            via: 'token',
            scopes: row.scopes.split(' ').filter(Boolean),
            language: row.language,
            timeZone: row.time_zone ?? ctx.config.hotline.operatorTimeZone,
          };
        }
      } else if (ctx.sessions) {
        const p: Principal | undefined = await ctx.sessions.resolve(req);
        if (p) req.principal = p;
      }
      next();
    } catch (e) {
      next(e);
    }
  };
}
