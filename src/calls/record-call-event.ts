import type { AppContext } from '../app-context.js';

export interface CallEventRecord {
  callId: string;
  kind: string;
  actor?: string;
  detail?: Record<string, unknown>;
  dedupeKey?: string | null;
  /**
   * Also append to the audit chain. Raw carrier callbacks that move nothing stay in the call's timeline only:
   * the chain's single head row serialises writers, and auditing every ringing would throttle the dialler.
   * @defaultValue true
   */
  audit?: boolean;
}

/**
 * Every transition goes to the call's timeline and to the hash-chained audit log. Details carry codes and
 * counts only, never a phone number or a name (C-13). Returns false for a duplicate (same dedupe key).
 */
export async function recordCallEvent(ctx: AppContext, e: CallEventRecord): Promise<boolean> {
  const row = await ctx.repos.scheduledCalls.addEvent({
    callId: e.callId,
    kind: e.kind,
    actor: e.actor ?? 'system',
    detail: e.detail,
    dedupeKey: e.dedupeKey,
  });
  if (!row) return false;
  if (e.audit === false) return true;
  await ctx.repos.audit.append({
    actor: e.actor ?? 'system',
    action: `call.${e.kind}`,
    subjectType: 'scheduled_call',
    subjectId: e.callId,
    detail: e.detail,
  });
  return true;
}
