import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { SECRET_PATTERN, hashSecret, verifySecret } from '../../src/shared/secret-hash.js';
import { hashPassword, verifyPassword } from '../../src/shared/password.js';

const KEY = 'server-key-0123456789abcdef0123456789';

test('a secret hash is an HMAC-SHA256 keyed by the server key over salt and secret', { timeout: 30_000 }, () => {
  const { salt, hash } = hashSecret('2468', KEY);
  assert.equal(hash, createHmac('sha256', KEY).update(`${salt}:2468`).digest('hex'));
  assert.ok(verifySecret('2468', KEY, salt, hash));
  assert.equal(verifySecret('2469', KEY, salt, hash), false);
});

test('each record gets its own salt, so equal secrets do not give equal hashes', { timeout: 30_000 }, () => {
  const a = hashSecret('1234', KEY);
  const b = hashSecret('1234', KEY);
  assert.notEqual(a.salt, b.salt);
  assert.notEqual(a.hash, b.hash);
});

test('the wrong server key fails verification: a stolen database alone is not enough', { timeout: 30_000 }, () => {
  const { salt, hash } = hashSecret('2468', KEY);
  assert.equal(verifySecret('2468', 'another-key-0123456789abcdef012345', salt, hash), false);
  assert.equal(verifySecret('2468', KEY, salt, 'not-hex'), false);
});

test('a secret is 4 to 8 digits', { timeout: 30_000 }, () => {
  for (const ok of ['1234', '12345678']) assert.ok(SECRET_PATTERN.test(ok));
  for (const bad of ['123', '123456789', '12a4', '', ' 1234']) assert.equal(SECRET_PATTERN.test(bad), false, bad);
});

test('passwords are scrypt hashes with their parameters and salt, verified in constant time', { timeout: 30_000 }, async () => {
  const h = await hashPassword('correct horse battery');
  assert.match(h, /^scrypt\$16384\$8\$1\$[0-9a-f]{32}\$[0-9a-f]{64}$/);
  assert.ok(await verifyPassword('correct horse battery', h));
  assert.equal(await verifyPassword('correct horse batterY', h), false);
  assert.notEqual(await hashPassword('correct horse battery'), h);
  assert.equal(await verifyPassword('x', 'bcrypt$whatever'), false);
});
