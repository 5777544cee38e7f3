import type { AppContext } from '../../app-context.js';
import { AppError, notFound } from '../../shared/errors.js';
import { contactHoursOf, hoursOf, loadPolicySubject } from '../../calls/policy/check-call-policy.js';
import { assertConsentAllowsCalls } from '../../calls/policy/assert-consent-allows-calls.js';
import { assertWithinCallHours } from '../../calls/policy/assert-within-call-hours.js';
import { assertWeeklyQuota } from '../../calls/policy/assert-weekly-quota.js';

export interface PolicyCheck {
  rule: string;
  ok: boolean;
  message: string;
}

async function check(rule: string, fn: () => Promise<void> | void): Promise<PolicyCheck> {
  try {
    await fn();
    return { rule, ok: true, message: 'ok' };
  } catch (e) {
    if (e instanceof AppError) return { rule, ok: false, message: `${e.code}: ${e.message}` };
    throw e;
  }
}

/**
 * O-01 "immediate policy feedback": runs the call feature's own rules that an operator's request can already
 * be judged by (contact nominated and consenting, the earliest start inside both call-hour windows, the
 * weekly quota), without creating anything. The facility line and overlap rules run at approval.
 */
export async function previewCallPolicy(ctx: AppContext, detaineeId: number, q: { contactId?: unknown; earliest?: unknown; maxMinutes?: unknown }): Promise<PolicyCheck[]> {
  const contactId = Number(q.contactId);
  if (!Number.isInteger(contactId) || contactId <= 0) throw notFound('the contact');
  const raw = typeof q.earliest === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(q.earliest) ? `${q.earliest}Z` : q.earliest;
  const at = new Date(String(raw ?? ''));
  const minutes = Number(q.maxMinutes) || 10;
  const subject = await check('subject', async () => void (await loadPolicySubject(ctx, detaineeId, contactId)));
  if (!subject.ok) return [subject];
  const s = await loadPolicySubject(ctx, detaineeId, contactId);
  const out = [await check('consent', () => assertConsentAllowsCalls(ctx, s.contact))];
  out.push({ rule: 'max_duration', ok: minutes <= s.facility.max_call_minutes, message: minutes <= s.facility.max_call_minutes ? 'ok' : `the facility allows calls of at most ${s.facility.max_call_minutes} minutes` });
  if (Number.isNaN(at.getTime())) return [...out, { rule: 'hours', ok: false, message: 'choose the earliest start' }];
  out.push(await check('hours', () => assertWithinCallHours(hoursOf(s.facility), contactHoursOf(s.contact), at, minutes)));
  out.push(await check('weekly_quota', () => assertWeeklyQuota(ctx, { detaineeId, startAt: at, quota: s.facility.weekly_call_quota, zone: s.facility.time_zone })));
  return out;
}
