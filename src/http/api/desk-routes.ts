import { Router } from 'express';
import type { AppContext } from '../../app-context.js';
import { DESK_STAFF } from '../../desk/desk-staff.js';
import { getDesk } from '../../desk/desk-view.js';
import { goOnDuty } from '../../desk/go-on-duty.js';
import { goOffDuty } from '../../desk/go-off-duty.js';
import { setAvailable } from '../../desk/set-available.js';
import { wrapUp } from '../../desk/wrap-up.js';
import type { DeskWrapUp } from '../../storage/schema.js';
import { apiRoute } from './api-route.js';

const wrapUpJson = (w: DeskWrapUp) => ({
  id: w.id,
  callSid: w.call_sid,
  outcome: w.outcome,
  queueTimeSeconds: w.queue_time_seconds,
  followUpTaskId: w.follow_up_task_id,
  createdAt: w.created_at,
});

/** The operator desk as JSON, through the same use cases as the console's desk page. */
export function deskApiRoutes(ctx: AppContext): Router {
  const r = Router();
  apiRoute(r, 'GET', '/desk', DESK_STAFF, 'desk:read', async (req, res) => {
    res.json(await getDesk(ctx, req.principal!));
  });
  apiRoute(r, 'POST', '/desk/on-duty', DESK_STAFF, 'desk:write', async (req, res) => {
    const p = await goOnDuty(ctx, req.principal!, req.body);
    res.json({ state: p.state, since: p.since, phone: p.phone });
  });
  apiRoute(r, 'POST', '/desk/off-duty', DESK_STAFF, 'desk:write', async (req, res) => {
    res.json({ wasOnDuty: await goOffDuty(ctx, req.principal!), state: 'off_duty' });
  });
  apiRoute(r, 'POST', '/desk/available', DESK_STAFF, 'desk:write', async (req, res) => {
    const p = await setAvailable(ctx, req.principal!);
    res.json({ state: p.state, since: p.since });
  });
  apiRoute(r, 'POST', '/desk/wrap-up', DESK_STAFF, 'desk:write', async (req, res) => {
    res.json(wrapUpJson(await wrapUp(ctx, req.principal!, req.body)));
  });
  return r;
}
