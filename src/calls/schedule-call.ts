import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import type { Language, ScheduledCall } from '../storage/schema.js';
import { normalisePhone } from '../shared/phone.js';
import { checkSchedulePolicy, loadPolicySubject } from './policy/check-call-policy.js';
import { enqueuePlaceCall } from '../queue/enqueue-place-call.js';
import { requireQueues } from './require-call-deps.js';
import { recordCallEvent } from './record-call-event.js';
import { callOptions } from './call-options.js';

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

/**
 * O-01: writes the scheduled call after every policy rule passed, then enqueues its delayed dial job
 * (jobId = call id). The database row is the truth; the job is re-created by the reconciler if Redis loses it.
 */
export async function scheduleCall(ctx: AppContext, input: ScheduleCallInput, actor: string): Promise<ScheduledCall> {
  const facilityLine = normalisePhone(input.facilityLine).e164;
  const supervisorPhone = normalisePhone(input.supervisorPhone).e164;
  const subject = await loadPolicySubject(ctx, input.detaineeId, input.contactId);
  await checkSchedulePolicy(ctx, subject, { startAt: input.startAt, maxMinutes: input.maxMinutes, facilityLine, supervisorPhone });
  const call = await ctx.repos.scheduledCalls.create({
    requestId: input.requestId ?? null,
    detaineeId: input.detaineeId,
    contactId: input.contactId,
    facilityLine,
    supervisorPhone,
    supervisor: actor,
    startAt: input.startAt,
    maxMinutes: input.maxMinutes,
    language: input.language,
    interpreter: input.interpreter ?? false, // D-11
    maxAttempts: input.maxAttempts,
  });
  const windowEnd = new Date(input.startAt.getTime() + callOptions(ctx).retryWindowMinutes * 60_000);
  await ctx.repos.scheduledCalls.setWindowEnd(call.id, windowEnd);
  await recordCallEvent(ctx, { callId: call.id, kind: 'scheduled', actor, detail: { startAt: input.startAt.toISOString(), maxMinutes: input.maxMinutes, language: input.language } });
  await enqueuePlaceCall(requireQueues(ctx).calls, call.id, 1, input.startAt, ctx.clock.now());
  return { ...call, window_end: windowEnd };
}
