import { randomInt } from 'node:crypto';
import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import type { Principal } from '../shared/principal.js';
import { AppError, notFound } from '../shared/errors.js';
import { normalisePhone } from '../shared/phone.js';
import { CONSENT_SCOPES, LANGUAGES, type Contact } from '../storage/schema.js';
import { parseInput } from '../shared/parse-input.js';
import { cyrillicName, flag, optionalText } from './form-values.js';

const fields = {
  name: z.string().trim().min(1).max(120),
  relationship: z.string().trim().min(1).max(60),
  phone: z.string().trim().min(3).max(40),
  timeZone: optionalText(60),
  language: z.enum(LANGUAGES).default('ru'),
  /** The name in Cyrillic, read to the detainee by a ru/uk voice (D-11). */
  spokenName: cyrillicName(120),
  blocked: flag.optional(),
  nominated: flag.optional(),
  /** The contact's local calling hours (O-01); equal start and end mean any time. */
  callHoursStart: optionalText(5).pipe(
    z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM')
      .optional(),
  ),
  callHoursEnd: optionalText(5).pipe(
    z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM')
      .optional(),
  ),
};
export const newContactSchema = z.object(fields);
export const contactChangesSchema = z.object(fields).partial().extend({ callsStopped: flag.optional() });

export const consentSchema = z.object({
  scope: z.enum(CONSENT_SCOPES),
  granted: flag,
  language: z.enum(LANGUAGES),
  witness: z.string().trim().min(1).max(120),
  prompt: optionalText(500),
});

export const secretSchema = z.object({
  secret: optionalText(8).pipe(
    z
      .string()
      .regex(/^\d{4,8}$/, 'must be 4 to 8 digits')
      .optional(),
  ),
});

function checkZone(zone: string | undefined): string | undefined {
  if (zone && !Intl.supportedValuesOf('timeZone').includes(zone) && zone !== 'UTC') {
    throw new AppError('invalid_time_zone', `${zone} is not a known time zone (use a name such as Europe/Moscow)`);
  }
  return zone;
}

/** The number is normalised to E.164; an invalid one is refused with the reason (foundation issue). */
export async function createContact(ctx: AppContext, p: Principal, detaineeId: number, input: unknown): Promise<Contact> {
  const v = parseInput(newContactSchema, input);
  if (!(await ctx.repos.detainees.findById(detaineeId))) throw notFound('the detainee');
  const phone = normalisePhone(v.phone);
  if (await ctx.repos.contacts.findByDetaineeAndPhone(detaineeId, phone.e164)) {
    throw new AppError('duplicate_contact', 'this number is already a contact of this detainee', 409);
  }
  const c = await ctx.repos.contacts.create({ ...v, detaineeId, phone: phone.e164, timeZone: checkZone(v.timeZone) ?? phone.timeZone });
  await ctx.repos.audit.append({
    actor: p.username,
    action: 'contact.create',
    subjectType: 'detainee',
    subjectId: detaineeId,
    detail: { contactId: c.id },
  });
  return c;
}

export async function updateContact(ctx: AppContext, p: Principal, id: number, input: unknown): Promise<Contact> {
  const v = parseInput(contactChangesSchema, input);
  const changes = { ...v, timeZone: checkZone(v.timeZone), phone: undefined as string | undefined };
  if (v.phone) {
    const phone = normalisePhone(v.phone);
    changes.phone = phone.e164;
    if (!v.timeZone) changes.timeZone = phone.timeZone;
  }
  const c = await ctx.repos.contacts.update(id, changes);
  if (!c) throw notFound('the contact');
  await ctx.repos.audit.append({
    actor: p.username,
    action: 'contact.update',
    subjectType: 'detainee',
    subjectId: c.detainee_id,
    detail: { contactId: id, fields: Object.keys(v) },
  });
  return c;
}

/** A contact with its consent ledger; viewing it is audited like a detainee view (S-06). */
export async function viewContact(ctx: AppContext, p: Principal, id: number) {
  const c = await ctx.repos.contacts.findById(id);
  if (!c) throw notFound('the contact');
  const detainee = await ctx.repos.detainees.findById(c.detainee_id);
  await ctx.repos.audit.append({
    actor: p.username,
    action: 'contact.view',
    subjectType: 'detainee',
    subjectId: c.detainee_id,
    detail: { contactId: id },
  });
  const [history, consent] = await Promise.all([ctx.repos.consent.history(id), ctx.repos.consent.current(id)]);
  return { contact: c, detainee: detainee!, history, consent };
}

/** D-01: grants and revocations are appended, never edited. */
export async function appendConsent(ctx: AppContext, p: Principal, contactId: number, input: unknown) {
  const v = parseInput(consentSchema, input);
  const c = await ctx.repos.contacts.findById(contactId);
  if (!c) throw notFound('the contact');
  const e = await ctx.repos.consent.append({ ...v, contactId, recordedBy: p.username });
  await ctx.repos.audit.append({
    actor: p.username,
    action: v.granted ? 'consent.grant' : 'consent.revoke',
    subjectType: 'detainee',
    subjectId: c.detainee_id,
    detail: { contactId, scope: v.scope },
  });
  return e;
}

/**
 * Sets the verification secret the detainee chose (C-03, O-05), or draws a random 6-digit one when none
 * is given. The digits are returned exactly once, for the operator to pass on; only a keyed hash is kept.
 */
export async function setContactSecret(ctx: AppContext, p: Principal, contactId: number, input: unknown): Promise<{ secret: string }> {
  const v = parseInput(secretSchema, input);
  const c = await ctx.repos.contacts.findById(contactId);
  if (!c) throw notFound('the contact');
  const secret = v.secret ?? String(randomInt(0, 1_000_000)).padStart(6, '0');
  await ctx.repos.contacts.setSecret(contactId, secret);
  await ctx.repos.audit.append({
    actor: p.username,
    action: 'contact.secret.set',
    subjectType: 'detainee',
    subjectId: c.detainee_id,
    detail: { contactId, chosenBy: v.secret ? 'detainee' : 'random' },
  });
  return { secret };
}

export const contactJson = (c: Contact) => ({
  id: c.id,
  detaineeId: c.detainee_id,
  name: c.name,
  spokenName: c.spoken_name,
  relationship: c.relationship,
  phone: c.phone,
  timeZone: c.time_zone,
  language: c.language,
  hasSecret: Boolean(c.secret_hash),
  callHours: { start: c.call_hours_start, end: c.call_hours_end },
  blocked: c.blocked,
  nominated: c.nominated,
  callsStopped: c.calls_stopped,
});
