import { html } from '../html.js';
import { fmtTime, layout } from '../layout.js';
import type { PageContext } from '../page-context.js';
import type { RecordingRow } from '../../records/call-recordings.js';

/** The supervised calls' recordings for supervisors (A-01): each plays through the audited media route. */
export function recordingsPage(pc: PageContext, rows: RecordingRow[]): string {
  const t = pc.t;
  return layout(
    pc,
    t('recordings'),
    html`<p>${t('recordingsHint')}</p>
${
  rows.length
    ? html`<table id="recordings"><thead><tr><th>${t('at')}</th><th>#</th><th>${t('expiresAt')}</th><th>${t('play')}</th></tr></thead><tbody>
${rows.map(
  (
    r,
  ) => html`<tr><td>${fmtTime(pc, r.createdAt)}</td><td><a href="/console/calls/${r.callId}">${r.callId.slice(0, 8)}</a> · ${r.durationSeconds ?? '?'} s</td><td>${fmtTime(pc, r.expiresAt)}</td>
<td><audio controls preload="none" src="/console/recordings/${r.recordingSid}/media" aria-label="${t('play')} ${r.recordingSid}"></audio></td></tr>`,
)}</tbody></table>`
    : html`<p id="no-recordings">${t('noRecordings')}</p>`
}`,
  );
}
