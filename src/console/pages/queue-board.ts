import { html } from '../html.js';
import { countText, stateLabel } from '../i18n.js';
import type { PageContext } from '../page-context.js';
import type { QueueItem } from '../../calls/call-queue.js';
import { ENDED_STATES } from '../../calls/call-states.js';
import { activeRow, endedRow, type BoardOptions } from './board-row.js';

export type { BoardOptions } from './board-row.js';

/** The active table's order: a call without its monitor first, then the furthest along, then the next to start. */
const ACTIVE_ORDER = ['missing_monitor', 'connected', 'awaiting_acceptance', 'ringing', 'dialling', 'scheduled'];
/** Scheduled calls further ahead than this are collapsed under "Scheduled later". */
const SOON_MS = 24 * 3600_000;

const rank = (s: string) => (ACTIVE_ORDER.includes(s) ? ACTIVE_ORDER.indexOf(s) : -1);
const byStateThenTime = (a: QueueItem, b: QueueItem) =>
  rank(a.state) - rank(b.state) ||
  (a.state === 'scheduled' ? a.at.getTime() - b.at.getTime() : (a.since?.getTime() ?? 0) - (b.since?.getTime() ?? 0));

function activeTable(pc: PageContext, rows: QueueItem[], o: BoardOptions, id?: string) {
  const t = pc.t;
  return html`<table class="board"${id ? html` id="${id}"` : ''}><thead><tr><th scope="col">${t('colState')}</th><th scope="col">${t('colDetainee')}</th><th scope="col">${t('colRelative')}</th><th scope="col">${t('colLanguages')}</th><th scope="col">${t('colInState')}</th><th scope="col">${t('colTimeLeft')}</th><th scope="col">${t('colActions')}</th></tr></thead>
<tbody>${rows.map((i) => activeRow(pc, i, o))}</tbody></table>`;
}

function endedGroup(pc: PageContext, state: string, rows: QueueItem[]) {
  const t = pc.t;
  return html`<details class="group" data-state="${state}"><summary>${stateLabel(t, state)} (${rows.length})</summary>${
    rows.length
      ? html`<table class="board"><thead><tr><th scope="col">${t('colState')}</th><th scope="col">${t('colDetainee')}</th><th scope="col">${t('colRelative')}</th><th scope="col">${t('colLanguages')}</th><th scope="col">${t('colEnded')}</th><th scope="col">${t('reason')}</th></tr></thead>
<tbody>${rows.map((i) => endedRow(pc, i))}</tbody></table>`
      : html`<p>${t('boardNone')}</p>`
  }</details>`;
}

/**
 * S-02 live board, rendered on the server for the first paint and for every SSE push: the pending requests as a
 * count (decided on their own page), one compact table of the active calls with running timers and row actions,
 * then scheduled-later and every ended group collapsed with its count.
 */
export function queueBoard(pc: PageContext, items: QueueItem[], o: BoardOptions) {
  const t = pc.t;
  const calls = items.filter((i) => i.kind === 'call');
  const pending = items.length - calls.length;
  const ended: readonly string[] = ENDED_STATES;
  const later = calls.filter((i) => i.state === 'scheduled' && i.at.getTime() > o.now.getTime() + SOON_MS);
  const active = calls.filter((i) => !ended.includes(i.state) && !later.includes(i)).sort(byStateThenTime);
  const counts = ACTIVE_ORDER.map(
    (s) => html`<span data-count-state="${s}">${stateLabel(t, s)}: ${active.filter((i) => i.state === s).length}</span>`,
  );
  return html`<p id="board-pending" data-count="${pending}">${pending ? countText(pc.lang, t, 'boardPending', pending) : t('boardNoPending')} <a href="/console/call-requests">${t('boardDecide')}</a></p>
<section id="board-active" aria-labelledby="board-active-h"><h2 id="board-active-h">${t('boardActive')} <span class="count">(${active.length})</span></h2>
<p class="hint">${t('boardActiveHint')}</p><p class="state-counts">${counts}</p>
${active.length ? activeTable(pc, active, o, 'active-calls') : html`<p>${t('boardNoActive')}</p>`}</section>
<details class="group" data-state="scheduled-later"><summary>${t('boardLater')} (${later.length})</summary>${later.length ? activeTable(pc, later, o) : html`<p>${t('boardNone')}</p>`}</details>
<h2>${t('boardFinished')}</h2>${ENDED_STATES.map((s) =>
    endedGroup(
      pc,
      s,
      calls.filter((i) => i.state === s),
    ),
  )}`;
}
