import { z } from 'zod';
import type { StepHandler } from '../types.js';
import { promptsSchema } from './common.js';

export const enqueueStepSchema = z
  .object({ type: z.literal('enqueue'), prompts: promptsSchema, queue: z.string().min(1).max(64) })
  .strict();
export type EnqueueStep = z.infer<typeof enqueueStepSchema>;

/** Hands the caller to a human: Enqueue with a wait document that tells the position (twilio-notes: voices). */
export const enqueueStep: StepHandler<EnqueueStep> = {
  schema: enqueueStepSchema,
  gathers: false,
  enter: (s, ctx) => ({
    actions: [...ctx.say(s.prompts), { kind: 'enqueue', queue: s.queue, lang: ctx.session.language }],
    then: { end: true },
  }),
  targets: () => [],
  prompts: (s) => s.prompts,
};
