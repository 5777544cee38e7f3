import http from 'node:http';
import { after } from 'node:test';
import { beforeInOrder } from './before-in-order.js';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/server/create-app.js';
import { createSessionResolver } from '../../src/accounts/session-resolver.js';
import { createSessionStore } from '../../src/accounts/session-store.js';
import type { Role } from '../../src/storage/schema.js';
import { createTestContext, type TestContext } from './test-context.js';
import { SimulatedCarrier } from '../../src/telephony/simulated/simulated-carrier.js';
import { createCallQueues } from '../../src/queue/call-queues.js';

export interface StaffIdentity {
  role: Role;
  userId: number;
  username: string;
  password: string;
  token: string;
}

export interface ConsoleFixture {
  ctx: TestContext;
  server: Server;
  url: string;
  staff: Record<Role, StaffIdentity>;
  /** A fresh console session for a user: the cookie header and the CSRF token bound to it. */
  session(userId: number): Promise<{ cookie: string; csrf: string }>;
  close(): Promise<void>;
}

/**
 * The whole app (every feature's routes) on real Redis and a fresh database, with console sessions
 * installed, one user of each role (password and API token), listening on an ephemeral port.
 */
export async function createConsoleFixture(
  env: Record<string, string> = {},
  /** Installs more of the context (carrier, queues, workers); may return how to stop what it started. */
  prepare?: (ctx: TestContext) => Promise<(() => Promise<void>) | void> | (() => Promise<void>) | void,
): Promise<ConsoleFixture> {
  // The public URL must be the real one: the simulated carrier signs and sends webhooks to it.
  const port = await freePort();
  const ctx = await createTestContext({ PUBLIC_BASE_URL: `http://127.0.0.1:${port}`, ...env });
  ctx.sessions = createSessionResolver(ctx);
  const stopExtra = await prepare?.(ctx);
  const staff = {} as Record<Role, StaffIdentity>;
  for (const role of ['operator', 'supervisor', 'admin', 'caller_desk'] as const) {
    const password = `${role}-password-123`;
    const u = await ctx.repos.users.create({ username: `test-${role}`, password, role, language: 'en' });
    const { token } = await ctx.repos.users.createApiToken(u.id, `${role} token`);
    staff[role] = { role, userId: u.id, username: u.username, password, token };
  }
  const app = createApp(ctx);
  const server = await new Promise<Server>((resolve) => {
    const s = http.createServer(app).listen(port, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const store = createSessionStore(ctx);
  return {
    ctx,
    server,
    url,
    staff,
    async session(userId) {
      const s = await store.create(userId);
      return { cookie: `kl_sid=${s.sid}`, csrf: s.csrf };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      if (stopExtra) await stopExtra();
      await ctx.close();
    },
  };
}

/**
 * One console fixture for a whole test file: created in a before() hook, closed in an after() hook. `ready`
 * receives it within the same before(), to keep it and to do the file's own setup under that hook's timeout. It
 * starts after the hooks registered before it through before-in-order.ts (useBrowser's, say).
 */
export function useConsoleFixture(
  options: {
    env?: Record<string, string>;
    prepare?: Parameters<typeof createConsoleFixture>[1];
    /** The file's tests skip (say, without Chromium): nothing is created. */
    skip?: string | false;
    /** The before() hook's, covering `ready` too. */
    timeout?: number;
  },
  ready: (f: ConsoleFixture) => unknown,
): void {
  let fixture: ConsoleFixture | undefined;
  beforeInOrder(
    async () => {
      if (options.skip) return;
      fixture = await createConsoleFixture(options.env, options.prepare);
      await ready(fixture);
    },
    { timeout: options.timeout ?? 120_000 },
  );
  after(
    async () => {
      await fixture?.close();
    },
    { timeout: 60_000 },
  );
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** Logs in through the login form like a browser; returns the session cookie and the page's CSRF token. */
export async function loginThroughForm(
  url: string,
  username: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; cookie?: string; csrf?: string; body: string }> {
  const form = await fetch(`${url}/login`, { headers });
  const loginCookie = (form.headers.getSetCookie().find((c) => c.startsWith('kl_lcsrf=')) ?? '').split(';')[0];
  const loginCsrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const res = await fetch(`${url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded', cookie: loginCookie },
    body: new URLSearchParams({ _csrf: loginCsrf, username, password }).toString(),
  });
  const sid = res.headers.getSetCookie().find((c) => c.startsWith('kl_sid='));
  if (res.status !== 303 || !sid) return { status: res.status, body: await res.text() };
  const cookie = sid.split(';')[0];
  const page = await fetch(`${url}/console/detainees`, { headers: { cookie } });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1];
  return { status: res.status, cookie, csrf, body: sid };
}

/** A `prepare` for createConsoleFixture: the call feature's carrier and queues, so its routes are mounted and calls can be scheduled. */
export async function withCallFeature(ctx: TestContext): Promise<() => Promise<void>> {
  ctx.telephony = new SimulatedCarrier({ accountSid: ctx.config.twilio.accountSid, authToken: ctx.config.twilio.authToken });
  ctx.callQueues = await createCallQueues(ctx.config);
  return () => ctx.callQueues!.close();
}

/**
 * Opens a console event stream as a fresh supervisor session on a copy of the console that pings every 100 ms,
 * checks its first message, logs out, and returns once the server has closed the stream (a stream never closed
 * makes the test time out).
 */
export async function streamEndsAtLogout(f: ConsoleFixture, path: string, firstMessage: RegExp): Promise<void> {
  const { default: express } = await import('express');
  const { authenticate } = await import('../../src/http/auth/authenticate.js');
  const { consoleRoutes } = await import('../../src/console/console-routes.js');
  const app = express();
  app.use(authenticate(f.ctx), consoleRoutes(f.ctx, { pingMs: 100 }));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  try {
    const s = await f.session(f.staff.supervisor.userId);
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`, { headers: { cookie: s.cookie } });
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
    const reader = res.body!.getReader();
    reader.closed.catch(() => {});
    const first = new TextDecoder().decode((await reader.read()).value);
    if (!firstMessage.test(first)) throw new Error(`${path} began with ${first.slice(0, 200)}`);
    const out = await fetch(`${f.url}/logout`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: s.csrf }).toString(),
    });
    if (out.status !== 303) throw new Error(`logout answered ${out.status}`);
    // After the logout the server closes the stream at its next ping: reads run out instead of waiting forever.
    for (;;) if ((await reader.read()).done) break;
  } finally {
    server.closeAllConnections();
    server.close();
  }
}
