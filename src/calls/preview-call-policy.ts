import type { AppContext } from '../app-context.js';
import { parseLocalInput } from '../shared/local-time.js';
import { AppError, notFound } from '../shared/errors.js';
import { rulesAt, type PolicySubject } from './policy/call-policy.js';
import { findRefusal, loadPolicySubject } from './policy/check-call-policy.js';

export interface PolicyCheck {
  rule: string;
  ok: boolean;
  message: string;
  /** The refusal's AppError code, so the console names it in the viewer's language. */
  code?: string;
}

const refused = (rule: string, e: AppError): PolicyCheck => ({ rule, ok: false, message: e.message, code: e.code });

/**
 * O-01 "immediate policy feedback": the verdict of each `preview` rule of the call policy on an operator's
 * request (contact nominated and consenting, duration, the earliest start inside both call-hour windows,
 * the weekly quota), without creating anything. The facility line and overlap rules need what only the
 * supervisor chooses, so they run at approval.
 */
export async function previewCallPolicy(
  ctx: AppContext,
  detaineeId: number,
  q: { contactId?: unknown; earliest?: unknown; maxMinutes?: unknown },
  /** The zone the form's earliest start is read in (the viewer's). */
  zone = 'UTC',
): Promise<PolicyCheck[]> {
  const contactId = Number(q.contactId);
  if (!Number.isInteger(contactId) || contactId <= 0) throw notFound('the contact');
  // datetime-local has no zone; the form names the viewer's.
  const startAt = parseLocalInput(typeof q.earliest === 'string' ? q.earliest : undefined, zone) ?? new Date(NaN);
  const maxMinutes = Number(q.maxMinutes) || 10;
  let subject: PolicySubject;
  try {
    subject = await loadPolicySubject(ctx, detaineeId, contactId);
  } catch (e) {
    if (e instanceof AppError) return [refused('subject', e)];
    throw e;
  }
  const out: PolicyCheck[] = [];
  for (const rule of rulesAt('preview')) {
    if (rule.needsStart && Number.isNaN(startAt.getTime()))
      return [...out, { rule: rule.code, ok: false, message: 'choose the earliest start', code: 'choose_earliest' }];
    const refusal = await findRefusal(ctx, [rule], subject, { startAt, maxMinutes });
    out.push(refusal ? refused(rule.code, refusal.error) : { rule: rule.code, ok: true, message: 'ok' });
  }
  return out;
}
