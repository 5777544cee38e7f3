import { Router } from 'express';
import type { AppContext } from '../app-context.js';
import { tokensEqual } from '../accounts/csrf-guard.js';

/**
 * /healthz: the process is up. /readyz: the process has started (its workers too) and Redis and the database
 * answer. /metrics: Prometheus, with a token.
 */
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
    // A client that knows it is disconnected says so at once; a ping would wait in its offline queue.
    const pingRedis = () =>
      ctx.redis.status === 'ready' ? ctx.redis.ping() : Promise.reject(new Error(`the client is ${ctx.redis.status}`));
    const [redis, database] = await Promise.all([check(pingRedis), check(() => ctx.repos.ping())]);
    const starting = ctx.starting === true;
    const ready = !starting && redis === 'ok' && database === 'ok';
    res
      .status(ready ? 200 : 503)
      .json({ status: ready ? 'ready' : 'not ready', redis, database, ...(starting ? { workers: 'starting' } : {}) });
  });
  // The figures say how busy the line is and when: not for the public. Served only with METRICS_TOKEN, to a
  // scraper that sends it.
  r.get('/metrics', async (req, res) => {
    const token = ctx.config.security.metricsToken;
    if (!token)
      return void res.status(404).json({ error: 'not_found', message: 'metrics are off; set METRICS_TOKEN to serve them to a scraper' });
    if (!tokensEqual(req.get('authorization')?.replace(/^Bearer /, ''), token)) {
      return void res
        .status(401)
        .set('WWW-Authenticate', 'Bearer')
        .json({ error: 'unauthenticated', message: 'send Authorization: Bearer <METRICS_TOKEN>' });
    }
    res.type(ctx.metrics.registry.contentType).send(await ctx.metrics.registry.metrics());
  });
  return r;
}
