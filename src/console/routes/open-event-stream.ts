import type { Response } from 'express';

/** Starts a server-sent event stream: never cached, never buffered by a proxy in front (nginx honours the header). */
export function openEventStream(res: Response): void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.write(': connected\n\n');
}
