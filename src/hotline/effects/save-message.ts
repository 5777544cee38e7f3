import type { Effect } from './effect.js';

/** C-08 / S-04: a supervisor reviews a message within this many hours. */
export const MESSAGE_REVIEW_HOURS = 48;

/** Keeps the recorded message for supervisor review; the recording callback may create it first (same sid). */
export const saveMessage: Effect = {
  outcomes: ['done'],
  async run({ ctx, session, params }) {
    const { detaineeId, contactId } = session.data;
    if (detaineeId === undefined) throw new Error('saveMessage without a verified contact');
    await ctx.repos.messages.create({
      detaineeId,
      contactId: contactId ?? null,
      direction: 'to_detainee',
      kind: 'voice',
      recordingSid: session.vars.message_recording,
      recordingUrl: params.RecordingUrl ?? null,
      durationSeconds: Number(params.RecordingDuration) || null,
      callSid: session.callSid,
      reviewDueAt: new Date(ctx.clock.now().getTime() + MESSAGE_REVIEW_HOURS * 3600_000),
    });
    return { outcome: 'done' };
  },
};
