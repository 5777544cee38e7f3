import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import twilio from 'twilio';

// The SDK's own algorithm: it handles repeated keys, :443 and constant-time comparison (pitfall 5).

// The auth token as a KeyObject, made once: the SDK's createHmac(token) prepares the key again on every
// webhook, which measured as a visible share of a webhook's CPU. One token per process in practice; a few in tests.
const keys = new Map<string, KeyObject>();
function keyOf(authToken: string): KeyObject {
  let k = keys.get(authToken);
  if (!k) {
    if (keys.size >= 16) keys.clear();
    keys.set(authToken, (k = createSecretKey(Buffer.from(authToken, 'utf8'))));
  }
  return k;
}

/**
 * The string Twilio signs, built as the SDK's getExpectedTwilioSignature builds it: the URL, then each
 * parameter sorted by name (code-unit order), name followed by value; a repeated key's values deduplicated,
 * sorted and each preceded by the name. test/unit/webhook-signature.test.ts compares it with the SDK.
 */
function signedData(url: string, params: Record<string, unknown>): string {
  let data = url;
  for (const k of Object.keys(params).sort()) {
    const v = params[k];
    if (Array.isArray(v)) for (const x of Array.from(new Set(v)).sort()) data += k + x;
    else data += k + v;
  }
  return data;
}

/** X-Twilio-Signature for this URL and these POST parameters, exactly as the SDK computes it. */
export function expectedTwilioSignature(authToken: string, url: string, params: Record<string, unknown>): string {
  return createHmac('sha1', keyOf(authToken)).update(signedData(url, params), 'utf8').digest('base64');
}

/**
 * True when `signature` is Twilio's X-Twilio-Signature for this URL and these POST parameters. The exact URL
 * is checked first (one HMAC, the SDK's algorithm); only if that fails does the SDK's validateRequest try its
 * other URL forms (with/without the port, re-encoded), which always include the exact URL, so the accepted
 * set is exactly validateRequest's.
 */
export function isValidTwilioSignature(authToken: string, url: string, params: Record<string, unknown>, signature: string | undefined): boolean {
  if (!signature) return false;
  const expected = Buffer.from(expectedTwilioSignature(authToken, url, params));
  const given = Buffer.from(signature);
  if (given.length === expected.length && timingSafeEqual(given, expected)) return true;
  return twilio.validateRequest(authToken, signature, url, params as Record<string, string>);
}

/** The signature Twilio would send; the simulated carrier and the tests sign with it. */
export function signTwilioRequest(authToken: string, url: string, params: Record<string, string | string[]>): string {
  return twilio.getExpectedTwilioSignature(authToken, url, params as Record<string, string>);
}
