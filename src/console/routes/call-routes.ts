import { Router, type Request, type Response } from 'express';
import { holdEventStream, openEventStream } from './open-event-stream.js';
import type { AppContext } from '../../app-context.js';
import { ANY_STAFF, SUPERVISORS } from '../../http/auth/guard.js';
import { AppError, notFound } from '../../shared/errors.js';
import { safeBack } from './safe-back.js';
import { pageContext } from '../page-context.js';
import { callActions } from '../../calls/call-actions.js';
import { queueSnapshot, recentDecisions, type QueueFilter } from '../../calls/call-queue.js';
import { todaysFigures } from '../../calls/todays-figures.js';
import { defaultApproveStart } from '../../calls/default-approve-start.js';
import { queueFeed } from '../../calls/queue-feed.js';
import { callRequestsPage } from '../pages/call-requests-page.js';
import { approveChoices } from '../../calls/approve-choices.js';
import { queuePage } from '../pages/queue-page.js';
import { queueBoard, type BoardOptions } from '../pages/queue-board.js';
import { callPageRoutes } from './call-page-routes.js';
import { figuresPage, figureTiles } from '../pages/figures-page.js';
import { carrierPage } from '../pages/carrier-page.js';
import { simulatedCarrierView } from '../../telephony/simulated/simulated-carrier-view.js';
import { consoleRoute } from './console-route.js';

const num = (req: Request) => {
  const n = Number(req.params.id);
  if (!Number.isInteger(n) || n <= 0) throw notFound('the request');
  return n;
};
const send = (res: Response, page: string) => res.type('html').set('Cache-Control', 'no-store').send(page);
const filterOf = (req: Request): QueueFilter => ({
  state: typeof req.query.state === 'string' && req.query.state ? req.query.state : undefined,
  language: typeof req.query.language === 'string' && req.query.language ? req.query.language : undefined,
});

/** The board's row forms: listen prefilled with the supervisor's own phone, and a way back to the same filtered board. */
async function boardOptions(ctx: AppContext, req: Request, filter: QueueFilter): Promise<BoardOptions> {
  const me = await ctx.repos.users.findById(req.principal!.userId);
  const query = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => !!e[1])).toString();
  return { now: ctx.clock.now(), phone: me?.phone ?? null, back: `/console/queue${query ? `?${query}` : ''}` };
}

async function stillAllowed(ctx: AppContext, req: Request): Promise<boolean> {
  const p = req.principal!;
  const now =
    p.via === 'session'
      ? await ctx.sessions?.resolve(req)
      : await ctx.repos.users.findByApiToken(
          String(req.headers.authorization ?? '')
            .slice(7)
            .trim(),
        );
  return Boolean(now && SUPERVISORS.includes(now.role));
}

/** Call requests, the supervisor's live queue (SSE), call detail and actions, figures, simulated carrier. */
export function callRoutes(ctx: AppContext, opts: { feedIntervalMs?: number; pingMs?: number } = {}): Router {
  const r = Router();
  consoleRoute(r, 'GET', '/console/call-requests', ANY_STAFF, async (req, res) => {
    const items = await queueSnapshot(ctx, { state: 'pending_approval' });
    const canDecide = req.principal!.role !== 'operator';
    const starts = new Map<string, Date>();
    for (const i of canDecide ? items : []) starts.set(i.id, (await defaultApproveStart(ctx, Number(i.id))) ?? i.at);
    const choices = canDecide
      ? await approveChoices(
          ctx,
          req.principal!,
          items.map((i) => i.detaineeId),
        )
      : undefined;
    send(res, callRequestsPage(pageContext(req), items, canDecide, await recentDecisions(ctx), starts, choices));
  });
  for (const action of ['approve', 'deny'] as const) {
    consoleRoute(r, 'POST', `/console/call-requests/:id/${action}`, SUPERVISORS, async (req, res) => {
      const out = await callActions[action](ctx, req.principal!, num(req), req.body ?? {});
      res.redirect(
        303,
        action === 'approve' && out && typeof out === 'object' && 'id' in out
          ? `/console/calls/${String(out.id)}`
          : '/console/call-requests',
      );
    });
  }
  consoleRoute(r, 'GET', '/console/queue', SUPERVISORS, async (req, res) => {
    const filter = filterOf(req);
    const o = await boardOptions(ctx, req, filter);
    send(res, queuePage(pageContext(req), await queueSnapshot(ctx, filter), filter, await todaysFigures(ctx), o));
  });
  consoleRoute(r, 'GET', '/console/queue/events', SUPERVISORS, async (req, res) => {
    const pc = pageContext(req);
    const filter = filterOf(req);
    const o = await boardOptions(ctx, req, filter);
    openEventStream(res);
    const unsubscribe = queueFeed(ctx, opts.feedIntervalMs).subscribe(({ items, figures }, version) => {
      const shown = items.filter(
        (i) => (!filter.state || i.state === filter.state) && (!filter.language || i.language === filter.language),
      );
      const now = ctx.clock.now();
      const board = queueBoard(pc, shown, { ...o, now }).toString();
      res.write(`event: queue\ndata: ${JSON.stringify({ version, now, html: board, figures: figureTiles(pc, figures).toString() })}\n\n`);
    });
    holdEventStream(req, res, { stillAllowed: () => stillAllowed(ctx, req), pingMs: opts.pingMs, unsubscribe });
  });
  r.use(callPageRoutes(ctx, { ...opts, stillAllowed: (req) => stillAllowed(ctx, req) }));
  for (const action of ['cancel', 'reschedule', 'listen', 'barge', 'end'] as const) {
    consoleRoute(r, 'POST', `/console/calls/:id/${action}`, SUPERVISORS, async (req, res) => {
      // Ending cuts every party off at once: the console's form asks for a tick first (S-03).
      if (action === 'end' && req.body?.confirm !== 'yes')
        throw new AppError('confirm_end', 'tick the box to confirm ending the call', 422);
      const out = await callActions[action](ctx, req.principal!, String(req.params.id), req.body ?? {});
      // A rescheduled call continues under a new id.
      const next = action === 'reschedule' && out && typeof out === 'object' && 'id' in out ? String(out.id) : String(req.params.id);
      res.redirect(
        303,
        safeBack(typeof req.body?.back === 'string' ? req.body.back : undefined, `/console/calls/${encodeURIComponent(next)}`),
      );
    });
  }
  consoleRoute(r, 'GET', '/console/figures', SUPERVISORS, async (req, res) => {
    send(res, figuresPage(pageContext(req), await todaysFigures(ctx)));
  });
  consoleRoute(r, 'GET', '/console/carrier', SUPERVISORS, async (req, res) => {
    send(res, carrierPage(pageContext(req), simulatedCarrierView(ctx.telephony)));
  });
  return r;
}
