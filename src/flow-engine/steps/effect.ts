import { z } from 'zod';
import type { StepHandler } from '../types.js';
import { targetSchema } from './common.js';
import { outcomeTarget } from '../sensitive-outcomes.js';

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
    // bad_news and negative never fall through to `error` (C-05, C-07); see sensitive-outcomes.ts.
    const target = outcomeTarget(s.outcomes, input.outcome);
    if (!target) throw new Error(`effect ${s.name} returned the unmapped outcome ${input.outcome}`);
    return { goto: target, vars: input.vars };
  },
  targets: (s) => Object.entries(s.outcomes).map(([label, target]) => ({ label, target })),
  prompts: () => [],
};
