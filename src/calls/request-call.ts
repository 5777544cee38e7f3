import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import type { CallRequest } from '../storage/schema.js';
import { CALL_REQUEST_SOURCES, LANGUAGES } from '../storage/schema.js';
import { AppError } from '../shared/errors.js';
import { parseInput } from '../shared/parse-input.js';
import { normalisePhone } from '../shared/phone.js';
import { assertConsentAllowsCalls } from './policy/assert-consent-allows-calls.js';

export const requestCallInput = z.object({
  detaineeReference: z.string().regex(/^\d{10}$/, 'a reference is 10 digits'),
  contactPhone: z.string().min(5).max(32),
  earliest: z.coerce.date(),
  maxMinutes: z.number().int().min(1).max(60).optional(),
  language: z.enum(LANGUAGES).optional(),
  source: z.enum(CALL_REQUEST_SOURCES).default('operator'),
});
export type RequestCallInput = z.input<typeof requestCallInput>;

/**
 * A call request from the hotline, the detainee (entered by an operator) or an operator (D-04). It waits for a
 * supervisor (S-01). The number must be a nominated contact whose consent allows calls (D-05).
 */
export async function requestCall(ctx: AppContext, raw: RequestCallInput, actor: string): Promise<CallRequest> {
  const input = parseInput(requestCallInput, raw);
  const detainee = await ctx.repos.detainees.findByReference(input.detaineeReference);
  if (!detainee) throw new AppError('not_found', 'no detainee has that reference', 404);
  const phone = normalisePhone(input.contactPhone).e164;
  const contact = await ctx.repos.contacts.findByDetaineeAndPhone(detainee.id, phone);
  if (!contact) throw new AppError('contact_not_nominated', 'that number is not a contact of this detainee (D-05)', 422);
  await assertConsentAllowsCalls(ctx, contact);
  const request = await ctx.repos.callRequests.create({
    detaineeId: detainee.id,
    contactId: contact.id,
    source: input.source,
    earliest: input.earliest,
    maxMinutes: input.maxMinutes,
    language: input.language ?? detainee.language,
    requestedBy: actor,
  });
  await ctx.repos.audit.append({
    actor,
    action: 'call_request.created',
    subjectType: 'call_request',
    subjectId: request.id,
    detail: { source: input.source },
  });
  return request;
}
