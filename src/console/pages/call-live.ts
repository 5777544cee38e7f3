import { html, type SafeHtml } from '../html.js';
import { csrfField, fmtTime } from '../layout.js';
import { zoneCity } from '../../shared/local-time.js';
import { outcomeLabel, stateLabel } from '../i18n.js';
import type { PageContext } from '../page-context.js';
import type { CallDetail } from '../../calls/call-detail.js';
import { whoIsListening } from '../../calls/call-listeners.js';
import { CANCEL_REASONS } from '../../calls/reason-codes.js';
import { LIVE_STATES, type CallState } from '../../calls/call-states.js';
import { reasonText } from '../call-reason-text.js';
import { eventSentence } from '../call-sentences.js';
import { reasonSelect } from './reason-select.js';
import { callActionForms } from './call-action-forms.js';
import { protectionAcknowledgeField } from './protection-notice.js';

/** The parts of the call page the live stream replaces; `actionsKey` changes only when other forms fit the call. */
export interface CallLiveParts {
  head: SafeHtml;
  actions: SafeHtml;
  actionsKey: string;
  attempts: SafeHtml;
  timeline: SafeHtml;
}

const ms = (d: Date | string) => new Date(d).getTime();
/** Seconds as the page's clock shows them ("4:05", "1:02:03"), the same as the script that ticks them. */
export function clockText(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const two = (v: number) => String(v).padStart(2, '0');
  const m = Math.floor(s / 60);
  return m >= 60 ? `${Math.floor(m / 60)}:${two(m % 60)}:${two(s % 60)}` : `${m}:${two(s % 60)}`;
}

function timers(pc: PageContext, d: CallDetail): SafeHtml {
  const t = pc.t;
  const c = d.call;
  const now = d.now.getTime();
  const attempt = d.attempts.find((a) => a.attempt_no === c.attempts);
  const up = (id: string, from: Date | string) =>
    html`<span class="timer" id="${id}" data-since="${new Date(from).toISOString()}">${clockText((now - ms(from)) / 1000)}</span>`;
  const down = (id: string, until: number) =>
    html`<span class="timer" id="${id}" data-until="${new Date(until).toISOString()}">${clockText((until - now) / 1000)}</span>`;
  if (c.state === 'connected' && attempt?.connected_at) {
    const end = ms(attempt.connected_at) + c.max_minutes * 60_000;
    return html`${t('talkingFor')}: ${up('elapsed', attempt.connected_at)} · ${t('timeLeft')}: ${down('remaining', end)}`;
  }
  if (c.state === 'scheduled') return html`${t('startsIn')}: ${down('starts-in', ms(c.start_at))}`;
  if (LIVE_STATES.includes(c.state as CallState)) return html`${t('inStateFor')}: ${up('in-state', c.updated_at)}`;
  const talked = [...d.attempts].reverse().find((a) => a.connected_at && a.ended_at);
  return talked
    ? html`${t('talkedFor')}: <span id="talked">${clockText((ms(talked.ended_at!) - ms(talked.connected_at!)) / 1000)}</span>`
    : html``;
}

/** When someone started listening: the time of day, in the viewer's zone. */
const sinceText = (pc: PageContext, d: Date) => fmtTime(pc, d).split(' ')[1];

function listeners(pc: PageContext, d: CallDetail): SafeHtml {
  const t = pc.t;
  const who = whoIsListening(d.call, d.attempts, d.events);
  const rows = [
    ...(who.monitor
      ? [
          html`<li data-role="monitor">${d.monitorName ?? t('monitorUnnamed')}, ${t('monitorRole')} (${t('sinceTime')} ${sinceText(pc, who.monitor.since)})</li>`,
        ]
      : []),
    ...who.listeners.map(
      (l) =>
        html`<li data-role="listener">${d.names[l.actor] ?? l.actor}, ${t('listenerRole')} (${t('sinceTime')} ${sinceText(pc, l.since)})</li>`,
    ),
  ];
  return html`<h2 id="h-listening">${t('listeningNow')}</h2>${rows.length ? html`<ul id="listeners" aria-labelledby="h-listening">${rows}</ul>` : html`<p id="listeners">${t('nobodyListening')}</p>`}`;
}

/** The day once, then times only, as long as the day stays the same. */
function stamps(pc: PageContext, d: CallDetail): string[] {
  let day = '';
  return d.events.map((e) => {
    const full = fmtTime(pc, e.at, true);
    const [date, time] = full.split(' ');
    if (date === day) return time;
    day = date;
    return full;
  });
}

/** State, timers, who listens, the actions that fit, attempts and the timeline in sentences (raw events behind a disclosure). */
export function callLiveParts(pc: PageContext, d: CallDetail, supervisorPhone: string | null): CallLiveParts {
  const t = pc.t;
  const c = d.call;
  const live = LIVE_STATES.includes(c.state as CallState);
  const movable = c.state === 'scheduled' || c.state === 'missing_monitor';
  const form = (action: string, label: string, extra: SafeHtml) =>
    html`<form method="post" action="/console/calls/${c.id}/${action}" class="inline">${csrfField(pc)}${extra}${reasonSelect(pc, `r-${action}`, CANCEL_REASONS)}<button type="submit">${label}</button></form> `;
  const moveForms = html`<div>${form('reschedule', t('reschedule'), html`<label for="ns">${t('startAt')} (${zoneCity(pc.zone, pc.lang)})</label><input id="ns" name="startAt" type="datetime-local" required>`)}${form('cancel', t('cancel'), protectionAcknowledgeField(pc, d.detainee, 'ack-cancel'))}</div>`;
  const sentenceContext = { t, names: d.names, attempts: d.attempts, events: d.events, time: (iso: string) => fmtTime(pc, iso) };
  const at = stamps(pc, d);
  return {
    head: html`<p id="call-state" data-state="${c.state}">${t('status')}: <strong>${stateLabel(t, c.state)}</strong>${c.final_reason ? html` · ${t('reason')}: <span id="final-reason">${reasonText(t, c.final_reason)}</span>` : ''}</p>
<p id="call-timers">${timers(pc, d)}</p>
${listeners(pc, d)}`,
    actions: html`${movable ? moveForms : ''}${live ? html`<div>${callActionForms(pc, c.id, { phone: supervisorPhone, idPrefix: 'c' })}</div>` : ''}`,
    actionsKey: `${movable ? 'move' : ''}${live ? 'live' : ''}`,
    attempts: html`<h2>${t('attempts')}</h2><table><thead><tr><th>#</th><th>${t('at')}</th><th>${t('connectedAt')}</th><th>${t('outcome')}</th><th>${t('endedAt')}</th></tr></thead><tbody>
${d.attempts.map((a) => html`<tr data-outcome="${a.outcome ?? ''}"><td>${a.attempt_no}</td><td>${fmtTime(pc, a.claimed_at, true)}</td><td>${fmtTime(pc, a.connected_at, true)}</td><td>${a.outcome ? outcomeLabel(t, a.outcome) : ''}</td><td>${fmtTime(pc, a.ended_at, true)}</td></tr>`)}</tbody></table>`,
    timeline: html`<h2>${t('timeline')}</h2><table id="timeline"><thead><tr><th>${t('at')}</th><th>${t('whatHappened')}</th></tr></thead><tbody>
${d.events.map((e, i) => html`<tr data-kind="${e.kind}"><td>${at[i]}</td><td>${eventSentence(sentenceContext, e)}</td></tr>`)}</tbody></table>
<details id="raw-events"><summary>${t('rawEvents')}</summary><table><thead><tr><th>${t('at')}</th><th>${t('event')}</th><th>${t('actor')}</th><th>${t('detail')}</th></tr></thead><tbody translate="no">
${d.events.map((e) => html`<tr><td>${fmtTime(pc, e.at, true)}</td><td>${e.kind}</td><td>${e.actor ?? ''}</td><td><code>${JSON.stringify(e.detail)}</code></td></tr>`)}</tbody></table></details>`,
  };
}
