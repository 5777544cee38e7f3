import { decideDisclosure } from '../decide-disclosure.js';
import { callbackNumber } from '../callback-number.js';
import type { Effect } from './effect.js';

/**
 * The status query (C-03..C-07, C-12). The reference and secret leave the session as soon as they are used.
 * Past a rate limit the caller is quietly routed to an operator and the call is flagged, never locked out.
 */
export const answerStatusQuery: Effect = {
  outcomes: ['disclosed', 'negative', 'bad_news', 'rate_limited'],
  async run({ ctx, session, limiters }) {
    const reference = session.vars.reference ?? '';
    const secret = session.vars.secret ?? '';
    const forget = { reference: undefined, secret: undefined, health: undefined };
    if (!(await limiters.consumeLookup(session.from, reference))) {
      // Written with the call log (write-call-log.ts); the fraud flag task goes to the restricted queue now.
      session.data.flagged = true;
      await ctx.repos.tasks.create({
        kind: 'fraud_flag',
        priority: 2,
        restricted: true, // S-05
        callSid: session.callSid,
        language: session.language,
        summary: 'hotline: status lookups over the rate limit; routed to an operator',
      });
      return { outcome: 'rate_limited', vars: forget };
    }
    const d = await decideDisclosure(ctx.repos, reference, secret);
    // Only the latest lookup's contact counts (stop-calls.ts acts on it, C-11).
    delete session.data.detaineeId;
    delete session.data.contactId;
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
        callbackPhone: callbackNumber(session.from),
        language: session.language,
        summary: 'hotline: a verified relative asked; a trained person must call back (O-04 checklist)',
      });
      return { outcome: 'bad_news', vars: forget };
    }
    return { outcome: 'disclosed', vars: { ...forget, health: d.health } };
  },
};
