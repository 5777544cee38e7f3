import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import type { Principal } from '../shared/principal.js';
import { notFound } from '../shared/errors.js';
import { DETAINEE_STATUSES, HEALTH_CATEGORIES, LANGUAGES, type Detainee } from '../storage/schema.js';
import { SEARCH_LIMIT } from '../storage/repositories/index.js';
import { parseInput } from '../shared/parse-input.js';
import { cyrillicName, flag, nullableText, optionalText } from './form-values.js';
import { consumeSearch } from './search-limiter.js';
import { requireProtectionAcknowledged } from './protection-concern.js';
import { custodyDatesJson, noteCustodyEvents } from './custody-dates.js';

// Deliberately no field for the circumstances of capture, unit or statements (D-08).
const fields = {
  familyName: z.string().trim().min(1).max(80),
  givenName: z.string().trim().min(1).max(80),
  patronymic: nullableText(80),
  birthDate: z.preprocess(
    (v) => (v === '' ? null : v),
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
      .nullable()
      .optional(),
  ),
  status: z.enum(DETAINEE_STATUSES),
  statusSource: nullableText(120),
  healthCategory: z.preprocess((v) => (v === '' ? null : v), z.enum(HEALTH_CATEGORIES).nullable().optional()),
  possiblyDead: flag.optional(),
  facilityId: z.preprocess((v) => (v === '' ? null : v), z.coerce.number().int().positive().nullable().optional()),
  language: z.enum(LANGUAGES).default('ru'),
  /** The given name in Cyrillic, read to his family by a ru/uk voice (D-11). */
  spokenName: cyrillicName(80),
};
export const newDetaineeSchema = z.object(fields);
export const detaineeChangesSchema = z.object(fields).partial();

export const searchSchema = z.object({ q: optionalText(100) });

/**
 * Search by exact reference or name prefix. Capped at SEARCH_LIMIT rows with no paging, so the search
 * cannot be used as a bulk export; each user has an hourly allowance, so it cannot be walked letter by
 * letter either. The search is audited without its text (S-06).
 */
export async function searchDetainees(ctx: AppContext, p: Principal, input: unknown): Promise<{ results: Detainee[]; capped: boolean }> {
  const { q } = parseInput(searchSchema, input);
  if (!q) return { results: [], capped: false };
  await consumeSearch(ctx, p.userId);
  const results = await ctx.repos.detainees.search(q, SEARCH_LIMIT);
  await ctx.repos.audit.append({
    actor: p.username,
    action: 'detainee.search',
    subjectType: 'detainee',
    detail: { results: results.map((d) => d.id) },
  });
  return { results, capped: results.length >= SEARCH_LIMIT };
}

/** Every view of a detainee record is an audit entry (S-06), written before the record is returned. */
export async function viewDetainee(ctx: AppContext, p: Principal, id: number) {
  const d = await ctx.repos.detainees.findById(id);
  if (!d) throw notFound('the detainee');
  await ctx.repos.audit.append({
    actor: p.username,
    action: 'detainee.view',
    subjectType: 'detainee',
    subjectId: id,
    detail: { via: p.via },
  });
  const contacts = await ctx.repos.contacts.listByDetainee(id);
  const consent = await Promise.all(contacts.map((c) => ctx.repos.consent.current(c.id)));
  return { detainee: d, contacts: contacts.map((c, i) => ({ ...c, consent: consent[i] })) };
}

export async function createDetainee(ctx: AppContext, p: Principal, input: unknown): Promise<Detainee> {
  const v = parseInput(newDetaineeSchema, input);
  const d = await ctx.repos.detainees.create(v);
  await ctx.repos.audit.append({ actor: p.username, action: 'detainee.create', subjectType: 'detainee', subjectId: d.id });
  return d;
}

export async function updateDetainee(ctx: AppContext, p: Principal, id: number, input: unknown): Promise<Detainee> {
  const v = parseInput(detaineeChangesSchema, input);
  const before = await ctx.repos.detainees.findById(id);
  if (!before) throw notFound('the detainee');
  if (v.status === 'released' && before.status !== 'released')
    await requireProtectionAcknowledged(ctx, p, before, 'status_released', input);
  const updated = await ctx.repos.detainees.update(id, v);
  if (!updated) throw notFound('the detainee');
  const d = await noteCustodyEvents(ctx, before, updated);
  await ctx.repos.audit.append({
    actor: p.username,
    action: 'detainee.update',
    subjectType: 'detainee',
    subjectId: id,
    detail: { fields: Object.keys(v) },
  });
  return d;
}

/** The API's view of a detainee: plain JSON field names. */
export const detaineeJson = (d: Detainee) => ({
  id: d.id,
  reference: d.reference,
  familyName: d.family_name,
  givenName: d.given_name,
  patronymic: d.patronymic,
  birthDate: d.birth_date,
  status: d.status,
  statusSource: d.status_source,
  statusAt: d.status_at,
  healthCategory: d.health_category,
  possiblyDead: d.possibly_dead,
  facilityId: d.facility_id,
  language: d.language,
  spokenName: d.spoken_name,
  protectionConcern: d.protection_concern,
  ...custodyDatesJson(d),
});
