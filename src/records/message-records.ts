import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import type { Principal } from '../shared/principal.js';
import { AppError, notFound } from '../shared/errors.js';
import { REVIEW_DECISIONS, type Message } from '../storage/schema.js';
import { parseInput } from '../shared/parse-input.js';
import { optionalText } from './form-values.js';
import { carrierFor, mediaFrom } from './carrier-media.js';
import { isLateMessage, lateLines } from './late-items.js';

export const reviewSchema = z.object({
  decision: z.enum(REVIEW_DECISIONS),
  reason: optionalText(300),
});

/** Messages waiting for review, oldest deadline first; late ones are flagged (S-04). */
export async function listMessagesForReview(ctx: AppContext) {
  const lines = lateLines(ctx);
  const rows = await ctx.repos.messages.listPendingReview(50);
  return rows.map((m) => ({ ...m, late: isLateMessage(m, lines) }));
}

/** C-08: a rejection needs a reason; review never withholds mail as a punishment, so the reason is kept. */
export async function reviewMessage(ctx: AppContext, p: Principal, id: number, input: unknown): Promise<Message> {
  const v = parseInput(reviewSchema, input);
  if (v.decision === 'rejected' && !v.reason) throw new AppError('reason_required', 'a rejection needs a reason');
  const m = await ctx.repos.messages.review(id, v.decision, p.username, v.reason ?? null);
  if (!m) throw notFound('the message');
  await ctx.repos.audit.append({
    actor: p.username,
    action: 'message.review',
    subjectType: 'detainee',
    subjectId: m.detainee_id,
    detail: { messageId: id, decision: v.decision },
  });
  return m;
}

/**
 * Playback (S-06, A-04): the play is audited first, then the media is fetched through the carrier (with the
 * account's credentials; only URLs on the carrier) and streamed to the console. The recording's URL never
 * reaches the browser.
 */
export async function playMessage(ctx: AppContext, p: Principal, id: number): Promise<{ body: ArrayBuffer; contentType: string }> {
  const m = await ctx.repos.messages.findById(id);
  if (!m) throw notFound('the message');
  if (!m.recording_url)
    throw new AppError('no_recording', 'this message has no recording (keypad message, or the recording has expired)', 404);
  const telephony = carrierFor(ctx);
  await ctx.repos.audit.append({
    actor: p.username,
    action: 'message.play',
    subjectType: 'detainee',
    subjectId: m.detainee_id,
    detail: { messageId: id },
  });
  return mediaFrom(telephony.fetchRecording(m.recording_url), '; the message itself is kept');
}

export const messageJson = (m: Message & { late?: boolean }) => ({
  id: m.id,
  detaineeId: m.detainee_id,
  contactId: m.contact_id,
  direction: m.direction,
  kind: m.kind,
  durationSeconds: m.duration_seconds,
  hasRecording: Boolean(m.recording_url),
  status: m.status,
  reviewDueAt: m.review_due_at,
  late: m.late ?? false,
  reviewedBy: m.reviewed_by,
  reviewedAt: m.reviewed_at,
  reviewReason: m.review_reason,
  createdAt: m.created_at,
});
