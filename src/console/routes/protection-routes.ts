import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../../app-context.js';
import { ANY_ROLE, ANY_STAFF, SUPERVISORS } from '../../http/auth/guard.js';
import { notFound } from '../../shared/errors.js';
import { pageContext } from '../page-context.js';
import { callerDeskLookup } from '../../records/caller-desk-view.js';
import { decideCallerFlag, flagCaller, listCallerFlags } from '../../records/caller-flags.js';
import { canSeeRestricted } from '../../records/task-records.js';
import { clearProtectionConcern, recordProtectionConcern } from '../../records/protection-concern.js';
import { setCustodyDates } from '../../records/custody-dates.js';
import { callerDeskPage } from '../pages/caller-desk-page.js';
import { callerFlagsPage } from '../pages/caller-flags-page.js';
import { consoleRoute } from './console-route.js';

const id = (req: Request) => {
  const n = Number(req.params.id);
  if (!Number.isInteger(n) || n <= 0) throw notFound('the record');
  return n;
};
const send = (res: Response, page: string) => res.type('html').set('Cache-Control', 'no-store').send(page);

/** The caller desk (O-03), caller flags (O-06), protection concerns (D-10) and custody dates (D-02, D-03). */
export function protectionRoutes(ctx: AppContext): Router {
  const r = Router();
  consoleRoute(r, 'GET', '/console/caller-desk', ANY_ROLE, async (req, res) => {
    const reference = typeof req.query.reference === 'string' ? req.query.reference.trim() : '';
    const view = reference ? await callerDeskLookup(ctx, req.principal!, { reference }) : undefined;
    send(res, callerDeskPage(pageContext(req), reference, view));
  });
  consoleRoute(r, 'GET', '/console/caller-flags', ANY_STAFF, async (req, res) => {
    const flags = canSeeRestricted(req.principal!) ? await listCallerFlags(ctx, req.principal!) : null;
    send(res, callerFlagsPage(pageContext(req), flags, req.query.done === '1'));
  });
  consoleRoute(r, 'POST', '/console/caller-flags', ANY_STAFF, async (req, res) => {
    await flagCaller(ctx, req.principal!, req.body);
    res.redirect(303, '/console/caller-flags?done=1');
  });
  consoleRoute(r, 'POST', '/console/caller-flags/:id/decide', SUPERVISORS, async (req, res) => {
    await decideCallerFlag(ctx, req.principal!, id(req), req.body);
    res.redirect(303, '/console/caller-flags');
  });
  consoleRoute(r, 'POST', '/console/detainees/:id/protection', ANY_STAFF, async (req, res) => {
    await recordProtectionConcern(ctx, req.principal!, id(req), req.body);
    res.redirect(303, `/console/detainees/${id(req)}`);
  });
  consoleRoute(r, 'POST', '/console/detainees/:id/protection/clear', SUPERVISORS, async (req, res) => {
    await clearProtectionConcern(ctx, req.principal!, id(req));
    res.redirect(303, `/console/detainees/${id(req)}`);
  });
  consoleRoute(r, 'POST', '/console/detainees/:id/custody-dates', ANY_STAFF, async (req, res) => {
    await setCustodyDates(ctx, req.principal!, id(req), req.body);
    res.redirect(303, `/console/detainees/${id(req)}`);
  });
  return r;
}
