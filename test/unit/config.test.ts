import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../src/config/config.js';

const SID = `AC${'a'.repeat(32)}`;

function failure(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (e) {
    assert.ok(e instanceof ConfigError, `expected a ConfigError, got ${String(e)}`);
    assert.doesNotMatch(e.message, /\n/, 'the message must be one line');
    return e.message;
  }
  assert.fail(`config accepted ${JSON.stringify(env)}`);
}

test('an empty environment gives a working development config on the simulated carrier', { timeout: 30_000 }, () => {
  const c = loadConfig({});
  assert.equal(c.http.port, 3000);
  assert.equal(c.twilio.carrier, 'simulated');
  assert.equal(c.database.url, undefined);
  assert.equal(c.security.secretHashKeyIsDefault, true);
  assert.equal(c.http.publicBaseUrl, 'http://127.0.0.1:3000');
});

test('each bad or missing variable stops with one line naming it and what is wrong', { timeout: 30_000 }, () => {
  const cases: [Record<string, string>, string, RegExp][] = [
    [{ PORT: 'eighty' }, 'PORT', /number/i],
    [{ PORT: '70000' }, 'PORT', /65535|too big|less than/i],
    [{ PUBLIC_BASE_URL: 'not a url' }, 'PUBLIC_BASE_URL', /absolute http\(s\) URL/],
    [{ PUBLIC_BASE_URL: 'ftp://hotline.example.org' }, 'PUBLIC_BASE_URL', /http\(s\) URL/],
    [{ TWILIO_API_BASE_URL: 'file:///etc/passwd' }, 'TWILIO_API_BASE_URL', /http\(s\) URL/],
    [{ TWILIO_ACCOUNT_SID: 'XY123' }, 'TWILIO_ACCOUNT_SID', /AC followed by 32 hex/],
    [{ TWILIO_HOTLINE_NUMBER: '0441234567', TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: 't' }, 'TWILIO_HOTLINE_NUMBER', /E\.164/],
    [{ TWILIO_API_BASE_URL: '127.0.0.1 port 4010' }, 'TWILIO_API_BASE_URL', /absolute http\(s\) URL/],
    [{ DATABASE_URL: 'mysql://db/kinline' }, 'DATABASE_URL', /postgres:\/\//],
    [{ SECRET_HASH_KEY: 'short' }, 'SECRET_HASH_KEY', /at least 32/],
    [{ NODE_ENV: 'production' }, 'SECRET_HASH_KEY', /required in production/],
    [{ NODE_ENV: 'production', SECRET_HASH_KEY: 'k'.repeat(40) }, 'TWILIO_ACCOUNT_SID', /simulated carrier/],
    [{ REDIS_PREFIX: 'has space' }, 'REDIS_PREFIX', /letters, digits/],
    [{ OPERATOR_HOURS_START: '25:00' }, 'OPERATOR_HOURS_START', /HH:MM/],
    [{ OPERATOR_TIME_ZONE: 'Mars/Olympus' }, 'OPERATOR_TIME_ZONE', /IANA time zone/],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL', /./],
    [{ RECORDING_ENABLED: 'maybe' }, 'RECORDING_ENABLED', /./],
    [{ RETENTION_CALL_LOG_DAYS: '-1' }, 'RETENTION_CALL_LOG_DAYS', /./],
    [{ TRUST_PROXY: 'true' }, 'TRUST_PROXY', /would trust any X-Forwarded-For/],
    [{ TRUST_PROXY: 'the proxy' }, 'TRUST_PROXY', /hop count.*addresses/],
    [{ TRUST_PROXY: '10.0.0.0/33' }, 'TRUST_PROXY', /hop count.*addresses/],
    [{ HOTLINE_CALLER_LOOKUPS: '0' }, 'HOTLINE_CALLER_LOOKUPS', /./],
    [
      { HOTLINE_REFERENCE_FAILURES_PER_HOUR: '5', HOTLINE_REFERENCE_FAILURES_PER_DAY: '4' },
      'HOTLINE_REFERENCE_FAILURES_PER_DAY',
      /at least HOTLINE_REFERENCE_FAILURES_PER_HOUR/,
    ],
    [{ HOTLINE_LINE_CHANNELS: 'many' }, 'HOTLINE_LINE_CHANNELS', /number/i],
  ];
  for (const [env, name, why] of cases) {
    const msg = failure(env);
    assert.ok(msg.startsWith(`${name} `), `${JSON.stringify(env)} -> "${msg}" should start with ${name}`);
    assert.match(msg, why, msg);
  }
});

test('Twilio variables partially set name each missing one; a full set needs PUBLIC_BASE_URL', { timeout: 30_000 }, () => {
  assert.match(failure({ TWILIO_ACCOUNT_SID: SID }), /^TWILIO_AUTH_TOKEN .*required when TWILIO_ACCOUNT_SID is set/);
  assert.match(failure({ TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: 'tok' }), /^TWILIO_HOTLINE_NUMBER .*required/);
  assert.match(failure({ TWILIO_AUTH_TOKEN: 'tok', TWILIO_HOTLINE_NUMBER: '+380441234567' }), /^TWILIO_ACCOUNT_SID /);
  assert.match(
    failure({ TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: 'tok', TWILIO_HOTLINE_NUMBER: '+380441234567' }),
    /^PUBLIC_BASE_URL .*required with a real Twilio account/,
  );
  const c = loadConfig({
    TWILIO_ACCOUNT_SID: SID,
    TWILIO_AUTH_TOKEN: 'tok',
    TWILIO_HOTLINE_NUMBER: '+380441234567',
    PUBLIC_BASE_URL: 'https://hotline.example.org/',
  });
  assert.equal(c.twilio.carrier, 'twilio');
  assert.equal(c.http.publicBaseUrl, 'https://hotline.example.org');
});

test('secret values are never echoed in a configuration error', { timeout: 30_000 }, () => {
  const msg = failure({ SECRET_HASH_KEY: 'tooshort-but-secret' });
  assert.doesNotMatch(msg, /tooshort-but-secret/);
  assert.match(msg, /hidden/);
});

test('the config object is deeply frozen', { timeout: 30_000 }, () => {
  const c = loadConfig({ SECRET_HASH_KEY: 'k'.repeat(40) });
  assert.ok(Object.isFrozen(c));
  assert.ok(Object.isFrozen(c.http) && Object.isFrozen(c.security) && Object.isFrozen(c.redis));
  assert.throws(() => {
    (c.http as { port: number }).port = 1;
  }, TypeError);
  assert.equal(c.security.secretHashKey, 'k'.repeat(40));
  assert.equal(c.security.secretHashKeyIsDefault, false);
});

test(
  'TRUST_PROXY names the proxy: an address or subnet list, or a hop count; the lookup limits come from their variables',
  { timeout: 30_000 },
  () => {
    assert.deepEqual(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).http.trustProxy, ['loopback', '10.0.0.0/8']);
    assert.equal(loadConfig({ TRUST_PROXY: '1' }).http.trustProxy, 1);
    assert.equal(loadConfig({}).http.trustProxy, false);
    const limits = loadConfig({
      HOTLINE_CALLER_LOOKUPS: '7',
      HOTLINE_CALLER_WINDOW_MINUTES: '30',
      HOTLINE_REFERENCE_FAILURES_PER_MONTH: '9',
      HOTLINE_LINE_CHANNELS: '12',
    }).hotline.limits;
    assert.deepEqual(limits, {
      callerLookups: 7,
      callerWindowSeconds: 1800,
      referenceFailures: { hour: 2, day: 3, month: 9 },
      linePerMinute: 24,
    });
  },
);

test(
  'in production, a database or Redis beyond this machine must be reached over TLS unless its host is named',
  { timeout: 30_000 },
  () => {
    const prod = { NODE_ENV: 'production', SECRET_HASH_KEY: 'k'.repeat(40), TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: 't' };
    const real = { ...prod, TWILIO_HOTLINE_NUMBER: '+380441234567', PUBLIC_BASE_URL: 'https://hotline.example.org' };
    assert.match(failure({ ...real, DATABASE_URL: 'postgres://k:p@db.internal:5432/kinline' }), /^DATABASE_URL .*without TLS.*sslmode/);
    assert.match(failure({ ...real, DATABASE_URL: 'postgres://k:p@db.internal/kinline?sslmode=prefer' }), /^DATABASE_URL/);
    assert.match(failure({ ...real, REDIS_URL: 'redis://cache.internal:6379' }), /^REDIS_URL .*rediss:\/\//);
    assert.doesNotMatch(failure({ ...real, REDIS_URL: 'redis://cache.internal:6379' }), /p@/, 'no password echoed');
    // TLS, loopback, a socket, or a host the operator named: accepted.
    for (const env of [
      { DATABASE_URL: 'postgres://k:p@db.internal:5432/kinline?sslmode=verify-full', REDIS_URL: 'rediss://cache.internal:6380' },
      { DATABASE_URL: 'postgres://k:p@127.0.0.1:5432/kinline', REDIS_URL: 'redis://[::1]:6379' },
      { DATABASE_URL: 'postgres:///kinline?host=/var/run/postgresql', REDIS_URL: 'redis://localhost:6379' },
      {
        DATABASE_URL: 'postgres://k:p@postgres:5432/kinline',
        REDIS_URL: 'redis://redis:6379',
        PLAINTEXT_DATASTORE_HOSTS: 'postgres, Redis',
      },
    ]) {
      assert.doesNotThrow(() => loadConfig({ ...real, ...env }), JSON.stringify(env));
    }
    // Development (a trial, the tests) is not held to it.
    assert.doesNotThrow(() => loadConfig({ DATABASE_URL: 'postgres://k:p@db.internal/kinline', REDIS_URL: 'redis://cache.internal:6379' }));
    assert.match(failure({ REDIS_URL: 'http://cache.internal' }), /^REDIS_URL .*redis:\/\/ or rediss:\/\//);
  },
);
