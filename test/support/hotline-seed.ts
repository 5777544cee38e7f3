import type { AppContext } from '../../src/app-context.js';
import type { ConsentScope, DetaineeStatus, HealthCategory } from '../../src/storage/schema.js';

export interface SeedCase {
  status?: DetaineeStatus;
  health?: HealthCategory | null;
  possiblyDead?: boolean;
  consent?: ConsentScope[];
  /** Granted, then revoked again (an append-only revocation, D-01). */
  revoked?: ConsentScope[];
  secret?: string | null;
  blocked?: boolean;
  phone?: string;
}

/** One detainee with one contact, built through the repositories (no demo data). */
export async function seedDetainee(ctx: AppContext, c: SeedCase = {}) {
  const d = await ctx.repos.detainees.create({
    familyName: 'Testov',
    givenName: 'Ivan',
    status: c.status ?? 'held',
    healthCategory: c.health === undefined ? 'good' : c.health,
    possiblyDead: c.possiblyDead ?? false,
  });
  const secret = c.secret === undefined ? '4821' : c.secret;
  const contact = await ctx.repos.contacts.create({
    detaineeId: d.id,
    name: 'Maria',
    relationship: 'mother',
    phone: c.phone ?? '+79161112233',
    timeZone: 'Europe/Moscow',
    secret,
    blocked: c.blocked ?? false,
  });
  const grant = (scope: ConsentScope, granted: boolean) =>
    ctx.repos.consent.append({ contactId: contact.id, scope, granted, language: 'ru', witness: 'test witness' });
  for (const s of c.consent ?? ['held', 'health', 'messages', 'calls']) await grant(s, true);
  for (const s of c.revoked ?? []) await grant(s, false);
  return { detainee: d, contact, reference: d.reference, secret: secret ?? '4821' };
}
