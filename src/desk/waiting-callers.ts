import type { Redis } from 'ioredis';

/**
 * A hotline caller who asked for a person: what the desk may show of them (O-03, C-13). The full number is kept
 * for the operator who is connected; everyone else sees `phoneMasked`. `verifiedDetaineeId` is set only when the
 * caller's secret matched in the voice menu; otherwise nothing about any detainee is kept here.
 */
export interface WaitingCaller {
  callSid: string;
  language: string;
  /** When the caller entered the queue (ISO). */
  enqueuedAt: string;
  phone: string | null;
  phoneMasked: string;
  /** e.g. 'attempt_limit' (the caller reached a lookup limit), 'bad_news' (a status only a person may tell). */
  flags: string[];
  verifiedDetaineeId: number | null;
  /** 'waiting' in the queue; 'connected' to `operatorUserId` until the operator's wrap-up. */
  status: 'waiting' | 'connected';
  operatorUserId?: number;
  connectedAt?: string;
}

// A caller stays at most a day: a lost hang-up callback must not leave a ghost on the desk for ever.
const TTL_SECONDS = 24 * 3600;

/** The hotline's waiting and connected callers, in Redis so that every instance shows the same desk. */
export function createWaitingCallers(redis: Redis, prefix: string) {
  const key = (callSid: string) => `${prefix}:desk:caller:${callSid}`;
  const orderKey = `${prefix}:desk:callers`;
  const read = async (callSid: string): Promise<WaitingCaller | undefined> => {
    const raw = await redis.get(key(callSid));
    return raw ? (JSON.parse(raw) as WaitingCaller) : undefined;
  };
  return {
    /** Idempotent: a retried webhook keeps the first enqueue time. */
    async add(c: Omit<WaitingCaller, 'status'>): Promise<void> {
      const created = await redis.set(key(c.callSid), JSON.stringify({ ...c, status: 'waiting' }), 'EX', TTL_SECONDS, 'NX');
      if (created) await redis.zadd(orderKey, Date.parse(c.enqueuedAt), c.callSid);
    },
    get: read,
    /** Waiting callers first, longest wait first, then the connected ones; positions count waiting callers only. */
    async list(): Promise<Array<WaitingCaller & { position: number | null }>> {
      const sids = await redis.zrange(orderKey, '0', '-1');
      const all = await Promise.all(sids.map(read));
      const gone = sids.filter((_, i) => !all[i]);
      if (gone.length) await redis.zrem(orderKey, ...gone);
      const present = all.filter((c): c is WaitingCaller => !!c);
      let n = 0;
      const waiting = present.filter((c) => c.status === 'waiting').map((c) => ({ ...c, position: ++n }));
      return [...waiting, ...present.filter((c) => c.status === 'connected').map((c) => ({ ...c, position: null }))];
    },
    /**
     * The caller is bridged to an operator (the carrier chose which caller: a Dial Queue takes the longest waiter,
     * so this only records it); false when the caller is unknown or already connected.
     */
    async connect(callSid: string, operatorUserId: number, at: Date): Promise<boolean> {
      const c = await read(callSid);
      if (!c || c.status !== 'waiting') return false;
      await redis.set(
        key(callSid),
        JSON.stringify({ ...c, status: 'connected', operatorUserId, connectedAt: at.toISOString() }),
        'EX',
        TTL_SECONDS,
        'XX',
      );
      return true;
    },
    /** Gone from the desk: hung up, left for a callback, or wrapped up. */
    async remove(callSid: string): Promise<void> {
      await redis.multi().del(key(callSid)).zrem(orderKey, callSid).exec();
    },
  };
}

export type WaitingCallers = ReturnType<typeof createWaitingCallers>;
