import type { Server } from 'node:http';
import { createHttpServer } from './http-server.js';
import type { Config } from '../config/config.js';
import { buildContext, type BuildOptions } from './build-context.js';
import { createApp } from './create-app.js';
import { startWorkers } from './start-workers.js';
import type { AppContext } from '../app-context.js';

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
  try {
    if (role !== 'worker') {
      const app = createApp(ctx);
      server = await new Promise<Server>((resolve, reject) => {
        const s = createHttpServer(app).listen(config.http.port, config.http.host, () => resolve(s));
        s.once('error', reject);
      });
      const addr = server.address();
      url = typeof addr === 'object' && addr ? `http://${config.http.host}:${addr.port}` : null;
      ctx.logger.info({ url, role }, 'server:start listening');
    }
    if (role !== 'web') workers = await startWorkers(ctx);
  } catch (e) {
    server?.close();
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
      await ctx.close();
    },
  };
}
