import type { AppContext } from '../app-context.js';
import type { ScheduledCall } from '../storage/schema.js';
import { AppError } from '../shared/errors.js';
import { rulesAt } from './policy/call-policy.js';
import { findRefusal, loadPolicySubject } from './policy/check-call-policy.js';
import { nextAllowedSlot } from './next-allowed-slot.js';

export interface DialTimeRefusal {
  error: AppError;
  /** Set when the refusing rule moves the call to a later slot and one exists inside the retry window. */
  slot?: Date;
}

/**
 * The call policy's `dial` rules for a call about to be dialled at `now`: undefined when it may be dialled.
 * Consent may have been revoked since scheduling, and the hours must hold for "now" (O-01).
 */
export async function dialTimeRefusal(ctx: AppContext, call: ScheduledCall, now: Date): Promise<DialTimeRefusal | undefined> {
  const c = {
    startAt: now,
    maxMinutes: call.max_minutes,
    facilityLine: call.facility_line,
    supervisorPhone: call.supervisor_phone,
    excludeId: call.id,
  };
  let subject;
  try {
    subject = await loadPolicySubject(ctx, call.detainee_id, call.contact_id);
  } catch (e) {
    if (e instanceof AppError) return { error: e };
    throw e;
  }
  const refusal = await findRefusal(ctx, rulesAt('dial'), subject, c);
  if (!refusal || refusal.rule.onRefusal !== 'later_slot') return refusal && { error: refusal.error };
  const slot = await nextAllowedSlot(ctx, subject, c, now);
  const inWindow = slot && (!call.window_end || slot.getTime() <= call.window_end.getTime());
  return { error: refusal.error, slot: inWindow ? slot : undefined };
}
