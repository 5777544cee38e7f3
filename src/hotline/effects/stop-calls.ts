import type { Effect } from './effect.js';

/** C-11: no more calls to the number the caller is calling from, nor to the verified contact's number. */
export const stopCalls: Effect = {
  outcomes: ['done'],
  async run({ ctx, session }) {
    if (session.from) await ctx.repos.contacts.stopCallsToPhone(session.from);
    if (session.data.contactId !== undefined) await ctx.repos.contacts.update(session.data.contactId, { callsStopped: true });
    return { outcome: 'done' };
  },
};
