import { randomBytes } from 'node:crypto';
import type { AppContext } from '../app-context.js';
import type { Message } from '../storage/schema.js';

// A token lets Twilio fetch one message's audio for a few minutes, the time a caller takes to hear it.
const TOKEN_SECONDS = 600;
const PLAYABLE = ['approved', 'delivered'];

const tokenKey = (ctx: AppContext, token: string) => `${ctx.config.redis.prefix}:voice:media:${token}`;

/** C-06: a message from him that this contact may hear now: his consent to messages, and a reviewer's approval. */
export async function waitingMessage(ctx: AppContext, detaineeId: number, contactId: number): Promise<Message | undefined> {
  const consent = await ctx.repos.consent.current(contactId);
  if (!consent.messages) return undefined;
  return ctx.repos.messages.findWaitingFromDetainee(detaineeId, contactId);
}

/**
 * Lets the caller hear message `id` (S-06: the playback is audited first): checks again that it is his, approved
 * and consented to, marks it delivered, and gives a one-off token for its audio. Undefined when it may not play.
 */
export async function grantPlayback(
  ctx: AppContext,
  call: { callSid: string; detaineeId: number; contactId: number; messageId: number },
): Promise<string | undefined> {
  const m = await ctx.repos.messages.findById(call.messageId);
  if (!m || m.detainee_id !== call.detaineeId || m.direction !== 'from_detainee' || !PLAYABLE.includes(m.status)) return undefined;
  if (m.contact_id !== null && m.contact_id !== call.contactId) return undefined;
  if (!m.recording_url || !(await ctx.repos.consent.current(call.contactId)).messages) return undefined;
  await ctx.repos.audit.append({
    actor: 'hotline',
    action: 'message.play',
    subjectType: 'detainee',
    subjectId: m.detainee_id,
    detail: { messageId: m.id, contactId: call.contactId, callSid: call.callSid },
  });
  await ctx.repos.messages.markDelivered(m.id);
  const token = randomBytes(16).toString('hex');
  await ctx.redis.set(tokenKey(ctx, token), String(m.id), 'EX', TOKEN_SECONDS);
  return token;
}

/** The audio a token stands for, fetched through the carrier with the account's credentials (TW-36). */
export async function playbackMedia(ctx: AppContext, token: string): Promise<{ body: ArrayBuffer; contentType: string } | undefined> {
  if (!/^[0-9a-f]{32}$/.test(token) || !ctx.telephony) return undefined;
  const id = Number(await ctx.redis.get(tokenKey(ctx, token)));
  const m = id ? await ctx.repos.messages.findById(id) : undefined;
  // Never an unreviewed message, even if its state changed since the token was given.
  if (!m?.recording_url || m.direction !== 'from_detainee' || !PLAYABLE.includes(m.status)) return undefined;
  return ctx.telephony.fetchRecording(m.recording_url);
}
