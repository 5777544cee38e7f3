import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import type { AppContext } from '../../app-context.js';
import { isValidTwilioSignature } from '../../telephony/twilio/signature.js';
import { APOLOGY_TWIML, EMPTY_TWIML } from '../../telephony/twilio/render-twiml.js';
import { webhookParamsSchema, type WebhookParams } from '../../telephony/webhook-params.js';

// Twilio sends a few dozen parameters; many more is not Twilio.
const MAX_PARAMS = 200;

/** Always text/xml (twilio-notes TW-17), never cached; no ETag, which Twilio never sends back. */
export function sendTwiml(res: Response, twiml: string, status = 200): void {
  res.writeHead(status, {
    'Content-Type': 'text/xml; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(twiml),
  });
  res.end(twiml);
}

/**
 * What every /voice/* request goes through first: the form body with its size limit, then X-Twilio-Signature
 * over PUBLIC_BASE_URL plus the path as received, never the Host header (A-04, twilio-notes TW-01, TW-02).
 * A missing or wrong signature gets 403, with TwiML like every answer.
 */
export function twilioWebhook(ctx: AppContext): RequestHandler[] {
  const parse = express.urlencoded({ extended: false, limit: ctx.config.http.maxBodyBytes, parameterLimit: MAX_PARAMS });
  const verify: RequestHandler = (req, res, next) => {
    const url = ctx.config.http.publicBaseUrl + req.originalUrl;
    if (isValidTwilioSignature(ctx.config.twilio.authToken, url, req.body ?? {}, req.header('x-twilio-signature'))) return next();
    ctx.logger.warn({ path: req.path }, 'voice:invalid signature');
    sendTwiml(res, APOLOGY_TWIML, 403);
  };
  return [parse, verify];
}

/** The parameters Twilio sent, or undefined when one of them is not what Twilio sends. */
function paramsOf(req: Request): WebhookParams | undefined {
  const parsed = webhookParamsSchema.safeParse(req.body ?? {});
  return parsed.success ? parsed.data : undefined;
}

// Only the error's class and code are logged: a database error's message may quote the values it refused (C-13).
const errorFields = (err: unknown) => ({ error: (err as Error)?.name, code: (err as { code?: string })?.code });

/**
 * A route that answers a call with TwiML. Parameters Twilio would never send, and any failure, get `fallback`
 * (an apology and Hangup), so the caller hears words rather than Twilio's error message (twilio-notes TW-18).
 */
export function twimlRoute(
  ctx: AppContext,
  handler: (p: WebhookParams, req: Request) => Promise<string>,
  fallback = APOLOGY_TWIML,
): RequestHandler {
  return async (req, res) => {
    const p = paramsOf(req);
    let twiml = fallback;
    try {
      if (p) twiml = await handler(p, req);
    } catch (err) {
      ctx.logger.error({ path: req.path, ...errorFields(err) }, 'voice:error answered with the apology');
    }
    sendTwiml(res, twiml);
  };
}

/**
 * A status, recording, AMD or conference callback. It is always acknowledged with an empty document: a
 * failure is logged, never a 5xx that makes Twilio retry into the same failure.
 */
export function callbackRoute(ctx: AppContext, handler: (p: WebhookParams, req: Request) => Promise<void>): RequestHandler {
  return async (req, res) => {
    const p = paramsOf(req);
    try {
      if (p) await handler(p, req);
      else ctx.logger.warn({ path: req.path }, 'voice:callback with parameters Twilio does not send; ignored');
    } catch (err) {
      ctx.logger.error({ path: req.path, ...errorFields(err) }, 'voice:callback failed');
    }
    sendTwiml(res, EMPTY_TWIML);
  };
}

/** Unknown /voice paths, and bodies refused by the parser (too large: 413), still get TwiML. */
export const voiceNotFound: RequestHandler = (_req, res) => sendTwiml(res, APOLOGY_TWIML, 404);

export function voiceErrors(ctx: AppContext): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const status = typeof err?.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) ctx.logger.error({ path: req.path, ...errorFields(err) }, 'voice:error answered with the apology');
    else ctx.logger.warn({ path: req.path, reason: err?.type }, 'voice:bad request');
    if (res.headersSent) return void res.end();
    sendTwiml(res, APOLOGY_TWIML, status === 500 ? 200 : status);
  };
}
