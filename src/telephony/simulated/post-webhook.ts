import { signTwilioRequest } from '../twilio/signature.js';

export interface WebhookOptions {
  authToken: string;
  /** Retries on a refused connection (like Twilio's #rc connection override, pitfall 11). @defaultValue 0 */
  connectRetries?: number;
  retryDelayMs?: number;
}

/**
 * Posts a signed, form-encoded webhook the way Twilio does: X-Twilio-Signature over the exact URL and the sorted
 * POST parameters, a 15-second ceiling (pitfall 9). Returns the response text, or undefined on failure.
 */
export async function postWebhook(url: string, params: Record<string, string>, o: WebhookOptions): Promise<{ status: number; text: string } | undefined> {
  const body = new URLSearchParams(params).toString();
  const signature = signTwilioRequest(o.authToken, url, params);
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
        body,
        signal: AbortSignal.timeout(15_000),
      });
      return { status: res.status, text: await res.text() };
    } catch {
      if (attempt >= (o.connectRetries ?? 0)) return undefined;
      await new Promise((r) => setTimeout(r, o.retryDelayMs ?? 250));
    }
  }
}
