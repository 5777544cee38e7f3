import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { LANGUAGES } from '../storage/schema.js';
import { APOLOGY_TWIML } from '../telephony/twilio/render-twiml.js';
import { createHotline, type HotlineOptions } from '../hotline/hotline.js';
import { handleVoiceTurn } from '../hotline/handle-voice-turn.js';
import { handleCallStatus } from '../hotline/handle-call-status.js';
import { handleRecordingStatus } from '../hotline/handle-recording-status.js';
import { queueWaitTwiml } from '../hotline/queue-wait.js';
import { voiceParamsSchema } from '../hotline/voice-params.js';
import { verifyTwilioSignature } from './verify-twilio-signature.js';
import { voiceErrorHandler } from './voice-error-handler.js';
import { sendTwiml } from './send-twiml.js';

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';
const turnSchema = z.coerce.number().int().min(1).max(100_000);
const langSchema = z.enum(LANGUAGES);

/** Twilio's webhooks for the inbound hotline. Routes are thin: parse, call the use case, send TwiML. */
export function voiceRoutes(ctx: AppContext, opts: HotlineOptions = {}): Router {
  const hotline = createHotline(ctx, opts);
  const r = Router();
  r.use(
    '/voice',
    express.urlencoded({ extended: false, limit: ctx.config.http.maxBodyBytes, parameterLimit: 200 }),
    verifyTwilioSignature(ctx.config),
  );

  // Parameters Twilio would never send get the apology: the call ends politely, nothing is stored.
  const params = (req: Request, res: Response) => {
    const p = voiceParamsSchema.safeParse(req.body ?? {});
    if (!p.success) sendTwiml(res, APOLOGY_TWIML);
    return p.success ? p.data : undefined;
  };

  // The Voice Fallback URL: static, so it works with Redis and the database down (pitfall 10).
  r.post('/voice/fallback', (_req, res) => sendTwiml(res, APOLOGY_TWIML));

  r.post('/voice/incoming', async (req, res) => {
    const p = params(req, res);
    if (p) sendTwiml(res, await handleVoiceTurn(hotline, 0, p));
  });

  r.post('/voice/step/:turn', async (req, res) => {
    const turn = turnSchema.safeParse(req.params.turn);
    const p = params(req, res);
    if (!p) return;
    sendTwiml(res, turn.success ? await handleVoiceTurn(hotline, turn.data, p) : APOLOGY_TWIML);
  });

  r.post('/voice/status', async (req, res) => {
    const p = params(req, res);
    if (!p) return;
    if (p.CallStatus) await handleCallStatus(hotline, { ...p, CallStatus: p.CallStatus });
    sendTwiml(res, EMPTY_TWIML);
  });

  r.post('/voice/recording', async (req, res) => {
    const p = params(req, res);
    if (!p) return;
    if (p.RecordingSid) await handleRecordingStatus(hotline, { ...p, RecordingSid: p.RecordingSid });
    sendTwiml(res, EMPTY_TWIML);
  });

  r.post('/voice/queue-wait/:lang', async (req, res) => {
    const lang = langSchema.safeParse(req.params.lang);
    sendTwiml(res, await queueWaitTwiml(hotline, lang.success ? lang.data : 'ru', typeof req.body?.QueuePosition === 'string' ? req.body.QueuePosition : undefined));
  });

  r.use('/voice', (_req, res) => sendTwiml(res, APOLOGY_TWIML, 404));
  r.use('/voice', voiceErrorHandler(ctx.logger));
  return r;
}
