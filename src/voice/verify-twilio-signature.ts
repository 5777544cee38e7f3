import type { RequestHandler } from 'express';
import type { Config } from '../config/config.js';
import { isValidTwilioSignature } from '../telephony/twilio/signature.js';
import { APOLOGY_TWIML } from '../telephony/twilio/render-twiml.js';
import { sendTwiml } from './send-twiml.js';

/**
 * Checks X-Twilio-Signature against PUBLIC_BASE_URL plus the path and query as received, never the Host
 * header (pitfall 1). Runs after the body parser (pitfall 2). A missing or forged signature gets 403.
 */
export function verifyTwilioSignature(config: Config): RequestHandler {
  return (req, res, next) => {
    const url = `${config.http.publicBaseUrl}${req.originalUrl}`;
    const params = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
    const signature = req.get('x-twilio-signature');
    if (!isValidTwilioSignature(config.twilio.authToken, url, params, signature)) {
      sendTwiml(res, APOLOGY_TWIML, 403);
      return;
    }
    next();
  };
}
