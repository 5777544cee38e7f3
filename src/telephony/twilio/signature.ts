import twilio from 'twilio';

// The SDK's own algorithm: it handles repeated keys, :443 and constant-time comparison (pitfall 5).

/** True when `signature` is Twilio's X-Twilio-Signature for this exact URL and these POST parameters. */
export function isValidTwilioSignature(authToken: string, url: string, params: Record<string, unknown>, signature: string | undefined): boolean {
  if (!signature) return false;
  return twilio.validateRequest(authToken, signature, url, params as Record<string, string>);
}

/** The signature Twilio would send; the simulated carrier and the tests sign with it. */
export function signTwilioRequest(authToken: string, url: string, params: Record<string, string | string[]>): string {
  return twilio.getExpectedTwilioSignature(authToken, url, params as Record<string, string>);
}
