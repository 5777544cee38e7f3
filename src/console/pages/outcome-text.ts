import { en, type Messages } from '../i18n-en.js';
import { reasonLabel, stateLabel, type Translate } from '../i18n.js';

const NO_RETRY = '; no retry left';
const named = (key: string): key is keyof Messages => key in en;

/** One code of an outcome: its own name, a party's ("Relative: busy"), a reason code, or the code itself. */
function codeText(t: Translate, code: string): string {
  if (named(`outcome_${code}`)) return t(`outcome_${code}` as keyof Messages);
  const leg = /^(facility|relative|monitor)_(.+)$/.exec(code);
  if (leg) return `${t(`leg_${leg[1]}` as keyof Messages)}: ${codeText(t, leg[2])}`;
  const state = stateLabel(t, code);
  return state !== code ? state : reasonLabel(t, code);
}

/**
 * Why a call ended, in the viewer's language. The call feature stores the outcome as `code[:detail][; no retry
 * left]` (src/calls/apply-attempt-outcome.ts); the detail is a reason code, a state or a carrier's number. A
 * policy refusal's rule is left out here: the call page's timeline names it.
 */
export function outcomeText(t: Translate, raw: string): string {
  const noRetry = raw.endsWith(NO_RETRY);
  const main = noRetry ? raw.slice(0, -NO_RETRY.length) : raw;
  const colon = main.indexOf(':');
  const code = colon < 0 ? main : main.slice(0, colon);
  const detail = colon < 0 ? '' : main.slice(colon + 1);
  let text = codeText(t, code);
  if (code === 'ended_by_supervisor') text += `: ${reasonLabel(t, detail)}`;
  else if (code === 'reconciled') text += `: ${stateLabel(t, detail)}`;
  else if (/^\d+$/.test(detail)) text += ` (${detail})`;
  return noRetry ? `${text}; ${t('noRetryLeft')}` : text;
}
