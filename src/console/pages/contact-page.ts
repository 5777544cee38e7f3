import { html } from '../html.js';
import { csrfField, fmtTime, layout } from '../layout.js';
import type { PageContext } from '../page-context.js';
import { CONSENT_SCOPES, LANGUAGES, type ConsentEntry, type Contact, type Detainee } from '../../storage/schema.js';
import type { ConsentState } from '../../storage/repositories/index.js';
import { contactFields } from './contact-fields.js';
import { label } from '../i18n.js';

/** A contact: edit, the append-only consent ledger (D-01), and the secret set on the detainee's behalf. */
export function contactPage(
  pc: PageContext,
  v: { contact: Contact; detainee: Detainee; history: ConsentEntry[]; consent: ConsentState },
): string {
  const t = pc.t;
  const c = v.contact;
  return layout(
    pc,
    c.name,
    html`
<p><a href="/console/detainees/${v.detainee.id}">${t('back')}: ${v.detainee.family_name} ${v.detainee.given_name}</a></p>
<p>${t('phone')}: ${c.phone} · ${t('timeZone')}: ${c.time_zone} · ${c.secret_hash ? t('hasSecret') : t('noSecret')}${c.calls_stopped ? html` · ${t('callsStopped')}` : ''}</p>
<details><summary>${t('edit')}</summary>
<form method="post" action="/console/contacts/${c.id}">${csrfField(pc)}${contactFields(pc, c)}<p><button type="submit">${t('save')}</button></p></form></details>
<h2>${t('consentLedger')}</h2>
<p>${CONSENT_SCOPES.map((s) => html`${label(t, 'scope', s)}: <strong>${v.consent[s] ? '✓' : '✗'}</strong> `)}</p>
<table><thead><tr><th>${t('at')}</th><th>${t('scope')}</th><th>${t('granted')}</th><th>${t('detaineeLanguage')}</th><th>${t('witness')}</th><th>${t('prompt')}</th><th>${t('recordedBy')}</th></tr></thead><tbody>
${v.history.map((e) => html`<tr><td>${fmtTime(pc, e.at)}</td><td>${label(t, 'scope', e.scope)}</td><td>${e.granted ? t('granted') : t('revoked')}</td><td>${label(t, 'lang', e.language)}</td><td>${e.witness}</td><td>${e.prompt ?? ''}</td><td>${e.recorded_by ?? ''}</td></tr>`)}
</tbody></table>
<form method="post" action="/console/contacts/${c.id}/consent">${csrfField(pc)}<fieldset><legend>${t('appendConsent')}</legend>
<label for="scope">${t('scope')}</label><select id="scope" name="scope">${CONSENT_SCOPES.map((s) => html`<option value="${s}">${label(t, 'scope', s)}</option>`)}</select>
<label for="granted">${t('decision')}</label><select id="granted" name="granted"><option value="true">${t('granted')}</option><option value="false">${t('revoked')}</option></select>
<label for="consentLanguage">${t('detaineeLanguage')}</label><select id="consentLanguage" name="language">${LANGUAGES.map((l) => html`<option value="${l}"${l === v.detainee.language ? html` selected` : ''}>${label(t, 'lang', l)}</option>`)}</select>
<label for="witness">${t('witness')}</label><input id="witness" name="witness" required maxlength="120">
<label for="prompt">${t('prompt')}</label><input id="prompt" name="prompt" maxlength="500">
<p><button type="submit">${t('appendConsent')}</button></p></fieldset></form>
<form method="post" action="/console/contacts/${c.id}/secret">${csrfField(pc)}<fieldset><legend>${t('secret')}</legend>
<label for="secret">${t('secret')}</label><input id="secret" name="secret" inputmode="numeric" pattern="[0-9]{4,8}" autocomplete="off" aria-describedby="secret-help">
<p id="secret-help">${t('secretHelp')}</p><button type="submit">${t('setSecret')}</button></fieldset></form>
${pc.principal?.role === 'supervisor' || pc.principal?.role === 'admin' ? eraseForm(pc, c) : ''}`,
  );
}

/** C-11: deletion on the relative's request, for supervisors, with an explicit confirmation. */
function eraseForm(pc: PageContext, c: Contact) {
  const t = pc.t;
  if (c.phone.startsWith('erased-')) return html`<p id="erased">${t('erased')}</p>`;
  return html`<form method="post" action="/console/contacts/${c.id}/erase" id="erase-form">${csrfField(pc)}<fieldset><legend>${t('eraseTitle')}</legend>
<p>${t('eraseHint')}</p><label><input type="checkbox" name="confirm" required> ${t('eraseConfirm')}</label>
<p><button type="submit">${t('eraseButton')}</button></p></fieldset></form>`;
}
