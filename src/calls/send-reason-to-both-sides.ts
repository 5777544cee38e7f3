import type { AppContext } from '../app-context.js';
import type { ReasonKind } from '../records/reason-texts.js';

export interface ReasonToSend {
  kind: ReasonKind;
  code: string;
  detaineeId: number;
  contactId: number;
  callRequestId?: number | null;
  callId?: string | null;
}

/**
 * O-07, S-01: a denial or cancellation reaches both sides. The detainee gets a notice his facility's staff read to
 * him; the family gets a callback task the operator desk calls, carrying the reason code (the operator sees its
 * text in the console's language, the family hears it in theirs). The side that asked for the cancellation
 * already knows, so it is not told again. Only the code is stored: reasons are never free text.
 */
export async function sendReasonToBothSides(ctx: AppContext, r: ReasonToSend): Promise<void> {
  const reasonCode = `${r.kind}:${r.code}`;
  if (r.code !== 'detainee_request') {
    await ctx.repos.notices.create({
      detaineeId: r.detaineeId,
      kind: r.kind === 'deny' ? 'call_denied' : 'call_cancelled',
      reasonCode,
      callRequestId: r.callRequestId,
      callId: r.callId,
    });
  }
  if (r.code !== 'contact_request') {
    const contact = await ctx.repos.contacts.findById(r.contactId);
    // A blocked number is never contacted (D-09), and one that stopped all calls is not rung (C-11).
    if (contact && !contact.blocked && !contact.calls_stopped) {
      await ctx.repos.tasks.create({
        kind: 'call_reason',
        detaineeId: r.detaineeId,
        contactId: r.contactId,
        language: contact.language,
        reasonCode,
      });
    }
  }
}
