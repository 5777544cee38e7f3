import { html } from '../html.js';
import { csrfField, fmtCallTime, fmtTime, layout } from '../layout.js';
import type { PageContext } from '../page-context.js';
import { zoneCity } from '../../shared/local-time.js';
import {
  CONSENT_SCOPES,
  LANGUAGES,
  type CallRequest,
  type Contact,
  type Detainee,
  type Facility,
  type Message,
} from '../../storage/schema.js';
import type { ConsentState } from '../../storage/repositories/index.js';
import { detaineeFields } from './detainee-fields.js';
import { contactFields } from './contact-fields.js';
import { protectionAcknowledgeField, protectionNotice } from './protection-notice.js';
import { detaineeProtectionsPanel, requestedByField } from './detainee-protections-panel.js';
import { label, reasonLabel } from '../i18n.js';

export interface DetaineeView {
  detainee: Detainee;
  contacts: Array<Contact & { consent: ConsentState }>;
  facilities: Facility[];
  requests: CallRequest[];
  messages: Message[];
}

/** One detainee: the record (its view is audited), contacts with consent, a new contact, a call request. */
export function detaineePage(pc: PageContext, v: DetaineeView): string {
  const t = pc.t;
  const d = v.detainee;
  return layout(
    pc,
    `${d.family_name} ${d.given_name}`,
    html`
<p class="notice">${t('viewAudited')}</p>${protectionNotice(pc, d)}
<p>${t('reference')}: <strong id="reference">${d.reference}</strong> · ${t('status')}: ${label(t, 'status', d.status)} (${fmtTime(pc, d.status_at)})</p>
<details><summary>${t('edit')}</summary>
<form method="post" action="/console/detainees/${d.id}">${csrfField(pc)}${detaineeFields(pc, d, v.facilities)}${protectionAcknowledgeField(pc, d, 'ack-status')}<p><button type="submit">${t('save')}</button></p></form>
</details>
${detaineeProtectionsPanel(pc, d)}
<h2>${t('contacts')}</h2>
<table><thead><tr><th>${t('name')}</th><th>${t('relationship')}</th><th>${t('phone')}</th><th>${t('consent')}</th><th>${t('secret')}</th><th></th></tr></thead><tbody>
${v.contacts.map(
  (c) => html`<tr><td>${c.name}</td><td>${c.relationship}</td><td>${c.phone}</td>
<td>${
    CONSENT_SCOPES.filter((s) => c.consent[s])
      .map((s) => label(t, 'scope', s))
      .join(', ') || t('none')
  }${c.blocked ? html` · <strong>${t('blocked')}</strong>` : ''}</td>
<td>${c.secret_hash ? t('hasSecret') : t('noSecret')}</td><td><a href="/console/contacts/${c.id}">${t('open')}</a></td></tr>`,
)}
</tbody></table>
<details><summary>${t('addContact')}</summary>
<form method="post" action="/console/detainees/${d.id}/contacts">${csrfField(pc)}${contactFields(pc, {})}<p><button type="submit">${t('addContact')}</button></p></form>
</details>
<h2>${t('scheduleCall')}</h2>
<form method="post" action="/console/detainees/${d.id}/call-requests" id="schedule-form">${csrfField(pc)}
<label for="contactId">${t('contact')}</label><select id="contactId" name="contactId" required>${v.contacts.map((c) => html`<option value="${c.id}">${c.name} (${c.relationship})</option>`)}</select>
<label for="earliest">${t('earliest')} (${zoneCity(pc.zone, pc.lang)})</label><input id="earliest" name="earliest" type="datetime-local" required>
<label for="maxMinutes">${t('maxMinutes')}</label><input id="maxMinutes" name="maxMinutes" type="number" min="1" max="60" value="10">
<label for="callLanguage">${t('detaineeLanguage')}</label><select id="callLanguage" name="language">${LANGUAGES.map((l) => html`<option value="${l}"${l === d.language ? html` selected` : ''}>${label(t, 'lang', l)}</option>`)}</select>
${requestedByField(pc)}
<div id="policy-feedback" role="status" aria-live="polite" data-url="/console/detainees/${d.id}/call-policy"></div>
<p><button type="submit">${t('requestCall')}</button></p></form>
<h2>${t('callRequests')}</h2>
<table><thead><tr><th>#</th><th>${t('status')}</th><th>${t('earliest')}</th><th>${t('reason')}</th></tr></thead><tbody>
${v.requests.map((r) => html`<tr><td>${r.id}</td><td>${label(t, 'reqStatus', r.status)} · ${label(t, 'source', r.source)}</td><td>${fmtCallTime(pc, r.earliest, v.contacts.find((c) => c.id === r.contact_id)?.time_zone)}</td><td>${r.reason ? reasonLabel(t, r.reason) : ''}</td></tr>`)}
</tbody></table>
<h2>${t('navMessages')}</h2>
<table id="detainee-messages"><thead><tr><th>#</th><th>${t('at')}</th><th>${t('direction')}</th><th>${t('status')}</th><th>${t('play')}</th></tr></thead><tbody>
${v.messages.map(
  (
    m,
  ) => html`<tr><td>${m.id}</td><td>${fmtTime(pc, m.created_at)}</td><td>${label(t, 'msgDir', m.direction)} · ${label(t, 'msgKind', m.kind)}</td><td>${label(t, 'msgStatus', m.status)}</td>
<td>${m.recording_url ? html`<audio controls preload="none" src="/console/messages/${m.id}/recording" aria-label="${t('play')} ${m.id}"></audio>` : ''}</td></tr>`,
)}
</tbody></table>`,
    { script: '/console/assets/schedule.js' },
  );
}
