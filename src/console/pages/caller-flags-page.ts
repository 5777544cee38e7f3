import { html } from '../html.js';
import { csrfField, fmtTime, layout } from '../layout.js';
import type { PageContext } from '../page-context.js';
import type { Messages } from '../i18n-en.js';
import type { CallerFlag } from '../../storage/schema.js';
import { FLAG_REASONS } from '../../records/caller-flags.js';

const reasonLabel = (pc: PageContext, r: string) => pc.t(`flagReason_${r}` as keyof Messages);

function decideForm(pc: PageContext, f: CallerFlag) {
  const t = pc.t;
  const decided = html`${f.decided_by ?? ''} ${f.decision_note ?? ''}`;
  if (f.status === 'confirmed')
    return html`${decided}<form method="post" action="/console/caller-flags/${f.id}/decide">${csrfField(pc)}
<label for="note-${f.id}">${t('decisionNote')}</label><input id="note-${f.id}" name="note" required minlength="3" maxlength="300">
<button type="submit" name="decision" value="lift">${t('liftFlag')}</button></form>`;
  if (f.status !== 'pending') return decided;
  return html`<form method="post" action="/console/caller-flags/${f.id}/decide">${csrfField(pc)}
<label for="note-${f.id}">${t('decisionNote')}</label><input id="note-${f.id}" name="note" required minlength="3" maxlength="300">
<button type="submit" name="decision" value="confirm">${t('confirmFlag')}</button> <button type="submit" name="decision" value="reject">${t('rejectFlag')}</button></form>`;
}

/** Any staff flags a number (O-06); supervisors see the flags and decide (`flags` is null for others). */
export function callerFlagsPage(pc: PageContext, flags: CallerFlag[] | null, done: boolean): string {
  const t = pc.t;
  return layout(
    pc,
    t('callerFlags'),
    html`${done ? html`<p class="notice" role="status">${t('flagged')}</p>` : ''}
<h2>${t('flagCaller')}</h2><p>${t('flagCallerHint')}</p>
<form method="post" action="/console/caller-flags">${csrfField(pc)}
<label for="number">${t('callerNumber')}</label><input id="number" name="number" type="tel" required autocomplete="off">
<label for="flag-reason">${t('flagReason')}</label><select id="flag-reason" name="reason" required>${FLAG_REASONS.map((r) => html`<option value="${r}">${reasonLabel(pc, r)}</option>`)}</select>
<p><button type="submit">${t('flagCaller')}</button></p></form>
${
  flags
    ? html`<h2>${t('restrictedTasks')}</h2><table id="caller-flags"><thead><tr><th>#</th><th>${t('callerNumber')}</th><th>${t('flagReason')}</th><th>${t('flaggedBy')}</th><th>${t('at')}</th><th>${t('status')}</th><th>${t('decision')}</th></tr></thead><tbody>
${flags.map(
  (f) =>
    html`<tr><td>${f.id}</td><td>${f.masked_number}</td><td>${reasonLabel(pc, f.reason)}</td><td>${f.flagged_by}</td><td>${fmtTime(pc, f.created_at)}</td><td>${t(`flag_${f.status}` as keyof Messages)}</td><td>${decideForm(pc, f)}</td></tr>`,
)}</tbody></table>`
    : ''
}`,
  );
}
