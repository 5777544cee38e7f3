import type { Express, Request, RequestHandler } from 'express';
import { CarrierError } from '../port.js';
import type { SimulatedCarrier } from './simulated-carrier.js';
import type { SimQueue } from './sim-queues.js';

export type Handle = (fn: (req: Request, p: Record<string, string | string[]>) => Promise<unknown>) => RequestHandler;

const rfc2822 = (d: Date) => d.toUTCString().replace('GMT', '+0000');

/** One page holding everything (the carrier's queues are small), in Twilio's list envelope. */
function page(uri: string, key: string, items: unknown[]) {
  return {
    [key]: items,
    uri,
    first_page_uri: `${uri}?PageSize=50&Page=0`,
    next_page_uri: null,
    previous_page_uri: null,
    page: 0,
    page_size: 50,
    start: 0,
    end: Math.max(0, items.length - 1),
  };
}

/**
 * Twilio's Queues and Members resources (ListQueue, FetchQueue, ListMember; twilio-notes TW-39), so kinline can read
 * sizes, waits and positions from the simulated carrier as from Twilio.
 */
export function queueRoutes(app: Express, base: string, carrier: SimulatedCarrier, handle: Handle): void {
  const root = `/2010-04-01/Accounts/${carrier.o.accountSid}`;
  const queueJson = (q: SimQueue) => ({
    sid: q.sid,
    account_sid: carrier.o.accountSid,
    friendly_name: q.name,
    current_size: q.members.length,
    max_size: q.maxSize,
    average_wait_time: carrier.queues.averageWait(q),
    date_created: rfc2822(q.createdAt),
    date_updated: rfc2822(q.updatedAt),
    uri: `${root}/Queues/${q.sid}.json`,
  });
  const found = (sid: string) => {
    const q = carrier.queues.find(sid);
    if (!q || !sid.startsWith('QU')) throw new CarrierError(`The requested resource ${root}/Queues/${sid}.json was not found`, 404, 20404);
    return q;
  };
  app.get(
    `${base}/Queues.json`,
    handle(async () => page(`${root}/Queues.json`, 'queues', carrier.queues.list().map(queueJson))),
  );
  app.get(
    `${base}/Queues/:queue.json`,
    handle(async (req) => queueJson(found(String(req.params.queue)))),
  );
  app.get(
    `${base}/Queues/:queue/Members.json`,
    handle(async (req) => {
      const q = found(String(req.params.queue));
      const members = q.members.map((m, i) => ({
        call_sid: m.callSid,
        queue_sid: q.sid,
        position: i + 1,
        wait_time: carrier.queues.waitOf(m),
        date_enqueued: rfc2822(new Date(m.enqueuedAt)),
        uri: `${root}/Queues/${q.sid}/Members/${m.callSid}.json`,
      }));
      return page(`${root}/Queues/${q.sid}/Members.json`, 'queue_members', members);
    }),
  );
}
