import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/shared/logger.js';

function captured() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { logger: createLogger('debug', stream), text: () => lines.join('') };
}

const PHONE = '+380441234567';
const SECRET = '482913';

test('sensitive fields are censored at the top level and nested', { timeout: 30_000 }, () => {
  const { logger, text } = captured();
  logger.info(
    { phone: PHONE, name: 'Anna Petrova', secret: SECRET, reference: '7319045624', password: 'hunter2hunter2', token: 'kl_abc' },
    'contact:create',
  );
  logger.info({ call: { From: PHONE, Digits: SECRET, contactName: 'Olga Petrova' } }, 'voice:step');
  logger.warn({ req: { body: { To: PHONE } }, authorization: 'Bearer kl_secret_token' }, 'http:request');
  const out = text();
  for (const leak of [
    PHONE,
    '380441234567',
    'Anna Petrova',
    'Olga Petrova',
    SECRET,
    '7319045624',
    'hunter2hunter2',
    'kl_abc',
    'kl_secret_token',
  ]) {
    assert.ok(!out.includes(leak), `log output leaked ${leak}: ${out}`);
  }
  assert.match(out, /\[redacted\]/);
  assert.match(out, /contact:create/);
  // Non-sensitive fields are kept, so the logs stay useful.
  logger.info({ callSid: 'CA123', step: 'menu' }, 'voice:step');
  assert.match(text(), /"callSid":"CA123"/);
});

test('a phone number inside a message string or an error message is masked, keeping the last two digits', { timeout: 30_000 }, () => {
  const { logger, text } = captured();
  logger.info(`dialling ${PHONE} now`);
  logger.error({ err: new Error(`carrier refused +79161234567 and 0441234567`) }, 'dial failed');
  const out = text();
  assert.ok(!out.includes('441234567') && !out.includes('9161234567'), out);
  assert.match(out, /\+\*+67/);
});
