import express, { type Express } from 'express';
import twilio from 'twilio';

/**
 * The benchmark's baseline: a minimal Express 5 app that validates X-Twilio-Signature and answers one Gather
 * built with VoiceResponse, as the Twilio quick-starts do. No state, no database.
 */
export function createBaselineApp(authToken: string, publicBaseUrl: string): Express {
  const app = express();
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
