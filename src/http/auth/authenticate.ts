import type { RequestHandler } from 'express';
import type { AppContext } from '../../app-context.js';
import { LOCAL_CLI_PRINCIPAL, type Principal } from '../../shared/principal.js';
import { isLocalCliToken } from '../../accounts/local-cli-token.js';

/**
 * Resolves req.principal from an API token (Authorization: Bearer kl_…) or, when the console's session
 * resolver is installed on the context, from the session cookie. The local command line's token (written to
 * DATA_DIR by the server holding the embedded database) stands for LOCAL_CLI_PRINCIPAL. It never rejects: the guards do.
 */
export function authenticate(ctx: AppContext): RequestHandler {
  return async (req, _res, next) => {
    try {
      const auth = req.headers.authorization;
      if (auth?.startsWith('Bearer ')) {
        const token = auth.slice(7).trim();
        const row = isLocalCliToken(ctx.localCliToken, token) ? null : await ctx.repos.users.findByApiToken(token);
        if (isLocalCliToken(ctx.localCliToken, token)) req.principal = { ...LOCAL_CLI_PRINCIPAL, scopes: [] };
        else if (row) {
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
