import { html } from '../html.js';
import { fmtCallTime, fmtTime } from '../layout.js';
import { label, stateLabel } from '../i18n.js';
import type { PageContext } from '../page-context.js';
import type { QueueItem } from '../../calls/call-queue.js';
import { LIVE_STATES, type CallState } from '../../calls/call-states.js';
import { callActionForms } from './call-action-forms.js';
import { reasonText } from '../call-reason-text.js';

export interface BoardOptions {
  /** The server's clock: the first paint of every timer, and the page's offset for ticking (desk-assets.ts). */
  now: Date;
  /** The supervisor's own phone from their profile, prefilled in each row's listen form. */
  phone: string | null;
  /** Where the row's forms return to: the board with its filters. */
  back: string;
}

const two = (n: number) => String(n).padStart(2, '0');
/** The same clock the page's ticking script writes (m:ss, or h:mm:ss from an hour). */
export function clockText(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const m = Math.floor(s / 60);
  return m >= 60 ? `${Math.floor(m / 60)}:${two(m % 60)}:${two(s % 60)}` : `${m}:${two(s % 60)}`;
}

/** A running timer: counts up from `since`, or down to `until`, each second in the browser. */
const timer = (kind: 'since' | 'until', at: Date, now: Date) => {
  const seconds = ((kind === 'since' ? now.getTime() - at.getTime() : at.getTime() - now.getTime()) / 1000) | 0;
  return kind === 'since'
    ? html`<span class="timer" data-since="${at}">${clockText(seconds)}</span>`
    : html`<span class="timer" data-until="${at}">${clockText(seconds)}</span>`;
};

const chip = (pc: PageContext, state: string) =>
  html`<span class="chip chip-${state}">${state === 'missing_monitor' ? '⚠ ' : ''}${stateLabel(pc.t, state)}</span>`;

const people = (pc: PageContext, i: QueueItem) =>
  html`<td><a href="/console/calls/${i.id}" title="${pc.t('openCall')}">${i.detaineeName}</a></td><td>${i.contactName} <span class="nowrap">${i.phoneMasked}</span></td>
<td>${label(pc.t, 'lang', i.languages.detainee)} / ${label(pc.t, 'lang', i.languages.contact)}${i.interpreter ? html` · ${pc.t('interpreter')}` : ''}</td>`;

/** What is truthful to count down: a scheduled call's start, a connected call's time limit; nothing else has an end. */
function timeLeft(pc: PageContext, i: QueueItem, now: Date) {
  if (i.state === 'scheduled')
    return html`${pc.t('boardStartsIn')} ${timer('until', i.at, now)}<br><small>${fmtCallTime(pc, i.at, i.relativeZone)}</small>`;
  if (i.state === 'connected' && i.endsAt) return html`${pc.t('endsIn')} ${timer('until', i.endsAt, now)}`;
  return '–';
}

/** The listen, barge and end forms behind a disclosure, so only the row being acted on opens (S-03). */
function actions(pc: PageContext, i: QueueItem, o: BoardOptions) {
  if (!LIVE_STATES.includes(i.state as CallState)) return html`<a href="/console/calls/${i.id}">${pc.t('openCall')}</a>`;
  return html`<details class="row-actions"><summary>${pc.t('rowActions')}<span class="sr"> ${pc.t('rowActionsFor')} ${i.detaineeName}</span></summary>
<div class="row-forms">${callActionForms(pc, i.id, { phone: o.phone, idPrefix: `row-${i.id}`, back: o.back })}</div></details>`;
}

/** One active call: state chip, people, languages, running timers and the row's own actions. */
export function activeRow(pc: PageContext, i: QueueItem, o: BoardOptions) {
  const missing = i.state === 'missing_monitor';
  const attempt = (i.attempts ?? 0) > 1 ? html`<br><small>${pc.t('attempts')}: ${i.attempts}</small>` : '';
  return html`<tr data-id="${i.id}" data-state="${i.state}"${missing ? html` class="alert"` : ''}>
<td>${chip(pc, i.state)}${missing ? html`<br><strong class="alert-words">${pc.t('missingMonitorWords')}</strong>` : ''}</td>
${people(pc, i)}<td>${i.since ? timer('since', i.since, o.now) : '–'}${attempt}</td><td>${timeLeft(pc, i, o.now)}</td><td>${actions(pc, i, o)}</td></tr>`;
}

/** One ended call: when and why it ended. */
export const endedRow = (pc: PageContext, i: QueueItem) =>
  html`<tr data-id="${i.id}" data-state="${i.state}"><td>${chip(pc, i.state)}</td>${people(pc, i)}<td>${i.since ? fmtTime(pc, i.since) : ''}</td><td>${reasonText(pc.t, i.reason)}</td></tr>`;
