import { html } from '../html.js';
import { csrfField, layout } from '../layout.js';
import type { PageContext } from '../page-context.js';
import { zoneCity } from '../../shared/local-time.js';

/** The viewer's own settings: the zone times are shown in (empty follows the hotline's zone). */
export function settingsPage(pc: PageContext, own: string | null): string {
  const t = pc.t;
  return layout(
    pc,
    t('mySettings'),
    html`<form method="post" action="/console/settings">${csrfField(pc)}
<label for="my-tz">${t('userTimeZone')}</label><input id="my-tz" name="timeZone" maxlength="64" value="${own ?? ''}" placeholder="${pc.zone}" aria-describedby="my-tz-hint">
<p id="my-tz-hint" class="hint">${t('userTimeZoneHint')} · ${zoneCity(pc.zone, pc.lang)}</p>
<p><button type="submit">${t('save')}</button></p></form>`,
  );
}
