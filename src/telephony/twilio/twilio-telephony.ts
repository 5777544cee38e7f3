import twilio from 'twilio';
import type { Config } from '../../config/config.js';
import { CarrierError, type CreateCallParams, type CreateParticipantParams, type Telephony } from '../port.js';
import { RebasedRequestClient } from './rebased-request-client.js';
import { PacedRequestClient, withPacing } from './paced-request-client.js';
import { fetchTwilioRecording } from './fetch-recording.js';

type TwilioClient = ReturnType<typeof twilio>;

/** Maps the SDK's RestException (status, code) to the port's CarrierError; a network failure is status 0. */
function carrierError(e: unknown): CarrierError {
  const err = e as { status?: number; code?: number; message?: string };
  return new CarrierError(String(err?.message ?? e), typeof err?.status === 'number' ? err.status : 0, err?.code);
}

async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw carrierError(e);
  }
}

/**
 * The Telephony port over the official twilio client (only src/telephony/ imports it). With TWILIO_API_BASE_URL
 * every REST request goes to that endpoint instead (a mock, or the simulated carrier in tests). The client loads
 * its REST modules here, at start, not on the first dial: loading them takes a few hundred milliseconds, which
 * would hold the first dial back into the next one's second (TW-28).
 */
export function createTwilioTelephony(config: Config): Telephony {
  const { accountSid, authToken, apiBaseUrl } = config.twilio;
  const httpClient = apiBaseUrl ? new RebasedRequestClient(apiBaseUrl) : new PacedRequestClient();
  const client: TwilioClient = twilio(accountSid, authToken, { httpClient });
  void [client.calls, client.conferences];
  return {
    kind: 'twilio',
    async createCall(p: CreateCallParams) {
      const c = await call(() =>
        withPacing(p.pace, () =>
          client.calls.create({
            to: p.to,
            from: p.from,
            url: p.url,
            method: 'POST',
            fallbackUrl: p.fallbackUrl,
            fallbackMethod: p.fallbackUrl ? 'POST' : undefined,
            statusCallback: p.statusCallback,
            statusCallbackMethod: p.statusCallback ? 'POST' : undefined,
            // twilio-notes TW-15: a repeated parameter on calls.create (the SDK sends one key per array element).
            statusCallbackEvent: p.statusCallbackEvent,
            timeout: p.timeout,
            timeLimit: p.timeLimit,
            machineDetection: p.machineDetection,
            asyncAmd: p.asyncAmd === undefined ? undefined : String(p.asyncAmd),
            asyncAmdStatusCallback: p.asyncAmdStatusCallback,
            asyncAmdStatusCallbackMethod: p.asyncAmdStatusCallback ? 'POST' : undefined,
            record: p.record,
          }),
        ),
      );
      return { sid: c.sid };
    },
    async updateCall(sid, p) {
      await call(() =>
        client.calls(sid).update({ status: p.status, url: p.url, method: p.url ? 'POST' : undefined, timeLimit: p.timeLimit }),
      );
    },
    async createParticipant(conference: string, p: CreateParticipantParams) {
      const r = await call(() =>
        client.conferences(conference).participants.create({
          from: p.from,
          to: p.to,
          label: p.label,
          muted: p.muted,
          beep: p.beep,
          startConferenceOnEnter: p.startConferenceOnEnter,
          endConferenceOnExit: p.endConferenceOnExit,
          statusCallback: p.statusCallback,
          statusCallbackMethod: p.statusCallback ? 'POST' : undefined,
          // twilio-notes TW-15: on participants these are ONE space-separated value, not a repeated parameter.
          statusCallbackEvent: p.statusCallbackEvent?.length ? [p.statusCallbackEvent.join(' ')] : undefined,
          conferenceStatusCallback: p.conferenceStatusCallback,
          conferenceStatusCallbackEvent: p.conferenceStatusCallbackEvent?.length ? [p.conferenceStatusCallbackEvent.join(' ')] : undefined,
          timeout: p.timeout,
          timeLimit: p.timeLimit,
          waitUrl: p.waitUrl,
          machineDetection: p.machineDetection,
          amdStatusCallback: p.amdStatusCallback,
          amdStatusCallbackMethod: p.amdStatusCallback ? 'POST' : undefined,
          conferenceRecord: p.conferenceRecord,
          conferenceRecordingStatusCallback: p.conferenceRecordingStatusCallback,
          conferenceRecordingStatusCallbackMethod: p.conferenceRecordingStatusCallback ? 'POST' : undefined,
          conferenceRecordingStatusCallbackEvent: p.conferenceRecordingStatusCallback ? ['completed'] : undefined,
        }),
      );
      return { callSid: r.callSid };
    },
    async updateParticipant(conference, callSid, p) {
      await call(() =>
        client
          .conferences(conference)
          .participants(callSid)
          .update({
            muted: p.muted,
            hold: p.hold,
            holdUrl: p.holdUrl,
            announceUrl: p.announceUrl,
            announceMethod: p.announceUrl ? 'POST' : undefined,
          }),
      );
    },
    async updateConference(conference, p) {
      await call(() =>
        client
          .conferences(conference)
          .update({ status: p.status, announceUrl: p.announceUrl, announceMethod: p.announceUrl ? 'POST' : undefined }),
      );
    },
    fetchRecording: (url) => fetchTwilioRecording(config.twilio, url),
    async deleteRecording(sid) {
      try {
        await client.recordings(sid).remove();
      } catch (e) {
        const err = carrierError(e);
        if (err.status !== 404) throw err; // already gone: what deleting wanted (TW-43)
      }
    },
    recordingUrl: (sid) => `${apiBaseUrl ?? 'https://api.twilio.com'}/2010-04-01/Accounts/${accountSid}/Recordings/${sid}`,
  };
}
