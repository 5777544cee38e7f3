import { decideDisclosure } from '../decide-disclosure.js';
import { callbackNumber } from '../callback-number.js';
import { recordLookupRefusal } from '../record-lookup-refusal.js';
import { waitingMessage } from '../message-playback.js';
import type { Effect } from './effect.js';
import type { AppContext } from '../../app-context.js';

/** Audited after the answer, not before it, so a blocked number's lookup takes no longer than another's. */
const noteBlockedLookup = (ctx: AppContext) =>
  void ctx.repos.audit
    .append({ actor: 'hotline', action: 'caller_flag.lookup_blocked', subjectType: 'caller_flag' })
    .catch((e: unknown) => ctx.logger.warn({ err: e }, 'hotline:could not audit a blocked lookup'));

/**
 * The status query (C-03..C-07, C-12). The reference and secret leave the session as soon as they are used.
 * A caller past a limit is put through to a person, never locked out; the refusal is counted against the
 * attack's one restricted task, never marked on the caller's own call as fraud.
 */
export const answerStatusQuery: Effect = {
  outcomes: ['disclosed', 'negative', 'bad_news', 'rate_limited'],
  async run({ ctx, session, limits }) {
    const reference = session.vars.reference ?? '';
    const secret = session.vars.secret ?? '';
    const forget = { reference: undefined, secret: undefined, health: undefined, message: undefined, message_play: undefined };
    // Only the latest lookup's contact counts (stop-calls.ts acts on it, C-11).
    delete session.data.detaineeId;
    delete session.data.contactId;
    delete session.data.messageId;
    const caller = callbackNumber(session.from);
    const admitted = await limits.admit(caller, reference);
    if (!admitted.ok) {
      session.data.limited = admitted.refused;
      await recordLookupRefusal(ctx, limits, admitted.refused, { reference, caller });
      return { outcome: 'rate_limited', vars: forget };
    }
    // A number a supervisor blocked (O-06) hears the negative answer after the same work as any other (C-05).
    const [found, blocked] = await Promise.all([
      decideDisclosure(ctx.repos, reference, secret),
      caller ? ctx.repos.callerFlags.isBlocked(limits.callerKey(caller)) : false,
    ]);
    const d = blocked ? { kind: 'negative' as const, secretMatched: false } : found;
    if (blocked) noteBlockedLookup(ctx);
    if (await limits.settle(reference, d.secretMatched)) await recordLookupRefusal(ctx, limits, 'reference', { reference, caller }, false);
    if (d.kind === 'negative') return { outcome: 'negative', vars: forget };
    session.data.detaineeId = d.detaineeId;
    session.data.contactId = d.contactId;
    if (d.kind === 'bad_news') {
      // Created now, not after the time choice, so a caller who hangs up still gets the call (C-07).
      await ctx.repos.tasks.create({
        kind: 'bad_news',
        priority: 1,
        restricted: true,
        detaineeId: d.detaineeId,
        contactId: d.contactId,
        callSid: session.callSid,
        callbackPhone: caller,
        language: session.language,
        summary: 'hotline: a verified relative asked; a trained person must call back (O-04 checklist)',
      });
      return { outcome: 'bad_news', vars: forget };
    }
    // C-06: a message from him is only mentioned when this contact may hear it (the same check plays it).
    const waiting = await waitingMessage(ctx, d.detaineeId, d.contactId);
    return { outcome: 'disclosed', vars: { ...forget, health: d.health, ...(waiting ? { message: 'waiting' } : {}) } };
  },
};
