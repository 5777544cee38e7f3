import type { SimulatedCarrier } from './simulated-carrier.js';
import type { SimConference } from './sim-types.js';
import { postWebhook } from './post-webhook.js';

/**
 * A conference recorded from its start (`record-from-start`, by a TwiML <Conference> or a participant's
 * ConferenceRecord): the first party that asks sets the recording status callback, like the conference's other
 * settings (twilio-notes TW-42). Called right after the party joined the room `name`.
 */
export function recordConference(c: SimulatedCarrier, name: string, record: string | undefined, callback: string | undefined): void {
  const room = c.rooms.find(name);
  if (!room || room.recording || record !== 'record-from-start' || !callback) return;
  room.recording = { callback, since: Date.now() };
}

/** When a recorded conference ends, the carrier keeps its media and posts the recording status callback. */
export async function postConferenceRecording(c: SimulatedCarrier, room: SimConference): Promise<void> {
  if (!room.recording || c.isStopped) return;
  const seconds = Math.max(1, Math.round((Date.now() - room.recording.since) / 1000));
  const { sid, url } = c.recordings.make(seconds);
  c.record({ sid: room.sid, to: '--' }, 'recording', undefined, { recordingSid: sid });
  await postWebhook(
    room.recording.callback,
    {
      AccountSid: c.o.accountSid,
      ConferenceSid: room.sid,
      RecordingSid: sid,
      RecordingUrl: url,
      RecordingStatus: 'completed',
      RecordingDuration: String(seconds),
      RecordingChannels: '1',
    },
    { authToken: c.o.authToken, connectRetries: c.o.connectRetries },
  );
}
