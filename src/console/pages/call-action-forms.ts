import { html } from '../html.js';
import { csrfField } from '../layout.js';
import type { PageContext } from '../page-context.js';
import { END_REASONS } from '../../calls/reason-codes.js';
import { reasonSelect } from './reason-select.js';

/**
 * Listen, barge and end for one live call: the same forms on the call page and on a live board row (S-03).
 * Listen is prefilled with the supervisor's own phone from their profile. Barge and end open on "Choose a reason"
 * (nothing preselected), and end also needs its confirmation box ticked: it cuts every party off at once.
 * `idPrefix` keeps the ids unique when many rows are on one page; `back` is where the console returns after.
 */
export function callActionForms(pc: PageContext, callId: string, opts: { phone: string | null; idPrefix: string; back?: string }) {
  const t = pc.t;
  const p = opts.idPrefix;
  const back = opts.back ? html`<input type="hidden" name="back" value="${opts.back}">` : '';
  const action = (name: string) => `/console/calls/${encodeURIComponent(callId)}/${name}`;
  return html`<form method="post" action="${action('listen')}" class="inline call-listen">${csrfField(pc)}${back}<label for="${p}-lp">${t('supervisorPhone')}</label><input id="${p}-lp" name="phone" type="tel" required value="${opts.phone ?? ''}"><button type="submit">${t('listen')}</button></form>
<form method="post" action="${action('barge')}" class="inline call-barge">${csrfField(pc)}${back}${reasonSelect(pc, `${p}-rb`, END_REASONS)}<button type="submit">${t('barge')}</button></form>
<form method="post" action="${action('end')}" class="inline call-end">${csrfField(pc)}${back}${reasonSelect(pc, `${p}-re`, END_REASONS)}<input id="${p}-ce" name="confirm" type="checkbox" value="yes" required> <label class="check" for="${p}-ce">${t('confirmEndCall')}</label><button type="submit" class="danger">${t('end')}</button></form>`;
}
