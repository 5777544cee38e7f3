import { html } from '../html.js';
import { fmtTime, layout } from '../layout.js';
import type { PageContext } from '../page-context.js';
import { en, type Messages } from '../i18n-en.js';
import type { SimulatedCarrierView } from '../../telephony/simulated/simulated-carrier-view.js';

/** The carrier's instants (ISO strings or epoch milliseconds) in the viewer's zone, flags as yes/no; other cells as they are. */
function cell(pc: PageContext, k: string, v: unknown) {
  if ((k === 'at' || k === 'answeredAt') && (typeof v === 'string' || typeof v === 'number')) return fmtTime(pc, new Date(v), true);
  if (typeof v === 'boolean') return pc.t(v ? 'yes' : 'no');
  return String(v ?? '');
}

/** A column's heading in the viewer's language; a property the tables do not name yet shows as it is. */
function heading(pc: PageContext, k: string) {
  const key = `carrierCol_${k}` as keyof Messages;
  return key in en ? pc.t(key) : k;
}

function table(pc: PageContext, id: string, rows: Array<Record<string, unknown>>) {
  const keys = [...new Set(rows.flatMap((c) => Object.keys(c)))];
  return html`<table id="${id}"><thead><tr>${keys.map((k) => html`<th scope="col" data-key="${k}">${heading(pc, k)}</th>`)}</tr></thead><tbody>
${rows.map((c) => html`<tr>${keys.map((k) => html`<td>${cell(pc, k, c[k])}</td>`)}</tr>`)}</tbody></table>`;
}

/** The simulated carrier's calls and event log (a trial without Twilio shows the whole journey). */
export function carrierPage(pc: PageContext, v: SimulatedCarrierView | undefined): string {
  const t = pc.t;
  if (!v) return layout(pc, t('carrier'), html`<p class="notice">${t('carrierAbsent')}</p>`);
  return layout(
    pc,
    t('carrier'),
    html`<h2>${t('calls')}</h2>${table(pc, 'carrier-calls', v.calls)}<h2>${t('timeline')}</h2>${table(pc, 'carrier-events', v.events)}`,
  );
}
