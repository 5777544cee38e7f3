import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import type { CallRequest } from '../storage/schema.js';
import { AppError } from '../shared/errors.js';
import { parseInput } from '../shared/parse-input.js';
import { denyReason } from './reason-codes.js';
import { sendReasonToBothSides } from './send-reason-to-both-sides.js';

export const denyInput = z.object({ reason: denyReason });

/**
 * S-01, O-07: a denial carries a structured reason kept for both the detainee and the contact. D-04: a
 * request is never refused as discipline, so there is no such reason code.
 */
export async function denyCallRequest(
  ctx: AppContext,
  requestId: number,
  raw: z.input<typeof denyInput>,
  actor: string,
): Promise<CallRequest> {
  const { reason } = parseInput(denyInput, raw);
  const request = await ctx.repos.callRequests.findById(requestId);
  if (!request) throw new AppError('not_found', 'call request was not found', 404);
  const decided = await ctx.repos.callRequests.decide(requestId, 'denied', actor, reason);
  if (!decided) throw new AppError('request_already_decided', `the request is already ${request.status}`, 409);
  await ctx.repos.audit.append({
    actor,
    action: 'call_request.denied',
    subjectType: 'call_request',
    subjectId: requestId,
    detail: { reason },
  });
  await sendReasonToBothSides(ctx, {
    kind: 'deny',
    code: reason,
    detaineeId: decided.detainee_id,
    contactId: decided.contact_id,
    callRequestId: requestId,
  });
  return decided;
}
