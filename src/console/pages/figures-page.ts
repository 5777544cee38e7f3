import { html } from '../html.js';
import { layout } from '../layout.js';
import type { PageContext } from '../page-context.js';
import type { TodaysFigures } from '../../calls/todays-figures.js';

const pct = (v: number | null) => (v === null ? '–' : `${Math.round(v * 100)}%`);
const dur = (s: number | null) => (s === null ? '–' : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`);

export function figureTiles(pc: PageContext, f: TodaysFigures) {
  const t = pc.t;
  const tile = (label: string, value: string | number, id: string) => html`<div class="tile" id="fig-${id}">${label}<b>${value}</b></div>`;
  // The longest wait keeps counting on a live page (data-since, see desk-assets.ts).
  const longest = html`<div class="tile" id="fig-longest-wait">${t('figLongestWait')}<b${f.longestWaitSince ? html` data-since="${f.longestWaitSince}"` : ''}>${dur(f.longestWaitSeconds)}</b></div>`;
  const perOperator = f.callsPerOperator.map((o) => `${o.username}: ${o.calls}`).join(', ') || '–';
  return html`<div class="tiles" id="figure-tiles">${tile(t('calls'), f.calls, 'calls')}${tile(t('answerRate'), pct(f.answerRate), 'answer-rate')}${tile(t('avgDuration'), dur(f.averageDurationSeconds), 'duration')}
${tile(t('backlog'), f.backlog, 'backlog')}${tile(t('timeToCallback'), f.timeToCallbackHours === null ? '–' : `${f.timeToCallbackHours} h`, 'ttc')}${tile(t('lockouts'), f.lockouts, 'lockouts')}${tile(t('belowFloor'), f.belowContactFloor, 'floor')}
${tile(t('lateReviews'), f.lateReviews, 'late-reviews')}${tile(t('stuckCalls'), f.stuckCalls, 'stuck')}
${tile(t('figWaiting'), f.callersWaiting, 'waiting')}${longest}${tile(t('figServiceLevel'), pct(f.serviceLevel), 'service-level')}${tile(t('figAbandoned'), f.abandonedInQueue ?? '–', 'abandoned')}
${tile(t('figAvgWait'), dur(f.averageWaitSeconds), 'avg-wait')}${tile(t('figCallbacksDue'), f.callbacksDue, 'callbacks-due')}${tile(t('figCallbacksOverdue'), f.callbacksOverdue, 'callbacks-overdue')}
<div class="tile" id="fig-per-operator">${t('figCallsPerOperator')}<b>${perOperator}</b></div></div>`;
}

export function figuresPage(pc: PageContext, f: TodaysFigures): string {
  return layout(pc, pc.t('figures'), figureTiles(pc, f));
}
