import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import type { Principal } from '../shared/principal.js';
import { AppError, notFound } from '../shared/errors.js';
import { ROLES } from '../storage/schema.js';
import { createSessionStore } from './session-store.js';
import { parseInput } from '../shared/parse-input.js';
import { userTimeZone } from './time-zone-field.js';
import { SYSTEM_ACTORS } from '../shared/system-actors.js';
import { normalisePhone } from '../shared/phone.js';

/** A supervisor's phone for listening in (S-03): stored as E.164; null or '' clears it. */
const phoneField = z.preprocess(
  (v) => (v === '' ? null : v),
  z
    .string()
    .trim()
    .max(32)
    .transform((v, ctx) => {
      try {
        return normalisePhone(v).e164;
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: e instanceof AppError ? e.message : 'is not a phone number' });
        return z.NEVER;
      }
    })
    .nullable(),
);

export const CONSOLE_LANGUAGES = ['uk', 'en'] as const;
export type ConsoleLanguage = (typeof CONSOLE_LANGUAGES)[number];

export const newUserSchema = z.object({
  username: z
    .string()
    .trim()
    .min(3)
    .max(40)
    .regex(/^[a-z0-9._-]+$/, 'use lower-case letters, digits, dot, dash or underscore')
    // The audit list tells people from the system by these names.
    .refine((u) => !(SYSTEM_ACTORS as readonly string[]).includes(u), 'this name is reserved for the system'),
  password: z.string().min(12, 'at least 12 characters').max(200),
  role: z.enum(ROLES),
  displayName: z.string().trim().max(80).optional(),
  language: z.enum(CONSOLE_LANGUAGES).default('uk'),
  timeZone: userTimeZone.optional(),
  phone: phoneField.optional(),
});

export const userChangesSchema = z.strictObject({
  displayName: z.string().trim().max(80).optional(),
  phone: phoneField.optional(),
  timeZone: userTimeZone.optional(),
});

/** What the users screen and API show: never the password hash. */
export const publicUser = (u: {
  id: number;
  username: string;
  display_name: string | null;
  role: string;
  language: string;
  time_zone: string | null;
  disabled: boolean;
  phone?: string | null;
}) => ({
  id: u.id,
  username: u.username,
  displayName: u.display_name,
  role: u.role,
  language: u.language,
  /** Null: the user reads times in OPERATOR_TIME_ZONE. */
  timeZone: u.time_zone,
  disabled: u.disabled,
  phone: u.phone ?? null,
});

export async function listUsers(ctx: AppContext) {
  return (await ctx.repos.users.list()).map(publicUser);
}

export async function createUser(ctx: AppContext, p: Principal, input: unknown) {
  const v = parseInput(newUserSchema, input);
  if (await ctx.repos.users.findByUsername(v.username)) throw new AppError('username_taken', 'that username is already in use', 409);
  const u = await ctx.repos.users.create(v);
  await ctx.repos.audit.append({
    actor: p.username,
    action: 'user.create',
    subjectType: 'user',
    subjectId: u.id,
    detail: { role: u.role },
  });
  return publicUser(u);
}

/**
 * An admin sets a user's display name, phone or time zone; the audit names the fields changed, not the name or
 * phone (the zone is no personal data, and is named as `user.time_zone` entries are).
 */
export async function updateUser(ctx: AppContext, p: Principal, userId: number, input: unknown) {
  const v = parseInput(userChangesSchema, input);
  const u = await ctx.repos.users.update(userId, v);
  if (!u) throw notFound('the user');
  const { timeZone, ...others } = v;
  const audit = (action: string, detail: Record<string, unknown>) =>
    ctx.repos.audit.append({ actor: p.username, action, subjectType: 'user', subjectId: userId, detail });
  if (Object.keys(others).length) await audit('user.update', { fields: Object.keys(others) });
  if (timeZone !== undefined) await audit('user.time_zone', { timeZone });
  return publicUser(u);
}

/** Disabling ends the user's sessions; their tokens stop working because findByApiToken checks `disabled`. */
export async function setUserDisabled(ctx: AppContext, p: Principal, userId: number, disabled: boolean) {
  if (userId === p.userId && disabled) throw new AppError('self_disable', 'you cannot disable your own account', 400);
  const u = await ctx.repos.users.setDisabled(userId, disabled);
  if (!u) throw notFound('the user');
  if (disabled) await createSessionStore(ctx).destroyAllFor(userId);
  await ctx.repos.audit.append({
    actor: p.username,
    action: disabled ? 'user.disable' : 'user.enable',
    subjectType: 'user',
    subjectId: userId,
  });
  return publicUser(u);
}

/** The console language is stored per user (users.language). */
export async function setUserLanguage(ctx: AppContext, p: Principal, language: unknown): Promise<ConsoleLanguage> {
  const lang = parseInput(z.enum(CONSOLE_LANGUAGES), language);
  await ctx.repos.users.setLanguage(p.userId, lang);
  return lang;
}
