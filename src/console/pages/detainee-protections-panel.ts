import { html } from '../html.js';
import { csrfField } from '../layout.js';
import type { PageContext } from '../page-context.js';
import type { Messages } from '../i18n-en.js';
import type { Detainee } from '../../storage/schema.js';
import { CONCERNS } from '../../records/protection-concern.js';

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '');

/**
 * The detainee page's protections: the reporting and custody dates (D-02, D-03) and recording a fear of reprisal
 * (D-10), whose words go to supervisors only.
 */
export function detaineeProtectionsPanel(pc: PageContext, d: Detainee) {
  const t = pc.t;
  const canClear = pc.principal?.role === 'supervisor' || pc.principal?.role === 'admin';
  const date = (name: 'nibReportedAt' | 'arrivedAt' | 'transferredAt' | 'hospitalisedAt', value: Date | null) =>
    html`<label for="${name}">${t(name)}</label><input id="${name}" name="${name}" type="date" value="${day(value)}">`;
  return html`<details id="custody-dates"><summary>${t('custodyDates')}</summary><p>${t('custodyDatesHint')}</p>
<form method="post" action="/console/detainees/${d.id}/custody-dates">${csrfField(pc)}
${date('nibReportedAt', d.nib_reported_at)}${date('arrivedAt', d.arrived_at)}${date('transferredAt', d.transferred_at)}${date('hospitalisedAt', d.hospitalised_at)}
<p><button type="submit">${t('save')}</button></p></form></details>
<details id="protection"><summary>${t('recordProtection')}</summary><p>${t('protectionHint')}</p>
<form method="post" action="/console/detainees/${d.id}/protection">${csrfField(pc)}
<label for="concern">${t('protectionConcernKind')}</label><select id="concern" name="concern">${CONCERNS.map((c) => html`<option value="${c}">${t(`concern_${c}` as keyof Messages)}</option>`)}</select>
<label for="statement">${t('protectionStatement')}</label><textarea id="statement" name="statement" maxlength="1000" rows="3"></textarea>
<p><button type="submit">${t('recordProtection')}</button></p></form>
${d.protection_concern && canClear ? html`<form method="post" action="/console/detainees/${d.id}/protection/clear">${csrfField(pc)}<button type="submit">${t('clearProtection')}</button></form>` : ''}</details>`;
}

/** The schedule form's "requested by": the detainee's own request is marked as his (D-04). */
export const requestedByField = (pc: PageContext) =>
  html`<label for="source">${pc.t('requestedBy')}</label><select id="source" name="source"><option value="operator">${pc.t('source_operator')}</option><option value="detainee">${pc.t('source_detainee')}</option></select>`;
