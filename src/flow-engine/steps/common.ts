import { z } from 'zod';
import { LANGUAGES } from '../../storage/schema.js';
import type { PromptRef, Target } from '../types.js';

export const stepId = z.string().regex(/^[a-z][a-z0-9_]*$/, 'step ids are lower_snake_case');

export const targetSchema: z.ZodType<Target> = z.union([
  stepId,
  z.object({ next: stepId, set: z.record(z.string(), z.string()).optional() }).strict(),
]);

export const promptRefSchema: z.ZodType<PromptRef> = z.union([
  z.string().min(1),
  z
    .object({
      key: z.string().min(1),
      lang: z.enum(LANGUAGES).optional(),
      count: z
        .string()
        .regex(/^[a-z][a-z_]*$/)
        .optional(),
    })
    .strict(),
]);

export const promptsSchema = z.array(promptRefSchema).default([]);

/**
 * Every step that waits for input says where empty and invalid input go (`retry` re-prompts). Retries are
 * capped: after `maxAttempts` the call moves to `onExhausted`, so a flow can never loop for ever (twilio-notes TW-23).
 * Left optional here so `flows check` can name the missing path instead of a schema error.
 */
export const gatherFields = {
  onEmpty: z.union([z.literal('retry'), targetSchema]).optional(),
  onInvalid: z.union([z.literal('retry'), targetSchema]).optional(),
  maxAttempts: z.number().int().min(1).max(5).default(3),
  onExhausted: targetSchema.optional(),
  /** Seconds of silence before the Gather gives up. */
  timeout: z.number().int().min(1).max(20).default(6),
  /** Said before re-prompting; defaults to common.no_input / common.invalid. */
  emptyPrompt: z.string().default('common.no_input'),
  invalidPrompt: z.string().default('common.invalid'),
};

export type GatherFields = {
  onEmpty?: 'retry' | Target;
  onInvalid?: 'retry' | Target;
  maxAttempts: number;
  onExhausted?: Target;
  timeout: number;
  emptyPrompt: string;
  invalidPrompt: string;
};

/** The edges every gathering step has, for checks and graphs. */
export function gatherTargets(s: GatherFields): Array<{ label: string; target: Target }> {
  const out: Array<{ label: string; target: Target }> = [];
  if (s.onEmpty && s.onEmpty !== 'retry') out.push({ label: 'empty', target: s.onEmpty });
  if (s.onInvalid && s.onInvalid !== 'retry') out.push({ label: 'invalid', target: s.onInvalid });
  if (s.onExhausted) out.push({ label: 'exhausted', target: s.onExhausted });
  return out;
}

export const targetId = (t: Target): string => (typeof t === 'string' ? t : t.next);
