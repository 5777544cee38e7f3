import { html } from '../html.js';
import { fmtTime, layout } from '../layout.js';
import type { PageContext } from '../page-context.js';
import type { CallerDeskView } from '../../records/caller-desk-view.js';
import { label, reasonLabel } from '../i18n.js';

/** The caller desk (O-03): a reference in, status categories and call-request state out; no place, line or full number. */
export function callerDeskPage(pc: PageContext, reference: string, v: CallerDeskView | null | undefined): string {
  const t = pc.t;
  const name = (id: number) => v?.contacts.find((c) => c.id === id)?.name ?? '';
  const result =
    v === undefined
      ? ''
      : v === null
        ? html`<p id="caller-desk-result">${t('callerDeskNoRecord')}</p>`
        : html`<section id="caller-desk-result">
<p class="notice">${t('viewAudited')}</p>
<p>${t('reference')}: <strong>${v.reference}</strong> · ${v.name} · ${t('status')}: <strong id="status">${label(t, 'status', v.status)}</strong>${v.healthCategory ? html` · ${t('healthCategory')}: ${label(t, 'health', v.healthCategory)}` : ''}</p>
<h2>${t('contacts')}</h2>
<table><thead><tr><th>${t('name')}</th><th>${t('relationship')}</th><th>${t('phone')}</th></tr></thead><tbody>
${v.contacts.map((c) => html`<tr><td>${c.name}</td><td>${c.relationship}</td><td>${c.maskedPhone}</td></tr>`)}
</tbody></table>
<h2>${t('callRequests')}</h2>
<table><thead><tr><th>#</th><th>${t('status')}</th><th>${t('requestedBy')}</th><th>${t('contact')}</th><th>${t('earliest')}</th><th>${t('reason')}</th></tr></thead><tbody>
${v.callRequests.map(
  (r) =>
    html`<tr><td>${r.id}</td><td>${label(t, 'reqStatus', r.status)}</td><td>${label(t, 'source', r.source)}</td><td>${name(r.contactId)}</td><td>${fmtTime(pc, r.earliest)}</td><td>${r.reason ? reasonLabel(t, r.reason) : ''}</td></tr>`,
)}
</tbody></table></section>`;
  return layout(
    pc,
    t('callerDesk'),
    html`<p>${t('callerDeskHint')}</p>
<form method="get" action="/console/caller-desk"><label for="reference">${t('reference')}</label>
<input id="reference" name="reference" inputmode="numeric" pattern="[0-9]{10}" value="${reference}" required autocomplete="off"> <button type="submit">${t('search')}</button></form>
${result}`,
  );
}
