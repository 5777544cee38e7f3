import type { AppContext } from '../app-context.js';
import { AppError } from '../shared/errors.js';
import { CarrierError, type Telephony } from '../telephony/port.js';

/** The carrier recordings are played from; none in this process is a 503 (checked before a play is audited). */
export function carrierFor(ctx: AppContext): Telephony {
  if (!ctx.telephony) throw new AppError('recording_unavailable', 'this process has no carrier to fetch the recording from', 503);
  return ctx.telephony;
}

/** A recording's media being fetched (twilio-notes TW-36), the carrier's refusal as the console's error: 404 gone, 502 otherwise. */
export async function mediaFrom(
  fetching: Promise<{ body: ArrayBuffer; contentType: string }>,
  whatIsKept = '',
): Promise<{ body: ArrayBuffer; contentType: string }> {
  try {
    return await fetching;
  } catch (e) {
    if (!(e instanceof CarrierError)) throw e;
    throw new AppError('recording_unavailable', `${e.message}${whatIsKept}`, e.status === 404 ? 404 : 502);
  }
}
