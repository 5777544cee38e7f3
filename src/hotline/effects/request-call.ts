import type { Effect } from './effect.js';

/** A call request from the verified relative; operators and a supervisor decide on it (D-05, S-01). */
export const requestCall: Effect = {
  outcomes: ['done'],
  async run({ ctx, session }) {
    const { detaineeId, contactId } = session.data;
    // The session only reaches this step after a disclosure, which set both ids.
    if (detaineeId === undefined || contactId === undefined) throw new Error('requestCall without a verified contact');
    // One request per call: a caller pressing 1 twice does not queue two calls.
    if (session.vars.call_requested !== '1') {
      await ctx.repos.callRequests.create({
        detaineeId,
        contactId,
        source: 'hotline',
        earliest: ctx.clock.now(),
        language: session.language,
        requestedBy: 'hotline',
      });
    }
    return { outcome: 'done', vars: { call_requested: '1' } };
  },
};
