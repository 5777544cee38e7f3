import { html } from '../html.js';
import type { PageContext } from '../page-context.js';
import { DETAINEE_STATUSES, HEALTH_CATEGORIES, LANGUAGES, type Detainee, type Facility } from '../../storage/schema.js';
import { label } from '../i18n.js';

const opt = (value: string, current: string | null | undefined, text = value) =>
  html`<option value="${value}"${value === (current ?? '') ? html` selected` : ''}>${text}</option>`;

/** The detainee's editable fields, shared by the new and edit forms. No capture circumstances (D-08). */
export function detaineeFields(pc: PageContext, d: Partial<Detainee>, facilities: Facility[]) {
  const t = pc.t;
  return html`
<label for="familyName">${t('familyName')}</label><input id="familyName" name="familyName" required maxlength="80" value="${d.family_name ?? ''}">
<label for="givenName">${t('givenName')}</label><input id="givenName" name="givenName" required maxlength="80" value="${d.given_name ?? ''}">
<label for="spokenName">${t('spokenName')}</label><input id="spokenName" name="spokenName" maxlength="80" value="${d.spoken_name ?? ''}">
<label for="patronymic">${t('patronymic')}</label><input id="patronymic" name="patronymic" maxlength="80" value="${d.patronymic ?? ''}">
<label for="birthDate">${t('birthDate')}</label><input id="birthDate" name="birthDate" type="date" value="${d.birth_date ?? ''}">
<label for="status">${t('status')}</label><select id="status" name="status">${DETAINEE_STATUSES.map((s) => opt(s, d.status ?? 'held', label(t, 'status', s)))}</select>
<label for="statusSource">${t('statusSource')}</label><input id="statusSource" name="statusSource" maxlength="120" value="${d.status_source ?? ''}">
<label for="healthCategory">${t('healthCategory')}</label><select id="healthCategory" name="healthCategory">${opt('', d.health_category, t('none'))}${HEALTH_CATEGORIES.map((s) => opt(s, d.health_category, label(t, 'health', s)))}</select>
<input id="possiblyDead" name="possiblyDead" type="checkbox" value="true"${d.possibly_dead ? html` checked` : ''}> <label class="check" for="possiblyDead">${t('possiblyDead')}</label>
<label for="facilityId">${t('facility')}</label><select id="facilityId" name="facilityId">${opt('', d.facility_id == null ? '' : String(d.facility_id), t('none'))}${facilities.map((f) => opt(String(f.id), d.facility_id == null ? '' : String(d.facility_id), f.name))}</select>
<label for="language">${t('detaineeLanguage')}</label><select id="language" name="language">${LANGUAGES.map((l) => opt(l, d.language ?? 'ru', label(t, 'lang', l)))}</select>`;
}

export function newDetaineePage(pc: PageContext, facilities: Facility[]) {
  return html`<form method="post" action="/console/detainees"><input type="hidden" name="_csrf" value="${pc.csrf}">${detaineeFields(pc, {}, facilities)}<p><button type="submit">${pc.t('create')}</button></p></form>`;
}
