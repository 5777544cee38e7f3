import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { startCallsHarness, type CallsHarness } from '../support/calls-harness.js';
import { waitFor } from '../support/wait-for.js';
import { scheduleFixtureCall, seedCallFixture } from '../support/call-fixture.js';
import { createTwilioTelephony } from '../../src/telephony/twilio/twilio-telephony.js';

// TW-28: at most TWILIO_CALLS_PER_SECOND dials reach Twilio in any one second, the first dial after a start
// included. This file runs in a process of its own, so the twilio client starts cold, as after a deploy.
const SID = `AC${'cd'.repeat(16)}`;
const RATE = 2;
const DIALS = 6;
let h: CallsHarness;
let twilioHttp: http.Server;
/** When each POST …/Calls.json reached the fake Twilio, in milliseconds. */
const arrivals: number[] = [];

before(
  async () => {
    twilioHttp = http.createServer((req, res) => {
      if (req.method === 'POST' && req.url?.endsWith('/Calls.json')) arrivals.push(performance.now());
      req.resume();
      req.on('end', () => {
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ sid: `CA${randomBytes(16).toString('hex')}`, account_sid: SID, status: 'queued' }));
      });
    });
    await new Promise<void>((r) => twilioHttp.listen(0, '127.0.0.1', r));
    h = await startCallsHarness({
      env: {
        TWILIO_ACCOUNT_SID: SID,
        TWILIO_AUTH_TOKEN: 'pacing-test-auth-token',
        TWILIO_HOTLINE_NUMBER: '+380441230000',
        TWILIO_API_BASE_URL: `http://127.0.0.1:${(twilioHttp.address() as AddressInfo).port}`,
        TWILIO_CALLS_PER_SECOND: String(RATE),
      },
      telephony: (ctx) => createTwilioTelephony(ctx.config),
      workers: false,
    });
  },
  { timeout: 120_000 },
);
after(
  async () => {
    await h.close();
    twilioHttp.closeAllConnections();
    await new Promise<void>((r) => twilioHttp.close(() => r()));
  },
  { timeout: 60_000 },
);

describe('dial pacing at the HTTP boundary (real Redis, real database, a fake Twilio)', () => {
  it(`no one-second window gets more than ${RATE} dials, from a cold start`, { timeout: 90_000 }, async () => {
    for (let i = 0; i < DIALS; i++) {
      const fx = await seedCallFixture(h.ctx);
      await scheduleFixtureCall(h.ctx, fx);
    }
    // Every dial is due before the workers start: they all compete for the first slots.
    await h.startWorkers();
    await waitFor(`${DIALS} dials at the fake Twilio`, async () => arrivals.length >= DIALS, 30_000);
    const busiest = Math.max(...arrivals.map((t) => arrivals.filter((u) => u >= t && u < t + 1000).length));
    assert.ok(
      busiest <= RATE,
      `${busiest} dials in one second (arrivals ms: ${arrivals.map((t) => Math.round(t - arrivals[0])).join(', ')})`,
    );
  });
});
