import type { Queue } from 'bullmq';
import { JOB, placeCallJobId } from './queue-names.js';
import type { PlaceCallData } from './call-queues.js';

/** Carrier 429/5xx are retried with exponential backoff; 4xx and policy refusals are UnrecoverableError. */
export const DIAL_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: true,
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;

/** One delayed job per attempt of a scheduled call; adding it again changes nothing (deterministic jobId). */
export async function enqueuePlaceCall(queue: Queue, callId: string, attemptNo: number, startAt: Date, now: Date): Promise<void> {
  const data: PlaceCallData = { callId, attemptNo };
  await queue.add(JOB.placeCall, data, {
    ...DIAL_JOB_OPTIONS,
    jobId: placeCallJobId(callId, attemptNo),
    delay: Math.max(0, startAt.getTime() - now.getTime()),
  });
}
