import { Router, type Request } from 'express';
import type { AppContext } from '../../app-context.js';
import { APOLOGY_TWIML } from '../../telephony/twilio/render-twiml.js';
import type { VoiceParams, WebhookParams } from '../../telephony/webhook-params.js';
import { operatorAnswered, operatorBridged, operatorCallStatus, operatorDialEnded, operatorTake } from '../../desk/operator-call.js';
import { callbackRoute, twimlRoute } from './twilio-webhook.js';

const userIdOf = (req: Request): number | undefined => {
  const v = String(req.params.userId);
  return /^\d{1,9}$/.test(v) && Number(v) > 0 ? Number(v) : undefined;
};

/** The operator's desk call (O-05): the whisper, the take, the bridge, the end, the status. */
export function deskVoiceRoutes(ctx: AppContext): Router {
  const r = Router();
  const answer = (fn: (ctx: AppContext, userId: number, p: VoiceParams) => Promise<string>) =>
    twimlRoute(ctx, async (p: WebhookParams, req) => {
      const userId = userIdOf(req);
      return userId && p.CallSid ? fn(ctx, userId, { ...p, CallSid: p.CallSid }) : APOLOGY_TWIML;
    });
  r.post('/voice/desk/operator/:userId', answer(operatorAnswered));
  r.post('/voice/desk/operator/:userId/take', answer(operatorTake));
  r.post('/voice/desk/operator/:userId/bridged', answer(operatorBridged));
  r.post('/voice/desk/operator/:userId/dial-end', answer(operatorDialEnded));
  r.post(
    '/voice/desk/operator/:userId/status',
    callbackRoute(ctx, async (p, req) => {
      const userId = userIdOf(req);
      if (userId && p.CallSid && p.CallStatus)
        await operatorCallStatus(ctx, userId, { ...p, CallSid: p.CallSid, CallStatus: p.CallStatus });
    }),
  );
  return r;
}
