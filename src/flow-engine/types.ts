import type { Language } from '../storage/schema.js';

/** A prompt by key, optionally in a fixed language (the language menu speaks each option in its own). */
export type PromptRef = string | { key: string; lang?: Language };

/** A neutral reply action; src/telephony/twilio/render-twiml.ts turns a list of them into TwiML. */
export type Action =
  | { kind: 'say'; text: string; lang: Language }
  | { kind: 'sayDigits'; digits: string; lang: Language }
  | { kind: 'pause'; seconds: number }
  | { kind: 'gather'; numDigits?: number; finishOnKey: string; timeout: number; children: Action[] }
  | { kind: 'record'; maxLength: number; lang: Language }
  | { kind: 'enqueue'; queue: string; lang: Language }
  | { kind: 'hangup' };

/** What the caller did since the last reply. */
export type FlowInput =
  | { kind: 'start' }
  | { kind: 'digits'; digits: string }
  | { kind: 'empty' }
  | { kind: 'record'; recordingSid: string; durationSeconds: number }
  | { kind: 'effect'; outcome: string; vars?: Record<string, string | undefined> };

/** The engine's part of the per-call session; the hotline keeps it in Redis (see call-session-store). */
export interface FlowSession {
  language: Language;
  /** The step waiting for input, or null before the first reply / after the end. */
  step: string | null;
  attempts: Record<string, number>;
  vars: Record<string, string>;
  /** Steps taken with redacted inputs, for the call log (never digits of a reference or secret). */
  path: Array<{ step: string; input?: string; at?: string }>;
  ended: boolean;
}

/** A target is a step id, optionally setting session variables on the way (e.g. the chosen language). */
export type Target = string | { next: string; set?: Record<string, string> };

export interface Flow {
  name: string;
  start: string;
  steps: Record<string, StepDef>;
  /** prompts[lang][key] = text */
  prompts: Record<Language, Record<string, string>>;
}

export type StepDef = { type: string } & Record<string, unknown>;

export interface Entered {
  actions: Action[];
  then: { goto: Target } | { await: true } | { effect: string } | { end: true };
}

export type InputResult = { goto: Target; vars?: Record<string, string | undefined> } | 'empty' | 'invalid';

export interface StepContext {
  flow: Flow;
  session: FlowSession;
  /** Resolves prompt refs to say actions in the session language (templated keys checked against an allow-list). */
  say(prompts: readonly PromptRef[]): Action[];
}

/** One step type: its schema, what it does on entry, how it reads input, and where it can lead (for checks). */
export interface StepHandler<S = any> {
  schema: import('zod').ZodType<S>;
  /** Waits for caller input, so it must say where empty and invalid input go. */
  readonly gathers: 'digits' | 'record' | false;
  enter(step: S, ctx: StepContext): Entered;
  input?(step: S, input: FlowInput, ctx: StepContext): InputResult;
  /** Every labelled edge, for `flows check` and `flows graph`. */
  targets(step: S): Array<{ label: string; target: Target }>;
  /** Prompt refs the step may speak, for the language and safety checks. */
  prompts(step: S): PromptRef[];
}
