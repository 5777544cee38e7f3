import { z } from 'zod';
import type { StepHandler } from '../types.js';
import { gatherFields, gatherTargets, promptsSchema, targetSchema } from './common.js';

export const recordMessageStepSchema = z
  .object({
    type: z.literal('record-message'),
    prompts: promptsSchema,
    /** Session variable that receives the RecordingSid. */
    var: z.string().regex(/^[a-z][a-z_]*$/),
    /** Seconds; a message to a detainee is short (C-08). */
    maxLength: z.number().int().min(1).max(60),
    next: targetSchema,
    ...gatherFields,
  })
  .strict();
export type RecordMessageStep = z.infer<typeof recordMessageStepSchema>;

/** Records after a beep; the recording itself is reviewed by a supervisor before delivery (C-08). */
export const recordMessageStep: StepHandler<RecordMessageStep> = {
  schema: recordMessageStepSchema,
  gathers: 'record',
  enter: (s, ctx) => ({
    actions: [...ctx.say(s.prompts), { kind: 'record', maxLength: s.maxLength, lang: ctx.session.language }],
    then: { await: true },
  }),
  input(s, input) {
    if (input.kind === 'empty') return 'empty';
    if (input.kind !== 'record' || input.durationSeconds < 1) return 'empty';
    return { goto: s.next, vars: { [s.var]: input.recordingSid } };
  },
  targets: (s) => [{ label: 'recorded', target: s.next }, ...gatherTargets(s)],
  prompts: (s) => [...s.prompts, s.emptyPrompt],
};
