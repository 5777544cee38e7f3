import { AsyncLocalStorage } from 'node:async_hooks';
import twilio from 'twilio';
import type { DialSlot } from '../port.js';

const { RequestClient } = twilio;

/** The dial pacing of the request being made (CreateCallParams.pace), if any. */
const pacing = new AsyncLocalStorage<() => Promise<DialSlot>>();

/** Runs a twilio client call whose HTTP request waits for `pace` just before it leaves. */
export function withPacing<T>(pace: (() => Promise<DialSlot>) | undefined, fn: () => Promise<T>): Promise<T> {
  return pace ? pacing.run(pace, fn) : fn();
}

/**
 * The twilio client's HTTP client, which waits for the dial pacing at the moment a request leaves (twilio-notes
 * TW-28): whatever the client does before that (building the request, loading a module) no longer moves a dial
 * out of the slot it was given. Once the carrier answered (or the request failed: it may have arrived), the
 * slot counts from then.
 */
export class PacedRequestClient extends RequestClient {
  // `any`: the SDK does not export the options type.
  override async request<TData>(opts: any) {
    const slot = await pacing.getStore()?.();
    try {
      return await super.request<TData>(opts);
    } finally {
      await slot?.sent();
    }
  }
}
