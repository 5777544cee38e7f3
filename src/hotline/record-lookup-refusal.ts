import type { AppContext } from '../app-context.js';
import type { LookupLimiter, LookupRefusal } from './lookup-limits.js';

const SUMMARY: Record<LookupRefusal, string> = {
  reference:
    'hotline: failed status lookups used up the budget of one reference; its automated answers are suspended and callers for it are put through to a person, who verifies them by calling back a number the detainee nominated (O-05). Lift the suspension once the family is verified.',
  caller: 'hotline: one caller number went over its own lookup limit; its callers are put through to a person (possible probing, O-06).',
  line: 'hotline: status lookups across the whole line reached the limit sized to its capacity; callers are put through to a person. An attack on the line is likely.',
};

/**
 * One refused lookup (or, with `refused` false, a limit just used up by a lookup that was made), counted against the one open suspension of its scope and subject: an attack opens one
 * restricted task for supervisors (S-05), not one per refused call. A reference's row names the detainee
 * when the reference is registered, so a supervisor can see whose record is under attack.
 */
export async function recordLookupRefusal(
  ctx: AppContext,
  limits: LookupLimiter,
  scope: LookupRefusal,
  who: { reference: string; caller: string | null },
  refused = true,
): Promise<void> {
  const subjectKey =
    scope === 'reference' ? limits.referenceKey(who.reference) : scope === 'caller' && who.caller ? limits.callerKey(who.caller) : 'all';
  const { opened } = await ctx.repos.lookupSuspensions.recordRefusal({
    scope,
    subjectKey,
    reference: scope === 'reference' ? who.reference : undefined,
    summary: SUMMARY[scope],
    refused,
  });
  if (opened) ctx.logger.warn({ scope }, 'hotline:lookup limit reached; supervisors were told');
}
