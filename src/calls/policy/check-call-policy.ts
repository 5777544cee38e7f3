import type { AppContext } from '../../app-context.js';
import { AppError } from '../../shared/errors.js';
import { hoursFromRows } from '../../facilities/weekly-hours.js';
import { rulesAt, type PolicyCase, type PolicyMoment, type PolicyRule, type PolicySubject } from './call-policy.js';

/** Loads what the policy needs; each missing piece is refused with its own rule. */
export async function loadPolicySubject(ctx: AppContext, detaineeId: number, contactId: number): Promise<PolicySubject> {
  const detainee = await ctx.repos.detainees.findById(detaineeId);
  if (!detainee) throw new AppError('not_found', 'detainee was not found', 404);
  if (detainee.status === 'deceased' || detainee.status === 'released') {
    throw new AppError('detainee_not_held', 'calls are scheduled only for detainees in custody', 422);
  }
  const contact = await ctx.repos.contacts.findById(contactId);
  if (!contact || contact.detainee_id !== detainee.id)
    throw new AppError('contact_not_nominated', 'that number is not a contact of this detainee (D-05)', 422);
  const facility = detainee.facility_id ? await ctx.repos.facilities.findById(detainee.facility_id) : undefined;
  if (!facility) throw new AppError('no_facility', 'the detainee has no facility, so there is no line and no call hours', 422);
  return { detainee, contact, facility, facilityHours: hoursFromRows(await ctx.repos.facilities.callHours(facility.id)) };
}

export interface PolicyRefusal {
  rule: PolicyRule;
  error: AppError;
}

/** The first of `rules` that refuses the call, with its error; undefined when all of them allow it. */
export async function findRefusal(
  ctx: AppContext,
  rules: readonly PolicyRule[],
  s: PolicySubject,
  c: PolicyCase,
): Promise<PolicyRefusal | undefined> {
  for (const rule of rules) {
    try {
      await rule.check(ctx, s, c);
    } catch (e) {
      if (e instanceof AppError) return { rule, error: e };
      throw e;
    }
  }
  return undefined;
}

/** Every rule of `moment`; throws the AppError of the first that refuses. */
export async function checkCallPolicy(ctx: AppContext, moment: PolicyMoment, s: PolicySubject, c: PolicyCase): Promise<void> {
  const refusal = await findRefusal(ctx, rulesAt(moment), s, c);
  if (refusal) throw refusal.error;
}
