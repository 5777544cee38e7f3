import { html } from '../html.js';
import { csrfField, fmtCallTime, fmtTime, layout } from '../layout.js';
import { toLocalInput, zoneCity } from '../../shared/local-time.js';
import type { PageContext } from '../page-context.js';
import type { QueueItem, recentDecisions } from '../../calls/call-queue.js';
import { APPROVE_REASONS, DENY_REASONS } from '../../calls/reason-codes.js';
import { reasonSelect } from './reason-select.js';
import type { ApproveChoices } from '../../calls/approve-choices.js';
import { label, reasonLabel } from '../i18n.js';

/** Pending requests with approve/deny for supervisors; operators see the list. */
type Decided = Awaited<ReturnType<typeof recentDecisions>>[number];

export function callRequestsPage(
  pc: PageContext,
  rows: QueueItem[],
  canDecide: boolean,
  decided: Decided[],
  /** The approve form's start per request: valid as shown (defaultApproveStart). */
  starts: ReadonlyMap<string, Date> = new Map(),
  choices?: ApproveChoices,
): string {
  const t = pc.t;
  // Requests for the same contact are marked, so a supervisor decides them together rather than twice.
  const sameContact = (r: QueueItem) => rows.filter((o) => o.id !== r.id && o.request?.contactId === r.request?.contactId);
  const asker = (r: QueueItem) =>
    html`${r.request ? label(t, 'source', r.request.source) : ''}${sameContact(r).map(
      (o) => html`<br><small class="duplicate">${t('sameContactAs')} #${o.id}</small>`,
    )}`;
  return layout(
    pc,
    t('callRequests'),
    html`
<table><thead><tr><th>#</th><th>${t('colDetainee')}</th><th>${t('contact')}</th><th>${t('earliest')}</th><th>${t('maxMinutes')}</th><th>${t('partyLanguages')}</th><th>${t('requestedBy')}</th>${canDecide ? html`<th>${t('decision')}</th>` : ''}</tr></thead><tbody>
${rows.map(
  (
    r,
  ) => html`<tr><td>${r.id}</td><td><a href="/console/detainees/${r.detaineeId}">${r.detaineeName}</a></td><td>${r.contactName} ${r.phoneMasked}</td><td>${fmtCallTime(pc, r.at, r.relativeZone)}</td><td>${r.maxMinutes}</td><td>${label(t, 'lang', r.languages.detainee)} / ${label(t, 'lang', r.languages.contact)}</td><td>${asker(r)}</td>
${canDecide ? html`<td class="decision">${decisionForms(pc, r, starts.get(r.id) ?? r.at, choices)}</td>` : ''}</tr>`,
)}
</tbody></table>
<h2>${t('decided')}</h2>
<table id="decided"><thead><tr><th>#</th><th>${t('colDetainee')}</th><th>${t('contact')}</th><th>${t('status')}</th><th>${t('reason')}</th><th>${t('actor')}</th><th>${t('at')}</th></tr></thead><tbody>
${decided.map((r) => html`<tr><td>${r.id}</td><td><a href="/console/detainees/${r.detaineeId}">${r.family_name} ${r.given_name}</a></td><td>${r.contactName}</td><td>${label(t, 'reqStatus', r.status)}</td><td>${r.reason ? reasonLabel(t, r.reason) : ''}</td><td>${r.decided_by ?? ''}</td><td>${fmtTime(pc, r.decided_at)}</td></tr>`)}
</tbody></table>`,
  );
}

/** A <select> of the facility's lines and of the supervisors' phones: choices, never free text (A-08, S-03). */
function phoneSelect(pc: PageContext, id: string, name: string, options: { phone: string; text: string }[], empty: string) {
  if (!options.length) return html`<select id="${id}" name="${name}" required disabled></select><small>${empty}</small>`;
  return html`<select id="${id}" name="${name}" required>${options.map((o) => html`<option value="${o.phone}">${o.text}</option>`)}</select>`;
}

/**
 * Approve and deny are two disclosures per request: the chosen one opens that request's form only, and (one
 * `name` for all of them) opening another closes it. They work without script and from the keyboard.
 * The start is shown and read in the viewer's zone (named by the label), with the relative's local time beside it.
 */
export function decisionForms(pc: PageContext, r: QueueItem, start: Date, choices?: ApproveChoices) {
  const t = pc.t;
  const choice = (kind: 'approve' | 'deny', mark: string) =>
    html`<summary><span aria-hidden="true">${mark}</span> ${t(kind === 'approve' ? 'approveChoice' : 'denyChoice')}<span class="sr"> ${t('requestNo')} #${r.id}</span></summary>`;
  return html`<details name="decide" class="decide approve" id="approve-${r.id}">${choice('approve', '✓')}
<form method="post" action="/console/call-requests/${r.id}/approve" class="approve">${csrfField(pc)}
<label for="sa${r.id}">${t('startAt')} (${zoneCity(pc.zone, pc.lang)})</label><input id="sa${r.id}" name="startAt" type="datetime-local" value="${toLocalInput(start, pc.zone)}" required>
<small class="call-time">${fmtCallTime(pc, start, r.relativeZone)}</small>
<label for="fl${r.id}">${t('facilityLine')}</label>${phoneSelect(
    pc,
    `fl${r.id}`,
    'facilityLine',
    (choices?.linesByDetainee.get(r.detaineeId) ?? []).map((l) => ({
      phone: l.phone,
      text: l.label ? `${l.phone} (${l.label})` : l.phone,
    })),
    t('noFacilityLines'),
  )}
<label for="sp${r.id}">${t('supervisorPhone')}</label>${phoneSelect(
    pc,
    `sp${r.id}`,
    'supervisorPhone',
    (choices?.monitors ?? []).map((m) => ({ phone: m.phone, text: `${m.name} ${m.phone}${m.onDuty ? ` (${t('monitorOnDuty')})` : ''}` })),
    t('noMonitorPhones'),
  )}
<p><input id="in${r.id}" name="interpreter" type="checkbox" value="true"${r.languages.detainee !== r.languages.contact ? html` checked` : ''}> <label class="check" for="in${r.id}">${t('interpreter')}</label></p>
${reasonSelect(pc, `ar${r.id}`, APPROVE_REASONS, 'approved')}
<button type="submit" class="approve">${t('approve')}</button></form></details>
<details name="decide" class="decide deny" id="deny-${r.id}">${choice('deny', '✗')}
<form method="post" action="/console/call-requests/${r.id}/deny" class="deny">${csrfField(pc)}
${reasonSelect(pc, `dr${r.id}`, DENY_REASONS)}<button type="submit" class="deny">${t('deny')}</button></form></details>`;
}
