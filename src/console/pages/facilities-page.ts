import { html } from '../html.js';
import { csrfField, layout } from '../layout.js';
import type { PageContext } from '../page-context.js';
import type { FacilityView } from '../../facilities/facility-view.js';
import { DEFAULT_HOURS, formatWeeklyHours } from '../../facilities/weekly-hours.js';

/** Facilities (A-08): the list, and a form for a new one; each facility is edited on its own page. */
export function facilitiesPage(pc: PageContext, facilities: FacilityView[]): string {
  const t = pc.t;
  return layout(
    pc,
    t('navFacilities'),
    html`
<table id="facilities"><thead><tr><th>${t('name')}</th><th>${t('facilityZone')}</th><th>${t('callHours')}</th><th>${t('lines')}</th><th></th></tr></thead><tbody>
${facilities.map(
  (f) =>
    html`<tr><td>${f.name}</td><td>${f.timeZone}</td><td>${f.callHours}</td><td>${f.lines.map((l) => l.phone).join(', ')}</td><td><a href="/console/facilities/${f.id}">${t('edit')}</a></td></tr>`,
)}
</tbody></table>
<form method="post" action="/console/facilities">${csrfField(pc)}<fieldset><legend>${t('newFacility')}</legend>
<label for="nf-name">${t('name')}</label><input id="nf-name" name="name" required maxlength="200">
<label for="nf-zone">${t('facilityZone')}</label><input id="nf-zone" name="timeZone" value="Europe/Kyiv" required>
<label for="nf-hours">${t('callHours')}</label><input id="nf-hours" name="callHours" value="${formatWeeklyHours(DEFAULT_HOURS)}" aria-describedby="nf-hours-hint">
<small id="nf-hours-hint">${t('callHoursHint')}</small>
<label for="nf-line">${t('defaultLine')}</label><input id="nf-line" name="defaultLine" type="tel" placeholder="+380441234567">
<p><button type="submit">${t('create')}</button></p></fieldset></form>`,
  );
}
