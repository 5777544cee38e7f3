import { z } from 'zod';
import type { StepHandler } from '../types.js';
import { promptsSchema, targetSchema } from './common.js';

export const askKeyStepSchema = z
  .object({
    type: z.literal('ask-key'),
    /** Said in full before anything listens, so an early key cannot cut them short (D-06). */
    prompts: promptsSchema,
    /** The question, said inside the Gather ("to go on, press 1"). */
    ask: promptsSchema,
    /** Session variable that receives the key, or "" for none. */
    var: z.string().regex(/^[a-z][a-z_]*$/),
    next: targetSchema,
    /** Seconds of silence before no key counts as the answer. */
    timeout: z.number().int().min(1).max(20).default(8),
  })
  .strict();
export type AskKeyStep = z.infer<typeof askKeyStepSchema>;

/**
 * One key as an answer, and no key is an answer too: whatever the caller does goes to `var` and on to `next`,
 * usually an effect that decides what it means. Nothing is retried, so there is no empty or invalid path.
 * finishOnKey "" makes every key count, # and * too; the Gather posts even when nothing was pressed, so
 * silence gets an answer instead of falling through to the next verb (twilio-notes TW-23).
 */
export const askKeyStep: StepHandler<AskKeyStep> = {
  schema: askKeyStepSchema,
  gathers: false,
  enter: (s, ctx) => ({
    actions: [
      ...ctx.say(s.prompts),
      { kind: 'gather', numDigits: 1, finishOnKey: '', timeout: s.timeout, actionOnEmpty: true, children: ctx.say(s.ask) },
    ],
    then: { await: true },
  }),
  input: (s, input) => ({ goto: s.next, vars: { [s.var]: input.kind === 'digits' ? input.digits : '' } }),
  targets: (s) => [{ label: 'answer', target: s.next }],
  prompts: (s) => [...s.prompts, ...s.ask],
};
