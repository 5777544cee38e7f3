import type { AppContext } from '../app-context.js';
import { CarrierError } from '../telephony/port.js';

/**
 * Deletes recordings at the carrier (A-01, twilio-notes TW-43) and says which SIDs are gone. One the carrier
 * refused to delete is kept, with its row, and tried again at the next purge; with no carrier in this process
 * nothing is deleted and nothing is forgotten.
 */
export async function deleteAtCarrier(ctx: AppContext, sids: string[]): Promise<Set<string>> {
  const gone = new Set<string>();
  if (!ctx.telephony) return gone;
  for (const sid of sids) {
    try {
      await ctx.telephony.deleteRecording(sid);
      gone.add(sid);
    } catch (e) {
      if (!(e instanceof CarrierError)) throw e;
      ctx.logger.warn(
        { status: e.status, code: e.code },
        'retention: the carrier did not delete a recording; it is tried again at the next purge',
      );
    }
  }
  return gone;
}

/** Expired recordings of supervised calls, messages and enquiries: deleted at the carrier, then forgotten. */
export async function purgeRecordings(ctx: AppContext, cutoff: Date): Promise<{ recordings: number; recordingsKept: number }> {
  let deleted = 0;
  let kept = 0;
  const calls = await ctx.repos.callRecordings.listCreatedBefore(cutoff);
  const goneCalls = await deleteAtCarrier(
    ctx,
    calls.map((r) => r.recording_sid),
  );
  for (const r of calls) {
    if (!goneCalls.has(r.recording_sid)) kept++;
    else {
      await ctx.repos.callRecordings.remove(r.recording_sid);
      deleted++;
    }
  }
  for (const m of await ctx.repos.retention.messageRecordingsBefore(cutoff)) {
    if (m.recording_sid && !(await deleteAtCarrier(ctx, [m.recording_sid])).has(m.recording_sid)) kept++;
    else {
      await ctx.repos.retention.clearMessageRecording(m.id);
      deleted++;
    }
  }
  return { recordings: deleted, recordingsKept: kept };
}
