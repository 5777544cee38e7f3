import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Language } from '../storage/schema.js';

const promptSchema = z.object({
  briefing_supervised: z.string().min(1),
  briefing_recorded: z.string().min(1),
  briefing_not_recorded: z.string().min(1),
  briefing_length: z.string().includes('{minutes}'),
  briefing_free: z.string().min(1),
  briefing_press1: z.string().min(1),
  connecting: z.string().min(1),
  // O-02: the notice is played before any keypress, so it must never carry the detainee's name.
  relative_notice: z.string().min(1).refine((t) => !t.includes('{name}'), 'must not contain {name}'),
  relative_press1_to_hear: z.string().min(1).refine((t) => !t.includes('{name}'), 'must not contain {name}'),
  relative_intro: z.string().includes('{name}'),
  relative_monitored: z.string().min(1),
  relative_press1: z.string().min(1),
  declined_goodbye: z.string().min(1),
  one_minute_warning: z.string().min(1),
});
export type SupervisedCallPrompts = z.infer<typeof promptSchema>;

// flows/ sits at the project root, two levels above src/calls (and above dist/src/calls).
function flowsDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, 'flows', 'supervised-call');
    if (fs.existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error('flows/supervised-call not found');
}

const cache = new Map<Language, SupervisedCallPrompts>();

/** The prompts of the monitored call in one language (D-11), checked when loaded. */
export function supervisedCallPrompts(language: Language): SupervisedCallPrompts {
  const hit = cache.get(language);
  if (hit) return hit;
  const file = path.join(flowsDir(), `prompts.${language}.yaml`);
  const parsed = promptSchema.safeParse(parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  cache.set(language, parsed.data);
  return parsed.data;
}

export const fill = (text: string, vars: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (_m, k: string) => String(vars[k] ?? ''));
