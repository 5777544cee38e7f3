import type { AppContext } from '../../app-context.js';
import type { Contact, Detainee, Facility } from '../../storage/schema.js';
import { AppError } from '../../shared/errors.js';
import { assertConsentAllowsCalls } from './assert-consent-allows-calls.js';
import { assertWithinCallHours } from './assert-within-call-hours.js';
import { assertWeeklyQuota } from './assert-weekly-quota.js';
import { assertNoOverlap } from './assert-no-overlap.js';
import { assertFacilityLine } from './assert-facility-line.js';

export interface PolicySubject {
  detainee: Detainee;
  contact: Contact;
  facility: Facility;
}

/** Loads what the policy needs; each missing piece is refused with its own rule. */
export async function loadPolicySubject(ctx: AppContext, detaineeId: number, contactId: number): Promise<PolicySubject> {
  const detainee = await ctx.repos.detainees.findById(detaineeId);
  if (!detainee) throw new AppError('not_found', 'detainee was not found', 404);
  if (detainee.status === 'deceased' || detainee.status === 'released') {
    throw new AppError('detainee_not_held', 'calls are scheduled only for detainees in custody', 422);
  }
  const contact = await ctx.repos.contacts.findById(contactId);
  if (!contact || contact.detainee_id !== detainee.id) throw new AppError('contact_not_nominated', 'that number is not a contact of this detainee (D-05)', 422);
  const facility = detainee.facility_id ? await ctx.repos.facilities.findById(detainee.facility_id) : undefined;
  if (!facility) throw new AppError('no_facility', 'the detainee has no facility, so there is no line and no call hours', 422);
  return { detainee, contact, facility };
}

export interface SchedulePolicyInput {
  startAt: Date;
  maxMinutes: number;
  facilityLine: string;
  supervisorPhone: string;
  excludeId?: string;
}

/** Every rule checked when scheduling (O-01, A-08). Throws AppError naming the rule that refused. */
export async function checkSchedulePolicy(ctx: AppContext, s: PolicySubject, p: SchedulePolicyInput): Promise<void> {
  await assertConsentAllowsCalls(ctx, s.contact);
  if (p.maxMinutes > s.facility.max_call_minutes) {
    throw new AppError('max_duration_exceeded', `the facility allows calls of at most ${s.facility.max_call_minutes} minutes`, 422);
  }
  await assertFacilityLine(ctx, s.facility.id, p.facilityLine);
  assertWithinCallHours(hoursOf(s.facility), contactHoursOf(s.contact), p.startAt, p.maxMinutes);
  await assertWeeklyQuota(ctx, { detaineeId: s.detainee.id, startAt: p.startAt, quota: s.facility.weekly_call_quota, zone: s.facility.time_zone, excludeId: p.excludeId });
  await assertNoOverlap(ctx, { detaineeId: s.detainee.id, ...p });
}

/** The rules re-checked just before dialling: consent may have been revoked, and the hours hold for "now". */
export async function checkDialPolicy(ctx: AppContext, s: PolicySubject, at: Date, maxMinutes: number, facilityLine: string): Promise<void> {
  await assertConsentAllowsCalls(ctx, s.contact);
  await assertFacilityLine(ctx, s.facility.id, facilityLine);
  assertWithinCallHours(hoursOf(s.facility), contactHoursOf(s.contact), at, maxMinutes);
}

export const hoursOf = (f: Facility) => ({ start: f.call_hours_start, end: f.call_hours_end, zone: f.time_zone });
export const contactHoursOf = (c: Contact) => ({ start: c.call_hours_start, end: c.call_hours_end, zone: c.time_zone });
