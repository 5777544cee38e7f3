import { Router } from 'express';
import type { AppContext } from '../../app-context.js';
import { ANY_STAFF } from '../auth/guard.js';
import { createDetainee, detaineeJson, searchDetainees, updateDetainee, viewDetainee } from '../../records/detainee-records.js';
import { contactJson, createContact } from '../../records/contact-records.js';
import { callActions } from '../../calls/call-actions.js';
import { apiRoute, intParam } from './api-route.js';

/** Detainee records for scripts: search (capped at 50, no paging: A-09), audited view, create, edit. */
export function detaineesRoutes(ctx: AppContext): Router {
  const r = Router();
  apiRoute(r, 'GET', '/detainees', ANY_STAFF, 'detainees:read', async (req, res) => {
    const { results, capped } = await searchDetainees(ctx, req.principal!, { q: req.query.q });
    res.json({ results: results.map(detaineeJson), capped });
  });
  apiRoute(r, 'POST', '/detainees', ANY_STAFF, 'detainees:write', async (req, res) => {
    res.status(201).json(detaineeJson(await createDetainee(ctx, req.principal!, req.body)));
  });
  apiRoute(r, 'GET', '/detainees/:id', ANY_STAFF, 'detainees:read', async (req, res) => {
    const v = await viewDetainee(ctx, req.principal!, intParam(req.params.id));
    res.json({ ...detaineeJson(v.detainee), contacts: v.contacts.map((c) => ({ ...contactJson(c), consent: c.consent })) });
  });
  apiRoute(r, 'PATCH', '/detainees/:id', ANY_STAFF, 'detainees:write', async (req, res) => {
    res.json(detaineeJson(await updateDetainee(ctx, req.principal!, intParam(req.params.id), req.body)));
  });
  apiRoute(r, 'POST', '/detainees/:id/contacts', ANY_STAFF, 'detainees:write', async (req, res) => {
    res.status(201).json(contactJson(await createContact(ctx, req.principal!, intParam(req.params.id), req.body)));
  });
  // The console's "schedule a call" form as JSON: the same in-process call into the call feature.
  apiRoute(r, 'POST', '/detainees/:id/call-requests', ANY_STAFF, 'calls:write', async (req, res) => {
    res.status(201).json(await callActions.request(ctx, req.principal!, intParam(req.params.id), req.body ?? {}));
  });
  return r;
}
