import type { Express } from 'express';
import type { AppContext } from '../app-context.js';
import { authenticate } from './auth/authenticate.js';
import { csrfGuard } from '../accounts/csrf-guard.js';
import { consoleApiRoutes } from './api/console-api-routes.js';
import { consoleRoutes } from '../console/console-routes.js';
import { callsApiRouter } from './api/calls-api-router.js';

/**
 * Mount point for each feature's routes (voice webhooks, REST API, console). One line per feature, so
 * features can be built side by side without touching create-app.ts.
 */
export function featureRoutes(_app: Express, _ctx: AppContext): void {
  // Principal from an API token or console session (resolved once per request), then CSRF for session
  // writes, for every route below.
  _app.use(authenticate(_ctx), csrfGuard(_ctx));
  // api: app.use('/api', apiRoutes(ctx));
  _app.use('/api', callsApiRouter(_ctx)); // supervised calls REST API
  _app.use('/api', consoleApiRoutes(_ctx)); // the console's REST API
  _app.use(consoleRoutes(_ctx)); // console pages
}
