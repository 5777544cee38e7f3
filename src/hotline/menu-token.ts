import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Flow } from '../flow-engine/types.js';
import { LANGUAGES } from '../storage/schema.js';
import type { CallSession } from './call-session.js';

// The state a menu may carry in its action URL: how the line sounds, never what the caller keyed in (C-13).
const PUBLIC_VARS: Readonly<Record<string, readonly string[]>> = { recording: ['on', 'off'], language: LANGUAGES };
// Steps that wait for a key press and keep nothing of it but the choice. A recording, a queue or a use case
// needs the session in Redis (recording callbacks, locks), so those steps never carry their state.
const CARRYING_STEPS = new Set(['menu', 'collect-digits']);
const VERSION = 1;
// Payload, a dot and a 16-character tag: the longest token issued is exactly the longest one accepted.
const MAX_PAYLOAD = 380;
const MAX_TOKEN = MAX_PAYLOAD + 17;
const TOKEN = new RegExp(`^([A-Za-z0-9_-]{1,${MAX_PAYLOAD}})\\.([A-Za-z0-9_-]{16})$`);
const MAX_ATTEMPTS = 20;

/** The key that tags menu tokens, derived from SECRET_HASH_KEY so it is never stored anywhere. */
export function menuTokenKey(secretHashKey: string): Buffer {
  return createHmac('sha256', secretHashKey).update('kinline menu token v1').digest();
}

const tagOf = (key: Buffer, payload: string) => createHmac('sha256', key).update(payload).digest().subarray(0, 12);

export type CarriedState = Pick<CallSession, 'turn' | 'step' | 'language' | 'attempts' | 'vars'>;

/**
 * The session as a path segment of the next action URL, when the call is still in the menus: nothing keyed in,
 * nothing found, no use case pending. Such a step then needs no Redis round trip, and any instance can serve
 * the next one. The URL is covered by X-Twilio-Signature, and the token also carries kinline's own tag, so
 * only a state kinline issued is ever taken back, even with a leaked Twilio token. It has no query string
 * (pitfall 4) and no timestamp, so a retried webhook gets byte-identical TwiML. Undefined: keep the session
 * in Redis.
 */
export function menuToken(flow: Flow, s: CallSession, key: Buffer): string | undefined {
  if (s.ended || s.step === null || !CARRYING_STEPS.has(flow.steps[s.step]?.type ?? '')) return undefined;
  if (s.data.detaineeId !== undefined || s.data.contactId !== undefined || s.data.flagged) return undefined;
  for (const k in s.vars) if (!PUBLIC_VARS[k]?.includes(s.vars[k])) return undefined;
  const payload = Buffer.from(JSON.stringify([VERSION, s.turn, s.step, s.language, s.attempts, s.vars])).toString('base64url');
  const token = `${payload}.${tagOf(key, payload).toString('base64url')}`;
  return token.length <= MAX_TOKEN ? token : undefined;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The state menuToken wrote for this turn, or undefined for anything else: the caller then hears the apology. */
export function fromMenuToken(flow: Flow, token: string, turn: number, key: Buffer): CarriedState | undefined {
  const m = TOKEN.exec(token);
  if (!m) return undefined;
  const tag = Buffer.from(m[2], 'base64url');
  if (tag.length !== 12 || !timingSafeEqual(tag, tagOf(key, m[1]))) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(m[1], 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(v) || v.length !== 6 || v[0] !== VERSION || v[1] !== turn) return undefined;
  const [, , step, language, attempts, vars] = v as unknown[];
  if (typeof step !== 'string' || !Object.hasOwn(flow.steps, step) || !CARRYING_STEPS.has(flow.steps[step].type)) return undefined;
  if (!(LANGUAGES as readonly unknown[]).includes(language)) return undefined;
  if (!isRecord(attempts) || !isRecord(vars)) return undefined;
  const outAttempts: Record<string, number> = {};
  for (const [k, n] of Object.entries(attempts)) {
    if (!Object.hasOwn(flow.steps, k) || !Number.isInteger(n) || (n as number) < 1 || (n as number) > MAX_ATTEMPTS) return undefined;
    outAttempts[k] = n as number;
  }
  const outVars: Record<string, string> = {};
  for (const [k, x] of Object.entries(vars)) {
    if (!Object.hasOwn(PUBLIC_VARS, k) || typeof x !== 'string' || !PUBLIC_VARS[k].includes(x)) return undefined;
    outVars[k] = x;
  }
  return { turn, step, language: language as CarriedState['language'], attempts: outAttempts, vars: outVars };
}
