import express, { Router, type Request, type RequestHandler } from 'express';
import type { AppContext } from '../../app-context.js';
import { ANY_STAFF, SUPERVISORS, guardedRoute } from '../auth/guard.js';
import { AppError } from '../../shared/errors.js';
import { requestCall } from '../../calls/request-call.js';
import { approveCallRequest } from '../../calls/approve-call-request.js';
import { denyCallRequest } from '../../calls/deny-call-request.js';
import { callActions } from '../../calls/call-actions.js';
import { bargeCall, endCall } from '../../calls/supervise-call.js';
import { getCall, listCalls } from '../../calls/get-call.js';
import { CALL_STATES } from '../../calls/call-states.js';
import { reconcileCallJobs } from '../../worker/reconcile-call-jobs.js';

const MOUNT = '/api';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const actor = (req: Request) => req.principal?.username ?? 'unknown';
const callId = (req: Request) => {
  const id = String(req.params.id);
  if (!UUID.test(id)) throw new AppError('not_found', 'call was not found', 404);
  return id;
};
const requestId = (req: Request) => {
  const id = Number(req.params.id);
  if (!Number.isInteger(id) || id <= 0) throw new AppError('not_found', 'call request was not found', 404);
  return id;
};

/** Thin JSON handlers: call the use case, answer; its AppError reaches the app's error handler (Express 5 forwards rejections). */
const json =
  (status: number, fn: (req: Request) => Promise<unknown>): RequestHandler =>
  async (req, res) => {
    res.status(status).json(await fn(req));
  };

/** REST API of supervised calls. Operators request and view; supervisors decide and control. */
export function callsApiRouter(ctx: AppContext): Router {
  const r = Router();
  r.use(express.json({ limit: ctx.config.http.maxBodyBytes }));
  const route = (method: 'GET' | 'POST', path: string, roles: typeof ANY_STAFF, h: RequestHandler) =>
    guardedRoute(r, MOUNT, method, path, roles, h);

  route(
    'POST',
    '/call-requests',
    ANY_STAFF,
    json(201, async (req) => {
      const rq = await requestCall(ctx, req.body ?? {}, actor(req));
      return { id: rq.id, status: rq.status, earliest: rq.earliest, maxMinutes: rq.max_minutes, language: rq.language, source: rq.source };
    }),
  );
  route(
    'POST',
    '/call-requests/:id/approve',
    SUPERVISORS,
    json(201, async (req) => {
      const call = await approveCallRequest(ctx, requestId(req), req.body ?? {}, actor(req));
      return { callId: call.id, state: call.state, startAt: call.start_at };
    }),
  );
  route(
    'POST',
    '/call-requests/:id/deny',
    SUPERVISORS,
    json(200, async (req) => {
      const rq = await denyCallRequest(ctx, requestId(req), req.body ?? {}, actor(req));
      return { id: rq.id, status: rq.status, reason: rq.reason };
    }),
  );
  route(
    'GET',
    '/calls',
    ANY_STAFF,
    json(200, async (req) => {
      const states = String(req.query.state ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      return { calls: await listCalls(ctx, states, Number(req.query.limit ?? 100) || 100), states: CALL_STATES };
    }),
  );
  route(
    'GET',
    '/calls/:id',
    ANY_STAFF,
    json(200, (req) => getCall(ctx, callId(req))),
  );
  route(
    'POST',
    '/calls/:id/cancel',
    SUPERVISORS,
    json(200, async (req) => {
      const c = await callActions.cancel(ctx, req.principal!, callId(req), req.body ?? {});
      return { callId: c.id, state: c.state, reason: c.final_reason };
    }),
  );
  route(
    'POST',
    '/calls/reconcile',
    SUPERVISORS,
    json(200, () => reconcileCallJobs(ctx)),
  );
  route(
    'POST',
    '/calls/:id/barge',
    SUPERVISORS,
    json(200, async (req) => {
      await bargeCall(ctx, callId(req), actor(req));
      return { callId: req.params.id, barged: true };
    }),
  );
  route(
    'POST',
    '/calls/:id/end',
    SUPERVISORS,
    json(200, async (req) => {
      await endCall(ctx, callId(req), req.body ?? {}, actor(req));
      return getCall(ctx, callId(req));
    }),
  );
  return r;
}
