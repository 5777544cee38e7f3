import { html } from '../html.js';
import { layout } from '../layout.js';
import type { PageContext } from '../page-context.js';
import type { DeskView } from '../../desk/desk-view.js';
import { deskCallers, deskMe, deskMeKey } from './desk-panels.js';

/**
 * The operator desk (O-05, O-06): the operator's own state and forms, their connected caller with the wrap-up,
 * and the live list of callers. Both parts are replaced over server-sent events; the operator's part only when
 * their state changed, so a note being typed is never wiped.
 */
export function deskPage(pc: PageContext, v: DeskView, defaultPhone: string): string {
  const t = pc.t;
  return layout(
    pc,
    t('desk'),
    html`<p class="live-status" id="live-status" role="status" data-live="${t('live')}" data-connecting="${t('connecting')}">${t('connecting')}</p>
<div id="desk-me" data-now="${v.at}" data-me-key="${deskMeKey(v)}">${deskMe(pc, v, defaultPhone)}</div>
<h2>${t('waitingCallers')}</h2><div id="desk-callers-live" aria-live="polite">${deskCallers(pc, v)}</div>`,
    { script: '/console/assets/desk.js' },
  );
}
