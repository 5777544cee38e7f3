import { taskReasonText } from '../../desk/task-reason-text.js';
import { html } from '../html.js';
import { csrfField, fmtTime, layout } from '../layout.js';
import type { PageContext } from '../page-context.js';
import type { Task } from '../../storage/schema.js';
import type { Messages } from '../i18n-en.js';
import { isCallable } from '../../records/callback-tasks.js';
import { isLateTask, type LateLines } from '../../records/late-items.js';
import { label } from '../i18n.js';
import { taskSummaryText } from '../task-summary-uk.js';

/** A task that needs a call: its attempts and flags, and "call now" (or the call under way) (C-07). */
function callCell(pc: PageContext, k: Task) {
  const t = pc.t;
  if (!isCallable(k)) return '';
  const flags = html`${k.back_to_supervisor ? html`<strong class="flag">${t('backToSupervisor')}</strong> ` : ''}${k.call_attempts ? html`${t('callAttempts')}: ${k.call_attempts} ` : ''}${k.call_outcome ? html`${t('lastOutcome')}: ${t(`outcome_${k.call_outcome}` as keyof Messages)} ` : ''}${k.next_attempt_at ? html`${t('nextAttempt')}: ${fmtTime(pc, k.next_attempt_at)} ` : ''}`;
  return k.calling_since
    ? html`${flags}<a href="/console/tasks/${k.id}/call">${t('callInProgress')}</a>`
    : html`${flags}<form method="post" action="/console/tasks/${k.id}/call">${csrfField(pc)}<button type="submit">${t('callNow')}</button></form>`;
}

function table(pc: PageContext, rows: Task[], id: string, lines?: LateLines) {
  const t = pc.t;
  if (!rows.length) return html`<p id="no-${id}">${t(id === 'open-tasks' ? 'noTasks' : 'noRestrictedTasks')}</p>`;
  const late = (k: Task) => Boolean(lines && isLateTask(k, lines));
  return html`<table id="${id}"><thead><tr><th>#</th><th>${t('kind')}</th><th>${t('priority')}</th><th>${t('at')}</th><th>${t('summary')}</th><th>${t('callback')}</th><th></th></tr></thead><tbody>
${rows.map(
  (
    k,
  ) => html`<tr><td>${k.id}</td><td>${label(t, 'taskKind', k.kind)}</td><td>${k.priority}</td><td${late(k) ? html` class="late"` : ''}>${fmtTime(pc, k.created_at)}${late(k) ? html` (${t('late')})` : ''}</td><td>${taskSummaryText(t, pc.lang, k.summary) ?? taskReasonText(k.reason_code, pc.lang) ?? ''}${k.detainee_id ? html` (<a href="/console/detainees/${k.detainee_id}">${t('open')}</a>)` : ''}</td>
<td>${label(t, 'window', k.callback_window)} ${label(t, 'lang', k.language)} ${callCell(pc, k)}</td><td><form method="post" action="/console/tasks/${k.id}/close">${csrfField(pc)}<button type="submit">${t('close')}</button></form>
${k.kind === 'lookup_limit' ? html`<form method="post" action="/console/tasks/${k.id}/lift">${csrfField(pc)}<button type="submit">${t('liftSuspension')}</button></form>` : ''}</td></tr>`,
)}
</tbody></table>`;
}

/** Restricted tasks (S-05) appear only when the use case returned them, i.e. for supervisors and admins. */
export function tasksPage(pc: PageContext, v: { open: Task[]; restricted: Task[] }, showRestricted: boolean, lines?: LateLines): string {
  return layout(
    pc,
    pc.t('tasks'),
    html`${table(pc, v.open, 'open-tasks', lines)}
${showRestricted ? html`<h2>${pc.t('restrictedTasks')}</h2>${table(pc, v.restricted, 'restricted-tasks', lines)}` : ''}`,
  );
}
