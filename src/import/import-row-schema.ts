import { z } from 'zod';
import { CONSENT_SCOPES, DETAINEE_STATUSES, HEALTH_CATEGORIES, LANGUAGES, type ConsentScope } from '../storage/schema.js';
import { isValidReference } from '../shared/reference.js';
import { SECRET_PATTERN } from '../shared/secret-hash.js';
import { normalisePhone } from '../shared/phone.js';
import { isTimeZone } from '../shared/is-time-zone.js';
import { AppError } from '../shared/errors.js';
import { SPOKEN_NAME_COLUMNS, spokenNameColumns } from './import-spoken-names.js';
import { dateColumns, dayCell } from './import-date-columns.js';
import { FACILITY_SETTING_COLUMNS, facilityColumns, facilitySettingsOf, type ImportFacilitySettings } from './import-facility-columns.js';

/** The CSV columns, in the order the README documents them. Only these are accepted. */
export const IMPORT_COLUMNS = [
  'reference',
  'family_name',
  'given_name',
  'patronymic',
  'birth_date',
  'status',
  'status_source',
  'health_category',
  'possibly_dead',
  'nib_reported_at',
  'arrived_at',
  'facility',
  'facility_time_zone',
  'facility_call_hours',
  'facility_max_call_minutes',
  'facility_weekly_quota',
  'facility_contact_floor_days',
  'facility_line',
  'language',
  'contact_name',
  'relationship',
  'contact_phone',
  'contact_language',
  'contact_time_zone',
  'secret',
  'consent',
  'consent_witness',
  'nominated',
  'blocked',
  ...SPOKEN_NAME_COLUMNS,
] as const;
export const REQUIRED_COLUMNS = ['family_name', 'given_name', 'status'] as const;

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
const optional = (max: number) => text(max).transform((v) => (v === '' ? null : v));
const flag = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => ['', 'yes', 'no', 'true', 'false', '1', '0', 'y', 'n'].includes(v), 'must be yes or no')
  .transform((v) => ['yes', 'true', '1', 'y'].includes(v));
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

// Values are never echoed in messages: a reason may be shown or kept where a name or secret must not be.
const rowSchema = z.object({
  reference: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(/^\d{10}$/, 'must be 10 digits')
      .refine(isValidReference, 'has a wrong check digit (C-04)')
      .optional(),
  ),
  family_name: text(100).min(1, 'is required'),
  given_name: text(100).min(1, 'is required'),
  patronymic: optional(100),
  birth_date: dayCell,
  ...dateColumns,
  status: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(DETAINEE_STATUSES, { message: `must be one of ${DETAINEE_STATUSES.join(', ')}` })),
  status_source: optional(200),
  health_category: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.enum(HEALTH_CATEGORIES, { message: `must be one of ${HEALTH_CATEGORIES.join(', ')}` }))
      .optional(),
  ),
  possibly_dead: flag,
  facility: optional(200),
  ...facilityColumns,
  language: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.enum(LANGUAGES, { message: 'must be ru, uk or en' }))
      .default('ru'),
  ),
  contact_name: optional(200),
  relationship: optional(100),
  contact_phone: optional(40),
  contact_language: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.enum(LANGUAGES, { message: 'must be ru, uk or en' }))
      .optional(),
  ),
  contact_time_zone: optional(64).refine((v) => v === null || isTimeZone(v), 'is not a known IANA time zone'),
  secret: z
    .string()
    .trim()
    .refine((v) => v === '' || SECRET_PATTERN.test(v), 'must be 4 to 8 digits'),
  consent: z
    .string()
    .trim()
    .toLowerCase()
    .transform((v) => v.split(/[;,\s]+/).filter(Boolean))
    .refine(
      (list) => list.every((s) => (CONSENT_SCOPES as readonly string[]).includes(s)),
      `may list only ${CONSENT_SCOPES.join(', ')} separated by ;`,
    ),
  consent_witness: optional(200),
  nominated: flag,
  blocked: flag,
  ...spokenNameColumns,
});

export interface ImportContact {
  name: string;
  spokenName: string | null;
  relationship: string;
  phone: string;
  timeZone: string;
  /** False when the zone was derived from the number: then an operator's override is kept. */
  timeZoneGiven: boolean;
  language: (typeof LANGUAGES)[number];
  secret: string | null;
  consent: ConsentScope[];
  witness: string;
  nominated: boolean;
  blocked: boolean;
}

export type ImportRow = Omit<
  z.infer<typeof rowSchema>,
  | (typeof FACILITY_SETTING_COLUMNS)[number]
  | 'contact_name'
  | 'contact_spoken_name'
  | 'relationship'
  | 'contact_phone'
  | 'contact_language'
  | 'contact_time_zone'
  | 'secret'
  | 'consent'
  | 'consent_witness'
  | 'nominated'
  | 'blocked'
> & {
  contact: ImportContact | null;
  facilitySettings: ImportFacilitySettings | null;
};

export type ParsedRow = { ok: true; row: ImportRow } | { ok: false; reason: string };

/** Validates one CSV record. The reason names the column and the rule, never the value. */
export function parseImportRow(record: Record<string, string | undefined>): ParsedRow {
  const filled = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c, record[c] ?? '']));
  const parsed = rowSchema.safeParse(filled);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `${String(issue.path[0] ?? 'row')} ${issue.message.replace(/^Invalid input: /, '')}` };
  }
  const r = parsed.data;
  const {
    contact_name,
    contact_spoken_name,
    relationship,
    contact_phone,
    contact_language,
    contact_time_zone,
    secret,
    consent,
    consent_witness,
    nominated,
    blocked,
    facility_time_zone,
    facility_call_hours,
    facility_max_call_minutes,
    facility_weekly_quota,
    facility_contact_floor_days,
    facility_line,
    ...rest
  } = r;
  const settings = facilitySettingsOf({
    facility_time_zone,
    facility_call_hours,
    facility_max_call_minutes,
    facility_weekly_quota,
    facility_contact_floor_days,
    facility_line,
  });
  const given = FACILITY_SETTING_COLUMNS.find((c) => r[c] !== undefined);
  if (given && !rest.facility) return { ok: false, reason: `${given} needs the facility column: name the facility it sets` };
  const detainee = { ...rest, facilitySettings: given ? settings : null };
  if (!contact_name && !relationship && !contact_phone) return { ok: true, row: { ...detainee, contact: null } };
  for (const [column, v] of Object.entries({ contact_name, relationship, contact_phone }))
    if (!v) return { ok: false, reason: `${column} is required when a contact is given` };
  let phone;
  try {
    phone = normalisePhone(contact_phone!);
  } catch (e) {
    return { ok: false, reason: `contact_phone: ${e instanceof AppError ? e.message : 'is not a phone number'}` };
  }
  return {
    ok: true,
    row: {
      ...detainee,
      contact: {
        name: contact_name!,
        spokenName: contact_spoken_name,
        relationship: relationship!,
        phone: phone.e164,
        timeZone: contact_time_zone ?? phone.timeZone,
        timeZoneGiven: contact_time_zone !== null,
        language: contact_language ?? detainee.language,
        secret: secret === '' ? null : secret,
        consent: [...new Set(consent)] as ConsentScope[],
        witness: consent_witness ?? 'consent form on paper (CSV import)',
        nominated,
        blocked,
      },
    },
  };
}
