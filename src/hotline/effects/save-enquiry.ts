import { callbackNumber } from '../callback-number.js';
import type { Effect } from './effect.js';

/** C-09: only a callback number, the language, the recorded name and preferred hours. */
export const saveEnquiry: Effect = {
  outcomes: ['done'],
  async run({ ctx, session }) {
    const keyed = session.vars.callback;
    await ctx.repos.enquiries.create({
      callSid: session.callSid,
      callbackPhone: keyed ? `+${keyed}` : callbackNumber(session.from),
      language: session.language,
      preferredHours: session.vars.hours ?? null,
      recordingSid: session.vars.name_recording ?? null,
    });
    return { outcome: 'done', vars: { callback: undefined } };
  },
};
