import type { AppContext } from '../app-context.js';
import { notFound } from '../shared/errors.js';
import { ENDED_STATES } from './call-states.js';

export interface QueueItem {
  kind: 'request' | 'call';
  id: string;
  state: string;
  detaineeId: number;
  detaineeName: string;
  contactName: string;
  /** Only the last two digits (twilio-notes, queue screen: masked number). */
  phoneMasked: string;
  language: string;
  /** Each party's own language, which its leg speaks (D-11); the supervisor decides on an interpreter. */
  languages: { detainee: string; contact: string };
  /** The call has an interpreter (D-11, O-01); requests have none yet. */
  interpreter?: boolean;
  at: Date;
  /** The relative's IANA zone, so the call's time can be shown in their local time too. */
  relativeZone: string;
  maxMinutes: number;
  reason: string | null;
  attempts?: number;
  /** When the call entered its current state (twilio-notes, queue screen: time in stage). */
  since?: Date;
  /** A connected call: when its running attempt connected, and when its time limit ends it (S-02). */
  connectedAt?: Date;
  endsAt?: Date;
  /** A request's asker (hotline, detainee, operator) and contact, so the decision list marks duplicates (S-01). */
  request?: { source: string; contactId: number };
}

export interface QueueFilter {
  state?: string;
  language?: string;
}

export const maskPhone = (e164: string) => `…${e164.slice(-2)}`;

/** Bounded so the screen stays a queue, not a history export. */
const QUEUE_LIMIT = 200;

/**
 * Pending requests plus every call that has not ended, and ended ones changed in the last 24 hours
 * (at most QUEUE_LIMIT of each).
 */
export async function queueSnapshot(ctx: AppContext, filter: QueueFilter = {}): Promise<QueueItem[]> {
  const changedSince = new Date(ctx.clock.now().getTime() - 24 * 3600_000);
  const requests = await ctx.repos.callRequests.listPendingWithNames(QUEUE_LIMIT);
  const calls = await ctx.repos.scheduledCalls.listForQueue({ endedStates: ENDED_STATES, changedSince, limit: QUEUE_LIMIT });
  const items: QueueItem[] = [
    ...requests.map((r) => ({
      kind: 'request' as const,
      id: String(r.id),
      state: 'pending_approval',
      detaineeId: r.did,
      detaineeName: `${r.family_name} ${r.given_name}`,
      contactName: r.cname,
      phoneMasked: maskPhone(r.phone),
      language: r.language,
      languages: { detainee: r.dlang, contact: r.clang },
      at: new Date(r.earliest),
      relativeZone: r.ctz,
      maxMinutes: r.max_minutes,
      reason: r.reason,
      request: { source: r.source, contactId: r.cid },
    })),
    ...calls.map((c) => ({
      kind: 'call' as const,
      id: c.id,
      state: c.state,
      detaineeId: c.did,
      detaineeName: `${c.family_name} ${c.given_name}`,
      contactName: c.cname,
      phoneMasked: maskPhone(c.phone),
      language: c.language,
      languages: { detainee: c.dlang, contact: c.clang },
      interpreter: c.interpreter,
      at: new Date(c.start_at),
      relativeZone: c.ctz,
      maxMinutes: c.max_minutes,
      reason: c.final_reason,
      attempts: c.attempts,
      since: new Date(c.updated_at),
      ...(c.connected_at
        ? { connectedAt: new Date(c.connected_at), endsAt: new Date(new Date(c.connected_at).getTime() + c.max_minutes * 60_000) }
        : {}),
    })),
  ];
  return items.filter((i) => (!filter.state || i.state === filter.state) && (!filter.language || i.language === filter.language));
}

/** The latest decided requests (approved, denied, cancelled) with their reasons; at most 50. */
export const recentDecisions = (ctx: AppContext) => ctx.repos.callRequests.listRecentDecisions(50);

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
