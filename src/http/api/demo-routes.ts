import { Router } from 'express';
import type { AppContext } from '../../app-context.js';
import { ADMINS } from '../auth/guard.js';
import { seedDemo } from '../../demo/seed-demo.js';
import { apiRoute } from './api-route.js';

/** POST /api/demo: seeds the demo data set (idempotent), as `kinline demo` does; refused in production. */
export function demoRoutes(ctx: AppContext): Router {
  const r = Router();
  apiRoute(r, 'POST', '/demo', ADMINS, null, async (req, res) => {
    const set = await seedDemo({
      repos: ctx.repos,
      secretHashKey: ctx.config.security.secretHashKey,
      env: ctx.config.env,
      actor: req.principal!.username,
    });
    // `changed` differs between the first and later runs; the answer must not. It holds passwords and tokens.
    const { changed: _changed, ...set_ } = set;
    res.set('Cache-Control', 'no-store').json(set_);
  });
  return r;
}
