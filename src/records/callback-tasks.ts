import type { AppContext } from '../app-context.js';
import type { Task } from '../storage/schema.js';
import { normalisePhone } from '../shared/phone.js';
import { insideWindow } from './callback-window.js';

/**
 * The task kinds that need a call to the family, so get "call now" (C-07): bad news to deliver (restricted, S-05),
 * the hotline's callback request, the off-hours callback and the reason a call was denied or cancelled (O-07).
 * A new kind that needs a call is added here.
 */
export const CALLABLE_TASK_KINDS = ['bad_news', 'callback', 'operator_callback', 'call_reason'] as const;
export const isCallable = (t: Pick<Task, 'kind'>) => (CALLABLE_TASK_KINDS as readonly string[]).includes(t.kind);

/** Where and when the family is: the number to dial (the caller's, else the contact's) and their time zone. */
export async function familyOf(ctx: AppContext, t: Task): Promise<{ phone: string | null; zone: string }> {
  const contact = t.contact_id ? await ctx.repos.contacts.findById(t.contact_id) : undefined;
  const phone = t.callback_phone ?? contact?.phone ?? null;
  let zone = contact?.time_zone;
  if (!zone && phone) {
    try {
      zone = normalisePhone(phone).timeZone;
    } catch {
      zone = undefined;
    }
  }
  return { phone, zone: zone ?? ctx.config.hotline.operatorTimeZone };
}

/** Whether a task is due for a call now: inside the family's window and past any rescheduled attempt. */
export async function dueNow(ctx: AppContext, t: Task, now: Date): Promise<boolean> {
  if (!isCallable(t) || (t.next_attempt_at && t.next_attempt_at > now)) return false;
  return insideWindow(t.callback_window, (await familyOf(ctx, t)).zone, now);
}

/**
 * Tasks in the order to work them: those due now (inside the family's chosen window) first, then the rest,
 * each by priority and age (C-07).
 */
export async function orderForCalling(ctx: AppContext, tasks: Task[]): Promise<Task[]> {
  const now = ctx.clock.now();
  const due = new Map<number, boolean>();
  for (const t of tasks) due.set(t.id, await dueNow(ctx, t, now));
  return [...tasks].sort(
    (a, b) => Number(due.get(b.id)) - Number(due.get(a.id)) || a.priority - b.priority || a.created_at.getTime() - b.created_at.getTime(),
  );
}
