import { z } from 'zod';
import type { StepHandler } from '../types.js';
import { promptsSchema } from './common.js';

export const conferenceStepSchema = z
  .object({
    type: z.literal('conference'),
    /** Said before joining ("connecting you now"). */
    prompts: promptsSchema,
    /** Subscribe to the conference's events; the first party to join does, so its SID becomes known. */
    events: z.boolean().default(false),
    /** Minutes the leg may last beyond the call's `minutes`: a hard backstop behind the time-limit job. */
    backstopMinutes: z.number().int().min(1).max(30).default(5),
  })
  .strict();
export type ConferenceStep = z.infer<typeof conferenceStepSchema>;

/**
 * Joins the conference as a party and ends the flow (the document ends when the conference does). Reads the
 * session's `room` (the conference's name), `recording` (`on` records: the value the prompts announced,
 * A-05) and `minutes` (the call's maximum length). A party never starts the conference: only the muted
 * monitor does, so the parties cannot hear each other without a monitor (S-02, render-twiml.ts).
 */
export const conferenceStep: StepHandler<ConferenceStep> = {
  schema: conferenceStepSchema,
  gathers: false,
  enter(s, ctx) {
    const { room, recording, minutes } = ctx.session.vars;
    const max = Number(minutes);
    if (!room || !Number.isInteger(max) || max < 1) throw new Error('conference step: the session has no room or minutes');
    return {
      actions: [
        ...ctx.say(s.prompts),
        { kind: 'conference', room, record: recording === 'on', timeLimitSeconds: (max + s.backstopMinutes) * 60, events: s.events },
      ],
      then: { end: true },
    };
  },
  targets: () => [],
  prompts: (s) => s.prompts,
};
