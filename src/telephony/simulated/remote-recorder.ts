import { SIMULATED_CARRIER_PATH } from './simulated-recordings.js';

/**
 * For a caller played in another process (`kinline call`): each <Record> asks the simulated carrier hosted by
 * the kinline at `serverUrl` to make the recording, so the console can play it from there. Against a kinline
 * on real Twilio (no simulated carrier) it gives nothing, and the recording has Twilio's URL shape only.
 */
export function remoteRecorder(o: { serverUrl: string; accountSid: string; authToken: string }) {
  const url = `${o.serverUrl.replace(/\/+$/, '')}${SIMULATED_CARRIER_PATH}/2010-04-01/Accounts/${o.accountSid}/Recordings.json`;
  const authorization = `Basic ${Buffer.from(`${o.accountSid}:${o.authToken}`).toString('base64')}`;
  return async (seconds: number): Promise<{ sid: string; url: string } | undefined> => {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ RecordingDuration: String(seconds) }).toString(),
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) return undefined;
      const r = (await res.json()) as { sid: string; media_url: string };
      return { sid: r.sid, url: r.media_url };
    } catch {
      return undefined;
    }
  };
}
