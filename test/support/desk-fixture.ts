import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DateTime } from 'luxon';
import { createConsoleFixture, type ConsoleFixture } from './console-fixture.js';
import { createApp } from '../../src/server/create-app.js';
import { createRedis } from '../../src/redis/create-redis.js';
import { SimulatedCarrier, type SimulatedCarrierOptions } from '../../src/telephony/simulated/simulated-carrier.js';
import type { PartyScript, SimEvent } from '../../src/telephony/simulated/party-script.js';
import { startDeskTick } from '../../src/worker/desk-tick.js';
import { deskPresence, waitingCallers } from '../../src/desk/desk.js';
import type { AppContext } from '../../src/app-context.js';
import type { Role } from '../../src/storage/schema.js';
import { waitFor } from './wait-for.js';

export interface DeskOperator {
  userId: number;
  username: string;
  token: string;
  phone: string;
}

export interface DeskFixture extends ConsoleFixture {
  carrier: SimulatedCarrier;
  /** A member of staff who may work the desk, with an API token, rung on `phone` as `script` says. */
  operator(script: PartyScript, role?: Role): Promise<DeskOperator>;
  /** A REST call with a staff token against `base` (this instance unless told). */
  api(token: string, path: string, body?: unknown, base?: string): Promise<Response>;
  /** A caller rings the hotline on the carrier (its TwiML runs there, so its <Enqueue> joins the carrier's queue). */
  callIn(from: string, digits: string[], base?: string, extra?: Partial<PartyScript>): string;
  /** Resolves when the caller waits at the desk (the hotline put them in the operator queue). */
  untilWaiting(callSid: string): Promise<void>;
  untilState(userId: number, state: string): Promise<void>;
  /** Another kinline instance on its own port: the same Redis keys and database, its own Redis connection. */
  secondInstance(): Promise<{ url: string; ctx: AppContext; close(): Promise<void> }>;
}

/** Operator hours around now (in UTC), so the hotline's "0" reaches the queue whatever time the tests run. */
const hoursAroundNow = () => {
  const now = DateTime.utc();
  return {
    OPERATOR_TIME_ZONE: 'UTC',
    OPERATOR_HOURS_START: now.minus({ hours: 3 }).toFormat('HH:mm'),
    OPERATOR_HOURS_END: now.plus({ hours: 3 }).toFormat('HH:mm'),
  };
};

/**
 * The whole app on real Redis and a fresh database with the simulated carrier reached over HTTP (its webhooks
 * go to the listening server, signed), the desk's worker tick running as `kinline serve` runs it, operator
 * hours covering the test, and a wrap-up time long enough that the wrap-up form is what frees an operator.
 */
export async function startDeskFixture(env: Record<string, string> = {}, carrierOptions: Partial<SimulatedCarrierOptions> = {}) {
  let carrier!: SimulatedCarrier;
  const f = await createConsoleFixture({ ...hoursAroundNow(), DESK_WRAP_UP_SECONDS: '600', ...env }, (ctx) => {
    carrier = new SimulatedCarrier({
      accountSid: ctx.config.twilio.accountSid,
      authToken: ctx.config.twilio.authToken,
      ringMs: 20,
      amdMs: 20,
      pauseUnitMs: 50,
      ...carrierOptions,
    });
    ctx.telephony = carrier;
    const tick = startDeskTick(ctx, 250);
    return async () => {
      await tick.stop();
    };
  });
  let n = 0;
  const df: DeskFixture = {
    ...f,
    carrier,
    async operator(script, role = 'operator') {
      const i = ++n;
      const username = `desk-${role}-${i}`;
      const u = await f.ctx.repos.users.create({ username, password: `${username}-password`, role, language: 'en' });
      const { token } = await f.ctx.repos.users.createApiToken(u.id, 'desk token');
      const phone = `+38050777${String(i).padStart(4, '0')}`;
      carrier.script(phone, script);
      return { userId: u.id, username, token, phone };
    },
    api: (token, path, body, base = f.url) =>
      fetch(`${base}/api${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    callIn: (from, digits, base = f.url, extra = {}) =>
      carrier.inboundCall({
        from,
        to: f.ctx.config.twilio.hotlineNumber,
        url: `${base}/voice/incoming`,
        statusCallback: `${base}/voice/status`,
        script: { answer: 'answer', digits, ...extra },
      }).sid,
    untilWaiting: async (callSid) => {
      await waitFor(`${callSid} waiting at the desk and in the carrier's queue`, async () => {
        const inQueue = carrier.queues.find('operators')?.members.some((m) => m.callSid === callSid);
        return inQueue && (await waitingCallers(f.ctx).get(callSid))?.status === 'waiting';
      });
    },
    untilState: async (userId, state) => {
      await waitFor(`operator ${userId} ${state}`, async () => (await deskPresence(f.ctx).get(userId))?.state === state);
    },
    async secondInstance() {
      const server = http.createServer();
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const redis = createRedis(f.ctx.config.redis.url, 'client');
      await redis.connect();
      const ctx: AppContext = { ...f.ctx, redis, config: { ...f.ctx.config, http: { ...f.ctx.config.http, publicBaseUrl: url } } };
      server.on('request', createApp(ctx));
      const tick = startDeskTick(ctx, 250);
      return {
        url,
        ctx,
        async close() {
          await tick.stop();
          server.closeAllConnections();
          await new Promise<void>((r) => server.close(() => r()));
          redis.disconnect();
        },
      };
    },
    async close() {
      carrier.shutdown();
      await f.close();
    },
  };
  return df;
}

/** Events of one call in the carrier's log. */
export const eventsOf = (carrier: SimulatedCarrier, callSid: string, kind?: string): SimEvent[] =>
  carrier.log.filter((e) => e.callSid === callSid && (!kind || e.kind === kind));

/** The carrier's calls to `phone`, each with when it was dialled and when it ended (ms), in dialling order. */
export function callSpans(carrier: SimulatedCarrier, phone: string): Array<{ sid: string; from: number; to: number }> {
  return [...carrier.calls.values()]
    .filter((c) => c.to === phone)
    .map((c) => {
      const dial = eventsOf(carrier, c.sid, 'dial')[0];
      const end = eventsOf(carrier, c.sid, 'status').find((e) =>
        ['completed', 'no-answer', 'busy', 'failed', 'canceled'].includes(e.text ?? ''),
      );
      return { sid: c.sid, from: Date.parse(dial.at), to: end ? Date.parse(end.at) : Infinity };
    })
    .sort((a, b) => a.from - b.from);
}

/** True when two calls to the phone were live at the same time (one operator rung twice at once). */
export const overlapping = (spans: Array<{ from: number; to: number }>) => spans.some((s, i) => i > 0 && s.from < spans[i - 1].to);

/** Callers in the order the carrier bridged them to an operator. */
export const bridgedCallers = (carrier: SimulatedCarrier, callers: string[]) =>
  carrier.log.filter((e) => e.kind === 'queue_bridged' && callers.includes(e.callSid)).map((e) => e.callSid);
