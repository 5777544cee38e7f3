import type { RequestHandler } from 'express';
import type { AppContext } from '../../app-context.js';
import { deskPresence } from '../../desk/desk.js';
import { DESK_STAFF } from '../../desk/desk-staff.js';

/**
 * Every console request of a desk worker keeps their presence alive as long as their session (the presence
 * expires with it, so a closed laptop stops being rung). A failed refresh never fails the page.
 */
export function keepDeskPresence(ctx: AppContext): RequestHandler {
  return (req, _res, next) => {
    const p = req.principal;
    if (p?.via === 'session' && DESK_STAFF.includes(p.role) && req.path.startsWith('/console')) {
      deskPresence(ctx)
        .touch(p.userId)
        .catch((e: unknown) => ctx.logger.warn({ err: e }, 'console:desk presence refresh failed'));
    }
    next();
  };
}
