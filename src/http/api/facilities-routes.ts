import { Router } from 'express';
import type { AppContext } from '../../app-context.js';
import { ADMINS } from '../auth/guard.js';
import { AppError } from '../../shared/errors.js';
import { createFacility } from '../../facilities/create-facility.js';
import { updateFacility } from '../../facilities/update-facility.js';
import { addFacilityLine, removeFacilityLine } from '../../facilities/facility-lines.js';
import { getFacility, listFacilities } from '../../facilities/facility-view.js';
import { importUpload } from '../../import/import-upload.js';
import { apiRoute, intParam } from './api-route.js';

/** Facility administration and the CSV import through the running server. */
export function facilitiesRoutes(ctx: AppContext): Router {
  const r = Router();
  apiRoute(r, 'GET', '/facilities', ADMINS, 'facilities:read', async (_req, res) => {
    res.json({ facilities: await listFacilities(ctx) });
  });
  apiRoute(r, 'GET', '/facilities/:id', ADMINS, 'facilities:read', async (req, res) => {
    res.json(await getFacility(ctx, intParam(req.params.id)));
  });
  apiRoute(r, 'POST', '/facilities', ADMINS, 'facilities:write', async (req, res) => {
    res.status(201).json(await createFacility(ctx, req.principal!, req.body));
  });
  apiRoute(r, 'PATCH', '/facilities/:id', ADMINS, 'facilities:write', async (req, res) => {
    res.json(await updateFacility(ctx, req.principal!, intParam(req.params.id), req.body));
  });
  apiRoute(r, 'POST', '/facilities/:id/lines', ADMINS, 'facilities:write', async (req, res) => {
    res.status(201).json(await addFacilityLine(ctx, req.principal!, intParam(req.params.id), req.body));
  });
  apiRoute(r, 'DELETE', '/facilities/:id/lines/:lineId', ADMINS, 'facilities:write', async (req, res) => {
    await removeFacilityLine(ctx, req.principal!, intParam(req.params.id), intParam(req.params.lineId));
    res.status(204).end();
  });
  apiRoute(r, 'POST', '/imports', ['operator', 'admin'], 'detainees:write', async (req, res) => {
    if (!req.is('text/csv')) throw new AppError('unsupported_media_type', 'send the CSV file with Content-Type: text/csv', 415);
    const length = req.headers['content-length'];
    res.json(await importUpload(ctx, req.principal!, req, length === undefined ? undefined : Number(length)));
  });
  return r;
}
