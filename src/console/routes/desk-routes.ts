import { Router, type Request, type Response } from 'express';
import { holdEventStream, openEventStream } from './open-event-stream.js';
import type { AppContext } from '../../app-context.js';
import { guardedRoute } from '../../http/auth/guard.js';
import { DESK_STAFF } from '../../desk/desk-staff.js';
import { deskPresence } from '../../desk/desk.js';
import { deskFeed, deskVersion } from '../../desk/desk-feed.js';
import { deskViewFor, getDesk } from '../../desk/desk-view.js';
import { goOnDuty } from '../../desk/go-on-duty.js';
import { goOffDuty } from '../../desk/go-off-duty.js';
import { setAvailable } from '../../desk/set-available.js';
import { wrapUp } from '../../desk/wrap-up.js';
import { pageContext } from '../page-context.js';
import { deskPage } from '../pages/desk-page.js';
import { deskCallers, deskMe, deskMeKey } from '../pages/desk-panels.js';
import { DESK_JS } from '../desk-assets.js';
import { consoleRoute } from './console-route.js';

const send = (res: Response, page: string) => res.type('html').set('Cache-Control', 'no-store').send(page);
const savedPhone = async (ctx: AppContext, req: Request) => (await ctx.repos.users.findById(req.principal!.userId))?.phone ?? '';

/** The wrap-up form in the shape of the API's body: the follow-up only when its box is ticked. */
const wrapUpBody = (b: Record<string, unknown>) => ({
  callSid: b.callSid,
  outcome: b.outcome || undefined,
  note: b.note,
  ...(b.followUp ? { followUp: { window: b.followUpWindow } } : {}),
});

/** The operator desk: presence, the live list of callers (SSE), the connected caller and the wrap-up. */
export function deskRoutes(ctx: AppContext, opts: { feedIntervalMs?: number; pingMs?: number } = {}): Router {
  const r = Router();
  guardedRoute(r, '', 'GET', '/console/assets/desk.js', 'public', (_req, res) =>
    res.type('js').set('Cache-Control', 'max-age=300').send(DESK_JS),
  );
  consoleRoute(r, 'GET', '/console/desk', DESK_STAFF, async (req, res) => {
    send(res, deskPage(pageContext(req), await getDesk(ctx, req.principal!), await savedPhone(ctx, req)));
  });
  consoleRoute(r, 'GET', '/console/desk/events', DESK_STAFF, async (req, res) => {
    const pc = pageContext(req);
    const p = req.principal!;
    const phone = await savedPhone(ctx, req);
    openEventStream(res);
    // The page says what its operator's part shows; that part is sent only when it changed (see deskMeKey).
    let lastMe = typeof req.query.me === 'string' ? req.query.me : '';
    const unsubscribe = deskFeed(ctx, opts.feedIntervalMs).subscribe((s) => {
      const v = deskViewFor(s, p.userId);
      const meKey = deskMeKey(v);
      const me = meKey === lastMe ? null : deskMe(pc, v, phone).toString();
      lastMe = meKey;
      res.write(
        `event: desk\ndata: ${JSON.stringify({ version: deskVersion(s), now: v.at, callers: deskCallers(pc, v).toString(), me })}\n\n`,
      );
    });
    // An open desk keeps the operator's presence alive at each ping.
    const stillAllowed = async () => {
      const still = await ctx.sessions?.resolve(req);
      if (!still || !DESK_STAFF.includes(still.role)) return false;
      await deskPresence(ctx).touch(p.userId);
      return true;
    };
    holdEventStream(req, res, { stillAllowed, pingMs: opts.pingMs, unsubscribe });
  });
  consoleRoute(r, 'POST', '/console/desk/on-duty', DESK_STAFF, async (req, res) => {
    await goOnDuty(ctx, req.principal!, { phone: (req.body as Record<string, unknown>)?.phone });
    res.redirect(303, '/console/desk');
  });
  consoleRoute(r, 'POST', '/console/desk/off-duty', DESK_STAFF, async (req, res) => {
    await goOffDuty(ctx, req.principal!);
    res.redirect(303, '/console/desk');
  });
  consoleRoute(r, 'POST', '/console/desk/available', DESK_STAFF, async (req, res) => {
    await setAvailable(ctx, req.principal!);
    res.redirect(303, '/console/desk');
  });
  consoleRoute(r, 'POST', '/console/desk/wrap-up', DESK_STAFF, async (req, res) => {
    await wrapUp(ctx, req.principal!, wrapUpBody((req.body ?? {}) as Record<string, unknown>));
    res.redirect(303, '/console/desk');
  });
  return r;
}
