import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { createApp } from '../../src/server/create-app.js';
import type { Clock } from '../../src/shared/clock.js';
import { createTestContext, type TestContext } from './test-context.js';
import { runCall, type CallResult } from '../../src/telephony/simulated/twiml-executor.js';
import { scriptedParty } from '../../src/telephony/simulated/party.js';
import { createSignedTransport, type Transport } from '../../src/telephony/simulated/signed-transport.js';

export interface VoiceHarness {
  ctx: TestContext;
  baseUrl: string;
  transport: Transport;
  call(digits: string | string[], opts?: { from?: string; callSid?: string }): Promise<CallResult & { callSid: string }>;
  close(): Promise<void>;
}

export const newCallSid = () => `CA${randomBytes(16).toString('hex')}`;

/** A clock the test moves: operator hours depend on it. */
export function settableClock(iso: string): Clock & { set(iso: string): void } {
  let now = new Date(iso);
  return { now: () => new Date(now), set: (v: string) => (now = new Date(v)) };
}

/**
 * A real kinline listening on an ephemeral port, whose PUBLIC_BASE_URL is that port, so the simulator signs
 * exactly what the server verifies. Real Redis and a real database (PGlite or PostgreSQL).
 */
export async function startVoiceHarness(env: Record<string, string> = {}, clock?: Clock): Promise<VoiceHarness> {
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const ctx = await createTestContext({ PUBLIC_BASE_URL: baseUrl, ...env }, clock);
  server.on('request', createApp(ctx));
  const transport = createSignedTransport({ authToken: ctx.config.twilio.authToken, targetBaseUrl: baseUrl });
  return {
    ctx,
    baseUrl,
    transport,
    async call(digits, opts = {}) {
      const callSid = opts.callSid ?? newCallSid();
      const r = await runCall({
        url: `${baseUrl}/voice/incoming`,
        params: {
          CallSid: callSid,
          AccountSid: ctx.config.twilio.accountSid,
          From: opts.from ?? '+79161234567',
          To: ctx.config.twilio.hotlineNumber,
          Direction: 'inbound',
          ApiVersion: '2010-04-01',
        },
        party: scriptedParty(digits),
        transport,
        statusCallback: `${baseUrl}/voice/status`,
      });
      return { ...r, callSid };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await ctx.close();
    },
  };
}
