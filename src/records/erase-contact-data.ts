import { parsePhoneNumberWithError } from 'libphonenumber-js/max';
import type { AppContext } from '../app-context.js';
import type { Principal } from '../shared/principal.js';
import { AppError, notFound } from '../shared/errors.js';
import { deleteKeysHolding } from '../redis/delete-keys-holding.js';

/** The forms a number may be stored in: E.164, without its +, and the national number with its trunk 0. */
export function storedForms(e164: string): string[] {
  const forms = new Set([e164, e164.replace(/^\+/, '')]);
  try {
    const p = parsePhoneNumberWithError(e164);
    forms.add(p.formatNational().replace(/\D/g, ''));
  } catch {
    // not a number libphonenumber reads: the two forms above are all there is
  }
  return [...forms].filter((f) => f.length >= 6);
}

/**
 * C-11, C-13, A-01: a relative's data deleted on their request (taken by an operator, carried out by a supervisor:
 * the erasure cannot be undone, and a caller pretending to be the relative could otherwise cut a detainee off from
 * his family). Their name, number and secret go from the contact, with the enquiries, callback tasks, call-log
 * entries and Redis keys tied to their number; the detainee's record stays. The audit entry names no one.
 */
export async function eraseContactData(ctx: AppContext, p: Principal, contactId: number, input: { confirm?: unknown }) {
  if (input.confirm !== true && input.confirm !== 'true' && input.confirm !== 'on')
    throw new AppError('confirmation_required', 'confirm that the relative asked for their data to be deleted');
  const contact = await ctx.repos.contacts.findById(contactId);
  if (!contact) throw notFound('the contact');
  if (contact.phone.startsWith('erased-')) throw new AppError('already_erased', 'this contact’s data was already deleted', 409);
  const phones = storedForms(contact.phone);
  const counts = await ctx.repos.erasure.eraseContact(contactId, phones);
  const redisKeys = await deleteKeysHolding(ctx.redis, `${ctx.config.redis.prefix}:`, phones);
  await ctx.repos.audit.append({
    actor: p.username,
    action: 'contact.erased',
    subjectType: 'contact',
    subjectId: contactId,
    detail: { ...counts, redisKeys },
  });
  return { ...counts, redisKeys };
}
