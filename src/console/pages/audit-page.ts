import { html } from '../html.js';
import { fmtTime, layout } from '../layout.js';
import type { PageContext } from '../page-context.js';
import { en, type Messages } from '../i18n-en.js';
import type { AuditEntry } from '../../storage/schema.js';
import type { AuditVerification } from '../../storage/repositories/index.js';
import { AUDIT_PAGE, type AuditQuery } from '../../records/audit-trail.js';
import { auditLabel } from '../i18n.js';

const SUBJECT_TYPES = [
  'detainee',
  'contact',
  'enquiry',
  'task',
  'call',
  'scheduled_call',
  'call_request',
  'caller_flag',
  'user',
  'facility',
  'retention',
  'import',
  'demo',
];
const subjectLabel = (pc: PageContext, type: string) => {
  const key = `subj_${type}` as keyof Messages;
  return key in en ? pc.t(key) : type;
};
type Query = AuditQuery & { scope: 'people' | 'system' | 'all' };
/** The list's address with these filters (an older page keeps them). */
const listHref = (q: Query, change: Partial<Record<keyof Query, string | number | undefined>>) => {
  const all = { ...q, ...change } as Record<string, unknown>;
  const params = Object.entries(all).filter(([, v]) => v !== undefined && v !== '') as Array<[string, string]>;
  return `/console/audit?${new URLSearchParams(params.map(([k, v]) => [k, String(v)])).toString()}`;
};

/** The action field suggests every named action by its name; the field still takes a code or its prefix. */
const actionList = (pc: PageContext) =>
  html`<datalist id="af-actions">${Object.keys(en)
    .filter((k) => k.startsWith('audit_'))
    .map((k) => html`<option value="${k.slice(6)}" label="${auditLabel(pc.t, k.slice(6))}"></option>`)}</datalist>`;

function filters(pc: PageContext, q: Query) {
  const t = pc.t;
  const types = q.subjectType && !SUBJECT_TYPES.includes(q.subjectType) ? [...SUBJECT_TYPES, q.subjectType] : SUBJECT_TYPES;
  const field = (name: keyof Query, label: keyof Messages, type = 'text') =>
    html`<label for="af-${name}">${t(label)}</label><input id="af-${name}" name="${name}" type="${type}" value="${q[name] ?? ''}"${name === 'action' ? html` list="af-actions"` : ''}>`;
  return html`<form method="get" action="/console/audit" id="audit-filters"><input type="hidden" name="scope" value="${q.scope}">
${field('actor', 'auditPerson')}
<label for="af-subjectType">${t('auditRecordType')}</label><select id="af-subjectType" name="subjectType"><option value="">${t('anyType')}</option>${types.map(
    (s) => html`<option value="${s}"${s === q.subjectType ? html` selected` : ''}>${subjectLabel(pc, s)}</option>`,
  )}</select>
${field('subjectId', 'auditRecordId')}${field('action', 'auditActionHint')}${actionList(pc)}${field('from', 'auditFrom', 'date')}${field('until', 'auditUntil', 'date')}
<p><button type="submit">${t('filter')}</button> <a href="/console/audit?scope=${q.scope}">${t('clearFilters')}</a></p></form>`;
}

/** S-06 access audit, newest first, 100 a page: people's access apart from the call machinery's events; verification walks the whole hash chain. */
export function auditPage(pc: PageContext, rows: AuditEntry[], q: Query, verification?: AuditVerification): string {
  const t = pc.t;
  const last = rows.at(-1);
  const tab = (scope: 'people' | 'system', label: keyof Messages) =>
    html`<a href="/console/audit?scope=${scope}"${q.scope === scope ? html` aria-current="page"` : ''}>${t(label)}</a>`;
  return layout(
    pc,
    t('audit'),
    html`<nav aria-label="${t('audit')}" id="audit-tabs">${tab('people', 'auditPeople')} · ${tab('system', 'auditSystem')}</nav>
${filters(pc, q)}
<form method="get" action="/console/audit"><input type="hidden" name="verify" value="1"><button type="submit">${t('verifyChain')}</button></form>
${verification ? html`<p id="verify-result" class="${verification.ok ? 'notice' : 'error'}" role="status">${verification.ok ? t('chainOk') : t('chainBroken')}: ${verification.entries} ${t('entries')}${verification.problem ? html` · #${verification.problem.seq}: ${verification.problem.reason}` : ''}</p>` : ''}
${
  rows.length
    ? html`<table id="audit"><thead><tr><th>#</th><th>${t('at')}</th><th>${t('actor')}</th><th>${t('action')}</th><th>${t('subject')}</th><th>${t('detail')}</th></tr></thead><tbody>
${rows.map((e) => html`<tr><td>${e.seq}</td><td>${fmtTime(pc, e.at, true)}</td><td>${e.actor}</td><td>${auditLabel(t, e.action)}</td><td>${e.subject_type ? subjectLabel(pc, e.subject_type) : ''} ${e.subject_id ?? ''}</td><td><code translate="no">${JSON.stringify(e.detail)}</code></td></tr>`)}
</tbody></table>`
    : html`<p id="no-audit-entries">${t('noAuditEntries')}</p>`
}
${last && last.seq > 1 && rows.length >= AUDIT_PAGE ? html`<p><a id="audit-older" href="${listHref(q, { before: last.seq })}">${t('older')}</a></p>` : ''}`,
  );
}
