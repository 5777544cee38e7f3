import type { Config } from '../config/config.js';
import type { Telephony } from '../telephony/port.js';
import { createTwilioTelephony } from '../telephony/twilio/twilio-telephony.js';
import { SimulatedCarrier } from '../telephony/simulated/simulated-carrier.js';

/**
 * The carrier for this process: Twilio when credentials are configured (TWILIO_API_BASE_URL may point it at a
 * mock or a simulated carrier in another process), otherwise the simulated carrier inside kinline.
 */
export function createTelephony(config: Config): Telephony {
  if (config.twilio.carrier === 'twilio') return createTwilioTelephony(config);
  return new SimulatedCarrier({ accountSid: config.twilio.accountSid, authToken: config.twilio.authToken });
}
