import { createHash } from 'node:crypto';
import { html } from '../html.js';
import { csrfField } from '../layout.js';
import type { PageContext } from '../page-context.js';
import type { Messages } from '../i18n-en.js';
import { en } from '../i18n-en.js';
import type { DeskView } from '../../desk/desk-view.js';
import { FOLLOW_UP_WINDOWS, WRAP_UP_NOTE_MAX, WRAP_UP_OUTCOMES } from '../../desk/wrap-up-outcomes.js';
import { label } from '../i18n.js';

/** A duration as m:ss (h:mm:ss past an hour); when `live`, the page's script keeps counting from `data-since`. */
export function elapsed(fromIso: string, atIso: string, live = true) {
  const s = Math.max(0, Math.round((Date.parse(atIso) - Date.parse(fromIso)) / 1000));
  const mm = Math.floor(s / 60);
  const text =
    mm >= 60
      ? `${Math.floor(mm / 60)}:${String(mm % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`
      : `${mm}:${String(s % 60).padStart(2, '0')}`;
  return live ? html`<span class="elapsed" data-since="${fromIso}">${text}</span>` : html`<span>${text}</span>`;
}

/** A code in words when the console knows it (flag_*, window_*), else the code itself. */
const word = (pc: PageContext, prefix: string, code: string) => {
  const key = `${prefix}${code}` as keyof Messages;
  return key in en ? pc.t(key) : code.replace(/_/g, ' ');
};

/** The queue as this operator may see it: masked numbers, except their own connected caller's. */
export function deskCallers(pc: PageContext, v: DeskView) {
  const t = pc.t;
  if (!v.callers.length) return html`<p id="no-callers">${t('noCallersWaiting')}</p>`;
  return html`<table id="desk-callers"><thead><tr><th>${t('deskPosition')}</th><th>${t('deskLanguage')}</th><th>${t('timeWaiting')}</th><th>${t('deskFlags')}</th><th>${t('callerNumber')}</th><th>${t('deskCallerStatus')}</th></tr></thead><tbody>
${v.callers.map(
  (
    c,
  ) => html`<tr data-status="${c.status}"><td>${c.position ?? ''}</td><td>${label(t, 'lang', c.language)}</td><td>${c.connectedAt ? elapsed(c.enqueuedAt, c.connectedAt, false) : elapsed(c.enqueuedAt, v.at)}</td>
<td>${c.flags.map((f) => word(pc, 'flag_', f)).join('; ')}</td><td class="phone">${c.phone}</td>
<td>${c.status === 'waiting' ? t('callerWaiting') : html`${t('callerConnectedTo')} ${c.operator ?? ''}`}</td></tr>`,
)}</tbody></table>`;
}

function wrapUpForm(pc: PageContext, callSid: string) {
  const t = pc.t;
  return html`<form method="post" action="/console/desk/wrap-up" id="wrap-up"><fieldset><legend>${t('wrapUp')}</legend>${csrfField(pc)}
<input type="hidden" name="callSid" value="${callSid}">
<label for="wu-outcome">${t('outcome')}</label><select id="wu-outcome" name="outcome" required><option value=""></option>${WRAP_UP_OUTCOMES.map(
    (o) => html`<option value="${o}">${word(pc, 'outcome_', o)}</option>`,
  )}</select>
<label for="wu-note">${t('wrapUpNote')}</label><p class="notice" id="note-warning">${t('noteWarning')}</p>
<textarea id="wu-note" name="note" rows="4" cols="60" maxlength="${WRAP_UP_NOTE_MAX}" aria-describedby="note-warning"></textarea>
<p><input type="checkbox" id="wu-follow" name="followUp" value="1"> <label class="check" for="wu-follow">${t('followUp')}</label></p>
<label for="wu-window">${t('followUpWindow')}</label><select id="wu-window" name="followUpWindow">${FOLLOW_UP_WINDOWS.map(
    (w) => html`<option value="${w}">${word(pc, 'window_', w)}</option>`,
  )}</select>
<p><button type="submit">${t('submitWrapUp')}</button></p></fieldset></form>`;
}

/**
 * What the operator's own part shows. The page carries it and its event stream starts from it, so the part is
 * re-sent only when it changed: re-sending it would wipe a phone being typed or a note being written. Hashed,
 * because it travels in the stream's URL and holds the operator's number.
 */
export function deskMeKey(v: DeskView): string {
  const key = JSON.stringify([v.me?.state, v.me?.since, v.me?.phone, v.me?.notice, v.connected?.callSid]);
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

/** The operator's own state, their duty forms and, while connected, their caller and the wrap-up form. */
export function deskMe(pc: PageContext, v: DeskView, defaultPhone: string) {
  const t = pc.t;
  const me = v.me;
  const state = me?.state ?? 'off_duty';
  const c = v.connected;
  return html`<section id="my-state" data-state="${state}"><h2>${t('deskMyState')}</h2>
<p><strong id="state-label">${word(pc, 'deskState_', state)}</strong>${me ? html` ${t('deskForTime')} ${elapsed(me.since, v.at)} · ${t('deskRungOn')} ${me.phone}` : ''}</p>
${me?.notice === 'no_answer' ? html`<p class="notice" role="alert" id="desk-notice">${t('noticeNoAnswer')}</p>` : ''}
${state === 'unavailable' ? html`<form method="post" action="/console/desk/available" class="inline">${csrfField(pc)}<button type="submit">${t('setAvailable')}</button></form>` : ''}
${
  !me || state === 'available' || state === 'unavailable'
    ? html`<form method="post" action="/console/desk/on-duty" class="inline">${csrfField(pc)}<label for="duty-phone">${t('dutyPhone')}</label>
<input id="duty-phone" name="phone" type="tel" required maxlength="40" value="${me?.phone ?? defaultPhone}"><button type="submit">${t('goOnDuty')}</button></form>`
    : ''
}
${me && state !== 'on_call' && state !== 'wrap_up' ? html`<form method="post" action="/console/desk/off-duty" class="inline">${csrfField(pc)}<button type="submit">${t('goOffDuty')}</button></form>` : ''}
</section>
${
  c
    ? html`<section id="connected-caller" data-verified="${c.verified ? 'yes' : 'no'}"><h2>${t('connectedCaller')}</h2>
<p>${t('callerNumber')}: <strong id="connected-phone">${c.phone ?? ''}</strong> · ${t('deskLanguage')}: ${label(t, 'lang', c.language)} · ${t('timeWaiting')}: ${c.connectedAt ? elapsed(c.enqueuedAt, c.connectedAt, false) : '–'}</p>
${c.flags.length ? html`<p>${t('deskFlags')}: ${c.flags.map((f) => word(pc, 'flag_', f)).join('; ')}</p>` : ''}
${
  c.verified
    ? html`<p id="caller-verified">${t('callerVerified')} <a href="/console/detainees/${c.detaineeId}">${t('openDetaineeRecord')}</a></p>`
    : html`<p id="caller-unverified">${t('callerNotVerified')}</p>`
}
${wrapUpForm(pc, c.callSid)}</section>`
    : ''
}`;
}
