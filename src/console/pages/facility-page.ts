import { html } from '../html.js';
import { csrfField, layout } from '../layout.js';
import type { PageContext } from '../page-context.js';
import type { Messages } from '../i18n-en.js';
import type { FacilityView } from '../../facilities/facility-view.js';
import { WEEKDAYS } from '../../facilities/weekly-hours.js';

const DAY_KEYS: Record<(typeof WEEKDAYS)[number], keyof Messages> = {
  mon: 'weekdayMon',
  tue: 'weekdayTue',
  wed: 'weekdayWed',
  thu: 'weekdayThu',
  fri: 'weekdayFri',
  sat: 'weekdaySat',
  sun: 'weekdaySun',
};
const TIME = '([01][0-9]|2[0-4]):[0-5][0-9]';

/** One facility: its settings with the hours of each weekday, and its lines (A-08). */
export function facilityPage(pc: PageContext, f: FacilityView): string {
  const t = pc.t;
  const num = (name: string, key: keyof Messages, value: number, max: number) =>
    html`<label for="f-${name}">${t(key)}</label><input id="f-${name}" name="${name}" type="number" min="1" max="${max}" value="${value}" required>`;
  return layout(
    pc,
    f.name,
    html`
<form method="post" action="/console/facilities/${f.id}">${csrfField(pc)}<fieldset><legend>${t('edit')}</legend>
<label for="f-name">${t('name')}</label><input id="f-name" name="name" value="${f.name}" required maxlength="200">
<label for="f-zone">${t('facilityZone')}</label><input id="f-zone" name="timeZone" value="${f.timeZone}" required>
<table id="hours"><caption>${t('callHours')} (${t('callHoursByDayHint')})</caption>
<thead><tr><th></th><th>${t('hoursFrom')}</th><th>${t('hoursUntil')}</th></tr></thead><tbody>
${WEEKDAYS.map((d) => {
  const w = f.callHoursByDay[d];
  return html`<tr><th scope="row">${t(DAY_KEYS[d])}</th>
<td><input aria-label="${t(DAY_KEYS[d])} ${t('hoursFrom')}" name="${d}Start" value="${w?.start ?? ''}" pattern="${TIME}" placeholder="09:00" size="5"></td>
<td><input aria-label="${t(DAY_KEYS[d])} ${t('hoursUntil')}" name="${d}End" value="${w?.end ?? ''}" pattern="${TIME}" placeholder="18:00" size="5"></td></tr>`;
})}
</tbody></table>
${num('maxCallMinutes', 'maxCallMinutes', f.maxCallMinutes, 240)}
${num('weeklyCallQuota', 'weeklyCallQuota', f.weeklyCallQuota, 100)}
${num('contactFloorDays', 'contactFloorDays', f.contactFloorDays, 365)}
<label for="f-default">${t('defaultLine')}</label><select id="f-default" name="defaultLine">
<option value=""${f.defaultLine ? '' : ' selected'}>${t('none')}</option>
${f.lines.map((l) => html`<option value="${l.phone}"${l.phone === f.defaultLine ? ' selected' : ''}>${l.phone}${l.label ? ` (${l.label})` : ''}</option>`)}
</select>
<p><button type="submit">${t('save')}</button></p></fieldset></form>
<h2>${t('lines')}</h2>
<table id="lines"><thead><tr><th>${t('phone')}</th><th>${t('lineLabel')}</th><th></th></tr></thead><tbody>
${f.lines.map(
  (l) =>
    html`<tr><td>${l.phone}</td><td>${l.label ?? ''}</td><td><form method="post" action="/console/facilities/${f.id}/lines/${l.id}/remove">${csrfField(pc)}<button type="submit">${t('removeLine')}</button></form></td></tr>`,
)}
</tbody></table>
<form method="post" action="/console/facilities/${f.id}/lines">${csrfField(pc)}<fieldset><legend>${t('addLine')}</legend>
<label for="nl-phone">${t('linePhone')}</label><input id="nl-phone" name="phone" type="tel" required placeholder="+380441234567">
<label for="nl-label">${t('lineLabel')}</label><input id="nl-label" name="label" maxlength="100">
<p><button type="submit">${t('addLine')}</button></p></fieldset></form>
<p><a href="/console/facilities">${t('navFacilities')}</a></p>`,
  );
}
