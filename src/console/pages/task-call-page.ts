import { html } from '../html.js';
import { csrfField, fmtTime, layout } from '../layout.js';
import type { PageContext } from '../page-context.js';
import type { Messages } from '../i18n-en.js';
import type { TaskCallView } from '../../desk/task-call-view.js';
import { taskReasonText } from '../../desk/task-reason-text.js';
import { BAD_NEWS_CHECKLIST, CHECKLIST_MARKS, OPERATOR_OUTCOMES } from '../../desk/task-call-outcomes.js';
import { label } from '../i18n.js';
import { taskSummaryText } from '../task-summary-uk.js';

const k = (key: string) => key as keyof Messages;

/** The O-04 checklist as one choice per item: not done, done, or skipped for a listed reason (O-07). */
function checklist(pc: PageContext) {
  const t = pc.t;
  return html`<fieldset id="checklist"><legend>${t('checklistTitle')}</legend><p>${t('checklistHint')}</p>
${BAD_NEWS_CHECKLIST.map(
  (item) => html`<p><label>${t(k(`chk_${item}`))} <select name="checklist[${item}]"><option value="">${t('mark_')}</option>
${CHECKLIST_MARKS.map((m) => html`<option value="${m}">${t(k(`mark_${m}`))}</option>`)}</select></label></p>`,
)}</fieldset>`;
}

/** A call to a family from a task: its stage, the record's source for bad news, and the wrap-up form. */
export function taskCallPage(pc: PageContext, v: TaskCallView): string {
  const t = pc.t;
  const { task, call, record } = v;
  const badNews = task.kind === 'bad_news';
  const reason = taskReasonText(task.reason_code, pc.lang);
  const outcomes = OPERATOR_OUTCOMES.filter((o) => badNews || o !== 'delivered');
  const waiting = call && (call.stage === 'connected' || call.stage === 'wrap_up') && !call.outcome;
  return layout(
    pc,
    `${t('callToFamily')} #${task.id}`,
    html`<p>${label(t, 'taskKind', task.kind)} · ${taskSummaryText(t, pc.lang, task.summary) ?? ''}</p>
${reason ? html`<p id="reason-to-tell"><strong>${t('reasonToTell')}:</strong> ${reason}</p>` : ''}
${record ? html`<p id="record-source">${label(t, 'status', record.status)} · ${t('statusSource')}: ${record.statusSource ?? t('noStatusSource')} (<a href="/console/detainees/${record.detaineeId}">${t('open')}</a>)</p>` : ''}
${call ? html`<p id="call-stage">${t('callStage')} ${call.attempt_no}: ${t(k(`stage_${call.stage}`))}${call.outcome ? html` · ${t(k(`outcome_${call.outcome}`))}` : ''} · ${fmtTime(pc, call.started_at)}</p>` : ''}
${
  waiting
    ? html`<form method="post" action="/console/tasks/${task.id}/outcome" id="outcome-form">${csrfField(pc)}
<p><label>${t('outcome')} <select name="outcome">${outcomes.map((o) => html`<option value="${o}">${t(k(`outcome_${o}`))}</option>`)}</select></label></p>
${badNews ? checklist(pc) : ''}<button type="submit">${t('recordOutcome')}</button></form>`
    : html`${badNews ? html`<h2>${t('checklistTitle')}</h2><ul id="checklist-items">${BAD_NEWS_CHECKLIST.map((i) => html`<li>${t(k(`chk_${i}`))}</li>`)}</ul>` : ''}<p><a href="/console/tasks/${task.id}/call">${t('refreshCall')}</a> · <a href="/console/tasks">${t('navTasks')}</a></p>`
}`,
  );
}
