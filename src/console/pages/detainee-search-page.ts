import { html } from '../html.js';
import { layout } from '../layout.js';
import type { PageContext } from '../page-context.js';
import type { Detainee, Facility } from '../../storage/schema.js';
import { label } from '../i18n.js';

/**
 * Search results name the patronymic, birth date and facility, so an operator can tell namesakes apart (O-03)
 * before opening a record (each opening is audited).
 */
export function detaineeSearchPage(pc: PageContext, q: string, results: Detainee[], capped: boolean, facilities: Facility[]): string {
  const facilityName = (id: number | null) => facilities.find((f) => f.id === id)?.name ?? '–';
  const t = pc.t;
  return layout(
    pc,
    t('navSearch'),
    html`
<form method="get" action="/console/detainees" role="search">
  <label for="q">${t('searchLabel')}</label><input id="q" name="q" value="${q}" maxlength="100" autofocus>
  <button type="submit">${t('search')}</button>
</form>
<p><a href="/console/detainees/new">${t('newDetainee')}</a></p>
${q && results.length === 0 ? html`<p>${t('noResults')}</p>` : ''}
${capped ? html`<p class="notice">${t('searchCapped')}</p>` : ''}
${
  results.length
    ? html`<table><caption class="sr">${t('navSearch')}</caption><thead><tr><th>${t('reference')}</th><th>${t('familyName')}</th><th>${t('givenName')}</th><th>${t('patronymic')}</th><th>${t('birthDate')}</th><th>${t('facility')}</th><th>${t('status')}</th></tr></thead><tbody>
${results.map((d) => html`<tr><td><a href="/console/detainees/${d.id}">${d.reference}</a></td><td>${d.family_name}</td><td>${d.given_name}</td><td>${d.patronymic ?? ''}</td><td>${d.birth_date ?? ''}</td><td>${facilityName(d.facility_id)}</td><td>${label(t, 'status', d.status)}</td></tr>`)}
</tbody></table>`
    : ''
}`,
  );
}
