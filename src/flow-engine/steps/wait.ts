import { z } from 'zod';
import type { StepHandler } from '../types.js';
import { targetSchema } from './common.js';

export const waitStepSchema = z
  .object({
    type: z.literal('wait'),
    /** Seconds of silence before the call moves on by itself. */
    seconds: z.number().int().min(1).max(120),
    next: targetSchema,
  })
  .strict();
export type WaitStep = z.infer<typeof waitStepSchema>;

/**
 * Silence, then a post back to this step, which moves on to `next`. Something outside the flow may post
 * there sooner (the answering-machine result redirects a person's call), which ends the wait early.
 */
export const waitStep: StepHandler<WaitStep> = {
  schema: waitStepSchema,
  gathers: false,
  enter: (s) => ({ actions: [{ kind: 'pause', seconds: s.seconds }, { kind: 'redirect' }], then: { await: true } }),
  input: (s) => ({ goto: s.next }),
  targets: (s) => [{ label: 'next', target: s.next }],
  prompts: () => [],
};
