import type { Effect } from './effect.js';

/**
 * C-11: no more calls to the contact whose secret matched (kept in the session by id after the lookup).
 * Caller ID is never proof (C-10), so the caller's number is stopped too only when it is that contact's
 * own stored number; a spoofed or borrowed line cannot stop calls to anyone else.
 */
export const stopCalls: Effect = {
  outcomes: ['done'],
  async run({ ctx, session }) {
    const contactId = session.data.contactId;
    if (contactId === undefined) return { outcome: 'done' };
    const contact = await ctx.repos.contacts.findById(contactId);
    if (!contact) return { outcome: 'done' };
    await ctx.repos.contacts.update(contactId, { callsStopped: true });
    if (session.from && session.from === contact.phone) await ctx.repos.contacts.stopCallsToPhone(contact.phone);
    return { outcome: 'done' };
  },
};
