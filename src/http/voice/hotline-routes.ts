import { Router } from 'express';
import type { AppContext } from '../../app-context.js';
import { LANGUAGES, type Language } from '../../storage/schema.js';
import { APOLOGY_TWIML } from '../../telephony/twilio/render-twiml.js';
import { createHotline, type HotlineOptions } from '../../hotline/hotline.js';
import { handleVoiceTurn } from '../../hotline/handle-voice-turn.js';
import { handleCallStatus } from '../../hotline/handle-call-status.js';
import { handleRecordingStatus } from '../../hotline/handle-recording-status.js';
import { queueLeaveTwiml, queueWaitTwiml } from '../../hotline/queue-wait.js';
import { handleQueueResult } from '../../hotline/handle-queue-result.js';
import { callbackRoute, sendTwiml, twimlRoute } from './twilio-webhook.js';

/** A turn number as the action URLs carry it; anything else is not a URL kinline gave out. */
function turnOf(v: string): number | undefined {
  const n = Number(v);
  return /^\d+$/.test(v) && n >= 1 && n <= 100_000 ? n : undefined;
}

/** The inbound hotline's Twilio webhooks. Each answers a call with TwiML, or acknowledges a callback. */
export function hotlineRoutes(ctx: AppContext, opts: HotlineOptions = {}): Router {
  const hotline = createHotline(ctx, opts);
  const r = Router();
  // The Voice Fallback URL: static, so it works with Redis and the database down (twilio-notes TW-10).
  r.post('/voice/fallback', (_req, res) => sendTwiml(res, APOLOGY_TWIML));
  r.post(
    '/voice/incoming',
    twimlRoute(ctx, async (p) => (p.CallSid ? handleVoiceTurn(hotline, 0, { ...p, CallSid: p.CallSid }) : APOLOGY_TWIML)),
  );
  r.post(
    '/voice/step/:turn',
    twimlRoute(ctx, async (p, req) => {
      const turn = turnOf(String(req.params.turn));
      return p.CallSid && turn ? handleVoiceTurn(hotline, turn, { ...p, CallSid: p.CallSid }) : APOLOGY_TWIML;
    }),
  );
  r.post(
    '/voice/queue-wait/:lang',
    twimlRoute(ctx, async (p, req) => {
      const lang = String(req.params.lang);
      return queueWaitTwiml(hotline, (LANGUAGES as readonly string[]).includes(lang) ? (lang as Language) : 'ru', p);
    }),
  );
  // A key in the wait document (1: leave for a callback), and the Enqueue's action (how the caller left).
  r.post(
    '/voice/queue/leave',
    twimlRoute(ctx, async (p) => queueLeaveTwiml(p)),
  );
  r.post(
    '/voice/queue/result/:turn',
    twimlRoute(ctx, async (p, req) => {
      const turn = turnOf(String(req.params.turn));
      return p.CallSid && turn ? handleQueueResult(hotline, turn, { ...p, CallSid: p.CallSid }) : APOLOGY_TWIML;
    }),
  );
  r.post(
    '/voice/status',
    callbackRoute(ctx, async (p) => {
      if (p.CallSid && p.CallStatus) await handleCallStatus(hotline, { ...p, CallSid: p.CallSid, CallStatus: p.CallStatus });
    }),
  );
  r.post(
    '/voice/recording',
    callbackRoute(ctx, async (p) => {
      if (p.CallSid && p.RecordingSid) await handleRecordingStatus(hotline, { ...p, CallSid: p.CallSid, RecordingSid: p.RecordingSid });
    }),
  );
  return r;
}
