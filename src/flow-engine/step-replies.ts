import { LANGUAGES, type Language } from '../storage/schema.js';
import type { Action, Flow } from './types.js';
import { newSession } from './run-flow.js';
import { stepHandler } from './step-registry.js';

export interface StepReply {
  step: string;
  lang: Language;
  actions: Action[];
}

/**
 * The replies a flow can give, per step and language: what entering the step says, and its re-prompts after
 * empty or invalid input; plus every prompt on its own (templated keys and say-chains combine them). Used to
 * precompile TwiML when the flow loads and to test the templates against the SDK's builder.
 */
export function stepReplies(flow: Flow, vars: Record<string, string> = {}): StepReply[] {
  const out: StepReply[] = [];
  for (const lang of LANGUAGES) {
    for (const [id, def] of Object.entries(flow.steps)) {
      const session = { ...newSession(lang, { ...vars }), step: id };
      const handler = stepHandler(def.type);
      const say = (keys: readonly (string | { key: string; lang?: Language })[]) =>
        keys.flatMap((k) => {
          const ref = typeof k === 'string' ? { key: k } : k;
          const text = flow.prompts[ref.lang ?? lang]?.[ref.key];
          return text === undefined ? [] : [{ kind: 'say' as const, text, lang: ref.lang ?? lang }];
        });
      const entered = handler.enter(def, { flow, session, say }).actions;
      out.push({ step: id, lang, actions: entered });
      if (handler.gathers) {
        const s = def as { emptyPrompt?: string; invalidPrompt?: string };
        for (const p of [s.emptyPrompt, s.invalidPrompt]) if (p) out.push({ step: id, lang, actions: [...say([p]), ...entered] });
      }
    }
    for (const text of Object.values(flow.prompts[lang])) out.push({ step: '(prompt)', lang, actions: [{ kind: 'say', text, lang }] });
  }
  return out;
}
