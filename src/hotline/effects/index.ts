import type { EffectCatalogue } from '../../flow-engine/check-flow.js';
import type { Effect } from './effect.js';
import { answerStatusQuery } from './answer-status-query.js';
import { badNewsWindow } from './bad-news-window.js';
import { callbackTask } from './callback-task.js';
import { operatorHours } from './operator-hours.js';
import { playMessage } from './play-message.js';
import { requestCall } from './request-call.js';
import { saveEnquiry } from './save-enquiry.js';
import { saveMessage } from './save-message.js';
import { stopCalls } from './stop-calls.js';

/** The use cases a hotline flow may name in an `effect` step. */
export const HOTLINE_EFFECTS: Record<string, Effect> = {
  answerStatusQuery,
  badNewsWindow,
  callbackTask,
  operatorHours,
  playMessage,
  requestCall,
  saveEnquiry,
  saveMessage,
  stopCalls,
};

export const HOTLINE_EFFECT_CATALOGUE: EffectCatalogue = Object.fromEntries(
  Object.entries(HOTLINE_EFFECTS).map(([name, e]) => [name, e.outcomes]),
);
