import { Router, type Request, type RequestHandler } from 'express';
import type { AppContext } from '../../app-context.js';
import { guardedRoute } from '../auth/guard.js';
import { callbackRoute, sendTwiml, twimlRoute } from './twilio-webhook.js';
import type { WebhookParams } from '../../telephony/webhook-params.js';
import { outboundTwiml } from './outbound-twiml-handlers.js';
import { handleLegStatus } from '../../calls/handle-leg-status.js';
import { handleAmdResult } from '../../calls/handle-amd-result.js';
import { handleConferenceEvent } from '../../calls/handle-party-input.js';
import { CALL_LEGS } from '../../calls/call-legs.js';
import { handleCallRecording } from '../../calls/handle-call-recording.js';
import { CALL_APOLOGY_TWIML } from '../../telephony/twilio/render-twiml.js';

const MOUNT = '/voice/outbound';
const CALL = '/:callId/:n';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface CallRef {
  callId: string;
  attemptNo: number;
}

/** The URL carries only the call id and the attempt number (twilio-notes TW-35); anything else is not ours. */
export function callRef(req: Request): CallRef | undefined {
  const callId = String(req.params.callId ?? '');
  const attemptNo = Number(req.params.n);
  return UUID.test(callId) && Number.isInteger(attemptNo) && attemptNo > 0 && attemptNo < 1000 ? { callId, attemptNo } : undefined;
}

/** A document of the monitored call; a request for no call of ours, or a failure, gets the call's apology. */
const twiml = (ctx: AppContext, fn: (ref: CallRef, p: WebhookParams, req: Request) => Promise<string>): RequestHandler =>
  twimlRoute(
    ctx,
    async (p, req) => {
      const ref = callRef(req);
      return ref ? fn(ref, p, req) : CALL_APOLOGY_TWIML;
    },
    CALL_APOLOGY_TWIML,
  );

/** A carrier callback of the monitored call; one for no attempt of ours is acknowledged, logged as such and ignored. */
const callback = (ctx: AppContext, fn: (ref: CallRef, p: WebhookParams, req: Request) => Promise<void>): RequestHandler =>
  callbackRoute(ctx, async (p, req) => {
    const ref = callRef(req);
    if (ref && (await ctx.repos.callAttempts.find(ref.callId, ref.attemptNo))) return fn(ref, p, req);
    ctx.logger.info({ path: req.route?.path }, 'voice:callback for no call of ours; ignored');
  });

/** The monitored call's webhooks: TwiML for each leg and the carrier's callbacks. */
export function outboundVoiceRoutes(ctx: AppContext): Router {
  const r = Router();
  const t = outboundTwiml(ctx);
  const post = (path: string, h: RequestHandler) => guardedRoute(r, '', 'POST', `${MOUNT}${path}`, 'public', h);
  post('/fallback', (_req, res) => sendTwiml(res, CALL_APOLOGY_TWIML));
  // Each leg's document starts at its entry of flows/supervised-call/flow.yaml; a document that waits posts
  // to the step that waited (e.g. /facility/briefing, /relative/accept).
  for (const leg of CALL_LEGS) {
    post(
      `${CALL}/${leg}`,
      twiml(ctx, (ref, p) => t.answer(ref, leg, undefined, p)),
    );
    post(
      `${CALL}/${leg}/:step`,
      twiml(ctx, (ref, p, req) => t.answer(ref, leg, String(req.params.step), p)),
    );
  }
  post(
    `${CALL}/status/:leg`,
    callback(ctx, async (ref, p, req) => {
      const leg = String(req.params.leg);
      if (leg !== 'facility' && leg !== 'relative' && leg !== 'monitor') return;
      if (!p.CallSid || !p.CallStatus) return;
      await handleLegStatus(ctx, { ...ref, leg, callSid: p.CallSid, callStatus: p.CallStatus, sequence: p.SequenceNumber });
    }),
  );
  for (const leg of ['relative', 'monitor'] as const) {
    post(
      leg === 'relative' ? `${CALL}/amd` : `${CALL}/amd/monitor`,
      callback(ctx, async (ref, p) => {
        if (p.CallSid && p.AnsweredBy) await handleAmdResult(ctx, { ...ref, callSid: p.CallSid, answeredBy: p.AnsweredBy, leg });
      }),
    );
  }
  post(
    `${CALL}/conference`,
    callback(ctx, async (ref, p) => {
      if (p.ConferenceSid && p.StatusCallbackEvent) {
        await handleConferenceEvent(ctx, {
          ...ref,
          conferenceSid: p.ConferenceSid,
          event: p.StatusCallbackEvent,
          callSid: p.CallSid,
          sequence: p.SequenceNumber,
        });
      }
    }),
  );
  post(
    `${CALL}/recording`,
    callback(ctx, async (ref, p) => {
      if (!p.RecordingSid) return;
      await handleCallRecording(ctx, {
        ...ref,
        recordingSid: p.RecordingSid,
        recordingStatus: p.RecordingStatus,
        durationSeconds: p.RecordingDuration,
        conferenceSid: p.ConferenceSid,
      });
    }),
  );
  return r;
}
