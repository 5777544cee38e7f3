import { html } from '../html.js';
import { errorBox, layout } from '../layout.js';
import type { PageContext } from '../page-context.js';

/** A refusal with its reason and a way back (the form's page). */
export function errorPage(pc: PageContext, message: string, back: string): string {
  return layout(pc, pc.t('error'), html`${errorBox(pc, message)}<p><a href="${back}">${pc.t('back')}</a></p>`);
}

/** Shows a value exactly once (a contact secret, an API token); the response is never cached. */
export function oncePage(pc: PageContext, title: string, explanation: string, value: string, back: string): string {
  return layout(
    pc,
    title,
    html`<div class="notice" role="status"><p>${explanation}</p><p class="once" id="once-value">${value}</p></div><p><a href="${back}">${pc.t('back')}</a></p>`,
  );
}
