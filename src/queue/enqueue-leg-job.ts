import type { Queue } from 'bullmq';
import { legJobId } from './queue-names.js';
import type { LegJobData } from './call-queues.js';
import { DIAL_JOB_OPTIONS } from './enqueue-place-call.js';

/** A per-attempt job (dial a leg, hang up, warn...), deduplicated by call, attempt and kind. */
export async function enqueueLegJob(queue: Queue, name: string, data: LegJobData, delayMs = 0, suffix = name): Promise<void> {
  await queue.add(name, data, { ...DIAL_JOB_OPTIONS, jobId: legJobId(data.callId, data.attemptNo, suffix), delay: Math.max(0, delayMs) });
}
