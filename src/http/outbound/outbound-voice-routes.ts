import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import type { AppContext } from '../../app-context.js';
import { guardedRoute } from '../auth/guard.js';
import { verifyTwilioSignature } from './verify-twilio-signature.js';
import { outboundTwiml } from './outbound-twiml-handlers.js';
import { handleLegStatus } from '../../calls/handle-leg-status.js';
import { handleAmdResult } from '../../calls/handle-amd-result.js';
import { handleConferenceEvent } from '../../calls/handle-party-input.js';
import { CALL_LEGS } from '../../calls/supervised-call-flow.js';
import { CALL_APOLOGY_TWIML } from '../../telephony/twilio/render-twiml.js';

const MOUNT = '/voice/outbound';
const CALL = '/:callId/:n';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface CallRef {
  callId: string;
  attemptNo: number;
}

/** The URL carries only the call id and the attempt number (pitfall 35); anything else is not ours. */
export function callRef(req: Request): CallRef | undefined {
  const callId = String(req.params.callId ?? '');
  const attemptNo = Number(req.params.n);
  return UUID.test(callId) && Number.isInteger(attemptNo) && attemptNo > 0 && attemptNo < 1000 ? { callId, attemptNo } : undefined;
}

const body = (req: Request): Record<string, string> => (req.body ?? {}) as Record<string, string>;

/** TwiML routes always answer valid TwiML with text/xml, also on errors (pitfalls 17, 18). */
function twimlRoute(ctx: AppContext, fn: (ref: CallRef, params: Record<string, string>, req: Request) => Promise<string>): RequestHandler {
  return async (req: Request, res: Response) => {
    let xml: string;
    try {
      const ref = callRef(req);
      xml = ref ? await fn(ref, body(req), req) : CALL_APOLOGY_TWIML;
    } catch (err) {
      const e = err as { name?: string; code?: string };
      ctx.logger.error({ path: req.route?.path, error: e?.name, code: e?.code }, 'voice:outbound twiml error');
      xml = CALL_APOLOGY_TWIML;
    }
    res.status(200).type('text/xml').send(xml);
  };
}

function callbackRoute(ctx: AppContext, fn: (ref: CallRef, params: Record<string, string>, req: Request) => Promise<void>): RequestHandler {
  return async (req, res) => {
    const ref = callRef(req);
    if (!ref) return void res.status(404).end();
    try {
      await fn(ref, body(req), req);
    } catch (err) {
      // Never a 500 to the carrier (pitfalls 17, 18). Only the error's class and code are logged: a database
      // error's message may quote the values it refused (C-13).
      const e = err as { name?: string; code?: string };
      ctx.logger.error({ path: req.route?.path, error: e?.name, code: e?.code }, 'voice:outbound callback failed');
    }
    res.status(204).end();
  };
}

/** The monitored call's webhooks (issue 4): TwiML for each leg and the carrier's callbacks. */
export function outboundVoiceRoutes(ctx: AppContext): Router {
  const r = Router();
  const t = outboundTwiml(ctx);
  r.use(MOUNT, express.urlencoded({ extended: false, limit: ctx.config.http.maxBodyBytes }), verifyTwilioSignature(ctx));
  const post = (path: string, h: RequestHandler) => guardedRoute(r, '', 'POST', `${MOUNT}${path}`, 'public', h);
  post('/fallback', (_req, res) => void res.status(200).type('text/xml').send(CALL_APOLOGY_TWIML));
  // Each leg's document starts at its entry of flows/supervised-call/flow.yaml; a document that waits posts
  // to the step that waited (e.g. /facility/briefing, /relative/accept).
  for (const leg of CALL_LEGS) {
    post(`${CALL}/${leg}`, twimlRoute(ctx, (ref, p) => t.answer(ref, leg, undefined, p)));
    post(`${CALL}/${leg}/:step`, twimlRoute(ctx, (ref, p, req) => t.answer(ref, leg, String(req.params.step), p)));
  }
  post(
    `${CALL}/status/:leg`,
    callbackRoute(ctx, async (ref, p, req) => {
      const leg = String(req.params.leg);
      if (leg !== 'facility' && leg !== 'relative' && leg !== 'monitor') return;
      if (!p.CallSid || !p.CallStatus) return;
      await handleLegStatus(ctx, { ...ref, leg, callSid: p.CallSid, callStatus: p.CallStatus, sequence: p.SequenceNumber });
    }),
  );
  for (const leg of ['relative', 'monitor'] as const) {
    post(
      leg === 'relative' ? `${CALL}/amd` : `${CALL}/amd/monitor`,
      callbackRoute(ctx, async (ref, p) => {
        if (p.CallSid && p.AnsweredBy) await handleAmdResult(ctx, { ...ref, callSid: p.CallSid, answeredBy: p.AnsweredBy, leg });
      }),
    );
  }
  post(
    `${CALL}/conference`,
    callbackRoute(ctx, async (ref, p) => {
      if (p.ConferenceSid && p.StatusCallbackEvent) {
        await handleConferenceEvent(ctx, { ...ref, conferenceSid: p.ConferenceSid, event: p.StatusCallbackEvent, callSid: p.CallSid, sequence: p.SequenceNumber });
      }
    }),
  );
  return r;
}
