import { CarrierError } from '../port.js';

/**
 * A recording's media from Twilio (or the endpoint of TWILIO_API_BASE_URL) with the account's credentials
 * (twilio-notes TW-36). Only URLs on that API are fetched, so a stored URL cannot point the server elsewhere;
 * without an extension Twilio serves WAV, so MP3 is asked for, smaller for the browser.
 */
export async function fetchTwilioRecording(
  account: { accountSid: string; authToken: string; apiBaseUrl?: string },
  recordingUrl: string,
): Promise<{ body: ArrayBuffer; contentType: string }> {
  const base = account.apiBaseUrl ?? 'https://api.twilio.com';
  const url = new URL(recordingUrl, base);
  if (url.origin !== new URL(base).origin) throw new CarrierError('the recording is not on the configured carrier', 404, 20404);
  if (!url.pathname.endsWith('.mp3') && !url.pathname.endsWith('.wav')) url.pathname += '.mp3';
  const auth = Buffer.from(`${account.accountSid}:${account.authToken}`).toString('base64');
  let res: Response;
  try {
    res = await fetch(url, { headers: { authorization: `Basic ${auth}` }, signal: AbortSignal.timeout(10_000) });
  } catch (e) {
    throw new CarrierError(`the carrier did not answer (${(e as Error).message})`, 0);
  }
  if (!res.ok) throw new CarrierError(`the carrier did not return the recording (HTTP ${res.status})`, res.status);
  return { body: await res.arrayBuffer(), contentType: res.headers.get('content-type') ?? 'audio/mpeg' };
}
