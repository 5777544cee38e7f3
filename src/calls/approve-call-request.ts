import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import type { ScheduledCall } from '../storage/schema.js';
import { AppError } from '../shared/errors.js';
import { parseInput } from '../shared/parse-input.js';
import { approveReason } from './reason-codes.js';
import { assertStartNotPast } from './policy/assert-start-not-past.js';
import { checkSchedule, scheduleInput, writeScheduledCall, type ScheduleCallInput } from './schedule-call.js';

export const approveInput = scheduleInput.extend({ reason: approveReason.default('approved') });

/**
 * S-01: a supervisor approves a pending request and schedules it in one step. The policy runs once, before
 * the request is decided, so a refused schedule leaves the request pending for another slot.
 */
export async function approveCallRequest(
  ctx: AppContext,
  requestId: number,
  raw: z.input<typeof approveInput>,
  actor: string,
): Promise<ScheduledCall> {
  const input = parseInput(approveInput, raw);
  const request = await ctx.repos.callRequests.findById(requestId);
  if (!request) throw new AppError('not_found', 'call request was not found', 404);
  if (request.status !== 'pending_approval') throw new AppError('request_already_decided', `the request is already ${request.status}`, 409);
  // A start that has passed is named as such, though it is before the earliest time too (O-01).
  assertStartNotPast(input.startAt, ctx.clock.now());
  // Starts are chosen to the minute (forms have no seconds), so the earliest time counts to its minute too.
  if (input.startAt.getTime() < Math.floor(request.earliest.getTime() / 60_000) * 60_000)
    throw new AppError('before_earliest', 'the start is before the earliest time the request allows', 422);
  const schedule: ScheduleCallInput = {
    detaineeId: request.detainee_id,
    contactId: request.contact_id,
    requestId,
    startAt: input.startAt,
    facilityLine: input.facilityLine,
    supervisorPhone: input.supervisorPhone,
    maxMinutes: input.maxMinutes ?? request.max_minutes,
    language: request.language,
    interpreter: input.interpreter,
  };
  await checkSchedule(ctx, schedule);
  const decided = await ctx.repos.callRequests.decide(requestId, 'approved', actor, input.reason);
  if (!decided) throw new AppError('request_already_decided', 'another supervisor decided this request first', 409);
  await ctx.repos.audit.append({
    actor,
    action: 'call_request.approved',
    subjectType: 'call_request',
    subjectId: requestId,
    detail: { reason: input.reason },
  });
  return writeScheduledCall(ctx, schedule, actor);
}
