import { z } from 'zod';
import { isValidReference } from '../../shared/reference.js';
import { SECRET_PATTERN } from '../../shared/secret-hash.js';
import type { StepHandler } from '../types.js';
import { gatherFields, gatherTargets, promptsSchema, targetSchema } from './common.js';

/** Named validators: a flow file cannot carry code, only pick one of these. */
export const DIGIT_VALIDATORS = {
  // The Damm check digit catches a typo before any lookup, with no database hit (C-04).
  reference: (d: string) => isValidReference(d),
  secret: (d: string) => SECRET_PATTERN.test(d),
  phone: (d: string) => /^\d{7,15}$/.test(d),
} as const;

export const collectDigitsStepSchema = z
  .object({
    type: z.literal('collect-digits'),
    prompts: promptsSchema,
    /** Session variable that receives the digits. */
    var: z.string().regex(/^[a-z][a-z_]*$/),
    validate: z.enum(Object.keys(DIGIT_VALIDATORS) as [keyof typeof DIGIT_VALIDATORS]),
    /** How the call log shows the input: never the digits themselves (C-13). */
    redact: z.boolean().default(true),
    next: targetSchema,
    ...gatherFields,
    timeout: z.number().int().min(1).max(20).default(8),
  })
  .strict();
export type CollectDigitsStep = z.infer<typeof collectDigitsStepSchema>;

/** Variable-length digits ended by # (twilio-notes: voices). */
export const collectDigitsStep: StepHandler<CollectDigitsStep> = {
  schema: collectDigitsStepSchema,
  gathers: 'digits',
  enter: (s, ctx) => ({
    actions: [{ kind: 'gather', finishOnKey: '#', timeout: s.timeout, children: ctx.say(s.prompts) }],
    then: { await: true },
  }),
  input(s, input) {
    if (input.kind === 'empty') return 'empty';
    if (input.kind !== 'digits') return 'invalid';
    const digits = input.digits.replace(/#$/, '');
    if (!DIGIT_VALIDATORS[s.validate](digits)) return 'invalid';
    return { goto: s.next, vars: { [s.var]: digits } };
  },
  targets: (s) => [{ label: 'ok', target: s.next }, ...gatherTargets(s)],
  prompts: (s) => [...s.prompts, s.emptyPrompt, s.invalidPrompt],
};
