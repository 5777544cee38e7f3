import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/server/create-app.js';
import { createTestContext, type TestContext } from './test-context.js';
import { SimulatedCarrier, type SimulatedCarrierOptions } from '../../src/telephony/simulated/simulated-carrier.js';
import { createCallQueues } from '../../src/queue/call-queues.js';
import { startCallWorkers, type CallWorkerOptions } from '../../src/worker/start-call-workers.js';
import type { CallOptions } from '../../src/config/call-options.js';
import type { Telephony } from '../../src/telephony/port.js';
import { waitFor } from './wait-for.js';

export interface CallsHarness {
  ctx: TestContext;
  baseUrl: string;
  carrier: SimulatedCarrier;
  stopWorkers(): Promise<void>;
  startWorkers(o?: CallWorkerOptions): Promise<void>;
  close(): Promise<void>;
}

export const FAST_CALL_OPTIONS: Partial<CallOptions> = { retryDelaysMs: [60_000], interruptedVerifyMs: 500, ringTimeoutSeconds: 30 };

/**
 * kinline on an ephemeral port (PUBLIC_BASE_URL = that port, so signatures match), real Redis and database,
 * the simulated carrier in-process with short ring and pause times, and the call workers running.
 */
export async function startCallsHarness(
  o: {
    env?: Record<string, string>;
    carrier?: Partial<SimulatedCarrierOptions>;
    callOptions?: Partial<CallOptions>;
    workers?: CallWorkerOptions | false;
    telephony?: (ctx: TestContext) => Telephony;
  } = {},
): Promise<CallsHarness> {
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const ctx = await createTestContext({ PUBLIC_BASE_URL: baseUrl, TWILIO_CALLS_PER_SECOND: '50', ...(o.env ?? {}) });
  const carrier = new SimulatedCarrier({
    accountSid: ctx.config.twilio.accountSid,
    authToken: ctx.config.twilio.authToken,
    ringMs: 10,
    amdMs: 20,
    pauseUnitMs: 100,
    ...(o.carrier ?? {}),
  });
  ctx.telephony = o.telephony ? o.telephony(ctx) : carrier;
  ctx.callQueues = await createCallQueues(ctx.config);
  ctx.callOptions = { ...FAST_CALL_OPTIONS, ...(o.callOptions ?? {}) };
  const app = createApp(ctx);
  let inFlight = 0;
  server.on('request', (req, res) => {
    inFlight++;
    res.on('close', () => inFlight--);
    app(req, res);
  });
  let workers: { stop(): Promise<void> } | undefined;
  const h: CallsHarness = {
    ctx,
    baseUrl,
    carrier,
    async startWorkers(w: CallWorkerOptions = {}) {
      workers = await startCallWorkers(ctx, { lockDuration: 5_000, stalledInterval: 5_000, ...w });
    },
    async stopWorkers() {
      await workers?.stop();
      workers = undefined;
    },
    async close() {
      carrier.shutdown();
      await h.stopWorkers();
      // Let webhooks already being handled finish before the database goes away; one still running after
      // 30 s is a hang its own test reports, and the rest of the harness must close all the same.
      await waitFor('the webhooks being handled to finish', async () => inFlight === 0, 30_000).catch(() => {});
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      for (const q of [ctx.callQueues!.calls, ctx.callQueues!.control, ctx.callQueues!.maintenance])
        await q.obliterate({ force: true }).catch(() => {});
      await ctx.callQueues!.close();
      await ctx.close();
    },
  };
  if (o.workers !== false) await h.startWorkers(o.workers || {});
  return h;
}
