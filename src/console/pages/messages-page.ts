import { html } from '../html.js';
import { csrfField, fmtTime, layout } from '../layout.js';
import type { PageContext } from '../page-context.js';
import type { Message } from '../../storage/schema.js';
import { label } from '../i18n.js';

/** Review queue (S-04): late items highlighted; playback goes through the audited recording route. */
export function messagesPage(pc: PageContext, rows: Array<Message & { late: boolean }>, canReview: boolean): string {
  const t = pc.t;
  return layout(
    pc,
    t('messages'),
    rows.length
      ? html`
<table id="messages"><thead><tr><th>#</th><th>${t('at')}</th><th>${t('direction')}</th><th>${t('reviewDue')}</th><th>${t('play')}</th>${canReview ? html`<th>${t('decision')}</th>` : ''}</tr></thead><tbody>
${rows.map(
  (
    m,
  ) => html`<tr><td>${m.id} (<a href="/console/detainees/${m.detainee_id}">${t('open')}</a>)</td><td>${fmtTime(pc, m.created_at)}</td><td>${label(t, 'msgDir', m.direction)} · ${label(t, 'msgKind', m.kind)}</td>
<td${m.late ? html` class="late"` : ''}>${fmtTime(pc, m.review_due_at)}${m.late ? html` (${t('late')})` : ''}</td>
<td>${m.recording_url ? html`<audio controls preload="none" src="/console/messages/${m.id}/recording" aria-label="${t('play')} ${m.id}"></audio>` : ''}</td>
${
  canReview
    ? html`<td><form method="post" action="/console/messages/${m.id}/review">${csrfField(pc)}
<label for="md${m.id}">${t('decision')}</label><select id="md${m.id}" name="decision"><option value="approved">${t('approveMsg')}</option><option value="rejected">${t('rejectMsg')}</option><option value="delivered">${t('deliveredMsg')}</option></select>
<label for="mr${m.id}">${t('reason')}</label><input id="mr${m.id}" name="reason" maxlength="300"><button type="submit">${t('save')}</button></form></td>`
    : ''
}</tr>`,
)}
</tbody></table>`
      : html`<p id="no-messages">${t('noMessages')}</p>`,
  );
}
