import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dammCheckDigit, generateReference, isValidReference } from '../../src/shared/reference.js';

test('generated references are 10 digits and carry a valid check digit', { timeout: 30_000 }, () => {
  for (let i = 0; i < 1000; i++) {
    const r = generateReference();
    assert.match(r, /^[1-9]\d{9}$/);
    assert.ok(isValidReference(r), r);
  }
});

test(
  'the check digit catches every single-digit error and every adjacent transposition (exhaustive on a sample)',
  { timeout: 30_000 },
  () => {
    let singles = 0;
    let swaps = 0;
    for (let n = 0; n < 300; n++) {
      const ref = generateReference();
      for (let pos = 0; pos < 10; pos++) {
        for (let d = 0; d <= 9; d++) {
          if (String(d) === ref[pos]) continue;
          const typo = ref.slice(0, pos) + d + ref.slice(pos + 1);
          assert.equal(isValidReference(typo), false, `single error ${ref} -> ${typo}`);
          singles++;
        }
        if (pos < 9 && ref[pos] !== ref[pos + 1]) {
          const swapped = ref.slice(0, pos) + ref[pos + 1] + ref[pos] + ref.slice(pos + 2);
          assert.equal(isValidReference(swapped), false, `transposition ${ref} -> ${swapped}`);
          swaps++;
        }
      }
    }
    assert.equal(singles, 300 * 90);
    assert.ok(swaps > 2000);
  },
);

test('known Damm values', { timeout: 30_000 }, () => {
  assert.equal(dammCheckDigit('572'), 4); // the textbook example
  assert.ok(isValidReference('5724000000') === (dammCheckDigit('572400000') === 0 && dammCheckDigit('5724000000') === 0));
  assert.equal(isValidReference('12345'), false);
  assert.equal(isValidReference('abcdefghij'), false);
});

test('1,000,000 allocated references never collide; raw draws collide only as often as chance predicts', { timeout: 30_000 }, () => {
  // 9 random digits give 9e8 bodies, so ~555 raw repeats are expected among 1e6 draws (birthday bound).
  // Allocation retries on a repeat, as the database's unique index makes it do; a generator with a
  // bias or a short cycle would show far more repeats than chance.
  const seen = new Set<string>();
  let repeats = 0;
  while (seen.size < 1_000_000) {
    const r = generateReference();
    if (seen.has(r)) repeats++;
    else seen.add(r);
  }
  assert.equal(seen.size, 1_000_000);
  const expected = (1_000_000 * 999_999) / 2 / 9e8;
  assert.ok(Math.abs(repeats - expected) < 6 * Math.sqrt(expected), `repeats ${repeats}, expected about ${expected.toFixed(0)}`);
});

test('references are not sequential', { timeout: 30_000 }, () => {
  const a = Number(generateReference());
  const b = Number(generateReference());
  assert.notEqual(Math.abs(a - b), 1);
});
