import { timingSafeEqual } from 'node:crypto';
import twilio from 'twilio';

// The SDK's own algorithm: it handles repeated keys, :443 and constant-time comparison (pitfall 5).

/**
 * True when `signature` is Twilio's X-Twilio-Signature for this URL and these POST parameters. The exact URL
 * is checked first with the SDK's getExpectedTwilioSignature (one HMAC, the SDK's algorithm); only if that
 * fails does validateRequest try its other URL forms (with/without the port, re-encoded), which it always
 * includes the exact URL among, so the accepted set is exactly validateRequest's.
 */
export function isValidTwilioSignature(authToken: string, url: string, params: Record<string, unknown>, signature: string | undefined): boolean {
  if (!signature) return false;
  const expected = Buffer.from(twilio.getExpectedTwilioSignature(authToken, url, params as Record<string, string>));
  const given = Buffer.from(signature);
  if (given.length === expected.length && timingSafeEqual(given, expected)) return true;
  return twilio.validateRequest(authToken, signature, url, params as Record<string, string>);
}

/** The signature Twilio would send; the simulated carrier and the tests sign with it. */
export function signTwilioRequest(authToken: string, url: string, params: Record<string, string | string[]>): string {
  return twilio.getExpectedTwilioSignature(authToken, url, params as Record<string, string>);
}
