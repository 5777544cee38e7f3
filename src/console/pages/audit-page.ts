import { html } from '../html.js';
import { fmtTime, layout } from '../layout.js';
import type { PageContext } from '../page-context.js';
import type { AuditEntry } from '../../storage/schema.js';
import type { AuditVerification } from '../../storage/repositories/index.js';

/** S-06 access audit, newest first, 100 a page; verification walks the whole hash chain. */
export function auditPage(pc: PageContext, rows: AuditEntry[], verification?: AuditVerification): string {
  const t = pc.t;
  const last = rows.at(-1);
  return layout(
    pc,
    t('audit'),
    html`
<form method="get" action="/console/audit"><input type="hidden" name="verify" value="1"><button type="submit">${t('verifyChain')}</button></form>
${verification ? html`<p id="verify-result" class="${verification.ok ? 'notice' : 'error'}" role="status">${verification.ok ? t('chainOk') : t('chainBroken')}: ${verification.entries} ${t('entries')}${verification.problem ? html` · #${verification.problem.seq}: ${verification.problem.reason}` : ''}</p>` : ''}
<table><thead><tr><th>#</th><th>${t('at')}</th><th>${t('actor')}</th><th>${t('action')}</th><th>${t('subject')}</th><th>${t('detail')}</th></tr></thead><tbody>
${rows.map((e) => html`<tr><td>${e.seq}</td><td>${fmtTime(pc, e.at, true)}</td><td>${e.actor}</td><td>${e.action}</td><td>${e.subject_type ?? ''} ${e.subject_id ?? ''}</td><td>${JSON.stringify(e.detail)}</td></tr>`)}
</tbody></table>
${last && last.seq > 1 ? html`<p><a href="/console/audit?before=${last.seq}">${t('older')}</a></p>` : ''}`,
  );
}
