import type { AppContext } from '../../app-context.js';
import type { Contact } from '../../storage/schema.js';
import { AppError } from '../../shared/errors.js';

/**
 * D-01, D-05, D-09, C-11: calls go only to a number the detainee nominated, whose consent entry allows calls,
 * that he has not marked "never contact", and whose owner has not asked for no more calls.
 */
export async function assertConsentAllowsCalls(ctx: AppContext, contact: Contact): Promise<void> {
  if (contact.blocked) throw new AppError('contact_blocked', 'the detainee marked this contact "never contact" (D-09)', 422);
  if (contact.calls_stopped) throw new AppError('contact_stopped_calls', 'the owner of this number asked for no more calls (C-11)', 422);
  if (!contact.nominated) throw new AppError('contact_not_nominated', 'the detainee has not nominated this number for calls (D-05)', 422);
  const consent = await ctx.repos.consent.current(contact.id);
  if (!consent.calls)
    throw new AppError('consent_calls_missing', "the detainee's consent ledger does not allow calls to this contact (D-01)", 422);
}
