import { html } from '../html.js';
import type { PageContext } from '../page-context.js';
import { LANGUAGES, type Contact } from '../../storage/schema.js';
import { label } from '../i18n.js';

export function contactFields(pc: PageContext, c: Partial<Contact>) {
  const t = pc.t;
  const id = (s: string) => `c${c.id ?? 'new'}-${s}`;
  return html`
<label for="${id('name')}">${t('name')}</label><input id="${id('name')}" name="name" required maxlength="120" value="${c.name ?? ''}">
<label for="${id('spoken')}">${t('spokenName')}</label><input id="${id('spoken')}" name="spokenName" maxlength="120" value="${c.spoken_name ?? ''}">
<label for="${id('rel')}">${t('relationship')}</label><input id="${id('rel')}" name="relationship" required maxlength="60" value="${c.relationship ?? ''}">
<label for="${id('phone')}">${t('phone')}</label><input id="${id('phone')}" name="phone" type="tel" required maxlength="40" value="${c.phone ?? ''}">
<label for="${id('tz')}">${t('timeZone')}</label><input id="${id('tz')}" name="timeZone" maxlength="60" value="${c.time_zone ?? ''}">
<label for="${id('lang')}">${t('detaineeLanguage')}</label><select id="${id('lang')}" name="language">${LANGUAGES.map((l) => html`<option value="${l}"${l === (c.language ?? 'ru') ? html` selected` : ''}>${label(t, 'lang', l)}</option>`)}</select>
<label for="${id('chs')}">${t('callHoursStart')}</label><input id="${id('chs')}" name="callHoursStart" type="time" value="${c.call_hours_start ?? '09:00'}">
<label for="${id('che')}">${t('callHoursEnd')}</label><input id="${id('che')}" name="callHoursEnd" type="time" value="${c.call_hours_end ?? '21:00'}">
<p><input id="${id('nom')}" name="nominated" type="checkbox" value="true"${c.nominated ? html` checked` : ''}> <label class="check" for="${id('nom')}">${t('nominated')}</label></p>
<p><input id="${id('blk')}" name="blocked" type="checkbox" value="true"${c.blocked ? html` checked` : ''}> <label class="check" for="${id('blk')}">${t('blocked')}</label></p>`;
}
