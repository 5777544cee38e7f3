import { z } from 'zod';
import { IANAZone } from 'luxon';
import { normalisePhone } from '../shared/phone.js';
import { AppError } from '../shared/errors.js';
import { parseWeeklyHours } from './weekly-hours.js';

/** Read as the text format of weekly-hours.ts; a problem is reported on the field that holds it. */
export const callHoursField = z.string().transform((text, ctx) => {
  const r = parseWeeklyHours(text);
  if (r.ok) return r.hours;
  ctx.addIssue({ code: 'custom', message: r.problem });
  return z.NEVER;
});

export const timeZoneField = z
  .string()
  .trim()
  .refine((zone) => IANAZone.isValidZone(zone), 'is not a known IANA time zone, e.g. Europe/Kyiv');

/** A facility line: E.164 only (with its +), as the carrier dials it; checked against the numbering plan. */
export const lineField = z
  .string()
  .trim()
  .transform((v, ctx) => {
    if (!/^\+[1-9]\d{6,14}$/.test(v)) {
      ctx.addIssue({ code: 'custom', message: 'must be an E.164 number: + country code and digits, e.g. +380441234567' });
      return z.NEVER;
    }
    try {
      return normalisePhone(v).e164;
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: e instanceof AppError ? e.message : 'is not a phone number' });
      return z.NEVER;
    }
  });

const whole = (min: number, max: number) =>
  z
    .number({ message: 'must be a whole number' })
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

/** A-08 facility parameters; the limits keep a typo (a quota of -1, 0 minutes) from stopping every call. */
export const facilityFields = {
  name: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
  timeZone: timeZoneField,
  callHours: callHoursField,
  maxCallMinutes: whole(1, 240),
  weeklyCallQuota: whole(1, 100),
  contactFloorDays: whole(1, 365),
  /** null or an empty string clears the default line. */
  defaultLine: z.preprocess((v) => (v === '' ? null : v), lineField.nullable()),
};

export const newFacilitySchema = z.strictObject({
  ...facilityFields,
  timeZone: facilityFields.timeZone.optional(),
  callHours: facilityFields.callHours.optional(),
  maxCallMinutes: facilityFields.maxCallMinutes.optional(),
  weeklyCallQuota: facilityFields.weeklyCallQuota.optional(),
  contactFloorDays: facilityFields.contactFloorDays.optional(),
  defaultLine: facilityFields.defaultLine.optional(),
});

export const facilityChangesSchema = newFacilitySchema.partial();

export const newLineSchema = z.strictObject({
  phone: lineField,
  label: z
    .string()
    .trim()
    .max(100, 'must be at most 100 characters')
    .optional()
    .transform((v) => v || null),
});
