import { html } from '../html.js';
import { csrfField, fmtTime, layout } from '../layout.js';
import type { PageContext } from '../page-context.js';
import type { Facility } from '../../storage/schema.js';
import type { NoticeRow } from '../../storage/repositories/index.js';
import { noticeText } from '../../records/detainee-notices.js';

/**
 * Notices for a facility's staff to read to detainees (O-07, S-01): the text in the detainee's language, then
 * "read to him", which is audited. `facility` is the filter shown: a facility id, 'none', or '' for all.
 */
export function noticesPage(pc: PageContext, rows: NoticeRow[], facilities: Facility[], facility: string): string {
  const t = pc.t;
  const option = (value: string, label: string) =>
    html`<option value="${value}"${value === facility ? html` selected` : ''}>${label}</option>`;
  return layout(
    pc,
    t('notices'),
    html`<p>${t('noticesHint')}</p>
<form method="get" action="/console/notices"><label for="nf">${t('facility')}</label> <select id="nf" name="facility">${option('', t('allFacilities'))}${option('none', t('noFacility'))}${facilities.map((f) => option(String(f.id), f.name))}</select> <button type="submit">${t('show')}</button></form>
${
  rows.length
    ? html`<table id="notices"><thead><tr><th>${t('at')}</th><th>${t('reference')}</th><th>${t('name')}</th><th>${t('noticeText')}</th><th></th></tr></thead><tbody>
${rows.map(
  (
    n,
  ) => html`<tr><td>${fmtTime(pc, n.created_at)}</td><td><a href="/console/detainees/${n.detainee_id}">${n.reference}</a></td><td>${n.family_name} ${n.given_name}</td>
<td lang="${n.language}">${noticeText(n)}</td><td><form method="post" action="/console/notices/${n.id}/read">${csrfField(pc)}<button type="submit">${t('markRead')}</button></form></td></tr>`,
)}</tbody></table>`
    : html`<p id="no-notices">${t('noNotices')}</p>`
}`,
  );
}
