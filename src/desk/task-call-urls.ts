import type { AppContext } from '../app-context.js';
import type { TaskCall } from '../storage/schema.js';

export type TaskCallLeg = 'operator' | 'family';

/**
 * Webhook URLs of a call to a family: only the attempt's id goes in them, never a number (twilio-notes TW-35),
 * built from PUBLIC_BASE_URL, never from Host (TW-34).
 */
export function taskCallUrls(ctx: Pick<AppContext, 'config'>, callId: number) {
  const root = `${ctx.config.http.publicBaseUrl}/voice/callback`;
  const base = `${root}/${callId}`;
  return {
    operator: `${base}/operator`,
    press: `${base}/operator/press`,
    unreached: `${base}/operator/unreached`,
    status: (leg: TaskCallLeg) => `${base}/status/${leg}`,
    fallback: `${root}/fallback`,
  };
}

/** The conference that bridges the operator and the family: one per attempt. */
export const roomOf = (c: Pick<TaskCall, 'task_id' | 'attempt_no'>) => `task-${c.task_id}-${c.attempt_no}`;

/** Twilio's ring time for either leg (twilio-notes TW-27) and the longest a callback may last. */
export const RING_SECONDS = 30;
export const TIME_LIMIT_SECONDS = 3600;
/** A lock older than this belongs to a call whose end never arrived; the task may be called again. */
export const STALE_LOCK_MS = 2 * TIME_LIMIT_SECONDS * 1000;
