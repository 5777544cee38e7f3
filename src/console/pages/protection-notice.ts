import { html } from '../html.js';
import type { PageContext } from '../page-context.js';
import type { Detainee } from '../../storage/schema.js';

/** D-10: the flag on the record, without its content, wherever an exchange-related step can be taken. */
export const protectionNotice = (pc: PageContext, d: Pick<Detainee, 'protection_concern'>) =>
  d.protection_concern
    ? html`<p class="error" role="alert" id="protection-flag"><strong>${pc.t('protection')}:</strong> ${pc.t('protectionFlag')}</p>`
    : html``;

/** The tick an exchange-related step needs when a concern is recorded (records/protection-concern.ts). */
export const protectionAcknowledgeField = (pc: PageContext, d: Pick<Detainee, 'protection_concern'>, id: string) =>
  d.protection_concern
    ? html`<label for="${id}"><input type="checkbox" id="${id}" name="protectionAcknowledged" value="true"> ${pc.t('protectionAcknowledge')}</label> `
    : html``;
