import { PacedRequestClient } from './paced-request-client.js';

/**
 * Sends every Twilio REST request to another base URL (TWILIO_API_BASE_URL): a local mock or the simulated
 * carrier. The SDK has no base-URL option; rewriting the *.twilio.com origin here covers every domain.
 */
export class RebasedRequestClient extends PacedRequestClient {
  constructor(private readonly base: string) {
    super();
  }

  // `any`: the SDK does not export the options type.
  override request<TData>(opts: any) {
    const uri = String(opts.uri).replace(/^https:\/\/[a-z0-9.-]+\.twilio\.com/, this.base.replace(/\/+$/, ''));
    return super.request<TData>({ ...opts, uri } as never);
  }
}
