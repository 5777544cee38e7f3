import { callbackNumber } from '../callback-number.js';
import type { Effect } from './effect.js';

/**
 * A callback task instead of a person now, in the time window the caller chose: outside operator hours (the flow
 * sets `after_hours`), or for a caller who left the operator queue after the maximum wait (O-05).
 */
export const callbackTask: Effect = {
  outcomes: ['done'],
  async run({ ctx, session }) {
    const window = session.vars.window;
    await ctx.repos.tasks.create({
      kind: 'operator_callback',
      priority: session.data.limited ? 2 : 3,
      detaineeId: session.data.detaineeId ?? null,
      contactId: session.data.contactId ?? null,
      callSid: session.callSid,
      callbackPhone: callbackNumber(session.from),
      language: session.language,
      ...(window ? { callbackWindow: window } : {}),
      // A caller past a lookup limit is verified by calling back a number the detainee nominated (O-05).
      summary: session.data.limited
        ? `hotline: the caller reached a lookup limit ${window ? 'and left the operator queue' : 'outside operator hours'}; verify them by calling back a number the detainee nominated (O-05)`
        : session.vars.after_hours === 'yes' || !window
          ? 'hotline: callback requested outside operator hours'
          : 'hotline: the caller left the operator queue for a callback in the chosen window',
    });
    return { outcome: 'done' };
  },
};
