import { LANGUAGES } from '../storage/schema.js';
import type { Flow, PromptRef, Target } from './types.js';
import { stepHandler } from './step-registry.js';
import { targetId } from './steps/common.js';
import { expandPromptKey, SPEAKABLE_VALUES } from './speakable-values.js';
import { FORBIDDEN_KEY, FORBIDDEN_TEXT } from './forbidden-words.js';
import { BAD_NEWS_OUTCOME, DISCLOSING_PROMPT, EXPLICIT_OUTCOMES } from './sensitive-outcomes.js';

/** Outcomes each effect can report, so a flow must map every one of them. */
export type EffectCatalogue = Record<string, readonly string[]>;

/**
 * Everything `kinline flows check` refuses: unknown targets, prompts missing in a language, unreachable steps,
 * waiting steps without empty/invalid paths, and anything that could speak a death or injury status (C-07).
 */
export function checkFlow(flow: Flow, effects?: EffectCatalogue): string[] {
  const problems: string[] = [];
  const steps = flow.steps;
  if (!steps[flow.start]) problems.push(`start: unknown step ${flow.start}`);

  const reachable = new Set<string>();
  const queue = steps[flow.start] ? [flow.start] : [];
  while (queue.length) {
    const id = queue.shift()!;
    if (reachable.has(id)) continue;
    reachable.add(id);
    for (const t of stepHandler(steps[id].type).targets(steps[id])) if (steps[targetId(t.target)]) queue.push(targetId(t.target));
  }

  for (const [id, def] of Object.entries(steps)) {
    const h = stepHandler(def.type);
    const s = def as Record<string, unknown>;
    for (const t of h.targets(def)) {
      if (!steps[targetId(t.target)]) problems.push(`${id}: ${t.label} goes to unknown step ${targetId(t.target)}`);
    }
    if (!reachable.has(id)) problems.push(`${id}: unreachable from ${flow.start}`);
    if (h.gathers) {
      if (s.onEmpty === undefined) problems.push(`${id}: no path for empty input (onEmpty)`);
      if (h.gathers === 'digits' && s.onInvalid === undefined) problems.push(`${id}: no path for invalid input (onInvalid)`);
      const retries = s.onEmpty === 'retry' || s.onInvalid === 'retry';
      if (retries && s.onExhausted === undefined) problems.push(`${id}: retries without onExhausted (an endless loop)`);
    }
    if (def.type === 'effect' && effects) {
      const known = effects[s.name as string];
      if (!known) problems.push(`${id}: unknown effect ${String(s.name)}`);
      else {
        const mapped = s.outcomes as Record<string, unknown>;
        for (const o of known) {
          if (mapped[o] !== undefined) continue;
          if (EXPLICIT_OUTCOMES.includes(o)) problems.push(`${id}: effect ${String(s.name)} outcome ${o} has no target (an error: fallback never covers ${o}, C-07)`);
          else if (mapped.error === undefined) problems.push(`${id}: effect ${String(s.name)} outcome ${o} has no target`);
        }
      }
    }
    if (def.type === 'effect') problems.push(...checkBadNewsPath(flow, id));
    for (const ref of h.prompts(def)) problems.push(...checkPrompt(flow, id, ref));
  }

  for (const lang of LANGUAGES) {
    for (const [key, text] of Object.entries(flow.prompts[lang])) {
      if (FORBIDDEN_KEY.test(key)) problems.push(`prompts.${lang}.${key}: the key names a death or injury status (C-07)`);
      if (FORBIDDEN_TEXT[lang].test(text)) problems.push(`prompts.${lang}.${key}: the text could speak a death or injury status (C-07)`);
    }
  }
  return [...new Set(problems)];
}

/** C-07: nothing reachable from an effect's bad_news target may say that the person is held or how he is. */
function checkBadNewsPath(flow: Flow, effectId: string): string[] {
  const target = (flow.steps[effectId] as Record<string, unknown>).outcomes as Record<string, Target | undefined>;
  const start = target?.[BAD_NEWS_OUTCOME];
  if (start === undefined) return [];
  const problems: string[] = [];
  const seen = new Set<string>();
  const queue = [targetId(start)];
  while (queue.length) {
    const id = queue.shift()!;
    if (seen.has(id) || !flow.steps[id]) continue;
    seen.add(id);
    const h = stepHandler(flow.steps[id].type);
    for (const ref of h.prompts(flow.steps[id])) {
      const key = typeof ref === 'string' ? ref : ref.key;
      if (DISCLOSING_PROMPT.test(key)) problems.push(`${effectId}: the bad_news path reaches ${id}, which speaks ${key} (C-07)`);
    }
    for (const t of h.targets(flow.steps[id])) queue.push(targetId(t.target));
  }
  return problems;
}

function checkPrompt(flow: Flow, stepId: string, ref: PromptRef): string[] {
  const problems: string[] = [];
  const { key, lang } = typeof ref === 'string' ? { key: ref, lang: undefined } : ref;
  for (const m of key.matchAll(/\{([a-z_]+)\}/g)) {
    if (!SPEAKABLE_VALUES[m[1]]) problems.push(`${stepId}: prompt ${key} fills {${m[1]}}, which is not an allowed value set`);
  }
  if (FORBIDDEN_KEY.test(key)) problems.push(`${stepId}: prompt ${key} names a death or injury status (C-07)`);
  for (const concrete of expandPromptKey(key)) {
    for (const l of lang ? [lang] : LANGUAGES) {
      if (flow.prompts[l][concrete] === undefined) problems.push(`${stepId}: prompt ${concrete} is missing in ${l}`);
    }
  }
  return problems;
}
