import type { AppContext } from '../app-context.js';
import type { Principal } from '../shared/principal.js';
import { deskPresence, waitingCallers } from './desk.js';
import type { DeskState, Presence } from './desk-presence.js';
import type { WaitingCaller } from './waiting-callers.js';

/** The desk as everyone on it shares it, read once and shown to each viewer by `deskViewFor`. */
export interface DeskSnapshot {
  callers: Array<WaitingCaller & { position: number | null }>;
  presences: Presence[];
  at: Date;
}

export interface DeskCallerView {
  position: number | null;
  language: string;
  enqueuedAt: string;
  waitingSeconds: number;
  flags: string[];
  /** Masked, except for the operator connected to this caller. */
  phone: string;
  status: 'waiting' | 'connected';
  connectedAt: string | null;
  /** Who took the call, once connected. */
  operator: string | null;
}

/** What the connected operator learns of their caller (O-03): a detainee only when the secret matched. */
export interface ConnectedCallerView {
  callSid: string;
  phone: string | null;
  language: string;
  flags: string[];
  enqueuedAt: string;
  connectedAt: string | null;
  verified: boolean;
  detaineeId?: number;
}

export interface DeskView {
  me: { state: DeskState; since: string; phone: string; notice: string | null } | null;
  callers: DeskCallerView[];
  connected: ConnectedCallerView | null;
  at: string;
}

export async function readDesk(ctx: AppContext): Promise<DeskSnapshot> {
  const [callers, presences] = await Promise.all([waitingCallers(ctx).list(), deskPresence(ctx).list()]);
  return { callers, presences, at: ctx.clock.now() };
}

/** The desk seen by one operator: the full number only for their own caller, the detainee only when verified. */
export function deskViewFor(s: DeskSnapshot, userId: number): DeskView {
  const me = s.presences.find((p) => p.userId === userId);
  const names = new Map(s.presences.map((p) => [p.userId, p.username]));
  const peer = me && (me.state === 'on_call' || me.state === 'wrap_up') ? me.peerCallSid : undefined;
  // The call now, else the oldest call of this operator whose wrap-up form is still to be sent (the timed
  // wrap-up may have ended and made the operator available first).
  const mine = (x: DeskSnapshot['callers'][number]) => x.status === 'connected' && x.operatorUserId === userId;
  const c = peer ? s.callers.find((x) => x.callSid === peer && mine(x)) : s.callers.find(mine);
  return {
    me: me ? { state: me.state, since: me.since, phone: me.phone, notice: me.notice ?? null } : null,
    callers: s.callers.map((x) => ({
      position: x.position,
      language: x.language,
      enqueuedAt: x.enqueuedAt,
      waitingSeconds: Math.max(0, Math.round((s.at.getTime() - Date.parse(x.enqueuedAt)) / 1000)),
      flags: x.flags,
      phone: x.status === 'connected' && x.operatorUserId === userId && x.phone ? x.phone : x.phoneMasked,
      status: x.status,
      connectedAt: x.connectedAt ?? null,
      operator: x.operatorUserId ? (names.get(x.operatorUserId) ?? null) : null,
    })),
    connected: c
      ? {
          callSid: c.callSid,
          phone: c.phone,
          language: c.language,
          flags: c.flags,
          enqueuedAt: c.enqueuedAt,
          connectedAt: c.connectedAt ?? null,
          verified: c.verifiedDetaineeId !== null,
          ...(c.verifiedDetaineeId !== null ? { detaineeId: c.verifiedDetaineeId } : {}),
        }
      : null,
    at: s.at.toISOString(),
  };
}

/** The operator's desk; reading it keeps their presence alive (the console is open). */
export async function getDesk(ctx: AppContext, p: Principal): Promise<DeskView> {
  await deskPresence(ctx).touch(p.userId);
  return deskViewFor(await readDesk(ctx), p.userId);
}
