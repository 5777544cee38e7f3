import { z } from 'zod';
import type { StepHandler } from '../types.js';
import { promptsSchema, targetSchema } from './common.js';

export const sayStepSchema = z.object({ type: z.literal('say'), prompts: promptsSchema, next: targetSchema }).strict();
export type SayStep = z.infer<typeof sayStepSchema>;

/** Speaks its prompts and moves on without waiting. */
export const sayStep: StepHandler<SayStep> = {
  schema: sayStepSchema,
  gathers: false,
  enter: (s, ctx) => ({ actions: ctx.say(s.prompts), then: { goto: s.next } }),
  targets: (s) => [{ label: 'next', target: s.next }],
  prompts: (s) => s.prompts,
};
