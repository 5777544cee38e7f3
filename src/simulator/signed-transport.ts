import { signTwilioRequest } from '../telephony/twilio/signature.js';

export interface HttpReply {
  status: number;
  body: string;
  contentType: string;
}

/** How the executor reaches the application: a POST of form parameters. */
export interface Transport {
  post(url: string, params: Record<string, string>): Promise<HttpReply>;
}

export interface SignedTransportOptions {
  authToken: string;
  /** Where requests really go (e.g. http://127.0.0.1:4100); URLs under `publicBaseUrl` are sent here. */
  targetBaseUrl?: string;
  /** The PUBLIC_BASE_URL the application signs against; defaults to the target. */
  publicBaseUrl?: string;
}

/**
 * Posts form-encoded parameters signed exactly as Twilio signs them: X-Twilio-Signature over the URL Twilio
 * calls (the public one) plus the parameters (twilio-notes 2.1).
 */
export function createSignedTransport(o: SignedTransportOptions): Transport {
  const publicBase = (o.publicBaseUrl ?? o.targetBaseUrl ?? '').replace(/\/+$/, '');
  const target = (o.targetBaseUrl ?? publicBase).replace(/\/+$/, '');
  return {
    async post(url, params) {
      const signature = signTwilioRequest(o.authToken, url, params);
      const real = publicBase && url.startsWith(publicBase) ? target + url.slice(publicBase.length) : url;
      const res = await fetch(real, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature, 'user-agent': 'TwilioProxy/1.1 (kinline simulator)' },
        body: new URLSearchParams(params).toString(),
      });
      return { status: res.status, body: await res.text(), contentType: res.headers.get('content-type') ?? '' };
    },
  };
}
