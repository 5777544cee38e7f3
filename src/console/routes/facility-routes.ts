import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../../app-context.js';
import { notFound } from '../../shared/errors.js';
import { ADMINS } from '../../http/auth/guard.js';
import { createFacility } from '../../facilities/create-facility.js';
import { updateFacility } from '../../facilities/update-facility.js';
import { addFacilityLine, removeFacilityLine } from '../../facilities/facility-lines.js';
import { getFacility, listFacilities } from '../../facilities/facility-view.js';
import { WEEKDAYS } from '../../facilities/weekly-hours.js';
import { pageContext } from '../page-context.js';
import { facilitiesPage } from '../pages/facilities-page.js';
import { facilityPage } from '../pages/facility-page.js';
import { consoleRoute } from './console-route.js';

const param = (req: Request, name: string) => {
  const n = Number(req.params[name]);
  if (!Number.isInteger(n) || n <= 0) throw notFound('the facility');
  return n;
};
const send = (res: Response, page: string) => res.type('html').set('Cache-Control', 'no-store').send(page);

/**
 * The form's strings as the use cases' input: numbers as numbers, an empty field left out, and the hours of
 * each weekday joined into the text format (an empty day has no calls; a half-filled one is refused by name).
 */
function facilityInput(body: Record<string, string | undefined>) {
  const out: Record<string, unknown> = {};
  for (const k of ['name', 'timeZone', 'callHours', 'defaultLine'] as const) if (body[k] !== undefined) out[k] = body[k];
  for (const k of ['maxCallMinutes', 'weeklyCallQuota', 'contactFloorDays'] as const) {
    const v = body[k]?.trim();
    if (v) out[k] = /^-?\d+$/.test(v) ? Number(v) : v;
  }
  if (WEEKDAYS.some((d) => body[`${d}Start`] !== undefined)) {
    const days = WEEKDAYS.flatMap((d) => {
      const [s, e] = [body[`${d}Start`]?.trim(), body[`${d}End`]?.trim()];
      return s || e ? [`${d} ${s || '?'}-${e || '?'}`] : [];
    });
    out.callHours = days.length ? days.join('; ') : 'none';
  }
  return out;
}

/** Facility administration in the console, through the same use cases as the REST API. */
export function facilityRoutes(ctx: AppContext): Router {
  const r = Router();
  consoleRoute(r, 'GET', '/console/facilities', ADMINS, async (req, res) => {
    send(res, facilitiesPage(pageContext(req), await listFacilities(ctx)));
  });
  consoleRoute(r, 'POST', '/console/facilities', ADMINS, async (req, res) => {
    const f = await createFacility(ctx, req.principal!, facilityInput(req.body));
    res.redirect(303, `/console/facilities/${f.id}`);
  });
  consoleRoute(r, 'GET', '/console/facilities/:id', ADMINS, async (req, res) => {
    send(res, facilityPage(pageContext(req), await getFacility(ctx, param(req, 'id'))));
  });
  consoleRoute(r, 'POST', '/console/facilities/:id', ADMINS, async (req, res) => {
    const f = await updateFacility(ctx, req.principal!, param(req, 'id'), facilityInput(req.body));
    res.redirect(303, `/console/facilities/${f.id}`);
  });
  consoleRoute(r, 'POST', '/console/facilities/:id/lines', ADMINS, async (req, res) => {
    const id = param(req, 'id');
    await addFacilityLine(ctx, req.principal!, id, { phone: req.body.phone, label: req.body.label });
    res.redirect(303, `/console/facilities/${id}`);
  });
  consoleRoute(r, 'POST', '/console/facilities/:id/lines/:lineId/remove', ADMINS, async (req, res) => {
    const id = param(req, 'id');
    await removeFacilityLine(ctx, req.principal!, id, param(req, 'lineId'));
    res.redirect(303, `/console/facilities/${id}`);
  });
  return r;
}
