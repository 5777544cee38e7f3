import { callbackNumber } from '../callback-number.js';
import type { Effect } from './effect.js';

/** Outside operator hours: a callback task instead of a queue. */
export const callbackTask: Effect = {
  outcomes: ['done'],
  async run({ ctx, session }) {
    await ctx.repos.tasks.create({
      kind: 'operator_callback',
      priority: session.data.limited ? 2 : 3,
      detaineeId: session.data.detaineeId ?? null,
      contactId: session.data.contactId ?? null,
      callSid: session.callSid,
      callbackPhone: callbackNumber(session.from),
      language: session.language,
      // A caller past a lookup limit is verified by calling back a number the detainee nominated (O-05).
      summary: session.data.limited
        ? 'hotline: the caller reached a lookup limit outside operator hours; verify them by calling back a number the detainee nominated (O-05)'
        : 'hotline: callback requested outside operator hours',
    });
    return { outcome: 'done' };
  },
};
