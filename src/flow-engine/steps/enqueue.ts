import { z } from 'zod';
import type { StepHandler, Target } from '../types.js';
import { promptsSchema, targetSchema } from './common.js';

export const enqueueStepSchema = z
  .object({
    type: z.literal('enqueue'),
    prompts: promptsSchema,
    queue: z.string().min(1).max(64),
    /** Where the flow goes when the caller leaves the queue: bridged and over, hung up, redirected. Unset: the flow ends here. */
    next: targetSchema.optional(),
    /** The caller chose to leave (pressed 1 for a callback in the wait document). */
    onLeave: targetSchema.optional(),
    /** The queue could not take the caller (full, or an error). */
    onFailed: targetSchema.optional(),
  })
  .strict();
export type EnqueueStep = z.infer<typeof enqueueStepSchema>;

// The Enqueue action's QueueResult values where the caller is still on the line without having talked to anyone.
const FAILED = ['queue-full', 'error', 'system-error'];

/**
 * Hands the caller to a human: Enqueue with a wait document that tells the position (twilio-notes: voices).
 * With `next`, the Enqueue reports to the flow how the caller left the queue (its QueueResult), so a caller who
 * left for a callback is asked for a time, and the call log gets the result.
 */
export const enqueueStep: StepHandler<EnqueueStep> = {
  schema: enqueueStepSchema,
  gathers: false,
  enter: (s, ctx) => ({
    actions: [...ctx.say(s.prompts), { kind: 'enqueue', queue: s.queue, lang: ctx.session.language, reportsResult: s.next !== undefined }],
    then: s.next === undefined ? { end: true } : { await: true },
  }),
  input(s, input) {
    const result = input.kind === 'queue' ? input.result : '';
    const target: Target | undefined =
      result === 'leave' ? (s.onLeave ?? s.next) : FAILED.includes(result) ? (s.onFailed ?? s.next) : s.next;
    return target === undefined ? 'invalid' : { goto: target };
  },
  targets: (s) =>
    [
      { label: 'next', target: s.next },
      { label: 'leave', target: s.onLeave },
      { label: 'failed', target: s.onFailed },
    ].filter((t): t is { label: string; target: Target } => t.target !== undefined),
  prompts: (s) => s.prompts,
};
