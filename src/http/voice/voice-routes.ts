import { Router } from 'express';
import type { AppContext } from '../../app-context.js';
import type { HotlineOptions } from '../../hotline/hotline.js';
import { outboundVoiceRoutes } from './outbound-voice-routes.js';
import { hotlineRoutes } from './hotline-routes.js';
import { callbackVoiceRoutes } from './callback-voice-routes.js';
import { deskVoiceRoutes } from './desk-routes.js';
import { messageMediaRoute } from './message-media-route.js';
import { twilioWebhook, voiceErrors, voiceNotFound } from './twilio-webhook.js';

/**
 * Every Twilio webhook, /voice/*, inbound and outbound, behind one stack: the form body and the signature
 * first, then the routes, then TwiML for unknown paths and errors. Mounted before the console's session
 * and CSRF work, which a webhook does not need.
 */
export function voiceRoutes(ctx: AppContext, opts: HotlineOptions = {}): Router {
  const r = Router();
  r.use(messageMediaRoute(ctx));
  r.use('/voice', ...twilioWebhook(ctx));
  r.use(hotlineRoutes(ctx, opts));
  r.use(outboundVoiceRoutes(ctx));
  r.use(callbackVoiceRoutes(ctx));
  r.use(deskVoiceRoutes(ctx));
  r.use('/voice', voiceNotFound);
  r.use('/voice', voiceErrors(ctx));
  return r;
}
