import type { Language } from '../storage/schema.js';

/**
 * A prompt by key, optionally in a fixed language (the language menu speaks each option in its own), or
 * counted: `count` names the session variable whose number picks the key's plural form, `KEY.one`,
 * `KEY.few`... as Intl.PluralRules names them for the language (plural-forms.ts).
 */
export type PromptRef = string | { key: string; lang?: Language; count?: string };

/** A neutral reply action; src/telephony/twilio/render-twiml.ts turns a list of them into TwiML. */
export type Action =
  | { kind: 'say'; text: string; lang: Language }
  | { kind: 'sayDigits'; digits: string; lang: Language }
  | { kind: 'pause'; seconds: number }
  /** Plays the media a one-off token stands for (a message, C-06); the renderer turns the token into a URL. */
  | { kind: 'play'; token: string }
  /** `actionOnEmpty`: no input posts to the action too, with no Digits, instead of falling through. */
  | { kind: 'gather'; numDigits?: number; finishOnKey: string; timeout: number; actionOnEmpty?: boolean; children: Action[] }
  | { kind: 'record'; maxLength: number; lang: Language }
  /** `reportsResult`: the Enqueue has an action URL, where its QueueResult continues the flow. */
  | { kind: 'enqueue'; queue: string; lang: Language; reportsResult?: boolean }
  /** Posts back to the step's own action URL. */
  | { kind: 'redirect' }
  /**
   * Joins the conference `room` as a party, which never starts it, or as the muted `monitor`, who alone starts
   * it (S-02); `events`: subscribe to its events.
   */
  | { kind: 'conference'; room: string; record: boolean; timeLimitSeconds: number; events: boolean; monitor?: boolean }
  | { kind: 'hangup' };

/** What the caller did since the last reply. */
export type FlowInput =
  /** A new call, or a new document of one, at the named entry (default `start`). */
  | { kind: 'start'; entry?: string }
  | { kind: 'digits'; digits: string }
  | { kind: 'empty' }
  | { kind: 'record'; recordingSid: string; durationSeconds: number }
  | { kind: 'effect'; outcome: string; vars?: Record<string, string | undefined> }
  /** How the caller left an operator queue (the Enqueue action's QueueResult). */
  | { kind: 'queue'; result: string };

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
  /**
   * Where a call can start: entry name -> step. A flow file's `start: X` is the entry `start`; a flow whose
   * call is several TwiML documents (the supervised call: one per leg, and the warning) names one per document.
   */
  entries: Record<string, string>;
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
  /**
   * Waits for caller input that can be missing or invalid, so it must say where empty and invalid input go.
   * False for steps that wait for nothing, or take whatever comes as the answer (ask-key, wait).
   */
  readonly gathers: 'digits' | 'record' | false;
  enter(step: S, ctx: StepContext): Entered;
  input?(step: S, input: FlowInput, ctx: StepContext): InputResult;
  /** Every labelled edge, for `flows check` and `flows graph`. */
  targets(step: S): Array<{ label: string; target: Target }>;
  /** Prompt refs the step may speak, for the language and safety checks. */
  prompts(step: S): PromptRef[];
}
