import { Router, type Request, type Response } from 'express';
import { holdEventStream, openEventStream } from './open-event-stream.js';
import type { AppContext } from '../../app-context.js';
import { SUPERVISORS, guardedRoute } from '../../http/auth/guard.js';
import { pageContext } from '../page-context.js';
import { callDetail } from '../../calls/call-detail.js';
import { callFeed } from '../../calls/call-feed.js';
import { callPage } from '../pages/call-page.js';
import { callLiveParts } from '../pages/call-live.js';
import { CALL_JS } from '../call-assets.js';
import { consoleRoute } from './console-route.js';

const send = (res: Response, page: string) => res.type('html').set('Cache-Control', 'no-store').send(page);
/** Listen is prefilled with the supervisor's own phone from their profile (S-03). */
const ownPhone = async (ctx: AppContext, req: Request) => (await ctx.repos.users.findById(req.principal!.userId))?.phone ?? null;

/**
 * The call page and its live stream: the page's parts re-rendered on the server whenever the call changed
 * (call-feed.ts), pushed as server-sent events; `stillAllowed` re-checks the session or token at every ping.
 */
export function callPageRoutes(
  ctx: AppContext,
  opts: { feedIntervalMs?: number; pingMs?: number; stillAllowed: (req: Request) => Promise<boolean> },
): Router {
  const r = Router();
  guardedRoute(r, '', 'GET', '/console/assets/call.js', 'public', (_req, res) =>
    res.type('js').set('Cache-Control', 'max-age=300').send(CALL_JS),
  );
  consoleRoute(r, 'GET', '/console/calls/:id', SUPERVISORS, async (req, res) => {
    send(res, callPage(pageContext(req), await callDetail(ctx, String(req.params.id)), await ownPhone(ctx, req)));
  });
  consoleRoute(r, 'GET', '/console/calls/:id/events', SUPERVISORS, async (req, res) => {
    const id = String(req.params.id);
    await callDetail(ctx, id); // an unknown call is a 404, not an empty stream
    const pc = pageContext(req);
    const phone = await ownPhone(ctx, req);
    openEventStream(res);
    const unsubscribe = callFeed(ctx, id, opts.feedIntervalMs).subscribe((d, version) => {
      const p = callLiveParts(pc, d, phone);
      const data = {
        version,
        now: d.now.toISOString(),
        head: p.head.toString(),
        actions: p.actions.toString(),
        actionsKey: p.actionsKey,
        attempts: p.attempts.toString(),
        timeline: p.timeline.toString(),
      };
      res.write(`event: call\ndata: ${JSON.stringify(data)}\n\n`);
    });
    holdEventStream(req, res, { stillAllowed: () => opts.stillAllowed(req), pingMs: opts.pingMs, unsubscribe });
  });
  return r;
}
