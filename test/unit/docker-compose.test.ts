import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config/config.js';

// docker-compose.yml read as compose reads it (YAML merge keys, ${VAR:-default} with no .env), since `docker
// compose config` needs the compose plugin.
const ROOT = path.resolve(import.meta.dirname, '../..');
const compose = parse(fs.readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, { ports?: string[]; env_file?: unknown; environment?: Record<string, string>; depends_on?: object }>;
};
const interpolate = (v: string, env: Record<string, string>) => v.replace(/\$\{(\w+):-([^}]*)\}/g, (_m, k, d) => env[k] || d);
const exampleVars = fs
  .readFileSync(path.join(ROOT, '.env.example'), 'utf8')
  .split('\n')
  .filter((l) => /^[A-Z_]+=/.test(l))
  .map((l) => l.split('=')[0]);

test('compose passes .env to both kinline containers and publishes only the web port', { timeout: 30_000 }, () => {
  const { redis, postgres, 'kinline-web': web, 'kinline-worker': worker } = compose.services;
  assert.equal(redis.ports, undefined, 'Redis publishes no port on the host');
  assert.equal(postgres.ports, undefined, 'PostgreSQL publishes no port on the host');
  assert.deepEqual(web.ports, ['3000:3000']);
  for (const s of [web, worker]) {
    assert.deepEqual(s.env_file, [{ path: '.env', required: false }]);
    // What compose sets over .env is only what differs inside its network; every other variable comes from .env.
    const own = Object.keys(s.environment ?? {});
    assert.deepEqual(own.sort(), ['DATABASE_URL', 'HOST', 'NODE_ENV', 'PLAINTEXT_DATASTORE_HOSTS', 'PORT', 'PUBLIC_BASE_URL', 'REDIS_URL']);
    assert.ok(own.every((k) => exampleVars.includes(k)));
  }
  assert.ok('kinline-web' in (worker.depends_on ?? {}), 'the worker starts after the web, whose simulated carrier it uses');
});

test('a trial from .env.example in compose: the worker reaches the web, no Twilio credentials', { timeout: 30_000 }, () => {
  const dotenv = { NODE_ENV: 'development' };
  const worker = compose.services['kinline-worker'];
  const env = Object.fromEntries(Object.entries(worker.environment!).map(([k, v]) => [k, interpolate(String(v), dotenv)]));
  const config = loadConfig(env);
  assert.equal(config.twilio.carrier, 'simulated');
  assert.equal(config.http.publicBaseUrl, 'http://kinline-web:3000', 'the worker places calls on kinline-web/simulated-carrier');
  assert.equal(config.redis.url, 'redis://redis:6379');
  assert.equal(config.env, 'development');
});

test(
  'compose in production starts: its own Redis and PostgreSQL are named as private, any other host needs TLS',
  { timeout: 30_000 },
  () => {
    const dotenv = {
      SECRET_HASH_KEY: 'k'.repeat(40),
      TWILIO_ACCOUNT_SID: `AC${'a'.repeat(32)}`,
      TWILIO_AUTH_TOKEN: 't',
      TWILIO_HOTLINE_NUMBER: '+380441234567',
    };
    const web = compose.services['kinline-web'];
    const env = { ...dotenv, ...Object.fromEntries(Object.entries(web.environment!).map(([k, v]) => [k, interpolate(String(v), {})])) };
    assert.equal(loadConfig(env).env, 'production');
    assert.throws(() => loadConfig({ ...env, REDIS_URL: 'redis://redis.example.org:6379' }), /REDIS_URL .*without TLS/);
  },
);
