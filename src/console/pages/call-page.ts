import { html } from '../html.js';
import { csrfField, fmtCallTime, fmtTime, layout } from '../layout.js';
import { zoneCity } from '../../shared/local-time.js';
import { stateLabel } from '../i18n.js';
import type { PageContext } from '../page-context.js';
import type { CallAttempt, CallEvent, Contact, Detainee, ScheduledCall } from '../../storage/schema.js';
import { maskPhone } from '../../calls/call-queue.js';
import { CANCEL_REASONS } from '../../calls/reason-codes.js';
import { LIVE_STATES, type CallState } from '../../calls/call-states.js';
import { reasonSelect } from './reason-select.js';
import { callActionForms } from './call-action-forms.js';
import { protectionAcknowledgeField, protectionNotice } from './protection-notice.js';

/** Call detail (twilio-notes: queue screen): timeline of events, attempts, and the actions that fit the state. */
export function callPage(
  pc: PageContext,
  v: {
    call: ScheduledCall;
    events: CallEvent[];
    attempts: CallAttempt[];
    detainee: Detainee;
    contact: Contact;
    supervisorPhone?: string | null;
  },
): string {
  const t = pc.t;
  const c = v.call;
  const form = (action: string, label: string, codes: readonly string[], extra = html``) =>
    html`<form method="post" action="/console/calls/${c.id}/${action}" class="inline">${csrfField(pc)}${extra}${reasonSelect(pc, `r-${action}`, codes)}<button type="submit">${label}</button></form> `;
  const live = LIVE_STATES.includes(c.state as CallState);
  return layout(
    pc,
    `${stateLabel(t, c.state)} · ${c.id.slice(0, 8)}`,
    html`${protectionNotice(pc, v.detainee)}
<p><a href="/console/detainees/${v.detainee.id}">${v.detainee.family_name} ${v.detainee.given_name}</a> → ${v.contact.name} ${maskPhone(v.contact.phone)} · <span id="call-time">${fmtCallTime(pc, c.start_at, v.contact.time_zone)}</span> · ${c.max_minutes} min · ${c.language}${c.interpreter ? html` · ${t('interpreter')}` : ''}</p>
<p id="call-state" data-state="${c.state}">${t('status')}: <strong>${stateLabel(t, c.state)}</strong>${c.final_reason ? html` · ${t('reason')}: ${c.final_reason}` : ''}</p>
${c.state === 'scheduled' || c.state === 'missing_monitor' ? html`<div>${form('reschedule', t('reschedule'), CANCEL_REASONS, html`<label for="ns">${t('startAt')} (${zoneCity(pc.zone, pc.lang)})</label><input id="ns" name="startAt" type="datetime-local" required>`)}${form('cancel', t('cancel'), CANCEL_REASONS, protectionAcknowledgeField(pc, v.detainee, 'ack-cancel'))}</div>` : ''}
${live ? html`<div>${callActionForms(pc, c.id, { phone: v.supervisorPhone ?? null, idPrefix: 'c' })}</div>` : ''}
<h2>${t('attempts')}</h2><table><thead><tr><th>#</th><th>${t('at')}</th><th>${t('outcome')}</th><th>${t('endedAt')}</th></tr></thead><tbody>
${v.attempts.map((a) => html`<tr><td>${a.attempt_no}</td><td>${fmtTime(pc, a.claimed_at, true)}</td><td>${a.outcome ?? ''}</td><td>${fmtTime(pc, a.ended_at, true)}</td></tr>`)}</tbody></table>
<h2>${t('timeline')}</h2><table id="timeline"><thead><tr><th>${t('at')}</th><th>${t('event')}</th><th>${t('actor')}</th><th>${t('detail')}</th></tr></thead><tbody>
${v.events.map((e) => html`<tr><td>${fmtTime(pc, e.at, true)}</td><td>${e.kind}</td><td>${e.actor ?? ''}</td><td>${JSON.stringify(e.detail)}</td></tr>`)}</tbody></table>`,
  );
}
