import { Router } from 'express';
import type { AppContext } from '../../app-context.js';
import { ANY_ROLE, ANY_STAFF, SUPERVISORS } from '../auth/guard.js';
import { notFound } from '../../shared/errors.js';
import { callerDeskLookup } from '../../records/caller-desk-view.js';
import { callerFlagJson, decideCallerFlag, flagCaller, listCallerFlags } from '../../records/caller-flags.js';
import { clearProtectionConcern, recordProtectionConcern } from '../../records/protection-concern.js';
import { custodyDatesJson, setCustodyDates } from '../../records/custody-dates.js';
import { apiRoute, intParam } from './api-route.js';

/** The caller desk (O-03), caller flags (O-06), protection concerns (D-10) and custody dates (D-02, D-03) as JSON. */
export function protectionsRoutes(ctx: AppContext): Router {
  const r = Router();
  apiRoute(r, 'GET', '/caller-desk', ANY_ROLE, 'detainees:read', async (req, res) => {
    const view = await callerDeskLookup(ctx, req.principal!, { reference: req.query.reference });
    if (!view) throw notFound('the record');
    res.json(view);
  });
  apiRoute(r, 'POST', '/caller-flags', ANY_STAFF, 'tasks:write', async (req, res) => {
    res.status(201).json(callerFlagJson(await flagCaller(ctx, req.principal!, req.body)));
  });
  apiRoute(r, 'GET', '/caller-flags', SUPERVISORS, 'tasks:read', async (req, res) => {
    res.json({ flags: (await listCallerFlags(ctx, req.principal!)).map(callerFlagJson) });
  });
  apiRoute(r, 'POST', '/caller-flags/:id/decide', SUPERVISORS, 'tasks:write', async (req, res) => {
    res.json(callerFlagJson(await decideCallerFlag(ctx, req.principal!, intParam(req.params.id), req.body)));
  });
  apiRoute(r, 'POST', '/detainees/:id/protection', ANY_STAFF, 'detainees:write', async (req, res) => {
    const task = await recordProtectionConcern(ctx, req.principal!, intParam(req.params.id), req.body);
    // The words went to the restricted task; the answer says only that it exists (D-10).
    res.status(201).json({ taskId: task.id, protectionConcern: true });
  });
  apiRoute(r, 'POST', '/detainees/:id/protection/clear', SUPERVISORS, 'detainees:write', async (req, res) => {
    await clearProtectionConcern(ctx, req.principal!, intParam(req.params.id));
    res.json({ protectionConcern: false });
  });
  apiRoute(r, 'PUT', '/detainees/:id/custody-dates', ANY_STAFF, 'detainees:write', async (req, res) => {
    res.json(custodyDatesJson(await setCustodyDates(ctx, req.principal!, intParam(req.params.id), req.body)));
  });
  return r;
}
