import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import type { Principal } from '../shared/principal.js';
import { AppError } from '../shared/errors.js';
import { parseInput } from '../shared/parse-input.js';
import { normalisePhone } from '../shared/phone.js';
import { deskPresence } from './desk.js';
import type { Presence } from './desk-presence.js';
import { onDeskChanged } from './desk-events.js';

const input = z.object({ phone: z.string().trim().max(40).optional() });

/** While ringing or talking a new number would strand the call; the state changes at the wrap-up. */
const BUSY = ['ringing', 'on_call', 'wrap_up'];

/**
 * The operator goes on duty, rung on `phone` (their desk line or mobile; their saved phone when omitted), and is
 * available at once. The number is checked with libphonenumber: a number without a country code is read as
 * Ukrainian, where the desk works. Refused with the field named; nothing changes then.
 */
export async function goOnDuty(ctx: AppContext, p: Principal, body: unknown): Promise<Presence> {
  const { phone: given } = parseInput(input, body ?? {});
  const raw = given || (await ctx.repos.users.findById(p.userId))?.phone || '';
  if (!raw) throw phoneError('enter the phone number kinline should ring you on');
  let e164: string;
  try {
    e164 = normalisePhone(raw, 'UA').e164;
  } catch (e) {
    throw phoneError(e instanceof AppError ? e.message : 'the phone number is not valid');
  }
  const desk = deskPresence(ctx);
  const now = await desk.get(p.userId);
  if (now && BUSY.includes(now.state)) {
    throw new AppError('desk_busy', 'you are on a call: change your number after its wrap-up', 409);
  }
  const presence = await desk.goOnDuty({ userId: p.userId, username: p.username, phone: e164 });
  // The number stays out of the audit log: it is where the operator is, not what they did.
  await ctx.repos.audit.append({ actor: p.username, action: 'desk.on_duty', subjectType: 'user', subjectId: p.userId, detail: {} });
  await onDeskChanged(ctx);
  return presence;
}

const phoneError = (problem: string) => new AppError('invalid_input', `phone: ${problem}`, 400, { fields: [{ field: 'phone', problem }] });
