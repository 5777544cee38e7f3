import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import request from 'supertest';
import { createTestContext, type TestContext } from '../support/test-context.js';
import { closedPort } from '../support/closed-port.js';
import { createApp } from '../../src/server/create-app.js';
import { createRedis } from '../../src/redis/create-redis.js';
import { createMetrics } from '../../src/shared/metrics.js';
import { loadConfig } from '../../src/config/config.js';

let ctx: TestContext;
before(
  async () => {
    ctx = await createTestContext();
  },
  { timeout: 120_000 },
);
after(() => ctx.close(), { timeout: 60_000 });

test('/healthz answers while the process is up', { timeout: 60_000 }, async () => {
  const res = await request(createApp(ctx)).get('/healthz').expect(200);
  assert.deepEqual(res.body, { status: 'ok' });
});

test('/readyz is 200 when Redis and the database answer', { timeout: 60_000 }, async () => {
  const res = await request(createApp(ctx)).get('/readyz').expect(200);
  assert.deepEqual(res.body, { status: 'ready', redis: 'ok', database: 'ok' });
});

test('/readyz is 503 while the workers are still starting, and 200 once they run', { timeout: 60_000 }, async () => {
  // startServer listens before it starts the workers (their calls need the webhooks): until they run, the
  // process is not ready, though Redis and the database answer.
  const starting = { ...ctx, starting: true };
  const app = createApp(starting);
  const res = await request(app).get('/readyz').expect(503);
  assert.deepEqual(res.body, { status: 'not ready', redis: 'ok', database: 'ok', workers: 'starting' });
  starting.starting = false;
  await request(app).get('/readyz').expect(200);
});

test('/readyz is 503 and names Redis when Redis is unreachable', { timeout: 60_000 }, async () => {
  const port = await closedPort();
  const deadRedis = createRedis(`redis://127.0.0.1:${port}`, 'client', { retryStrategy: () => null, enableOfflineQueue: false });
  deadRedis.on('error', () => {});
  try {
    const res = await request(createApp({ ...ctx, redis: deadRedis }))
      .get('/readyz')
      .expect(503);
    assert.equal(res.body.status, 'not ready');
    assert.match(res.body.redis, /^unreachable/);
    assert.equal(res.body.database, 'ok');
  } finally {
    deadRedis.disconnect();
  }
});

test('/metrics serves Prometheus text including request counts, only to a scraper with METRICS_TOKEN', { timeout: 60_000 }, async () => {
  const token = 'metrics-token-0123456789abcdef';
  const app = createApp({ ...ctx, config: loadConfig({ ...process.env, METRICS_TOKEN: token }), metrics: createMetrics() });
  await request(app).get('/healthz').expect(200);
  await request(app).get('/metrics').expect(401);
  await request(app).get('/metrics').set('authorization', 'Bearer not-the-token-0123456789ab').expect(401);
  assert.equal((await request(createApp(ctx)).get('/metrics')).status, 404, 'without a token configured, metrics are off');
  const res = await request(app).get('/metrics').set('authorization', `Bearer ${token}`).expect(200);
  assert.match(res.headers['content-type'], /text\/plain/);
  assert.match(res.text, /kinline_http_requests_total\{group="healthz",status="200"\} 1/);
  assert.match(res.text, /kinline_process_cpu_user_seconds_total/);
});

test('unknown routes get a JSON 404', { timeout: 60_000 }, async () => {
  const res = await request(createApp(ctx)).get('/no-such-route').expect(404);
  assert.equal(res.body.error, 'not_found');
});
