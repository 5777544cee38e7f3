import type { AppContext } from '../app-context.js';
import type { Principal } from '../shared/principal.js';
import { notFound } from '../shared/errors.js';
import { carrierFor, mediaFrom } from './carrier-media.js';

const DAY = 86_400_000;

export interface RecordingRow {
  recordingSid: string;
  callId: string;
  attemptNo: number;
  durationSeconds: number | null;
  createdAt: Date;
  /** When the purge deletes it at the carrier (RETENTION_RECORDING_DAYS, A-01). */
  expiresAt: Date;
}

/** The supervised calls' recordings still kept, newest first (supervisors only: the routes say so). */
export async function listRecordings(ctx: AppContext): Promise<RecordingRow[]> {
  const keep = ctx.config.retention.recordingDays * DAY;
  return (await ctx.repos.callRecordings.list()).map((r) => ({
    recordingSid: r.recording_sid,
    callId: r.call_id,
    attemptNo: r.attempt_no,
    durationSeconds: r.duration_seconds,
    createdAt: r.created_at,
    expiresAt: new Date(r.created_at.getTime() + keep),
  }));
}

/**
 * Playback of a supervised call's recording (S-06, A-01): audited first, then fetched through the carrier with
 * the account's credentials (twilio-notes TW-36) and streamed; the media URL never reaches the browser.
 */
export async function playRecording(ctx: AppContext, p: Principal, sid: string): Promise<{ body: ArrayBuffer; contentType: string }> {
  const r = await ctx.repos.callRecordings.find(sid);
  if (!r) throw notFound('the recording');
  const telephony = carrierFor(ctx);
  await ctx.repos.audit.append({
    actor: p.username,
    action: 'recording.play',
    subjectType: 'scheduled_call',
    subjectId: r.call_id,
    detail: { recordingSid: sid, attempt: r.attempt_no },
  });
  return mediaFrom(telephony.fetchRecording(telephony.recordingUrl(sid)));
}
