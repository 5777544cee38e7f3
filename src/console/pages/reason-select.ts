import { html } from '../html.js';
import type { PageContext } from '../page-context.js';
import { reasonLabel } from '../i18n.js';

/**
 * O-07: reasons are structured codes chosen from a list, never free text. Nothing is chosen for the supervisor:
 * the list opens on "Choose a reason" (disabled, so a form sent without a choice is refused in words), unless a
 * `chosen` code is the plain default (approving with "approved").
 */
export function reasonSelect(pc: PageContext, id: string, codes: readonly string[], chosen?: string) {
  return html`<label for="${id}">${pc.t('reason')}</label><select id="${id}" name="reason" required>${chosen ? '' : html`<option value="" selected disabled>${pc.t('chooseReason')}</option>`}${codes.map((c) => html`<option value="${c}"${c === chosen ? html` selected` : ''}>${reasonLabel(pc.t, c)}</option>`)}</select>`;
}
