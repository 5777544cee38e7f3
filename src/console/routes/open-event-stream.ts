import type { Request, Response } from 'express';

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

/**
 * Keeps a stream open until the browser leaves. A stream outlives the request that opened it, so every ping asks
 * `stillAllowed` (the session or token again): a logout, a disabled account or a revoked token ends the live view
 * within one interval.
 */
export function holdEventStream(
  req: Request,
  res: Response,
  o: { stillAllowed: () => Promise<boolean>; pingMs?: number; unsubscribe: () => void },
): void {
  const ping = setInterval(() => {
    void o.stillAllowed().then(
      (ok) => (ok ? res.write(': ping\n\n') : res.end()),
      () => res.end(),
    );
  }, o.pingMs ?? 15_000);
  req.on('close', () => {
    clearInterval(ping);
    o.unsubscribe();
  });
}
