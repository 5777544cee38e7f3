import { Router } from 'express';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { AppContext } from '../../app-context.js';
import { requireAccess, SUPERVISORS } from '../../http/auth/guard.js';
import { declareRoute } from '../../http/auth/route-table.js';
import { AppError } from '../../shared/errors.js';
import { bullBoardFonts, useLocalFonts } from './bull-board-fonts.js';
import { BULL_BOARD_THEME, bullBoardAccessAssets, useAccessFixes } from './bull-board-access.js';

export const BULL_BOARD_PATH = '/admin/queues';

/**
 * Bull Board as the raw queue view, for supervisors and admins only, read-only: the database is the source
 * of truth for calls, so jobs are not retried or removed by hand here. Job data holds only ids.
 * Mounted only when this process has the call queues (ctx.callQueues); otherwise the guarded path says so.
 */
export function bullBoardRoutes(ctx: AppContext): Router {
  const r = Router();
  declareRoute({ method: 'GET', path: BULL_BOARD_PATH, access: SUPERVISORS });
  const guard = requireAccess(SUPERVISORS);
  // A browser without a session is sent to log in, as on every console page; Bull Board's own API keeps JSON.
  r.use(BULL_BOARD_PATH, (req, res, next) => {
    if (req.principal || req.method !== 'GET' || req.path.startsWith('/api/') || !req.accepts('html')) return next();
    res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
  });
  const q = ctx.callQueues;
  if (!q) {
    r.use(BULL_BOARD_PATH, guard, (_req, _res, next) =>
      next(new AppError('not_available', 'the call queues do not run in this process', 404)),
    );
    return r;
  }
  const adapter = new ExpressAdapter();
  adapter.setBasePath(BULL_BOARD_PATH);
  createBullBoard({
    queues: [q.calls, q.control, q.maintenance].map((queue) => new BullMQAdapter(queue, { readOnlyMode: true })), // @bull-board/express pins its own copy of @bull-board/api (9.10.1 vs 9.10.2): same shape, separate type declarations.
    serverAdapter: adapter as never,
    options: { uiConfig: { theme: BULL_BOARD_THEME } },
  });
  r.use(bullBoardFonts());
  r.use(bullBoardAccessAssets());
  r.use(BULL_BOARD_PATH, guard, useLocalFonts, useAccessFixes, adapter.getRouter());
  return r;
}
