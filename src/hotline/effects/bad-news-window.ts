import { callbackNumber } from '../callback-number.js';
import type { Effect } from './effect.js';

/** Stores the time window the caller chose for the human callback (C-07); the task already exists. */
export const badNewsWindow: Effect = {
  outcomes: ['done'],
  async run({ ctx, session }) {
    await ctx.repos.tasks.create({
      kind: 'bad_news',
      priority: 1,
      restricted: true,
      detaineeId: session.data.detaineeId ?? null,
      contactId: session.data.contactId ?? null,
      callSid: session.callSid,
      callbackPhone: callbackNumber(session.from),
      callbackWindow: session.vars.window ?? 'any',
      language: session.language,
    });
    return { outcome: 'done' };
  },
};
