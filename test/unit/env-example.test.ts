import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { configSchema } from '../../src/config/config-schema.js';
import { loadConfig } from '../../src/config/config.js';

const file = fs.readFileSync(path.resolve(import.meta.dirname, '../../.env.example'), 'utf8');
const lines = file.split('\n');
const entries = lines.map((l, i) => ({ l, i })).filter(({ l }) => /^[A-Z_]+=/.test(l));

test('.env.example documents every configuration variable, each with a comment above it', { timeout: 30_000 }, () => {
  const documented = entries.map(({ l }) => l.split('=')[0]);
  const shape = configSchema.shape;
  for (const key of Object.keys(shape)) assert.ok(documented.includes(key), `${key} is missing from .env.example`);
  for (const { l, i } of entries) {
    // A variable sits under its own comment, or under a comment shared with the line above it.
    let j = i - 1;
    while (j >= 0 && /^[A-Z_]+=/.test(lines[j])) j--;
    assert.match(lines[j] ?? '', /^# /, `${l.split('=')[0]} has no comment`);
  }
});

test('the values in .env.example load as they stand', { timeout: 30_000 }, () => {
  const env = Object.fromEntries(entries.map(({ l }) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  const c = loadConfig(env);
  assert.equal(c.twilio.carrier, 'simulated');
  assert.equal(c.database.url, undefined);
  assert.equal(c.redis.url, 'redis://127.0.0.1:6379');
});
