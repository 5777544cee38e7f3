import type { AppContext } from '../app-context.js';
import { recordCallEvent } from './record-call-event.js';

export interface CallRecordingStatus {
  callId: string;
  attemptNo: number;
  recordingSid: string;
  recordingStatus?: string;
  durationSeconds?: string;
  conferenceSid?: string;
}

/**
 * The conference's recording status callback (twilio-notes TW-42): a finished recording is listed by its SID, so
 * supervisors can play it (audited) and the purge deletes it at the carrier when it expires. Its URL is
 * not kept: playback and deletion go by SID. A retried callback changes nothing (TW-12).
 */
export async function handleCallRecording(ctx: AppContext, r: CallRecordingStatus): Promise<void> {
  if (r.recordingStatus && r.recordingStatus !== 'completed') return;
  if (await ctx.repos.callRecordings.find(r.recordingSid)) return;
  const duration = Number(r.durationSeconds);
  await ctx.repos.callRecordings.add({
    recordingSid: r.recordingSid,
    callId: r.callId,
    attemptNo: r.attemptNo,
    conferenceSid: r.conferenceSid ?? null,
    durationSeconds: Number.isFinite(duration) ? Math.round(duration) : null,
  });
  await recordCallEvent(ctx, { callId: r.callId, kind: 'recording_ready', detail: { attempt: r.attemptNo } });
}
