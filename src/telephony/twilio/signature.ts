import twilio from 'twilio';

/**
 * True when `signature` is Twilio's X-Twilio-Signature for this URL and these POST parameters: the twilio
 * library's own validator, which handles repeated keys, the URL with and without :443 and a constant-time
 * comparison (twilio-notes TW-05).
 */
export function isValidTwilioSignature(
  authToken: string,
  url: string,
  params: Record<string, unknown>,
  signature: string | undefined,
): boolean {
  return !!signature && twilio.validateRequest(authToken, signature, url, params as Record<string, string>);
}

/** The signature Twilio would send; the simulated carrier and the tests sign with it. */
export function signTwilioRequest(authToken: string, url: string, params: Record<string, string | string[]>): string {
  return twilio.getExpectedTwilioSignature(authToken, url, params as Record<string, string>);
}
