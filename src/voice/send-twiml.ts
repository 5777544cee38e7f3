import type { Response } from 'express';

/**
 * Always text/xml (pitfall 17), never cached. Sent with res.end: TwiML is never revalidated, so the ETag
 * hash that res.send computes on every body is wasted work on the hottest path.
 */
export function sendTwiml(res: Response, twiml: string, status = 200): void {
  res.status(status);
  res.setHeader('Content-Type', 'text/xml; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Length', Buffer.byteLength(twiml));
  res.end(twiml);
}
