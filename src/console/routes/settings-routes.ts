import { Router } from 'express';
import type { AppContext } from '../../app-context.js';
import { ANY_ROLE } from '../../http/auth/guard.js';
import { notFound } from '../../shared/errors.js';
import { setUserTimeZone } from '../../accounts/user-time-zone.js';
import { pageContext } from '../page-context.js';
import { settingsPage } from '../pages/settings-page.js';
import { consoleRoute } from './console-route.js';

/** Every user's own settings (the zone the console shows times in). */
export function settingsRoutes(ctx: AppContext): Router {
  const r = Router();
  consoleRoute(r, 'GET', '/console/settings', ANY_ROLE, async (req, res) => {
    const me = await ctx.repos.users.findById(req.principal!.userId);
    if (!me) throw notFound('the user');
    res
      .type('html')
      .set('Cache-Control', 'no-store')
      .send(settingsPage(pageContext(req), me.time_zone));
  });
  consoleRoute(r, 'POST', '/console/settings', ANY_ROLE, async (req, res) => {
    const b = (req.body ?? {}) as Record<string, unknown>;
    await setUserTimeZone(ctx, req.principal!, req.principal!.userId, { timeZone: b.timeZone ?? '' });
    res.redirect(303, '/console/settings');
  });
  return r;
}
