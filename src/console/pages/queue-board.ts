import { html } from '../html.js';
import { fmtCallTime, fmtTime } from '../layout.js';
import { stateLabel } from '../i18n.js';
import type { PageContext } from '../page-context.js';
import type { QueueItem } from '../../calls/call-queue.js';
import { CALL_STATES } from '../../calls/call-states.js';

/** Groups items by state in CALL_STATES order; states the list does not know go last under their own name. */
function groupByState(items: QueueItem[]): Array<{ state: string; items: QueueItem[] }> {
  const known: readonly string[] = CALL_STATES;
  const order = [...CALL_STATES, ...new Set(items.map((i) => i.state).filter((s) => !known.includes(s)))];
  return order.map((state) => ({ state, items: items.filter((i) => i.state === state) }));
}

/** The board, grouped by state; rendered on the server for the first paint and for every SSE push. */
export function queueBoard(pc: PageContext, items: QueueItem[]) {
  const t = pc.t;
  return html`${groupByState(items).map(
    (g) => html`<section class="group" data-state="${g.state}" aria-label="${stateLabel(t, g.state)}">
<h2>${stateLabel(t, g.state)} <span class="count">(${g.items.length})</span></h2>
${
  g.items.length
    ? html`<table><tbody>${g.items.map(
        (i) => html`<tr data-id="${i.id}" data-state="${i.state}">
<td>${i.kind === 'call' ? html`<a href="/console/calls/${i.id}">${i.id.slice(0, 8)}</a>` : html`<a href="/console/call-requests">#${i.id}</a>`}</td>
<td>${i.detaineeName}</td><td>${i.contactName} ${i.phoneMasked}</td><td>${i.languages.detainee} / ${i.languages.contact}${i.interpreter ? html` · ${t('interpreter')}` : ''}</td><td>${fmtCallTime(pc, i.at, i.relativeZone)}</td><td>${i.maxMinutes} min</td>
<td>${i.attempts !== undefined ? `${t('attempts')}: ${i.attempts}` : ''}${i.since ? html`<br>${t('inStageSince')} ${fmtTime(pc, i.since, true).slice(11)}` : ''}</td><td>${i.reason ?? ''}</td></tr>`,
      )}</tbody></table>`
    : ''
}
</section>`,
  )}`;
}
