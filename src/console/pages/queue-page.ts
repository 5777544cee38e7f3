import { html } from '../html.js';
import { layout } from '../layout.js';
import { label, stateLabel } from '../i18n.js';
import type { PageContext } from '../page-context.js';
import { LANGUAGES } from '../../storage/schema.js';
import type { QueueFilter, QueueItem } from '../../calls/call-queue.js';
import { CALL_STATES } from '../../calls/call-states.js';
import type { TodaysFigures } from '../../calls/todays-figures.js';
import { queueBoard, type BoardOptions } from './queue-board.js';
import { figureTiles } from './figures-page.js';

/**
 * S-02 queue screen: header tiles, filters, then the live board (server-sent events, no reload). Only the status
 * line is a live region: the board's timers tick every second and must not be read out.
 */
export function queuePage(pc: PageContext, items: QueueItem[], filter: QueueFilter, figures: TodaysFigures, o: BoardOptions): string {
  const t = pc.t;
  return layout(
    pc,
    t('queue'),
    html`<div class="board-page">${figureTiles(pc, figures)}
<form method="get" action="/console/queue"><fieldset><legend>${t('filters')}</legend>
<label for="f-state">${t('status')}</label><select id="f-state" name="state"><option value="">${t('allStates')}</option>${CALL_STATES.map((s) => html`<option value="${s}"${filter.state === s ? html` selected` : ''}>${stateLabel(t, s)}</option>`)}</select>
<label for="f-lang">${t('detaineeLanguage')}</label><select id="f-lang" name="language"><option value="">${t('allLanguages')}</option>${LANGUAGES.map((l) => html`<option value="${l}"${filter.language === l ? html` selected` : ''}>${label(t, 'lang', l)}</option>`)}</select>
<button type="submit">${t('apply')}</button></fieldset></form>
<p class="live-status" id="live-status" role="status" data-live="${t('live')}" data-connecting="${t('connecting')}">${t('connecting')}</p>
<div id="queue-board" data-now="${o.now}">${queueBoard(pc, items, o)}</div></div>`,
    { script: '/console/assets/queue.js' },
  );
}
