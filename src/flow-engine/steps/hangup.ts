import { z } from 'zod';
import type { StepHandler } from '../types.js';
import { promptsSchema } from './common.js';

export const hangupStepSchema = z.object({ type: z.literal('hangup'), prompts: promptsSchema }).strict();
export type HangupStep = z.infer<typeof hangupStepSchema>;

/** Says goodbye and ends the call. */
export const hangupStep: StepHandler<HangupStep> = {
  schema: hangupStepSchema,
  gathers: false,
  enter: (s, ctx) => ({ actions: [...ctx.say(s.prompts), { kind: 'hangup' }], then: { end: true } }),
  targets: () => [],
  prompts: (s) => s.prompts,
};
