import { Router } from 'express';
import type { AppContext } from '../app-context.js';
import { authRoutes } from './routes/auth-routes.js';
import { recordRoutes } from './routes/record-routes.js';
import { inboxRoutes } from './routes/inbox-routes.js';
import { taskCallRoutes } from './routes/task-call-routes.js';
import { rightsRoutes } from './routes/rights-routes.js';
import { callRoutes } from './routes/call-routes.js';
import { adminRoutes } from './routes/admin-routes.js';
import { settingsRoutes } from './routes/settings-routes.js';
import { facilityRoutes } from './routes/facility-routes.js';
import { bullBoardRoutes } from './routes/bull-board-routes.js';
import { deskRoutes } from './routes/desk-routes.js';
import { protectionRoutes } from './routes/protection-routes.js';
import { keepDeskPresence } from './routes/keep-desk-presence.js';
import { loadInboxCounts } from './routes/load-inbox-counts.js';
import { consoleErrorHandler } from './routes/console-error-handler.js';
import { notFound } from '../shared/errors.js';

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

export interface ConsoleOptions {
  /** How often the live queue re-reads the database while a screen is open. @defaultValue 1000 */
  feedIntervalMs?: number;
  /** How often an open live-queue stream re-checks its session or token. @defaultValue 15000 */
  pingMs?: number;
}

/** The operator and supervisor console: server-rendered pages, every route guarded. */
export function consoleRoutes(ctx: AppContext, opts: ConsoleOptions = {}): Router {
  const r = Router();
  // Defence in depth behind the escaping html``: console pages load scripts, styles and media only from
  // this origin, run no inline script, and cannot be framed.
  r.use((req, res, next) => {
    if (req.path === '/login' || req.path.startsWith('/console')) res.set('Content-Security-Policy', CSP);
    next();
  });
  r.use(keepDeskPresence(ctx));
  r.use(loadInboxCounts(ctx));
  r.use(authRoutes(ctx));
  r.use(recordRoutes(ctx));
  r.use(inboxRoutes(ctx));
  r.use(taskCallRoutes(ctx));
  r.use(rightsRoutes(ctx));
  r.use(callRoutes(ctx, opts));
  r.use(adminRoutes(ctx));
  r.use(settingsRoutes(ctx));
  r.use(facilityRoutes(ctx));
  r.use(bullBoardRoutes(ctx));
  r.use(deskRoutes(ctx, opts));
  r.use(protectionRoutes(ctx));
  // Unknown console paths answer with the console's own 404 page rather than the API's JSON.
  r.use('/console', (_req, _res, next) => next(notFound('the page')));
  r.use(consoleErrorHandler(ctx));
  return r;
}
