import type { AppContext } from '../app-context.js';
import type { FinalStatus } from '../storage/repositories/index.js';
import { maskPhone } from '../shared/redact.js';
import type { CallSession } from './call-session.js';

export type { FinalStatus };

/**
 * Writes the call's path (steps with redacted inputs), outcome and flag, and the final status when given.
 * The path lives in the Redis session while the call runs, so a webhook costs no database write; it is written
 * when the flow ends and again on the final status callback (the same row, so a repeat changes nothing).
 */
export async function writeCallLog(ctx: AppContext, s: CallSession, final?: FinalStatus, waitingIn?: string): Promise<void> {
  const now = new Date().toISOString();
  await ctx.repos.callLogs.record({
    callSid: s.callSid,
    fromMasked: maskPhone(s.from) || null,
    language: s.language,
    startedAt: new Date(s.startedAt ?? now),
    path: s.path.map((p) => ({ ...p, at: p.at ?? now })),
    outcome: s.ended ? (s.path.at(-1)?.step ?? 'ended') : (waitingIn ?? null),
    flagged: s.data.limited !== undefined,
    stirVerstat: s.stirVerstat ?? null,
    final,
  });
}
