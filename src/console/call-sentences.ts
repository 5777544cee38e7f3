import type { CallAttempt, CallEvent } from '../storage/schema.js';
import type { Messages } from './i18n-en.js';
import { en } from './i18n-en.js';
import { outcomeLabel, type Translate } from './i18n.js';
import { fill, policyRuleText, reasonText } from './call-reason-text.js';

/** What a sentence needs besides the event: names for usernames and call SIDs, and times in the viewer's zone. */
export interface SentenceContext {
  t: Translate;
  /** A username's display name (a person, never a number). */
  names: Record<string, string>;
  /** The call's attempts: their leg SIDs tell whose leg a conference callback was about. */
  attempts: CallAttempt[];
  /** Every event of the call: listener legs are known by their `listener_joined` SID. */
  events: CallEvent[];
  /** An instant in the viewer's zone. */
  time: (iso: string) => string;
}

const LEGS = ['facility', 'relative', 'monitor'] as const;
const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));
const detailOf = (e: CallEvent): Record<string, unknown> =>
  e.detail && typeof e.detail === 'object' ? (e.detail as Record<string, unknown>) : {};
const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase() + s.slice(1);
const has = (key: string): key is keyof Messages => key in en;

function who(c: SentenceContext, actor: string | null): string {
  if (!actor || actor === 'system') return c.t('actorSystem');
  if (actor === 'carrier') return c.t('actorCarrier');
  return c.names[actor] ?? actor;
}

/** Whose leg a conference callback was about: a party of the call, a listener by name, or "a participant". */
function party(c: SentenceContext, e: CallEvent): string {
  const sid = str(detailOf(e).callSid) || (e.dedupe_key?.split(':')[2] ?? '');
  if (!sid) return c.t('party_unknown');
  for (const a of c.attempts) {
    for (const leg of LEGS) if (a[`${leg}_call_sid`] === sid) return c.t(`party_${leg}`);
  }
  const listen = c.events.find((x) => x.kind === 'listener_joined' && detailOf(x).callSid === sid);
  return listen ? fill(c.t('party_listener'), { who: who(c, listen.actor) }) : c.t('party_unknown');
}

const legName = (c: SentenceContext, leg: string) => (has(`legName_${leg}`) ? c.t(`legName_${leg}` as keyof Messages) : leg);

/**
 * One sentence per event, in the viewer's language and zone (ev_<kind> in i18n-call-*.ts): "The relative
 * accepted", "Olena ended the call: rules breached". Details hold codes and counts only (C-13), so a sentence
 * never shows a phone number. A kind without a sentence says so and names the kind.
 */
export function eventSentence(c: SentenceContext, e: CallEvent): string {
  const d = detailOf(e);
  const legStatus = /^leg_(facility|relative|monitor)_(.+)$/.exec(e.kind);
  if (legStatus && has(`legStatus_${legStatus[2]}`)) {
    return fill(c.t('ev_leg_status'), { leg: legName(c, legStatus[1]), status: c.t(`legStatus_${legStatus[2]}` as keyof Messages) });
  }
  const key = `ev_${e.kind}`;
  if (!has(key)) return fill(c.t('ev_unknown'), { kind: e.kind });
  const reason = reasonText(c.t, str(d.reason));
  const text = fill(c.t(key), {
    who: who(c, e.actor),
    start: d.startAt ? c.time(str(d.startAt)) : '',
    attempt: str(d.attempt),
    max: str(d.maxMinutes),
    reason: lowerFirst(reason),
    rule: policyRuleText(c.t, str(d.rule)),
    status: str(d.status),
    leg: legName(c, str(d.leg)),
    outcome: lowerFirst(outcomeLabel(c.t, str(d.outcome))),
    party: e.kind.startsWith('conference_participant') ? party(c, e) : '',
  });
  // The end states and an attempt's end carry their reason; the sentence adds it in brackets.
  return reason && !c.t(key).includes('{reason}') ? `${text} (${lowerFirst(reason)})` : text;
}
