import type { Server } from 'node:http';
import { createHttpServer } from './http-server.js';
import type { Config } from '../config/config.js';
import { buildContext, type BuildOptions } from './build-context.js';
import { createApp } from './create-app.js';
import { startWorkers } from './start-workers.js';
import type { AppContext } from '../app-context.js';
import { newLocalCliToken, writeLocalCliToken } from '../accounts/local-cli-token.js';

/** A URL this machine can reach the server at: a wildcard address is reached on loopback. */
export function localUrl(host: string, port: number): string {
  if (host === '0.0.0.0' || host === '') return `http://127.0.0.1:${port}`;
  if (host === '::') return `http://[::1]:${port}`;
  return host.includes(':') ? `http://[${host}]:${port}` : `http://${host}:${port}`;
}

export type Role = 'all' | 'web' | 'worker';

export interface RunningServer {
  ctx: AppContext;
  url: string | null;
  stop(): Promise<void>;
}

/**
 * Starts the web app, the workers, or both (the single-machine default). Stops in order on stop():
 * HTTP first so no new work arrives, then the workers, then Redis and the database.
 */
export async function startServer(config: Config, role: Role = 'all', opts: BuildOptions = {}): Promise<RunningServer> {
  const ctx = await buildContext(config, { ...opts, role });
  let server: Server | undefined;
  let url: string | null = null;
  let workers: { stop(): Promise<void> } = { stop: async () => {} };
  let removeCliToken = () => {};
  try {
    // The workers start after the HTTP server, so a call they place finds its webhooks answered.
    ctx.starting = role !== 'web';
    if (role !== 'worker') {
      // The server holding the embedded database lets the local command line in through its API.
      if (ctx.lockedDataDir) ctx.localCliToken = newLocalCliToken();
      const app = createApp(ctx);
      server = await new Promise<Server>((resolve, reject) => {
        const s = createHttpServer(app).listen(config.http.port, config.http.host, () => resolve(s));
        s.once('error', reject);
      });
      const addr = server.address();
      url = typeof addr === 'object' && addr ? localUrl(config.http.host, addr.port) : null;
      if (url && ctx.lockedDataDir && ctx.localCliToken) {
        removeCliToken = writeLocalCliToken(ctx.lockedDataDir, ctx.localCliToken);
        ctx.announceServer(url);
      }
      ctx.logger.info({ url, role }, 'server:start listening');
    }
    if (role !== 'web') workers = await startWorkers(ctx);
    ctx.starting = false;
  } catch (e) {
    server?.close();
    removeCliToken();
    await ctx.close();
    throw e;
  }
  return {
    ctx,
    url,
    async stop() {
      if (server) {
        server.closeAllConnections?.();
        await new Promise<void>((r) => server!.close(() => r()));
      }
      await workers.stop();
      removeCliToken();
      await ctx.close();
    },
  };
}
