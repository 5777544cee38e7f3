import { signTwilioRequest } from '../twilio/signature.js';

/** An application's answer to a webhook; status 0 when none came (connection refused, or no answer in 15 s). */
export interface HttpReply {
  status: number;
  body: string;
  contentType: string;
}

export interface WebhookOptions {
  authToken: string;
  /** Retries on a refused connection (like Twilio's #rc connection override, twilio-notes TW-11). @defaultValue 0 */
  connectRetries?: number;
  retryDelayMs?: number;
  /** Where the request really goes when it differs from the signed URL (a proxy in front of kinline). */
  sendTo?: string;
}

/**
 * Posts a signed, form-encoded webhook the way Twilio does: X-Twilio-Signature over the exact URL and the sorted
 * POST parameters (twilio-notes TW-01 to TW-08), a 15-second ceiling (twilio-notes TW-09).
 */
export async function postWebhook(url: string, params: Record<string, string>, o: WebhookOptions): Promise<HttpReply> {
  const body = new URLSearchParams(params).toString();
  const signature = signTwilioRequest(o.authToken, url, params);
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await fetch(o.sendTo ?? url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': signature,
          'user-agent': 'TwilioProxy/1.1 (kinline simulator)',
        },
        body,
        signal: AbortSignal.timeout(15_000),
      });
      return { status: res.status, body: await res.text(), contentType: res.headers.get('content-type') ?? '' };
    } catch {
      if (attempt >= (o.connectRetries ?? 0)) return { status: 0, body: '', contentType: '' };
      await new Promise((r) => setTimeout(r, o.retryDelayMs ?? 250));
    }
  }
}
