import { Router, type Request, type RequestHandler } from 'express';
import type { AppContext } from '../../app-context.js';
import { guardedRoute } from '../auth/guard.js';
import { callbackRoute, sendTwiml, twimlRoute } from './twilio-webhook.js';
import { HANGUP_TWIML } from '../../telephony/twilio/render-twiml.js';
import {
  familyLegStatus,
  operatorAnswered,
  operatorLegStatus,
  operatorPressed,
  operatorToldUnreached,
} from '../../desk/handle-task-call-webhooks.js';

const MOUNT = '/voice/callback';

/** Only the attempt's id is in the URL (twilio-notes TW-35); anything else is not ours. */
const callIdOf = (req: Request): number | undefined => {
  const n = Number(req.params.callId);
  return Number.isInteger(n) && n > 0 ? n : undefined;
};

/** The webhooks of calls to families from tasks: the operator's leg (whisper, press 1) and both legs' statuses. */
export function callbackVoiceRoutes(ctx: AppContext): Router {
  const r = Router();
  const post = (path: string, h: RequestHandler) => guardedRoute(r, '', 'POST', `${MOUNT}${path}`, 'public', h);
  const twiml = (fn: (id: number, req: Request, p: { Digits?: string; CallSid?: string }) => Promise<string>) =>
    twimlRoute(ctx, async (p, req) => {
      const id = callIdOf(req);
      return id ? fn(id, req, p) : HANGUP_TWIML;
    });
  post('/fallback', (_req, res) => sendTwiml(res, HANGUP_TWIML));
  post(
    '/:callId/operator',
    twiml((id) => operatorAnswered(ctx, id)),
  );
  post(
    '/:callId/operator/press',
    twiml((id, _req, p) =>
      p.CallSid ? operatorPressed(ctx, id, { digits: p.Digits, callSid: p.CallSid }) : Promise.resolve(HANGUP_TWIML),
    ),
  );
  post(
    '/:callId/operator/unreached',
    twiml((id) => operatorToldUnreached(ctx, id)),
  );
  post(
    '/:callId/status/:leg',
    callbackRoute(ctx, async (p, req) => {
      const id = callIdOf(req);
      if (!id || !p.CallStatus) return;
      if (req.params.leg === 'operator') await operatorLegStatus(ctx, id, p.CallStatus);
      else if (req.params.leg === 'family') await familyLegStatus(ctx, id, p.CallStatus);
    }),
  );
  return r;
}
