import { Router } from 'express';
import type { AppContext } from '../../app-context.js';
import { playbackMedia } from '../../hotline/message-playback.js';

/**
 * The audio of a message from a detainee that a caller is hearing (C-06), fetched by Twilio for a <Play>. The
 * token in the path is the credential: random, made for one caller's playback after the audited checks, and
 * gone within minutes. It is not under /voice because whether Twilio signs the request for a <Play> URL is not
 * confirmed (twilio-notes lists only webhooks as signed); nothing else is served here.
 */
export function messageMediaRoute(ctx: AppContext): Router {
  const r = Router();
  r.get('/media/message/:token', async (req, res) => {
    try {
      const media = await playbackMedia(ctx, String(req.params.token));
      if (!media) return void res.status(404).end();
      res.writeHead(200, { 'Content-Type': media.contentType, 'Cache-Control': 'no-store' });
      res.end(Buffer.from(media.body));
    } catch (err) {
      ctx.logger.error({ error: (err as Error)?.name }, 'media:message playback failed');
      res.status(502).end();
    }
  });
  return r;
}
