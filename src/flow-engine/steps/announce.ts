import { z } from 'zod';
import type { StepHandler } from '../types.js';
import { promptsSchema } from './common.js';

export const announceStepSchema = z.object({ type: z.literal('announce'), prompts: promptsSchema }).strict();
export type AnnounceStep = z.infer<typeof announceStepSchema>;

/**
 * Speaks its prompts and ends the document without hanging up: an announcement played into a conference
 * (AnnounceUrl), whose document may hold Say, Play, Pause and Redirect only (twilio-notes: REST parameters).
 */
export const announceStep: StepHandler<AnnounceStep> = {
  schema: announceStepSchema,
  gathers: false,
  enter: (s, ctx) => ({ actions: ctx.say(s.prompts), then: { end: true } }),
  targets: () => [],
  prompts: (s) => s.prompts,
};
