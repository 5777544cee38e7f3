import { sql } from 'kysely';
import type { AppContext } from '../app-context.js';
import { maskPhone } from '../shared/redact.js';
import type { CallSession } from './call-session.js';

export interface FinalStatus {
  status: string;
  sequence: number;
  durationSeconds: number | null;
}

// A final status replaces the stored one unless a final status with a newer sequence is already there: the
// rule of callLogs.applyStatus for terminal statuses (pitfall 13), folded into the same statement.
const TERMINAL_SQL = sql`('completed', 'busy', 'failed', 'no-answer', 'canceled')`;
const newer = sql`(call_logs.final_status is null or call_logs.final_status not in ${TERMINAL_SQL} or call_logs.last_sequence < excluded.last_sequence)`;

/**
 * Writes the call's path (steps with redacted inputs), outcome and flag in one statement. The path lives in
 * the Redis session while the call runs, so a webhook costs no database write; it is written when the flow
 * ends and again on the final status callback (the same row, so a repeat changes nothing).
 */
export async function writeCallLog(ctx: AppContext, s: CallSession, final?: FinalStatus): Promise<void> {
  const now = new Date();
  const path = JSON.stringify(s.path.map((p) => ({ ...p, at: p.at ?? now.toISOString() })));
  const outcome = s.ended ? (s.path.at(-1)?.step ?? 'ended') : null;
  await ctx.repos.db
    .insertInto('call_logs')
    .values({
      call_sid: s.callSid,
      direction: 'inbound',
      from_masked: maskPhone(s.from) || null,
      language: s.language,
      started_at: new Date(s.startedAt ?? now),
      updated_at: now,
      path,
      outcome,
      flagged: s.data.flagged ?? false,
      stir_verstat: s.stirVerstat ?? null,
      final_status: final?.status ?? null,
      last_sequence: final?.sequence ?? 0,
      duration_seconds: final?.durationSeconds ?? null,
    })
    .onConflict((oc) =>
      oc.column('call_sid').doUpdateSet({
        path: sql`excluded.path`,
        language: sql`excluded.language`,
        from_masked: sql`coalesce(call_logs.from_masked, excluded.from_masked)`,
        started_at: sql`least(call_logs.started_at, excluded.started_at)`,
        stir_verstat: sql`coalesce(call_logs.stir_verstat, excluded.stir_verstat)`,
        outcome: sql`coalesce(excluded.outcome, call_logs.outcome)`,
        flagged: sql`call_logs.flagged or excluded.flagged`,
        updated_at: now,
        ...(final
          ? {
              final_status: sql`case when ${newer} then excluded.final_status else call_logs.final_status end`,
              duration_seconds: sql`case when ${newer} then coalesce(excluded.duration_seconds, call_logs.duration_seconds) else call_logs.duration_seconds end`,
              last_sequence: sql`case when ${newer} then excluded.last_sequence else call_logs.last_sequence end`,
            }
          : {}),
      }),
    )
    .execute();
}
