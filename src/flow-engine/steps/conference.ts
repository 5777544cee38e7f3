import { z } from 'zod';
import type { StepHandler } from '../types.js';
import { promptsSchema } from './common.js';

export const conferenceStepSchema = z
  .object({
    type: z.literal('conference'),
    /** Said before joining ("connecting you now"). */
    prompts: promptsSchema,
    /**
     * `monitor`: the supervisor, muted, who alone starts the conference and ends it by leaving (S-02); `party`: the
     * detainee or the relative, who never starts it.
     */
    role: z.enum(['party', 'monitor']).default('party'),
    /** Minutes the leg may last beyond the call's `minutes`: a hard backstop behind the time-limit job. */
    backstopMinutes: z.number().int().min(1).max(30).default(5),
  })
  .strict();
export type ConferenceStep = z.infer<typeof conferenceStepSchema>;

/**
 * Joins the conference as a party and ends the flow (the document ends when the conference does). Reads the
 * session's `room` (the conference's name), `recording` (`on` records: the value the prompts announced,
 * A-05) and `minutes` (the call's maximum length). A party never starts the conference: only the muted
 * monitor does, so the parties cannot hear each other without a monitor (S-02, render-twiml.ts). Every
 * participant subscribes to the conference's events, since Twilio follows whichever starts it (twilio-notes TW-16).
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
        {
          kind: 'conference',
          room,
          record: recording === 'on',
          timeLimitSeconds: (max + s.backstopMinutes) * 60,
          events: true,
          monitor: s.role === 'monitor',
        },
      ],
      then: { end: true },
    };
  },
  targets: () => [],
  prompts: (s) => s.prompts,
};
