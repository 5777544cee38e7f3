import type { ServerResponse } from 'node:http';

/**
 * Always text/xml (pitfall 17), never cached. Sent with end(): TwiML is never revalidated, so the ETag
 * hash that Express's res.send computes on every body is wasted work on the hottest path.
 */
export function sendTwiml(res: ServerResponse, twiml: string, status = 200): void {
  res.writeHead(status, {
    'Content-Type': 'text/xml; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(twiml),
  });
  res.end(twiml);
}
