import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppContext } from '../app-context.js';
import { LANGUAGES, type Language } from '../storage/schema.js';
import { APOLOGY_TWIML } from '../telephony/twilio/render-twiml.js';
import { isValidTwilioSignature } from '../telephony/twilio/signature.js';
import { createHotline, type HotlineOptions } from '../hotline/hotline.js';
import { handleVoiceTurn } from '../hotline/handle-voice-turn.js';
import { handleCallStatus } from '../hotline/handle-call-status.js';
import { handleRecordingStatus } from '../hotline/handle-recording-status.js';
import { queueWaitTwiml } from '../hotline/queue-wait.js';
import { parseVoiceParams, type VoiceParams } from '../hotline/voice-params.js';
import { BodyError, readFormBody, type FormParams } from './read-form-body.js';
import { sendTwiml } from './send-twiml.js';

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';
const MAX_PARAMS = 200;
// /voice/step/N, or /voice/step/N/token while the call is in the menus (menu-token.ts).
const STEP = /^\/voice\/step\/([^/]+)(?:\/([^/]+))?\/?$/;
const QUEUE_WAIT = /^\/voice\/queue-wait\/([^/]+)\/?$/;
const OUTBOUND = /^\/voice\/outbound(\/|\?|$)/;

/** Same rule as before (z.coerce.number().int().min(1).max(100000)) on the decoded path segment. */
function turnOf(segment: string): number | undefined {
  let s: string;
  try {
    s = decodeURIComponent(segment);
  } catch {
    return undefined;
  }
  const n = Number(s);
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : undefined;
}

type Handler = (body: FormParams, path: string) => Promise<string>;

/**
 * Twilio's webhooks for the inbound hotline, /voice/* except /voice/outbound (issue 4's routes). A plain
 * handler ahead of the Express stack, because each webhook should cost little (issue 3's benchmark): no
 * helmet (TwiML needs no HTML security headers), no console session or CSRF work, a lean body parser.
 * What it enforces is unchanged: the body size limit (413), X-Twilio-Signature against PUBLIC_BASE_URL plus
 * the path and query as received (pitfalls 1, 5; 403 otherwise), parameter validation (the apology), and
 * valid TwiML with text/xml on every answer, errors included (pitfalls 17, 18).
 */
export function voiceRoutes(ctx: AppContext, opts: HotlineOptions = {}) {
  const hotline = createHotline(ctx, opts);
  const { publicBaseUrl } = ctx.config.http;
  const withParams = (fn: (p: VoiceParams, path: string) => Promise<string>): Handler => async (body, path) => {
    // Parameters Twilio would never send get the apology: the call ends politely, nothing is stored.
    const p = parseVoiceParams(body);
    return p ? fn(p, path) : APOLOGY_TWIML;
  };

  const route = (path: string): Handler | undefined => {
    switch (path) {
      // The Voice Fallback URL: static, so it works with Redis and the database down (pitfall 10).
      case '/voice/fallback':
        return async () => APOLOGY_TWIML;
      case '/voice/incoming':
        return withParams((p) => handleVoiceTurn(hotline, 0, p));
      case '/voice/status':
        return withParams(async (p) => {
          if (p.CallStatus) await handleCallStatus(hotline, { ...p, CallStatus: p.CallStatus });
          return EMPTY_TWIML;
        });
      case '/voice/recording':
        return withParams(async (p) => {
          if (p.RecordingSid) await handleRecordingStatus(hotline, { ...p, RecordingSid: p.RecordingSid });
          return EMPTY_TWIML;
        });
    }
    const step = STEP.exec(path);
    if (step) {
      const turn = turnOf(step[1]);
      const token = step[2];
      return withParams(async (p) => (turn === undefined ? APOLOGY_TWIML : handleVoiceTurn(hotline, turn, p, token)));
    }
    const wait = QUEUE_WAIT.exec(path);
    if (wait) {
      const lang: Language = (LANGUAGES as readonly string[]).includes(wait[1]) ? (wait[1] as Language) : 'ru';
      return async (body) => queueWaitTwiml(hotline, lang, typeof body.QueuePosition === 'string' ? body.QueuePosition : undefined);
    }
    return undefined;
  };

  async function serve(req: IncomingMessage, res: ServerResponse, url: string): Promise<void> {
    let status = 200;
    try {
      const body = await readFormBody(req, ctx.config.http.maxBodyBytes, MAX_PARAMS);
      if (!isValidTwilioSignature(ctx.config.twilio.authToken, publicBaseUrl + url, body, req.headers['x-twilio-signature'] as string | undefined)) {
        status = 403;
        return sendTwiml(res, APOLOGY_TWIML, 403);
      }
      const q = url.indexOf('?');
      const handler = req.method === 'POST' ? route(q < 0 ? url : url.slice(0, q)) : undefined;
      if (!handler) {
        status = 404;
        return sendTwiml(res, APOLOGY_TWIML, 404);
      }
      sendTwiml(res, await handler(body, url));
    } catch (err) {
      // A body too large to verify gets 413; anything else the apology with 200, so the caller hears it
      // rather than Twilio's error message (pitfall 18).
      status = err instanceof BodyError ? err.status : 200;
      if (status === 200) ctx.logger.error({ err, path: url.split('?')[0] }, 'voice:error answered with apology');
      else ctx.logger.warn({ path: url.split('?')[0], reason: (err as Error).message }, 'voice:bad request');
      if (!res.headersSent) sendTwiml(res, APOLOGY_TWIML, status);
      else res.end();
    } finally {
      ctx.metrics.httpRequests.inc({ group: 'voice', status: String(status) });
    }
  }

  /** Called first by createApp; everything that is not an inbound hotline webhook goes on to Express. */
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const url = req.url ?? '';
    if (!url.startsWith('/voice/') || OUTBOUND.test(url)) return next();
    void serve(req, res, url);
  };
}
