import type { Action, Entered, Flow, FlowInput, FlowSession, PromptRef, StepContext, Target } from './types.js';
import { stepHandler } from './step-registry.js';
import { fillPromptKey, fillPromptText } from './speakable-values.js';
import { pluralKey } from './plural-forms.js';
import { targetId } from './steps/common.js';

export interface FlowReply {
  actions: Action[];
  session: FlowSession;
  /** Set when the flow needs a use case run; call runFlow again with { kind: 'effect', outcome }. */
  effect?: string;
}

// A flow that passes through this many steps without waiting for the caller has a cycle.
const MAX_STEPS_PER_TURN = 40;

export function newSession(language: FlowSession['language'], vars: Record<string, string> = {}): FlowSession {
  return { language, step: null, attempts: {}, vars, path: [], ended: false };
}

function makeContext(flow: Flow, session: FlowSession): StepContext {
  return {
    flow,
    session,
    say(prompts: readonly PromptRef[]): Action[] {
      const out: Action[] = [];
      for (const p of prompts) {
        const ref = typeof p === 'string' ? { key: p } : p;
        const lang = ref.lang ?? session.language;
        const filledKey = fillPromptKey(ref.key, session.vars);
        const key = filledKey !== undefined && ref.count ? pluralKey(filledKey, lang, session.vars[ref.count]) : filledKey;
        if (key === undefined) continue;
        const text = flow.prompts[lang]?.[key];
        if (text === undefined) throw new Error(`flow ${flow.name}: prompt ${key} is missing in ${lang}`);
        // A value that is not of its allowed shape drops the sentence rather than speak it (C-07).
        const filled = fillPromptText(text, session.vars);
        if (filled !== undefined) out.push({ kind: 'say', text: filled, lang });
      }
      return out;
    },
  };
}

function describeInput(flow: Flow, stepId: string, input: FlowInput): string | undefined {
  const def = flow.steps[stepId];
  switch (input.kind) {
    case 'digits':
      // Reference numbers, secrets and phone numbers never reach the call log (C-13), nor their length, which
      // would narrow a secret down for anyone reading the log.
      return def.type === 'collect-digits' && def.redact !== false ? '[digits]' : input.digits;
    case 'empty':
      return '(none)';
    case 'record':
      return `recorded ${input.durationSeconds}s`;
    case 'effect':
      return input.outcome;
    case 'queue':
      return input.result;
    default:
      return undefined;
  }
}

/**
 * The caller's session, copied so the run cannot change it: every member one level deep. That is as deep as
 * anything is changed: the engine replaces vars and attempts entries and appends to path (new entries only),
 * and effects set members of a session's plain objects (the hotline's `data`). Cheaper than structuredClone,
 * which showed in the webhook profile.
 */
function copySession<S extends FlowSession>(current: S): S {
  const out = { ...current };
  for (const k of Object.keys(out) as Array<keyof S>) {
    const v = out[k];
    if (Array.isArray(v)) out[k] = v.slice() as S[keyof S];
    else if (v !== null && typeof v === 'object') out[k] = { ...v };
  }
  return out;
}

/**
 * The engine: (flow, session, input) -> (reply actions, next session). Pure: it neither reads the clock nor
 * touches I/O; use cases run outside it through `effect` steps.
 */
export function runFlow(flow: Flow, current: FlowSession, input: FlowInput): FlowReply {
  const session: FlowSession = copySession(current);
  const ctx = makeContext(flow, session);
  const actions: Action[] = [];
  let next: Target | null = null;

  if (session.ended) return { actions: [{ kind: 'hangup' }], session };
  if (input.kind === 'start' || session.step === null) {
    const entry = input.kind === 'start' ? (input.entry ?? 'start') : 'start';
    next = Object.hasOwn(flow.entries, entry) ? flow.entries[entry] : null;
    if (next === null) throw new Error(`flow ${flow.name}: no entry ${entry}`);
  } else {
    const id = session.step;
    const def = flow.steps[id];
    const handler = stepHandler(def.type);
    // Steps were parsed (defaults applied) when the flow was loaded.
    const parsed = def as unknown as {
      onEmpty?: 'retry' | Target;
      onInvalid?: 'retry' | Target;
      onExhausted?: Target;
      maxAttempts?: number;
      emptyPrompt: string;
      invalidPrompt: string;
    };
    session.path.push({ step: id, input: describeInput(flow, id, input) });
    const result = handler.input ? handler.input(parsed, input, ctx) : 'invalid';
    if (result === 'empty' || result === 'invalid') {
      const attempts = (session.attempts[id] ?? 0) + 1;
      session.attempts[id] = attempts;
      const path = result === 'empty' ? parsed.onEmpty : parsed.onInvalid;
      if (path !== undefined && path !== 'retry') next = path;
      else if (attempts >= (parsed.maxAttempts ?? 3) || path === undefined) next = parsed.onExhausted ?? null;
      else {
        actions.push(...ctx.say([result === 'empty' ? parsed.emptyPrompt : parsed.invalidPrompt]));
        next = id;
      }
      if (next === null) throw new Error(`flow ${flow.name}: step ${id} has no path for ${result} input`);
    } else {
      delete session.attempts[id];
      for (const [k, v] of Object.entries(result.vars ?? {})) {
        if (v === undefined) delete session.vars[k];
        else session.vars[k] = v;
      }
      next = result.goto;
    }
  }

  for (let n = 0; n < MAX_STEPS_PER_TURN; n++) {
    if (typeof next !== 'string') {
      Object.assign(session.vars, next!.set ?? {});
      if (next!.set?.language) session.language = next!.set.language as FlowSession['language'];
    }
    const id = targetId(next!);
    const def = flow.steps[id];
    if (!def) throw new Error(`flow ${flow.name}: unknown step ${id}`);
    const handler = stepHandler(def.type);
    session.step = id;
    const entered: Entered = handler.enter(def, ctx);
    actions.push(...entered.actions);
    const then = entered.then;
    if ('await' in then) return { actions, session };
    if ('effect' in then) return { actions, session, effect: then.effect };
    if ('end' in then) {
      session.path.push({ step: id });
      session.ended = true;
      session.step = null;
      return { actions, session };
    }
    session.path.push({ step: id });
    next = then.goto;
  }
  throw new Error(`flow ${flow.name}: more than ${MAX_STEPS_PER_TURN} steps without input (a cycle?)`);
}
