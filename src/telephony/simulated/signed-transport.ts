import { postWebhook, type HttpReply } from './post-webhook.js';

/** How the TwiML executor reaches the application: a POST of form parameters. */
export interface Transport {
  post(url: string, params: Record<string, string>): Promise<HttpReply>;
}

export interface SignedTransportOptions {
  authToken: string;
  /** Where requests really go (e.g. http://127.0.0.1:4100); URLs under `publicBaseUrl` are sent here. */
  targetBaseUrl?: string;
  /** The PUBLIC_BASE_URL the application signs against; defaults to the target. */
  publicBaseUrl?: string;
  /** Retries on a refused connection (a restarting server). @defaultValue 0 */
  connectRetries?: number;
}

/**
 * Posts form-encoded parameters signed exactly as Twilio signs them: X-Twilio-Signature over the URL Twilio
 * calls (the public one) plus the parameters (twilio-notes TW-01 to TW-08).
 */
export function createSignedTransport(o: SignedTransportOptions): Transport {
  const publicBase = (o.publicBaseUrl ?? o.targetBaseUrl ?? '').replace(/\/+$/, '');
  const target = (o.targetBaseUrl ?? publicBase).replace(/\/+$/, '');
  return {
    post(url, params) {
      const sendTo = publicBase && url.startsWith(publicBase) ? target + url.slice(publicBase.length) : url;
      return postWebhook(url, params, { authToken: o.authToken, connectRetries: o.connectRetries, sendTo });
    },
  };
}
