import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import type { Language, ScheduledCall } from '../storage/schema.js';
import { normalisePhone } from '../shared/phone.js';
import { checkCallPolicy, loadPolicySubject } from './policy/check-call-policy.js';
import { enqueuePlaceCall } from '../queue/enqueue-place-call.js';
import { requireQueues } from './require-call-deps.js';
import { recordCallEvent } from './record-call-event.js';
import { callOptions } from '../config/call-options.js';

export const scheduleInput = z.object({
  startAt: z.coerce.date(),
  facilityLine: z.string().min(5).max(32),
  supervisorPhone: z.string().min(5).max(32),
  maxMinutes: z.number().int().min(1).max(60).optional(),
  interpreter: z.boolean().optional(),
});

export interface ScheduleCallInput {
  detaineeId: number;
  contactId: number;
  requestId?: number | null;
  startAt: Date;
  facilityLine: string;
  supervisorPhone: string;
  maxMinutes: number;
  language: Language;
  interpreter?: boolean;
  /** Retry policy: attempts in all. @defaultValue 3 */
  maxAttempts?: number;
}

/** Every `schedule` rule of the call policy (O-01, A-08); throws the AppError of the rule that refuses. */
export async function checkSchedule(ctx: AppContext, input: ScheduleCallInput): Promise<void> {
  const facilityLine = normalisePhone(input.facilityLine).e164;
  const supervisorPhone = normalisePhone(input.supervisorPhone).e164;
  const subject = await loadPolicySubject(ctx, input.detaineeId, input.contactId);
  await checkCallPolicy(ctx, 'schedule', subject, { startAt: input.startAt, maxMinutes: input.maxMinutes, facilityLine, supervisorPhone });
}

/** O-01: schedules a call once every policy rule allows it. */
export async function scheduleCall(ctx: AppContext, input: ScheduleCallInput, actor: string): Promise<ScheduledCall> {
  await checkSchedule(ctx, input);
  return writeScheduledCall(ctx, input, actor);
}

/**
 * Writes a scheduled call whose policy was checked (checkSchedule), then enqueues its delayed dial job
 * (jobId = call id). The database row is the truth; the job is re-created by the reconciler if Redis loses it.
 */
export async function writeScheduledCall(ctx: AppContext, input: ScheduleCallInput, actor: string): Promise<ScheduledCall> {
  const call = await ctx.repos.scheduledCalls.create({
    requestId: input.requestId ?? null,
    detaineeId: input.detaineeId,
    contactId: input.contactId,
    facilityLine: normalisePhone(input.facilityLine).e164,
    supervisorPhone: normalisePhone(input.supervisorPhone).e164,
    supervisor: actor,
    startAt: input.startAt,
    maxMinutes: input.maxMinutes,
    language: input.language,
    interpreter: input.interpreter ?? false, // D-11
    maxAttempts: input.maxAttempts,
  });
  const windowEnd = new Date(input.startAt.getTime() + callOptions(ctx).retryWindowMinutes * 60_000);
  await ctx.repos.scheduledCalls.setWindowEnd(call.id, windowEnd);
  await recordCallEvent(ctx, {
    callId: call.id,
    kind: 'scheduled',
    actor,
    detail: { startAt: input.startAt.toISOString(), maxMinutes: input.maxMinutes, language: input.language },
  });
  await enqueuePlaceCall(requireQueues(ctx).calls, call.id, 1, input.startAt, ctx.clock.now());
  return { ...call, window_end: windowEnd };
}
