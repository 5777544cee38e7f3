import type { Language } from '../storage/schema.js';
import type { WebhookParams } from '../telephony/webhook-params.js';
import { HOLD_TWIML, LEAVE_TWIML, renderQueueWait } from '../telephony/twilio/render-desk-twiml.js';
import { fillPromptText } from '../flow-engine/speakable-values.js';
import { pluralKey } from '../flow-engine/plural-forms.js';
import { queueTimes } from '../desk/desk.js';
import type { Hotline } from './hotline.js';

const seconds = (v: string | undefined): number | undefined => {
  const n = Number.parseInt(v ?? '', 10);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
};

/**
 * Minutes the caller may still wait: the queue's AvgQueueTime (or, without one, the average wait of recent
 * callers who reached a person), less what this caller waited already; at least 1, at most 60 (what
 * `{minutes}` may say). Undefined when nothing is known yet.
 */
async function estimateMinutes(h: Hotline, waited: number, avgQueueTime: number | undefined): Promise<number | undefined> {
  const average = avgQueueTime || (await queueTimes(h.ctx).average());
  if (average === undefined) return undefined;
  return Math.min(60, Math.max(1, Math.ceil((average - waited) / 60)));
}

/**
 * The Enqueue wait document, fetched again and again while the caller waits (twilio-notes: voices): the
 * position, the estimated wait, then hold audio. Past DESK_MAX_WAIT_SECONDS the caller may press 1 to be called
 * back instead (O-05). Each fetch keeps the call's session alive, which the Enqueue's action continues.
 */
export async function queueWaitTwiml(h: Hotline, lang: Language, p: WebhookParams): Promise<string> {
  const flow = await h.flow();
  const prompts = flow.prompts[lang];
  if (p.CallSid) await h.store.keepAlive(p.CallSid);
  const position = String(Math.max(1, Math.min(9999, Number.parseInt(p.QueuePosition ?? '', 10) || 1)));
  const waited = seconds(p.QueueTime) ?? 0;
  const minutes = await estimateMinutes(h, waited, seconds(p.AvgQueueTime));
  const texts = [fillPromptText(prompts['queue.position'] ?? '', { position })];
  if (minutes !== undefined) {
    const key = pluralKey('queue.wait', lang, String(minutes));
    texts.push(key && prompts[key] ? fillPromptText(prompts[key], { minutes: String(minutes) }) : undefined);
  }
  const offer =
    waited >= h.ctx.config.desk.maxWaitSeconds && prompts['queue.offer_callback']
      ? { text: prompts['queue.offer_callback'], action: `${h.ctx.config.http.publicBaseUrl}/voice/queue/leave` }
      : undefined;
  return renderQueueWait(
    texts.filter((t): t is string => !!t),
    lang,
    offer,
  );
}

/** A key pressed in the wait document: 1 leaves the queue for a callback; any other key goes on waiting. */
export function queueLeaveTwiml(p: WebhookParams): string {
  return p.Digits === '1' ? LEAVE_TWIML : HOLD_TWIML;
}
