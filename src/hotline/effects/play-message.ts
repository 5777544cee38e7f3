import { grantPlayback, waitingMessage } from '../message-playback.js';
import type { Effect } from './effect.js';

/**
 * C-06: plays the message from him that the lookup found waiting (or, in the same call, plays it again). The
 * token for its audio goes to `message_play`; `none` when there is no message this caller may hear.
 */
export const playMessage: Effect = {
  outcomes: ['play', 'none'],
  async run({ ctx, session }) {
    const { detaineeId, contactId } = session.data;
    if (detaineeId === undefined || contactId === undefined) return { outcome: 'none', vars: { message_play: undefined } };
    const messageId = session.data.messageId ?? (await waitingMessage(ctx, detaineeId, contactId))?.id;
    const token = messageId ? await grantPlayback(ctx, { callSid: session.callSid, detaineeId, contactId, messageId }) : undefined;
    if (!token) return { outcome: 'none', vars: { message_play: undefined } };
    session.data.messageId = messageId;
    return { outcome: 'play', vars: { message_play: token } };
  },
};
