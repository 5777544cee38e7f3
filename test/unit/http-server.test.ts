import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { createHttpServer, HTTP_TIMEOUTS } from '../../src/server/http-server.js';

test('a request whose body never finishes is closed after the request timeout, not kept for minutes', { timeout: 30_000 }, async () => {
  // The handler waits for the whole body, as the form parser does.
  const server = createHttpServer((req, res) => void req.resume().on('end', () => res.end('ok')), {
    headersMs: 300,
    requestMs: 600,
    keepAliveMs: 300,
    checkEveryMs: 100,
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const { port } = server.address() as AddressInfo;
    const sockets = Array.from({ length: 20 }, () => net.connect(port, '127.0.0.1'));
    const started = Date.now();
    for (const s of sockets)
      s.write(
        'POST /voice/incoming HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nCallSid=CA',
      );
    const closed = await Promise.all(
      sockets.map(
        (s) =>
          new Promise<string>((resolve) => {
            let answer = '';
            s.on('data', (d) => (answer += String(d)));
            s.on('close', () => resolve(answer));
          }),
      ),
    );
    for (const answer of closed) assert.match(answer, /^HTTP\/1\.1 408/, 'each half-sent request is answered 408 and closed');
    assert.ok(Date.now() - started < 10_000);
  } finally {
    server.close();
  }
});

test('the shipped timeouts bound headers, the whole request and idle keep-alive connections', { timeout: 30_000 }, () => {
  const server = createHttpServer((_req, res) => res.end());
  assert.equal(server.headersTimeout, HTTP_TIMEOUTS.headersMs);
  assert.equal(server.requestTimeout, HTTP_TIMEOUTS.requestMs);
  assert.equal(server.keepAliveTimeout, HTTP_TIMEOUTS.keepAliveMs);
  assert.ok(HTTP_TIMEOUTS.requestMs < 60_000 && HTTP_TIMEOUTS.headersMs <= HTTP_TIMEOUTS.requestMs);
});
