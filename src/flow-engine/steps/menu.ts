import { z } from 'zod';
import type { StepHandler } from '../types.js';
import { gatherFields, gatherTargets, promptsSchema, targetSchema } from './common.js';

export const menuStepSchema = z
  .object({
    type: z.literal('menu'),
    prompts: promptsSchema,
    options: z.record(z.string().regex(/^[0-9*#]$/, 'menu keys are single keys 0-9, * or #'), targetSchema),
    ...gatherFields,
  })
  .strict();
export type MenuStep = z.infer<typeof menuStepSchema>;

/** One key press chooses an option; the prompts play inside the Gather so the caller can barge in. */
export const menuStep: StepHandler<MenuStep> = {
  schema: menuStepSchema,
  gathers: 'digits',
  enter: (s, ctx) => ({
    // finishOnKey "" because * and # may be options themselves (twilio-notes TW-24).
    actions: [{ kind: 'gather', numDigits: 1, finishOnKey: '', timeout: s.timeout, children: ctx.say(s.prompts) }],
    then: { await: true },
  }),
  input(s, input) {
    if (input.kind === 'empty') return 'empty';
    if (input.kind !== 'digits') return 'invalid';
    // Own keys only: a signed Digits=constructor or __proto__ is a wrong key, not Object's prototype.
    const target = Object.hasOwn(s.options, input.digits) ? s.options[input.digits] : undefined;
    return target ? { goto: target } : 'invalid';
  },
  targets: (s) => [...Object.entries(s.options).map(([label, target]) => ({ label, target })), ...gatherTargets(s)],
  prompts: (s) => [...s.prompts, s.emptyPrompt, s.invalidPrompt],
};
