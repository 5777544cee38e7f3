import { Router } from 'express';
import type { AppContext } from '../app-context.js';

/** /healthz: the process is up. /readyz: Redis and the database answer. /metrics: Prometheus. */
export function healthRoutes(ctx: AppContext): Router {
  const r = Router();
  r.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  r.get('/readyz', async (_req, res) => {
    const check = async (fn: () => Promise<unknown>) => {
      try {
        await Promise.race([fn(), new Promise((_, rej) => setTimeout(() => rej(new Error('timeout')), 2000))]);
        return 'ok';
      } catch (e) {
        return `unreachable: ${(e as Error).message}`;
      }
    };
    const [redis, database] = await Promise.all([check(() => ctx.redis.ping()), check(() => ctx.repos.ping())]);
    const ready = redis === 'ok' && database === 'ok';
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', redis, database });
  });
  r.get('/metrics', async (_req, res) => {
    res.type(ctx.metrics.registry.contentType).send(await ctx.metrics.registry.metrics());
  });
  return r;
}
