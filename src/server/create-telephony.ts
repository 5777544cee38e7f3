import type { Config } from '../config/config.js';
import type { Telephony } from '../telephony/port.js';
import { createTwilioTelephony } from '../telephony/twilio/twilio-telephony.js';
import { SimulatedCarrier } from '../telephony/simulated/simulated-carrier.js';
import { SIMULATED_CARRIER_PATH } from '../telephony/simulated/simulated-recordings.js';

/**
 * The carrier for this process: Twilio when credentials are configured (TWILIO_API_BASE_URL may point it at a
 * mock), otherwise the simulated carrier. A process that serves HTTP hosts the simulated carrier itself, with
 * its REST API at PUBLIC_BASE_URL/simulated-carrier; a worker serves no HTTP, so it places its calls on that
 * one (or on the one at TWILIO_API_BASE_URL) through the Twilio adapter, and the web's barge and end reach them.
 */
export function createTelephony(config: Config, role: 'all' | 'web' | 'worker' = 'all'): Telephony {
  if (config.twilio.carrier === 'twilio') return createTwilioTelephony(config);
  const hosted = `${config.http.publicBaseUrl}${SIMULATED_CARRIER_PATH}`;
  if (role === 'worker')
    return createTwilioTelephony({ ...config, twilio: { ...config.twilio, apiBaseUrl: config.twilio.apiBaseUrl ?? hosted } });
  return new SimulatedCarrier({ accountSid: config.twilio.accountSid, authToken: config.twilio.authToken, baseUrl: hosted });
}
