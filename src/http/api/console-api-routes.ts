import { Router } from 'express';
import type { AppContext } from '../../app-context.js';
import { detaineesRoutes } from './detainees-routes.js';
import { contactsRoutes } from './contacts-routes.js';
import { inboxRoutes } from './inbox-routes.js';
import { adminRoutes } from './admin-routes.js';
import { queueRoutes } from './queue-routes.js';
import { deskTakeNextRoutes } from './desk-take-next-routes.js';
import { facilitiesRoutes } from './facilities-routes.js';
import { openApiRoutes } from './openapi-routes.js';
import { demoRoutes } from './demo-routes.js';
import { deskApiRoutes } from './desk-routes.js';
import { taskCallRoutes } from './task-call-routes.js';
import { rightsRoutes } from './rights-routes.js';
import { protectionsRoutes } from './protections-routes.js';

/** The console's REST API, mounted at /api (the call feature mounts its own /api routes beside it). */
export function consoleApiRoutes(ctx: AppContext): Router {
  const r = Router();
  r.use(detaineesRoutes(ctx));
  r.use(contactsRoutes(ctx));
  r.use(inboxRoutes(ctx));
  r.use(adminRoutes(ctx));
  r.use(queueRoutes(ctx));
  r.use(deskTakeNextRoutes(ctx));
  r.use(facilitiesRoutes(ctx));
  r.use(openApiRoutes(ctx));
  r.use(demoRoutes(ctx));
  r.use(deskApiRoutes(ctx));
  r.use(taskCallRoutes(ctx));
  r.use(rightsRoutes(ctx));
  r.use(protectionsRoutes(ctx));
  return r;
}
