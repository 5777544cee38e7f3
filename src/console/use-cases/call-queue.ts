import type { AppContext } from '../../app-context.js';
import { notFound } from '../../shared/errors.js';
import { CALL_STATES, ENDED_STATES } from '../../calls/call-states.js';

export interface QueueItem {
  kind: 'request' | 'call';
  id: string;
  state: string;
  detaineeId: number;
  detaineeName: string;
  contactName: string;
  /** Only the last two digits (twilio-notes section 4: masked number). */
  phoneMasked: string;
  language: string;
  at: Date;
  maxMinutes: number;
  reason: string | null;
  attempts?: number;
  /** When the call entered its current state (twilio-notes 4.2: time in stage). */
  since?: Date;
}

export interface QueueFilter {
  state?: string;
  language?: string;
}

export const maskPhone = (e164: string) => `…${e164.slice(-2)}`;

/**
 * Pending requests plus every call that is not final, and final ones changed in the last 24 hours.
 * Bounded (200 of each) so the screen stays a queue, not a history export.
 */
export async function queueSnapshot(ctx: AppContext, filter: QueueFilter = {}): Promise<QueueItem[]> {
  const db = ctx.repos.db;
  const since = new Date(ctx.clock.now().getTime() - 24 * 3600_000);
  const requests = await db
    .selectFrom('call_requests as r')
    .innerJoin('detainees as d', 'd.id', 'r.detainee_id')
    .innerJoin('contacts as c', 'c.id', 'r.contact_id')
    .select(['r.id', 'r.status', 'r.earliest', 'r.max_minutes', 'r.language', 'r.reason', 'd.id as did', 'd.family_name', 'd.given_name', 'c.name as cname', 'c.phone'])
    .where('r.status', '=', 'pending_approval')
    .orderBy('r.created_at')
    .limit(200)
    .execute();
  const calls = await db
    .selectFrom('scheduled_calls as s')
    .innerJoin('detainees as d', 'd.id', 's.detainee_id')
    .innerJoin('contacts as c', 'c.id', 's.contact_id')
    .select(['s.id', 's.state', 's.start_at', 's.updated_at', 's.max_minutes', 's.language', 's.final_reason', 's.attempts', 'd.id as did', 'd.family_name', 'd.given_name', 'c.name as cname', 'c.phone'])
    .where((eb) => eb.or([eb('s.state', 'not in', ENDED_STATES), eb('s.updated_at', '>=', since)]))
    .orderBy('s.start_at')
    .limit(200)
    .execute();
  const items: QueueItem[] = [
    ...requests.map((r) => ({
      kind: 'request' as const, id: String(r.id), state: 'pending_approval', detaineeId: r.did, detaineeName: `${r.family_name} ${r.given_name}`,
      contactName: r.cname, phoneMasked: maskPhone(r.phone), language: r.language, at: new Date(r.earliest), maxMinutes: r.max_minutes, reason: r.reason,
    })),
    ...calls.map((c) => ({
      kind: 'call' as const, id: c.id, state: c.state, detaineeId: c.did, detaineeName: `${c.family_name} ${c.given_name}`, contactName: c.cname,
      phoneMasked: maskPhone(c.phone), language: c.language, at: new Date(c.start_at), maxMinutes: c.max_minutes, reason: c.final_reason, attempts: c.attempts, since: new Date(c.updated_at),
    })),
  ];
  return items.filter((i) => (!filter.state || i.state === filter.state) && (!filter.language || i.language === filter.language));
}

/** The latest decided requests (approved, denied, cancelled) with their reasons; at most 50. */
export async function recentDecisions(ctx: AppContext) {
  return ctx.repos.db
    .selectFrom('call_requests as r')
    .innerJoin('detainees as d', 'd.id', 'r.detainee_id')
    .innerJoin('contacts as c', 'c.id', 'r.contact_id')
    .select(['r.id', 'r.status', 'r.reason', 'r.decided_by', 'r.decided_at', 'd.id as detaineeId', 'd.family_name', 'd.given_name', 'c.name as contactName'])
    .where('r.status', '!=', 'pending_approval')
    .orderBy('r.decided_at', 'desc')
    .limit(50)
    .execute();
}

/** Groups items by state in CALL_STATES order (the queue screen's); states the list does not know go last under their own name. */
export function groupByState(items: QueueItem[]): Array<{ state: string; items: QueueItem[] }> {
  const order = [...CALL_STATES, ...new Set(items.map((i) => i.state).filter((s) => !(CALL_STATES as readonly string[]).includes(s)))];
  return order.map((state) => ({ state, items: items.filter((i) => i.state === state) }));
}

/** A call's detail: its attempts and every event in order (who monitored, outcome, reasons). */
export async function callTimeline(ctx: AppContext, id: string) {
  // Call ids are UUIDs; anything else is simply not found (PostgreSQL would reject it as a uuid).
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw notFound('the call');
  const call = await ctx.repos.scheduledCalls.findById(id);
  if (!call) throw notFound('the call');
  const [events, attempts, detainee, contact] = await Promise.all([
    ctx.repos.scheduledCalls.events(id),
    ctx.repos.scheduledCalls.attempts(id),
    ctx.repos.detainees.findById(call.detainee_id),
    ctx.repos.contacts.findById(call.contact_id),
  ]);
  return { call, events, attempts, detainee: detainee!, contact: contact! };
}
