import { Router } from 'express';
import type { AppContext } from '../../app-context.js';
import { ANY_STAFF } from '../auth/guard.js';
import { appendConsent, contactJson, setContactSecret, updateContact, viewContact } from '../../records/contact-records.js';
import { apiRoute, intParam } from './api-route.js';

const entryJson = (e: {
  id: number;
  scope: string;
  granted: boolean;
  language: string;
  witness: string;
  prompt: string | null;
  recorded_by: string | null;
  at: Date;
}) => ({
  id: e.id,
  scope: e.scope,
  granted: e.granted,
  language: e.language,
  witness: e.witness,
  prompt: e.prompt,
  recordedBy: e.recorded_by,
  at: e.at,
});

/** Contacts, their append-only consent ledger (D-01) and the secret set on the detainee's behalf. */
export function contactsRoutes(ctx: AppContext): Router {
  const r = Router();
  apiRoute(r, 'GET', '/contacts/:id', ANY_STAFF, 'detainees:read', async (req, res) => {
    const v = await viewContact(ctx, req.principal!, intParam(req.params.id));
    res.json({ ...contactJson(v.contact), consent: v.consent });
  });
  apiRoute(r, 'PATCH', '/contacts/:id', ANY_STAFF, 'detainees:write', async (req, res) => {
    res.json(contactJson(await updateContact(ctx, req.principal!, intParam(req.params.id), req.body)));
  });
  apiRoute(r, 'GET', '/contacts/:id/consent', ANY_STAFF, 'detainees:read', async (req, res) => {
    const v = await viewContact(ctx, req.principal!, intParam(req.params.id));
    res.json({ current: v.consent, history: v.history.map(entryJson) });
  });
  apiRoute(r, 'POST', '/contacts/:id/consent', ANY_STAFF, 'detainees:write', async (req, res) => {
    res.status(201).json(entryJson(await appendConsent(ctx, req.principal!, intParam(req.params.id), req.body)));
  });
  // The digits are in this one response only (C-03); the server keeps a keyed hash.
  apiRoute(r, 'PUT', '/contacts/:id/secret', ANY_STAFF, 'detainees:write', async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await setContactSecret(ctx, req.principal!, intParam(req.params.id), req.body ?? {}));
  });
  return r;
}
