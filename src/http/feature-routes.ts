import type { Express } from 'express';
import type { AppContext } from '../app-context.js';

/**
 * Mount point for each feature's routes (voice webhooks, REST API, console). One line per feature, so
 * features can be built side by side without touching create-app.ts.
 */
export function featureRoutes(_app: Express, _ctx: AppContext): void {
  // voice: app.use(voiceRoutes(ctx));
  // api: app.use('/api', apiRoutes(ctx));
  // console: app.use(consoleRoutes(ctx));
}
