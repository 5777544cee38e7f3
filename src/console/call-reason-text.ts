import type { Messages } from './i18n-en.js';
import { en } from './i18n-en.js';
import { outcomeLabel, reasonLabel, type Translate } from './i18n.js';

const fill = (s: string, v: Record<string, string>) => s.replace(/\{(\w+)\}/g, (m, k: string) => v[k] ?? m);
const lower = (s: string) => s.charAt(0).toLocaleLowerCase() + s.slice(1);
const has = (key: string): key is keyof Messages => key in en;

/**
 * A call's or attempt's final reason in words. Reasons are codes, some with a part after a colon
 * ("ended_by_supervisor:rules_breached", "policy:outside_contact_hours", "carrier_rejected:21215") or the retry
 * policy's "; no retry left" after them. A code without a name is shown as it is, so the page walk finds it.
 */
export function reasonText(t: Translate, reason: string | null | undefined): string {
  if (!reason) return '';
  const noRetry = /^(.*); no retry left$/.exec(reason);
  if (noRetry) return fill(t('reasonNoRetryLeft'), { reason: reasonText(t, noRetry[1]) });
  const [head, rest = ''] = reason.split(/:(.*)/s);
  const leg = /^(facility|relative|monitor)_carrier_rejected$/.exec(head);
  if (leg) return fill(t('reasonLegCarrierRejected'), { leg: t(`legName_${leg[1]}` as keyof Messages), code: rest });
  switch (head) {
    case 'ended_by_supervisor':
      return fill(t('reasonEndedBySupervisor'), { reason: lower(reasonLabel(t, rest)) });
    case 'policy':
      return fill(t('reasonPolicy'), { rule: policyRuleText(t, rest) });
    case 'reconciled':
      return fill(t('reasonReconciled'), { outcome: lower(outcomeLabel(t, rest)) });
    case 'carrier_rejected':
      return fill(t('reasonCarrierRejected'), { code: rest });
    case 'carrier_unavailable':
      return fill(t('reasonCarrierUnavailable'), { code: rest });
    default:
      return reasonLabel(t, reason);
  }
}

/** A call-policy rule's refusal code (src/calls/policy) in words. */
export function policyRuleText(t: Translate, code: string): string {
  const key = `policy_${code}`;
  return has(key) ? t(key) : code;
}

export { fill };
