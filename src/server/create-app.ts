import express, { type ErrorRequestHandler, type Express } from 'express';
import helmet from 'helmet';
import type { AppContext } from '../app-context.js';
import { AppError } from '../shared/errors.js';
import { healthRoutes } from '../http/health-routes.js';
import { authenticate } from '../http/auth/authenticate.js';
import { csrfGuard } from '../accounts/csrf-guard.js';
import { callsApiRouter } from '../http/api/calls-api-router.js';
import { consoleApiRoutes } from '../http/api/console-api-routes.js';
import { consoleRoutes } from '../console/console-routes.js';
import { voiceRoutes } from '../http/voice/voice-routes.js';
import { SimulatedCarrier } from '../telephony/simulated/simulated-carrier.js';
import { simulatedCarrierServer } from '../telephony/simulated/simulated-carrier-server.js';
import { SIMULATED_CARRIER_PATH } from '../telephony/simulated/simulated-recordings.js';

/** The web app from its dependencies: Twilio's webhooks, the console, the REST API and health. */
export function createApp(ctx: AppContext): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', ctx.config.http.trustProxy);
  app.use((req, res, next) => {
    res.on('finish', () => {
      const group = req.path.split('/')[1] || 'root';
      ctx.metrics.httpRequests.inc({ group, status: String(res.statusCode) });
    });
    next();
  });
  // Twilio's webhooks: signed TwiML for Twilio, not pages for a browser, so no session, CSRF or browser
  // security headers.
  app.use(voiceRoutes(ctx));
  // The simulated carrier's REST API (with its own Basic auth, as Twilio's), for a worker in another process
  // and for `kinline call`'s recordings; only when this process hosts it (no Twilio credentials).
  if (ctx.telephony instanceof SimulatedCarrier) app.use(SIMULATED_CARRIER_PATH, simulatedCarrierServer(ctx.telephony));
  app.use(helmet({ contentSecurityPolicy: false }));
  app.use(healthRoutes(ctx));
  // The principal from an API token or a console session (resolved once per request), then CSRF for
  // session writes, for every route below.
  app.use(authenticate(ctx), csrfGuard(ctx));
  app.use('/api', callsApiRouter(ctx));
  app.use('/api', consoleApiRoutes(ctx));
  app.use(consoleRoutes(ctx));

  app.use((_req, res) => {
    res.status(404).json({ error: 'not_found', message: 'no such route' });
  });
  const onError: ErrorRequestHandler = (err, req, res, _next) => {
    if (err instanceof AppError) {
      res.status(err.status).json({ error: err.code, message: err.message, ...(err.details ?? {}) });
      return;
    }
    const status = typeof err?.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) ctx.logger.error({ err, path: req.path }, 'http:error unhandled');
    res.status(status).json({
      error: status === 500 ? 'internal' : 'bad_request',
      message: status === 500 ? 'internal error; the request was not completed, try again' : String(err?.message ?? 'bad request'),
    });
  };
  app.use(onError);
  return app;
}
