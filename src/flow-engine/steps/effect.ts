import { z } from 'zod';
import type { StepHandler } from '../types.js';
import { targetSchema } from './common.js';

export const effectStepSchema = z
  .object({
    type: z.literal('effect'),
    /** A use case registered by the application (src/hotline/effects/); the engine itself stays pure. */
    name: z.string().min(1),
    outcomes: z.record(z.string(), targetSchema),
  })
  .strict();
export type EffectStep = z.infer<typeof effectStepSchema>;

/** Asks the driver to run a named use case and branches on the outcome it reports. */
export const effectStep: StepHandler<EffectStep> = {
  schema: effectStepSchema,
  gathers: false,
  enter: (s) => ({ actions: [], then: { effect: s.name } }),
  input(s, input) {
    if (input.kind !== 'effect') return 'invalid';
    const target = s.outcomes[input.outcome] ?? s.outcomes.error;
    if (!target) throw new Error(`effect ${s.name} returned the unmapped outcome ${input.outcome}`);
    return { goto: target, vars: input.vars };
  },
  targets: (s) => Object.entries(s.outcomes).map(([label, target]) => ({ label, target })),
  prompts: () => [],
};
