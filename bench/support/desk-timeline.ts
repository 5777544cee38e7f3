import type { SimulatedCarrier } from '../../src/telephony/simulated/simulated-carrier.js';
import { isFinalCallStatus } from '../../src/shared/final-call-statuses.js';

interface Ev {
  t: number;
  sid: string;
  to: string;
  kind: string;
  text?: string;
}

interface Leg {
  sid: string;
  dialAt: number;
  bridgedAt?: number;
  endedAt?: number;
}

/**
 * Every event of the carrier with its time (the carrier's own log keeps the last few thousand only), and what the
 * desk benchmark reads from them: each caller's queue times, each operator's calls.
 */
export function deskTimeline(carrier: SimulatedCarrier) {
  const evs: Ev[] = [];
  const record = carrier.record.bind(carrier);
  carrier.record = (call, kind, text, detail) => {
    evs.push({ t: Date.now(), sid: call.sid, to: call.to, kind, text });
    record(call, kind, text, detail);
  };
  const first = (sid: string, kind: string, text?: string) =>
    evs.find((e) => e.sid === sid && e.kind === kind && (text === undefined || e.text === text));
  const endOf = (sid: string) => evs.find((e) => e.sid === sid && e.kind === 'status' && isFinalCallStatus(e.text ?? ''))?.t;
  const legsTo = (phone: string): Leg[] =>
    evs
      .filter((e) => e.kind === 'dial' && e.to === phone)
      .map((d) => ({ sid: d.sid, dialAt: d.t, bridgedAt: first(d.sid, 'queue_bridged')?.t, endedAt: endOf(d.sid) }));

  const caller = (sid: string) => ({
    startedAt: first(sid, 'dial')?.t,
    enqueuedAt: first(sid, 'enqueued')?.t,
    bridgedAt: first(sid, 'queue_bridged')?.t,
    result: first(sid, 'queue_result')?.text,
    endedAt: endOf(sid),
  });

  return {
    caller,

    /** Each operator leg and the first callers, relative to the first event (diagnostics). */
    debug(phones: string[], sids: string[]): string {
      const t0 = evs[0]?.t ?? 0;
      const rel = (t?: number) => (t === undefined ? '-' : String(t - t0));
      const lines = phones.flatMap((p) =>
        legsTo(p).map((l) => `${p.slice(-2)} dial ${rel(l.dialAt)} bridged ${rel(l.bridgedAt)} end ${rel(l.endedAt)}`),
      );
      for (const s of sids) {
        const c = caller(s);
        lines.push(
          `caller start ${rel(c.startedAt)} enq ${rel(c.enqueuedAt)} bridged ${rel(c.bridgedAt)} end ${rel(c.endedAt)} ${c.result}`,
        );
      }
      return lines.join('\n');
    },

    /**
     * For each bridged operator call: from the end of its wrap-up (the call's end + `wrapUpMs`) to the next ring
     * of that operator, counted only when, at the wrap-up's end, more callers waited than operators were being
     * rung (so the operator was needed at once). An operator never rung again then counts as the rest of the run.
     */
    ringLateness(phones: string[], wrapUpMs: number): number[] {
      const legs = phones.map(legsTo);
      const all = legs.flat();
      const callers = [...new Set(evs.filter((e) => e.kind === 'enqueued').map((e) => e.sid))].map(caller);
      const out: number[] = [];
      for (const own of legs)
        for (const [i, leg] of own.entries()) {
          if (leg.bridgedAt === undefined || leg.endedAt === undefined) continue;
          const due = leg.endedAt + wrapUpMs;
          const waiting = callers.filter((c) => c.enqueuedAt! <= due && (c.bridgedAt ?? c.endedAt ?? Infinity) > due).length;
          const ringing = all.filter((l) => l.dialAt <= due && (l.bridgedAt ?? l.endedAt ?? Infinity) > due).length;
          if (waiting <= ringing) continue;
          out.push((own[i + 1]?.dialAt ?? Date.now()) - due);
        }
      return out;
    },

    /** The first callers, who find operators idle: from joining the queue to the ring of the n-th operator. */
    idleRingLatency(phones: string[], sids: string[]): number[] {
      const dials = evs.filter((e) => e.kind === 'dial' && phones.includes(e.to)).map((e) => e.t);
      const joins = sids
        .map((s) => caller(s).enqueuedAt)
        .filter((t): t is number => t !== undefined)
        .sort((a, b) => a - b);
      return joins.slice(0, phones.length).map((t, i) => dials[i] - t);
    },

    /**
     * Callers bridged while someone who joined the queue before them still waited a second later (first in, first
     * out broken; two operators taking callers at once may finish their whispers in either order within that).
     */
    outOfOrder(sids: string[]): number {
      const cs = sids.map(caller).filter((c) => c.enqueuedAt !== undefined);
      const leftAt = (c: (typeof cs)[number]) => c.bridgedAt ?? c.endedAt ?? Infinity;
      return cs.filter((c) => c.bridgedAt !== undefined && cs.some((o) => o.enqueuedAt! < c.enqueuedAt! && leftAt(o) > c.bridgedAt! + 1000))
        .length;
    },

    /** How the calls of callers who never joined the queue ended: their last events other than the status, counted. */
    notJoined(sids: string[]): string {
      const n = new Map<string, number>();
      for (const sid of sids.filter((x) => !first(x, 'enqueued'))) {
        const last = evs.filter((e) => e.sid === sid && e.kind !== 'status').at(-1);
        const k = last
          ? `${last.kind}${last.kind === 'error' || last.kind === 'request' ? '' : ` ${(last.text ?? '').slice(0, 30)}`}`
          : 'nothing';
        n.set(k, (n.get(k) ?? 0) + 1);
      }
      return [...n.entries()].map(([k, v]) => `${v}× ${k}`).join('; ');
    },

    /** Callers bridged to more than one operator. */
    doubleTakes(): number {
      const n = new Map<string, number>();
      for (const e of evs) if (e.kind === 'queue_bridged') n.set(e.sid, (n.get(e.sid) ?? 0) + 1);
      const operatorLegs = new Set(evs.filter((e) => e.kind === 'dial' && !first(e.sid, 'enqueued')).map((e) => e.sid));
      return [...n.entries()].filter(([sid, k]) => !operatorLegs.has(sid) && k > 1).length;
    },

    /** Operator calls that began while the same operator's previous call was still up. */
    overlappingRings(phones: string[]): number {
      let n = 0;
      for (const own of phones.map(legsTo)) for (let i = 1; i < own.length; i++) if (own[i].dialAt < (own[i - 1].endedAt ?? Infinity)) n++;
      return n;
    },
  };
}
