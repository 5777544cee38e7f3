import type { Flow, Target } from './types.js';
import { stepHandler } from './step-registry.js';
import { targetId } from './steps/common.js';
import { placeholders, SPEAKABLE_TEXT_VALUES } from './speakable-values.js';
import { BAD_NEWS_OUTCOME, DISCLOSING_PROMPT, EXPLICIT_OUTCOMES } from './sensitive-outcomes.js';
import { reachableSteps } from './reachable-steps.js';
import { checkPromptRef, checkPromptTexts, concreteKeys, refLanguages } from './check-prompts.js';

/** Outcomes each effect can report, so a flow must map every one of them. */
export type EffectCatalogue = Record<string, readonly string[]>;

/**
 * Everything `kinline flows check` refuses: unknown targets and entries, prompts missing in a language (every
 * plural form of a counted one), unreachable steps, waiting steps without empty/invalid paths, anything that
 * could speak a death or injury status (C-07), and a private value ({name}) spoken before a use case has
 * checked who answered (O-02).
 */
export function checkFlow(flow: Flow, effects?: EffectCatalogue): string[] {
  const problems: string[] = [];
  const steps = flow.steps;
  const entries = Object.entries(flow.entries);
  for (const [name, id] of entries) if (!steps[id]) problems.push(`entry ${name} goes to unknown step ${id}`);
  const reachable = reachableSteps(flow, Object.values(flow.entries));

  for (const [id, def] of Object.entries(steps)) {
    const h = stepHandler(def.type);
    const s = def as Record<string, unknown>;
    for (const t of h.targets(def)) {
      if (!steps[targetId(t.target)]) problems.push(`${id}: ${t.label} goes to unknown step ${targetId(t.target)}`);
    }
    if (!reachable.has(id)) problems.push(`${id}: unreachable from ${entries.map(([name]) => name).join(', ')}`);
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
          if (EXPLICIT_OUTCOMES.includes(o))
            problems.push(`${id}: effect ${String(s.name)} outcome ${o} has no target (an error: fallback never covers ${o}, C-07)`);
          else if (mapped.error === undefined) problems.push(`${id}: effect ${String(s.name)} outcome ${o} has no target`);
        }
      }
    }
    if (def.type === 'effect') problems.push(...checkBadNewsPath(flow, id));
    for (const ref of h.prompts(def)) problems.push(...checkPromptRef(flow, id, ref));
  }

  problems.push(...checkPromptTexts(flow), ...checkPrivateValues(flow));
  return [...new Set(problems)];
}

/** C-07: nothing reachable from an effect's bad_news target may say that the person is held or how he is. */
function checkBadNewsPath(flow: Flow, effectId: string): string[] {
  const target = (flow.steps[effectId] as Record<string, unknown>).outcomes as Record<string, Target | undefined>;
  const start = target?.[BAD_NEWS_OUTCOME];
  if (start === undefined) return [];
  const problems: string[] = [];
  for (const id of reachableSteps(flow, [targetId(start)])) {
    for (const ref of stepHandler(flow.steps[id].type).prompts(flow.steps[id])) {
      const key = typeof ref === 'string' ? ref : ref.key;
      if (DISCLOSING_PROMPT.test(key)) problems.push(`${effectId}: the bad_news path reaches ${id}, which speaks ${key} (C-07)`);
    }
  }
  return problems;
}

/**
 * O-02: the first words a line hears may be a voicemail's, so a private value is spoken only on a path that
 * passed an effect: the use case that checked the key the person pressed. Walks from every entry up to the
 * first effect on each path.
 */
function checkPrivateValues(flow: Flow): string[] {
  const problems: string[] = [];
  for (const id of reachableSteps(flow, Object.values(flow.entries), (def) => def.type !== 'effect')) {
    for (const ref of stepHandler(flow.steps[id].type).prompts(flow.steps[id])) {
      for (const lang of refLanguages(ref)) {
        for (const key of concreteKeys(ref, lang)) {
          for (const v of placeholders(flow.prompts[lang][key] ?? '')) {
            if (SPEAKABLE_TEXT_VALUES[v]?.private)
              problems.push(`${id}: speaks {${v}} (${key}) before any use case has checked who answered (O-02)`);
          }
        }
      }
    }
  }
  return problems;
}
