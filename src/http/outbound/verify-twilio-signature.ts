import type { RequestHandler } from 'express';
import type { AppContext } from '../../app-context.js';
import { isValidTwilioSignature } from '../../telephony/twilio/signature.js';

/**
 * every carrier webhook carries X-Twilio-Signature over PUBLIC_BASE_URL + the path as received (never the
 * Host header, pitfall 1), checked after the body parser (pitfall 2). Missing or wrong: 403 (pitfall 6),
 * so a caller without the token learns nothing from the status.
 */
export function verifyTwilioSignature(ctx: AppContext): RequestHandler {
  return (req, res, next) => {
    const signature = req.header('x-twilio-signature');
    if (!signature) {
      res.status(403).type('text/plain').send('invalid signature');
      return;
    }
    const url = ctx.config.http.publicBaseUrl + req.originalUrl;
    if (!isValidTwilioSignature(ctx.config.twilio.authToken, url, (req.body ?? {}) as Record<string, unknown>, signature)) {
      ctx.logger.warn({ path: req.path }, 'voice:outbound invalid signature');
      res.status(403).type('text/plain').send('invalid signature');
      return;
    }
    next();
  };
}
