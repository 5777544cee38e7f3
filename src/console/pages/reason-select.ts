import { html } from '../html.js';
import type { PageContext } from '../page-context.js';

/** O-07: reasons are structured codes chosen from a list, never free text. */
export function reasonSelect(pc: PageContext, id: string, codes: readonly string[]) {
  return html`<label for="${id}">${pc.t('reason')}</label><select id="${id}" name="reason" required>${codes.map((c) => html`<option value="${c}">${c.replace(/_/g, ' ')}</option>`)}</select>`;
}
