import { z } from 'zod';
import type { StepHandler } from '../types.js';
import { gatherFields, gatherTargets, promptsSchema, targetSchema } from './common.js';

export const confirmDigitsStepSchema = z
  .object({
    type: z.literal('confirm-digits'),
    /** Said before the digits ("You entered"). */
    prompts: promptsSchema,
    var: z.string().regex(/^[a-z][a-z_]*$/),
    /** Said after the digits ("press 1 to confirm, 2 to enter it again"). */
    after: promptsSchema,
    confirm: targetSchema,
    reenter: targetSchema,
    ...gatherFields,
  })
  .strict();
export type ConfirmDigitsStep = z.infer<typeof confirmDigitsStepSchema>;

/** Reads a number back digit by digit (twilio-notes: voices): 1 confirms, 2 goes back to enter it again. */
export const confirmDigitsStep: StepHandler<ConfirmDigitsStep> = {
  schema: confirmDigitsStepSchema,
  gathers: 'digits',
  enter: (s, ctx) => ({
    actions: [
      {
        kind: 'gather',
        numDigits: 1,
        finishOnKey: '',
        timeout: s.timeout,
        children: [
          ...ctx.say(s.prompts),
          { kind: 'sayDigits', digits: ctx.session.vars[s.var] ?? '', lang: ctx.session.language },
          ...ctx.say(s.after),
        ],
      },
    ],
    then: { await: true },
  }),
  input(s, input) {
    if (input.kind === 'empty') return 'empty';
    if (input.kind !== 'digits') return 'invalid';
    if (input.digits === '1') return { goto: s.confirm };
    if (input.digits === '2') return { goto: s.reenter };
    return 'invalid';
  },
  targets: (s) => [{ label: '1', target: s.confirm }, { label: '2', target: s.reenter }, ...gatherTargets(s)],
  prompts: (s) => [...s.prompts, ...s.after, s.emptyPrompt, s.invalidPrompt],
};
