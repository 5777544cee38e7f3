import { randomBytes } from 'node:crypto';
import type { SimulatedCarrier } from './simulated-carrier.js';
import type { SimCall, SimConference, SimParticipantFlags } from './sim-types.js';
import { postWebhook } from './post-webhook.js';
import { parseTwiml } from './twiml-document.js';

const EVENT_NAMES: Record<string, string> = {
  start: 'conference-start',
  end: 'conference-end',
  join: 'participant-join',
  leave: 'participant-leave',
};

/**
 * Conferences with Twilio's rules (twilio-notes: REST parameters): it starts only when a participant with
 * startConferenceOnEnter joins, until then everyone waits and hears nobody; a participant with
 * endConferenceOnExit ends it for all. Its events go where the participant that starts it asked, whoever joined
 * first (twilio-notes TW-16): before it starts, and when that participant asked for none, no event is sent.
 * "bridged" is logged when two non-monitor parties can hear each other.
 */
export class ConferenceRoom {
  private readonly rooms = new Map<string, SimConference>();
  constructor(private readonly carrier: SimulatedCarrier) {}

  find(nameOrSid: string): SimConference | undefined {
    return [...this.rooms.values()].find((r) => !r.ended && (r.sid === nameOrSid || r.name === nameOrSid));
  }

  list(): SimConference[] {
    return [...this.rooms.values()];
  }

  join(call: SimCall, name: string, flags: SimParticipantFlags, statusCallback?: string, statusEvents?: string[]): Promise<void> {
    let room = this.find(name);
    if (!room) {
      room = {
        sid: `CF${randomBytes(16).toString('hex')}`,
        name,
        started: false,
        ended: false,
        participants: new Map(),
        statusEvents: ['start', 'end'],
        seq: 0,
        bridged: false,
      };
      this.rooms.set(room.sid, room);
    }
    room.participants.set(call.sid, flags);
    call.conference = room.sid;
    call.participant = flags;
    this.carrier.record(call, 'conference_join', undefined, { label: flags.label ?? null, muted: flags.muted, conference: room.sid });
    const left = new Promise<void>((resolve) => (call.leftConference = resolve));
    const talk = call.script.hangupAfterJoinMs;
    if (talk !== undefined) setTimeout(() => void this.carrier.end(call, 'completed'), talk);
    if (!room.started && flags.startConferenceOnEnter) {
      room.started = true;
      room.statusCallback = statusCallback;
      room.statusEvents = statusEvents?.length ? statusEvents : ['start', 'end'];
      this.carrier.record(call, 'conference_start', undefined, { conference: room.sid });
      void this.post(room, 'start', call.sid);
    }
    void this.post(room, 'join', call.sid);
    this.checkBridged(room);
    return left;
  }

  leave(call: SimCall): void {
    const room = call.conference ? this.rooms.get(call.conference) : undefined;
    call.conference = undefined;
    const resolve = call.leftConference;
    call.leftConference = undefined;
    resolve?.();
    if (!room) return;
    const flags = room.participants.get(call.sid);
    room.participants.delete(call.sid);
    this.carrier.record(call, 'conference_leave', undefined, { conference: room.sid });
    void this.post(room, 'leave', call.sid);
    if (flags?.endConferenceOnExit || room.participants.size === 0) this.end(room);
  }

  end(room: SimConference): void {
    if (room.ended) return;
    room.ended = true;
    this.carrier.record({ sid: room.sid, to: '--' }, 'conference_end');
    void this.post(room, 'end');
    for (const sid of [...room.participants.keys()]) {
      const call = this.carrier.calls.get(sid);
      if (call) void this.carrier.end(call, 'completed');
    }
  }

  checkBridged(room: SimConference): void {
    if (!room.started || room.bridged) return;
    const flags = [...room.participants.values()];
    const parties = flags.filter((f) => f.label !== 'monitor' && !f.hold);
    if (parties.length < 2) return;
    room.bridged = true;
    const monitorPresent = flags.some((f) => f.label === 'monitor');
    this.carrier.record({ sid: room.sid, to: '--' }, 'bridged', undefined, { monitorPresent });
  }

  /** Plays an AnnounceUrl document (Say only) to every participant, or to `only`. */
  async announce(room: SimConference, url: string, only?: SimCall[]): Promise<void> {
    const res = await postWebhook(
      url,
      { AccountSid: this.carrier.o.accountSid, ConferenceSid: room.sid },
      { authToken: this.carrier.o.authToken },
    );
    if (res.status === 0 || res.status >= 400) return;
    const says = parseTwiml(res.body).children.filter((v) => v.name === 'Say');
    const targets = only ?? [...room.participants.keys()].map((sid) => this.carrier.calls.get(sid)).filter((c): c is SimCall => !!c);
    for (const call of targets) for (const s of says) this.carrier.record(call, 'announce', s.text);
  }

  private async post(room: SimConference, event: string, callSid?: string): Promise<void> {
    if (this.carrier.isStopped || !room.statusCallback || !room.statusEvents.includes(event)) return;
    const params: Record<string, string> = {
      AccountSid: this.carrier.o.accountSid,
      ConferenceSid: room.sid,
      FriendlyName: room.name,
      StatusCallbackEvent: EVENT_NAMES[event],
      SequenceNumber: String(room.seq++),
      Timestamp: new Date().toUTCString(),
    };
    if (callSid) params.CallSid = callSid;
    await postWebhook(room.statusCallback, params, { authToken: this.carrier.o.authToken, connectRetries: this.carrier.o.connectRetries });
  }
}
