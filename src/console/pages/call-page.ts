import { html } from '../html.js';
import { fmtCallTime, layout } from '../layout.js';
import type { PageContext } from '../page-context.js';
import { LANGUAGES, type Language } from '../../storage/schema.js';
import type { CallDetail } from '../../calls/call-detail.js';
import { maskPhone } from '../../calls/call-queue.js';
import { protectionNotice } from './protection-notice.js';
import { callLiveParts } from './call-live.js';
import { fill } from '../call-reason-text.js';

const languageName = (t: PageContext['t'], code: string) =>
  LANGUAGES.includes(code as Language) ? t(`langName_${code as Language}`) : code;

/**
 * Call detail (twilio-notes: queue screen), live: state and running timers, who is listening, the actions that
 * fit the state, attempts, and the timeline in sentences. The stream at /console/calls/:id/events replaces the
 * parts when the call changes (call-assets.ts); the forms only when other forms fit, and never under a hand.
 */
export function callPage(pc: PageContext, d: CallDetail, supervisorPhone: string | null = null): string {
  const t = pc.t;
  const c = d.call;
  const p = callLiveParts(pc, d, supervisorPhone);
  return layout(
    pc,
    // Not the state: the title stays while the live parts below follow the call.
    fill(t('callTitle'), { id: c.id.slice(0, 8) }),
    html`${protectionNotice(pc, d.detainee)}
<p><a href="/console/detainees/${d.detainee.id}">${d.detainee.family_name} ${d.detainee.given_name}</a> → ${d.contact.name} ${maskPhone(d.contact.phone)} · <span id="call-time">${fmtCallTime(pc, c.start_at, d.contact.time_zone)}</span> · ${fill(t('callMinutes'), { n: String(c.max_minutes) })} · ${fill(t('callLanguage'), { lang: languageName(t, c.language) })}${c.interpreter ? html` · ${t('interpreter')}` : ''}</p>
<p class="live-status" id="live-status" role="status" data-live="${t('live')}" data-connecting="${t('connecting')}">${t('connecting')}</p>
<div id="call-live" data-call="${c.id}" data-now="${d.now.toISOString()}">
<div id="call-head">${p.head}</div>
<div id="call-actions" data-key="${p.actionsKey}">${p.actions}</div>
<div id="call-attempts">${p.attempts}</div>
<div id="call-timeline">${p.timeline}</div>
</div>`,
    { script: '/console/assets/call.js' },
  );
}
