import express, { type Express } from 'express';
import twilio from 'twilio';

/**
 * The webhook benchmark's baseline: the least a Twilio webhook needs, as the Twilio quick-starts write it. Express
 * 5, a form body with a size limit, X-Twilio-Signature checked with the SDK's validateRequest against the public
 * URL, and one fixed Gather built with VoiceResponse. No state, no database, no logging. GET /healthz answers so
 * the benchmark can tell it has started, as it does with kinline.
 */
export function createBaselineApp(authToken: string, publicBaseUrl: string): Express {
  const app = express();
  app.get('/healthz', (_req, res) => {
    res.send('ok');
  });
  app.use(express.urlencoded({ extended: false, limit: 16384 }));
  app.post('/voice/*path', (req, res) => {
    const ok = twilio.validateRequest(authToken, req.get('x-twilio-signature') ?? '', publicBaseUrl + req.originalUrl, req.body ?? {});
    if (!ok) {
      res.status(403).type('text/xml').send('<Response/>');
      return;
    }
    const r = new twilio.twiml.VoiceResponse();
    const g = r.gather({ input: ['dtmf'], action: `${publicBaseUrl}/voice/step/1`, method: 'POST', numDigits: 1, timeout: 6 });
    g.say({ voice: 'Polly.Tatyana', language: 'ru-RU' }, 'Чтобы узнать статус, нажмите 1. Чтобы поговорить с оператором, нажмите 0.');
    r.redirect({ method: 'POST' }, `${publicBaseUrl}/voice/step/1`);
    res.type('text/xml').send(r.toString());
  });
  return app;
}
