import type { ErrorRequestHandler } from 'express';
import type { Logger } from '../shared/logger.js';
import { APOLOGY_TWIML } from '../telephony/twilio/render-twiml.js';
import { sendTwiml } from './send-twiml.js';

/**
 * Whatever fails under /voice, Twilio gets valid TwiML, never an HTML page or a stack trace (pitfall 18):
 * an apology in ru, uk and en, then Hangup. A body too large to verify gets 413, anything else 200 so the
 * caller hears the apology rather than Twilio's error message.
 */
export function voiceErrorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const status = err?.type === 'entity.too.large' ? 413 : err?.status >= 400 && err?.status < 500 ? 400 : 200;
    if (status === 200) logger.error({ err, path: req.path }, 'voice:error answered with apology');
    else logger.warn({ path: req.path, type: err?.type }, 'voice:bad request');
    if (res.headersSent) return;
    sendTwiml(res, APOLOGY_TWIML, status);
  };
}
