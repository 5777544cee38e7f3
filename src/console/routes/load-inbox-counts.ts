import type { RequestHandler } from 'express';
import type { AppContext } from '../../app-context.js';
import { inboxCounts, type InboxCounts } from '../../records/inbox-counts.js';

declare module 'express-serve-static-core' {
  interface Request {
    /** For the navigation of a console page (load-inbox-counts.ts). */
    inboxCounts?: InboxCounts;
  }
}

/** Requests under /console that answer with media, a script, a style, an event stream or JSON, not a page. */
const NOT_A_PAGE = /^\/console\/(assets\/|.*\/(recording|media|events|call-policy)$)/;

/**
 * A signed-in person's console page shows in its navigation what waits in each inbox and how much is late.
 * A failed count never fails the page: the navigation then shows no numbers.
 */
export function loadInboxCounts(ctx: AppContext): RequestHandler {
  return (req, _res, next) => {
    const p = req.principal;
    if (req.method !== 'GET' || p?.via !== 'session' || !req.path.startsWith('/console') || NOT_A_PAGE.test(req.path)) return next();
    inboxCounts(ctx, p)
      .then((c) => {
        req.inboxCounts = c;
      })
      .catch((e: unknown) => ctx.logger.warn({ err: e }, 'console:inbox counts failed'))
      .finally(() => next());
  };
}
