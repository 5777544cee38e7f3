import type { Language } from '../storage/schema.js';
import { renderQueueWait } from '../telephony/twilio/render-twiml.js';
import type { Hotline } from './hotline.js';

/** The Enqueue wait document: "you are number N in the queue", then hold audio (twilio-notes: voices). */
export async function queueWaitTwiml(h: Hotline, lang: Language, queuePosition: string | undefined): Promise<string> {
  const flow = await h.flow();
  const position = Math.max(1, Math.min(9999, Number.parseInt(queuePosition ?? '', 10) || 1));
  const text = flow.prompts[lang]['queue.position'] ?? flow.prompts.ru['queue.position'] ?? '';
  return renderQueueWait(text.replace('{position}', String(position)), lang);
}
