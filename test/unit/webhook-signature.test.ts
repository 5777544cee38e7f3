import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { signWebhook } from '../../bench/support/webhook-load.js';
import twilio from 'twilio';
import { expectedTwilioSignature, isValidTwilioSignature, signTwilioRequest } from '../../src/telephony/twilio/signature.js';

/** mulberry32: a seeded generator, so a failing case can be reproduced from its seed. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Characters whose order differs by code unit and by code point or locale: upper before lower, "é" after "z",
// an astral character (a surrogate pair, 0xD83D...) before U+FFFD and U+E000 by code unit, after them by code point.
const ALPHABET = ['a', 'B', 'z', 'Z', '_', '0', '9', ' ', '+', '&', '=', '%', '#', '*', '.', '/', '?', 'é', 'Ё', 'ї', '中', '\uFFFD', '\uE000', '😀', '𝄞', '\u0000', '\n'];
const CALL_BASE = ['https://kinline.example.org', 'http://127.0.0.1:3999', 'https://kinline.example.org:443', 'https://h.example/base'];
const PATHS = ['/voice/incoming', '/voice/status', '/voice/step/3', '/voice/step/12/', '/voice/step/4/eyJhIjoxfQ.AbCdEfGhIjKlMnOp', '/voice/step/7/WzEsNywibWFpbiIsInJ1Iix7fSx7fV0.q-_w0123456789ab?x=1'];

function randomString(r: () => number, maxLen: number): string {
  const n = Math.floor(r() * (maxLen + 1));
  let s = '';
  for (let i = 0; i < n; i++) s += ALPHABET[Math.floor(r() * ALPHABET.length)];
  return s;
}

function randomCase(seed: number) {
  const r = rng(seed);
  const params: Record<string, string> = {};
  const count = Math.floor(r() * 12);
  for (let i = 0; i < count; i++) {
    const k = r() < 0.3 ? ['CallSid', 'Digits', 'From', 'To', 'callSid', 'digits', 'Ä', 'é', 'z', 'Z', '😀', '\uFFFD'][Math.floor(r() * 12)] : randomString(r, 6) || 'k';
    params[k] = r() < 0.15 ? '' : randomString(r, 20);
  }
  const url = CALL_BASE[Math.floor(r() * CALL_BASE.length)] + PATHS[Math.floor(r() * PATHS.length)];
  const token = r() < 0.1 ? 'ü-token-😀' : randomString(rng(seed + 1), 32) || 'token';
  return { params, url, token };
}

describe('bench webhook signing matches the Twilio SDK', () => {
  it('signWebhook equals signTwilioRequest for 200 random parameter sets', { timeout: 30_000 }, () => {
    const signatures = new Set<string>();
    let withUnicode = 0;
    let withEmpty = 0;
    let withTokenPath = 0;
    let orderDiffers = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const { params, url, token } = randomCase(seed);
      const ours = signWebhook(token, url, params);
      assert.equal(ours, signTwilioRequest(token, url, params), `seed ${seed}: ${JSON.stringify({ url, params })}`);
      assert.ok(isValidTwilioSignature(token, url, params, ours), `seed ${seed}: the app accepts it`);
      signatures.add(ours);
      const keys = Object.keys(params);
      if (Object.entries(params).some(([k, v]) => /[^\x00-\x7f]/.test(k + v))) withUnicode++;
      if (Object.values(params).includes('')) withEmpty++;
      if (/\/voice\/step\/\d+\/[^/]/.test(url)) withTokenPath++;
      const byCodeUnit = [...keys].sort().join('\u0001');
      if (byCodeUnit !== [...keys].sort((a, b) => a.localeCompare(b)).join('\u0001') || byCodeUnit !== [...keys].sort((a, b) => (a.codePointAt(0)! - b.codePointAt(0)!) || (a < b ? -1 : 1)).join('\u0001')) orderDiffers++;
    }
    // The random cases cover what they claim to, and the signatures differ from case to case.
    assert.ok(signatures.size >= 195, `${signatures.size} distinct signatures`);
    assert.ok(withUnicode >= 50, `${withUnicode} cases with non-ASCII keys or values`);
    assert.ok(withEmpty >= 20, `${withEmpty} cases with empty values`);
    assert.ok(withTokenPath >= 20, `${withTokenPath} URLs with a token path segment`);
    assert.ok(orderDiffers >= 20, `${orderDiffers} cases where code-unit order is not locale or code-point order`);
  });
  it('the signature depends on every part: token, URL, a key, a value, an added empty parameter', { timeout: 30_000 }, () => {
    const params = { CallSid: `CA${'0'.repeat(32)}`, Digits: '1', From: '+380501112233' };
    const url = 'https://kinline.example.org/voice/step/2/abc.def';
    const base = signWebhook('tok', url, params);
    assert.equal(base, signTwilioRequest('tok', url, params));
    const variants = [
      signWebhook('tok2', url, params),
      signWebhook('tok', `${url}x`, params),
      signWebhook('tok', url, { ...params, Digits: '2' }),
      signWebhook('tok', url, { ...params, Extra: '' }),
      signWebhook('tok', url, { CallSid: params.CallSid, digits: '1', From: params.From }),
    ];
    for (const v of variants) assert.notEqual(v, base);
    assert.equal(new Set(variants).size, variants.length);
  });
  it('key order in the object does not matter, as in the SDK', { timeout: 30_000 }, () => {
    const a = { Z: '1', a: '2', é: '3', '😀': '4', '\uFFFD': '5' };
    const b = Object.fromEntries(Object.entries(a).reverse());
    assert.notDeepEqual(Object.keys(a), Object.keys(b));
    assert.equal(signWebhook('t', 'https://x/voice/status', a), signWebhook('t', 'https://x/voice/status', b));
    assert.equal(signWebhook('t', 'https://x/voice/status', a), signTwilioRequest('t', 'https://x/voice/status', b));
  });
  // Both must hash one joined string: a lone surrogate at the end of one parameter and its partner at the
  // start of the next are one character only when joined first.
  it('agrees even for lone surrogates split across parameters', { timeout: 30_000 }, () => {
    const params = { a: 'x\uD83D', '\uDE00': '1' };
    assert.equal(signWebhook('t', 'https://x/voice/status', params), signTwilioRequest('t', 'https://x/voice/status', params));
  });
});

describe('the webhook check computes the SDK signature itself', () => {
  it('expectedTwilioSignature equals the SDK for 200 random parameter sets, repeated keys included', { timeout: 30_000 }, () => {
    let withArrays = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const { params, url, token } = randomCase(seed);
      const r = rng(seed + 7);
      const withRepeats: Record<string, string | string[]> = { ...params };
      // A repeated key arrives as an array (read-form-body.ts): duplicates and unsorted values included.
      if (r() < 0.4) {
        withRepeats[randomString(r, 4) || 'Digits'] = [randomString(r, 5), 'b', randomString(r, 5), 'b', 'A'];
        withArrays++;
      }
      const sdk = twilio.getExpectedTwilioSignature(token, url, withRepeats as Record<string, string>);
      assert.equal(expectedTwilioSignature(token, url, withRepeats), sdk, `seed ${seed}: ${JSON.stringify({ url, withRepeats })}`);
      assert.equal(isValidTwilioSignature(token, url, withRepeats, sdk), true);
    }
    assert.ok(withArrays >= 50, `${withArrays} cases with a repeated key`);
  });
  it('a cached key never stands in for another token', { timeout: 30_000 }, () => {
    const url = 'https://kinline.example.org/voice/status';
    const params = { CallSid: `CA${'1'.repeat(32)}` };
    const a = expectedTwilioSignature('token-a', url, params);
    const b = expectedTwilioSignature('token-b', url, params);
    assert.notEqual(a, b);
    assert.equal(isValidTwilioSignature('token-a', url, params, b), false);
    assert.equal(isValidTwilioSignature('token-b', url, params, b), true);
    // More tokens than the cache holds: each still gets its own key.
    for (let i = 0; i < 40; i++) assert.equal(expectedTwilioSignature(`t${i}`, url, params), twilio.getExpectedTwilioSignature(`t${i}`, url, params));
  });
});
