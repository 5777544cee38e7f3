import { z } from 'zod';
import type { StepHandler } from '../types.js';
import { promptsSchema, targetSchema } from './common.js';

export const playStepSchema = z
  .object({ type: z.literal('play'), prompts: promptsSchema, var: z.string().regex(/^[a-z][a-z_]*$/), next: targetSchema })
  .strict();
export type PlayStep = z.infer<typeof playStepSchema>;

/** The only shape a media token in `var` may have: the random hex an effect made for one playback. */
const MEDIA_TOKEN = /^[0-9a-f]{32}$/;

/**
 * Speaks its prompts, then plays the media that `var` names by a one-off token (never a URL or an id, so the
 * flow cannot point a caller at anything else), and moves on. Without a token it plays nothing.
 */
export const playStep: StepHandler<PlayStep> = {
  schema: playStepSchema,
  gathers: false,
  enter: (s, ctx) => {
    const token = ctx.session.vars[s.var];
    const play = token && MEDIA_TOKEN.test(token) ? [{ kind: 'play' as const, token }] : [];
    return { actions: [...ctx.say(s.prompts), ...play], then: { goto: s.next } };
  },
  targets: (s) => [{ label: 'next', target: s.next }],
  prompts: (s) => s.prompts,
};
