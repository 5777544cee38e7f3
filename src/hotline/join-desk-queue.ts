import type { AppContext } from '../app-context.js';
import { waitingCallers } from '../desk/desk.js';
import { kickDesk } from '../desk/dispatch.js';
import { maskPhone } from '../shared/redact.js';
import { callbackNumber } from './callback-number.js';
import type { CallSession } from './call-session.js';

/**
 * The caller is put in the operator queue: the desk shows them (O-05) and operators are rung. Only what the
 * operator needs: the language, the masked number, flags, and the detainee only when the caller's secret
 * matched (the lookup keeps `detaineeId` only then); nothing else about any detainee (C-13).
 */
export async function joinDeskQueue(ctx: AppContext, s: CallSession): Promise<void> {
  const flags: string[] = [];
  if (s.data.limited) flags.push('attempt_limit');
  if (s.path.some((p) => p.step === 'bad_news')) flags.push('bad_news');
  await waitingCallers(ctx).add({
    callSid: s.callSid,
    language: s.language,
    enqueuedAt: ctx.clock.now().toISOString(),
    phone: callbackNumber(s.from),
    phoneMasked: maskPhone(s.from),
    flags,
    verifiedDetaineeId: s.data.detaineeId ?? null,
  });
  kickDesk(ctx);
}
