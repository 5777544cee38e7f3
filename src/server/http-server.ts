import http, { type RequestListener, type Server } from 'node:http';

/**
 * How long the server waits for a client. Twilio gives up on a webhook after 15 s, and a browser sends its
 * whole request at once, so a request still arriving after 20 s is a client holding a connection open on
 * purpose: it is closed rather than kept for Node's default five minutes. An idle keep-alive connection
 * closes after 10 s. Responses are not bounded (the console's live queue is a long-lived stream).
 */
export const HTTP_TIMEOUTS = { headersMs: 10_000, requestMs: 20_000, keepAliveMs: 10_000, checkEveryMs: 1_000 } as const;

// Node checks the header and request timeouts of incomplete requests every `checkEveryMs` (30 s by default).
export function createHttpServer(
  handler: RequestListener,
  t: { headersMs: number; requestMs: number; keepAliveMs: number; checkEveryMs: number } = HTTP_TIMEOUTS,
): Server {
  return http.createServer(
    {
      headersTimeout: t.headersMs,
      requestTimeout: t.requestMs,
      keepAliveTimeout: t.keepAliveMs,
      connectionsCheckingInterval: t.checkEveryMs,
    },
    handler,
  );
}
