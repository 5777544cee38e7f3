import type { AppContext } from '../app-context.js';
import type { Language } from '../storage/schema.js';
import type { FlowSession } from '../flow-engine/types.js';
import { newSession } from '../flow-engine/run-flow.js';
import { relationOf } from '../flow-engine/relations.js';
import { nameForSpeech } from './name-for-speech.js';
import { partyOf, type CallLeg, type CallParty } from './call-legs.js';

type ScheduledCall = NonNullable<Awaited<ReturnType<AppContext['repos']['scheduledCalls']['findById']>>>;

/**
 * D-11: each party hears its own language, whatever language the relative asked in: the detainee his own
 * (the detainee record's), the relative the contact's. The call's language is the fallback, and the monitor's.
 */
export async function partyLanguage(ctx: AppContext, call: ScheduledCall, party: CallParty): Promise<Language> {
  if (party === 'monitor') return call.language as Language;
  const person =
    party === 'facility' ? await ctx.repos.detainees.findById(call.detainee_id) : await ctx.repos.contacts.findById(call.contact_id);
  return (person?.language ?? call.language) as Language;
}

/**
 * The session a leg's document starts from, read from the database on every webhook (the truth stays in the
 * call's rows; nothing is kept between documents but the step in the URL): the party's language (D-11), the
 * call's length and room, recording, the interpreter (D-11), and who the other party is, by a name the
 * listener's voice can read and, for the detainee, the relation of who answered (D-05).
 */
export async function legSession(ctx: AppContext, leg: CallLeg, call: ScheduledCall | undefined): Promise<FlowSession> {
  const vars: Record<string, string> = { recording: ctx.config.hotline.recordingEnabled ? 'on' : 'off' };
  if (!call) return newSession('ru', vars);
  Object.assign(vars, { minutes: String(call.max_minutes), room: call.id });
  if (call.interpreter) vars.interpreter = 'on';
  if (partyOf(leg) === 'monitor') return newSession(call.language as Language, vars);
  const detainee = await ctx.repos.detainees.findById(call.detainee_id);
  const contact = await ctx.repos.contacts.findById(call.contact_id);
  if (partyOf(leg) === 'relative') {
    const lang = (contact?.language ?? call.language) as Language;
    const name = detainee && nameForSpeech(lang, detainee.given_name, detainee.spoken_name);
    if (name) vars.name = name;
    vars.named = name ? 'named' : 'unnamed';
    return newSession(lang, vars);
  }
  const lang = (detainee?.language ?? call.language) as Language;
  const name = contact && nameForSpeech(lang, contact.name, contact.spoken_name);
  if (name) vars.contact_name = name;
  vars.named = name ? 'named' : 'unnamed';
  vars.relation = contact ? relationOf(contact.relationship) : 'other';
  return newSession(lang, vars);
}
