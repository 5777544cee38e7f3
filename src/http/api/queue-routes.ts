import { Router } from 'express';
import type { AppContext } from '../../app-context.js';
import { SUPERVISORS } from '../auth/guard.js';
import { queueSnapshot } from '../../calls/call-queue.js';
import { todaysFigures } from '../../calls/todays-figures.js';
import { apiRoute } from './api-route.js';

/** The supervisor's queue and today's figures as JSON (S-02, S-07); bounded, no personal-data export. */
export function queueRoutes(ctx: AppContext): Router {
  const r = Router();
  apiRoute(r, 'GET', '/queue', SUPERVISORS, 'calls:read', async (req, res) => {
    const items = await queueSnapshot(ctx, {
      state: req.query.state ? String(req.query.state) : undefined,
      language: req.query.language ? String(req.query.language) : undefined,
    });
    res.json({ items });
  });
  apiRoute(r, 'GET', '/figures/today', SUPERVISORS, 'calls:read', async (_req, res) => {
    res.json(await todaysFigures(ctx));
  });
  return r;
}
