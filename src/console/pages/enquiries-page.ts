import { html } from '../html.js';
import { csrfField, fmtTime, layout } from '../layout.js';
import type { PageContext } from '../page-context.js';
import { ENQUIRY_STATUSES, type Enquiry } from '../../storage/schema.js';
import { isLateEnquiry, type LateLines } from '../../records/late-items.js';
import { label } from '../i18n.js';

/** The open enquiries; one still open from before today is late (late-items.ts). */
export function enquiriesPage(pc: PageContext, rows: Enquiry[], lines: LateLines): string {
  const t = pc.t;
  return layout(
    pc,
    t('enquiries'),
    rows.length
      ? html`
<table id="enquiries"><thead><tr><th>#</th><th>${t('at')}</th><th>${t('soughtName')}</th><th>${t('callerName')}</th><th>${t('relationship')}</th><th>${t('callback')}</th><th>${t('preferredHours')}</th><th>${t('status')}</th></tr></thead><tbody>
${rows.map(
  (
    e,
  ) => html`<tr><td>${e.id}</td><td${isLateEnquiry(e, lines) ? html` class="late"` : ''}>${fmtTime(pc, e.created_at)}${isLateEnquiry(e, lines) ? html` (${t('late')})` : ''}</td><td>${e.sought_name ?? ''} ${e.sought_birth_year ?? ''}${e.sought_name ? html` (<a href="/console/detainees?q=${encodeURIComponent(e.sought_name.split(' ')[0])}">${t('search')}</a>)` : ''}</td><td>${e.caller_name ?? ''}${e.recording_sid ? html` <audio controls preload="none" src="/console/enquiries/${e.id}/recording" aria-label="${t('play')} ${e.id}"></audio>` : ''}</td><td>${e.relationship ?? ''}</td><td>${e.callback_phone ?? ''} (${label(t, 'lang', e.language)})</td><td>${e.preferred_hours ?? ''}</td>
<td><form method="post" action="/console/enquiries/${e.id}">${csrfField(pc)}
<label for="es${e.id}">${t('status')}</label><select id="es${e.id}" name="status">${ENQUIRY_STATUSES.map((s) => html`<option value="${s}"${s === e.status ? html` selected` : ''}>${label(t, 'enqStatus', s)}</option>`)}</select>
<label for="en${e.id}">${t('notes')}</label><input id="en${e.id}" name="notes" maxlength="1000" value="${e.notes ?? ''}"><button type="submit">${t('update')}</button></form></td></tr>`,
)}
</tbody></table>`
      : html`<p id="no-enquiries">${t('noEnquiries')}</p>`,
  );
}
