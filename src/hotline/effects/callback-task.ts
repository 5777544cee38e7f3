import { callbackNumber } from '../callback-number.js';
import type { Effect } from './effect.js';

/** Outside operator hours: a callback task instead of a queue. */
export const callbackTask: Effect = {
  outcomes: ['done'],
  async run({ ctx, session }) {
    await ctx.repos.tasks.create({
      kind: 'operator_callback',
      priority: session.data.flagged ? 2 : 3,
      detaineeId: session.data.detaineeId ?? null,
      contactId: session.data.contactId ?? null,
      callSid: session.callSid,
      callbackPhone: callbackNumber(session.from),
      language: session.language,
      summary: 'hotline: callback requested outside operator hours',
    });
    return { outcome: 'done' };
  },
};
