import { Router } from 'express';
import type { AppContext } from '../../app-context.js';
import { takeNextCaller } from '../../desk/take-next.js';
import { apiRoute } from './api-route.js';

/** POST /api/desk/take-next: an available operator is rung now for the caller waiting longest (O-05). */
export function deskTakeNextRoutes(ctx: AppContext): Router {
  const r = Router();
  apiRoute(r, 'POST', '/desk/take-next', ['operator', 'supervisor'], 'calls:write', async (req, res) => {
    res.json(await takeNextCaller(ctx, req.principal!));
  });
  return r;
}
