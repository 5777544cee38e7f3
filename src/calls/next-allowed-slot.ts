import type { AppContext } from '../app-context.js';
import { CALL_POLICY, type PolicyCase, type PolicySubject } from './policy/call-policy.js';
import { findRefusal } from './policy/check-call-policy.js';

const STEP_MS = 5 * 60_000;
const HORIZON_MS = 8 * 86_400_000;

/** The rules a later start can satisfy (the calling hours). */
export const TIME_RULES = CALL_POLICY.filter((r) => r.onRefusal === 'later_slot');

/**
 * The first moment from `from` (rounded up to 5 minutes) that every `later_slot` rule of the call policy
 * allows for the whole call (O-01); undefined when none does within a week and a day. Used when a dial job
 * runs late (a backlog) and the hours have closed: the call moves to the next slot rather than failing for good.
 */
export async function nextAllowedSlot(ctx: AppContext, s: PolicySubject, c: PolicyCase, from: Date): Promise<Date | undefined> {
  const start = Math.ceil(from.getTime() / STEP_MS) * STEP_MS;
  for (let t = start; t <= start + HORIZON_MS; t += STEP_MS) {
    const at = new Date(t);
    if (!(await findRefusal(ctx, TIME_RULES, s, { ...c, startAt: at }))) return at;
  }
  return undefined;
}
