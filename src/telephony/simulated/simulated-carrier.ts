import { CarrierError, type CreateCallParams, type CreateParticipantParams, type Telephony } from '../port.js';
import { DEFAULT_PARTY, type PartyScript, type SimEvent } from './party-script.js';
import { postWebhook } from './post-webhook.js';
import { type SimCall, type SimConference, type SimParticipantFlags } from './sim-types.js';
import { ConferenceRoom } from './conference-room.js';
import { runCallTwiml } from './run-call-twiml.js';
import { placeSimCall } from './place-sim-call.js';
import { isFinalCallStatus } from '../../shared/final-call-statuses.js';
import { newSid } from './new-sid.js';
import { SimulatedRecordings } from './simulated-recordings.js';
import { SimQueues } from './sim-queues.js';
import { startInboundCall, type InboundCallParams } from './inbound-sim-call.js';

export interface SimulatedCarrierOptions {
  accountSid: string;
  /** Signs every webhook like Twilio (the same token kinline validates with). */
  authToken: string;
  /** Ring time before a party answers or gives up. @defaultValue 30 */
  ringMs?: number;
  /** AMD result delay after answer. @defaultValue 50 */
  amdMs?: number;
  /** Milliseconds per TwiML second (<Pause>, <Gather> timeout); tests shrink it. @defaultValue 1000 */
  pauseUnitMs?: number;
  /** Carrier seconds a wait document's hold music plays before the next waitUrl fetch (Twilio's last minutes). @defaultValue 1 */
  holdMusicSeconds?: number;
  /** Webhook connection retries (a restarting server). @defaultValue 0 */
  connectRetries?: number;
  defaultScript?: PartyScript;
  /** Where its REST API is reached; recording URLs point there. @defaultValue http://simulated-carrier.invalid */
  baseUrl?: string;
}

const EVENT_OF: Record<string, string> = { initiated: 'initiated', ringing: 'ringing', 'in-progress': 'answered' };
export { newSid } from './new-sid.js';

/**
 * A carrier that behaves like Twilio for kinline (twilio-notes: simulated carrier): the Telephony port's operations,
 * TwiML fetched with signed requests and executed, conferences with Twilio's start/end rules, asynchronous AMD,
 * status callbacks with sequence numbers, and parties scripted per phone number. Used with no Twilio
 * credentials and in tests; its event log lets the console show what each party heard.
 */
export class SimulatedCarrier implements Telephony {
  readonly kind = 'simulated' as const;
  readonly calls = new Map<string, SimCall>();
  readonly log: SimEvent[] = [];
  readonly rooms: ConferenceRoom;
  private readonly scripts = new Map<string, PartyScript>();
  readonly o: Required<Omit<SimulatedCarrierOptions, 'defaultScript'>> & { defaultScript: PartyScript };
  readonly recordings: SimulatedRecordings;
  readonly queues: SimQueues;

  constructor(opts: SimulatedCarrierOptions) {
    this.o = {
      ringMs: 30,
      amdMs: 50,
      pauseUnitMs: 1000,
      holdMusicSeconds: 1,
      connectRetries: 0,
      defaultScript: DEFAULT_PARTY,
      baseUrl: 'http://simulated-carrier.invalid',
      ...opts,
    };
    this.rooms = new ConferenceRoom(this);
    this.queues = new SimQueues(this.o.pauseUnitMs);
    this.recordings = new SimulatedRecordings(this.o.baseUrl.replace(/\/+$/, ''), this.o.accountSid);
  }

  private stopped = false;

  /** Hangs up everything silently and sends no more webhooks (shutting down). */
  shutdown(): void {
    this.stopped = true;
    for (const c of this.calls.values()) {
      c.ended = true;
      c.gen++;
      c.abort.abort();
    }
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  /** Scripts how the party at `phone` behaves from now on. */
  script(phone: string, s: PartyScript): void {
    this.scripts.set(phone, s);
  }

  /** A caller rings the application (its TwiML runs on this carrier, so <Enqueue> uses the carrier's queues). */
  inboundCall(p: InboundCallParams): { sid: string } {
    return startInboundCall(this, p);
  }

  events(): SimEvent[] {
    return this.log.slice(-1000);
  }

  record(call: Pick<SimCall, 'sid' | 'to'>, kind: string, text?: string, detail?: Record<string, unknown>): void {
    this.log.push({ at: new Date().toISOString(), callSid: call.sid, to: `…${call.to.slice(-2)}`, kind, text, detail });
    if (this.log.length > 5000) this.log.splice(0, 1000);
  }

  /** Number of calls placed to `phone` (tests: "never dialled twice"). */
  dialsTo(phone: string): number {
    return [...this.calls.values()].filter((c) => c.to === phone).length;
  }

  /** Registers a call (the party at `to` plays its script unless `extra.script` says otherwise). */
  newCall(to: string, from: string, extra: Partial<SimCall>): SimCall {
    const script = this.scripts.get(to) ?? this.o.defaultScript;
    if (script.answer === 'invalid') throw new CarrierError("The 'To' number is not a valid phone number.", 400, 21211);
    if (script.answer === 'unavailable') throw new CarrierError('Service unavailable', 503, 20503);
    const call: SimCall = {
      sid: newSid('CA'),
      to,
      from,
      status: 'queued',
      statusEvents: ['completed'],
      script,
      digitIndex: 0,
      seq: 0,
      gen: 0,
      abort: new AbortController(),
      ended: false,
      ...extra,
    };
    this.calls.set(call.sid, call);
    this.record(call, 'dial', undefined, { label: extra.participant?.label });
    return call;
  }

  async createCall(p: CreateCallParams): Promise<{ sid: string }> {
    const slot = await p.pace?.();
    const call = this.newCall(p.to, p.from, {
      url: p.url,
      fallbackUrl: p.fallbackUrl,
      statusCallback: p.statusCallback,
      statusEvents: p.statusCallbackEvent?.length ? p.statusCallbackEvent : ['completed'],
      amdCallback: p.asyncAmd ? p.asyncAmdStatusCallback : undefined,
      timeoutS: p.timeout,
    });
    void placeSimCall(this, call, undefined);
    await slot?.sent();
    return { sid: call.sid };
  }

  async createParticipant(conference: string, p: CreateParticipantParams): Promise<{ callSid: string }> {
    const flags: SimParticipantFlags = {
      label: p.label,
      muted: p.muted ?? false,
      hold: false,
      startConferenceOnEnter: p.startConferenceOnEnter ?? true,
      endConferenceOnExit: p.endConferenceOnExit ?? false,
    };
    const call = this.newCall(p.to, p.from, {
      statusCallback: p.statusCallback,
      statusEvents: p.statusCallbackEvent?.length ? p.statusCallbackEvent : ['completed'],
      participant: flags,
      participantAmd: p.machineDetection ? p.amdStatusCallback : undefined,
    });
    void placeSimCall(this, call, {
      conference,
      flags,
      statusCallback: p.conferenceStatusCallback,
      statusEvents: p.conferenceStatusCallbackEvent,
    });
    return { callSid: call.sid };
  }

  /** A REST update: hang up, or run a new URL or TwiML (a queued caller leaves its queue: QueueResult redirected). */
  async updateCall(sid: string, p: { status?: 'completed' | 'canceled'; url?: string; twiml?: string }): Promise<void> {
    const call = this.calls.get(sid);
    if (!call) throw new CarrierError(`The requested resource /Calls/${sid}.json was not found`, 404, 20404);
    if (call.ended) return;
    if (p.status) return this.end(call, call.answeredAt ? 'completed' : 'canceled');
    if (p.url || p.twiml !== undefined) {
      this.record(call, 'redirect');
      call.gen++;
      call.abort.abort();
      call.abort = new AbortController();
      if (call.conference) this.rooms.leave(call);
      void runCallTwiml(this, call, p.url ?? call.url ?? this.o.baseUrl, p.url ? undefined : p.twiml);
    }
  }

  async updateParticipant(
    conference: string,
    callSid: string,
    p: { muted?: boolean; hold?: boolean; announceUrl?: string },
  ): Promise<void> {
    const call = this.calls.get(callSid);
    const room = this.rooms.find(conference);
    if (!call || !room || !room.participants.has(callSid)) throw new CarrierError('participant not found', 404, 20404);
    const flags = room.participants.get(callSid)!;
    if (p.muted !== undefined) flags.muted = p.muted;
    if (p.hold !== undefined) flags.hold = p.hold;
    this.record(call, 'participant_updated', undefined, { muted: flags.muted, hold: flags.hold });
    if (p.announceUrl) await this.rooms.announce(room, p.announceUrl, [call]);
    this.rooms.checkBridged(room);
  }

  async updateConference(conference: string, p: { status?: 'completed'; announceUrl?: string }): Promise<void> {
    const room = this.rooms.find(conference);
    if (!room) throw new CarrierError('conference not found', 404, 20404);
    if (p.announceUrl) await this.rooms.announce(room, p.announceUrl);
    if (p.status === 'completed') this.rooms.end(room);
  }

  async fetchRecording(url: string): Promise<{ body: ArrayBuffer; contentType: string }> {
    return this.recordings.fetch(url);
  }

  recordingUrl(sid: string): string {
    return this.recordings.urlOf(sid);
  }

  /** Posts a call status callback when the call subscribed to that event (default: completed only). */
  async status(call: SimCall, status: string): Promise<void> {
    call.status = status;
    this.record(call, 'status', status);
    const event = EVENT_OF[status] ?? (isFinalCallStatus(status) ? 'completed' : status);
    if (this.stopped || !call.statusCallback || !call.statusEvents.includes(event)) return;
    const params: Record<string, string> = {
      AccountSid: this.o.accountSid,
      CallSid: call.sid,
      CallStatus: status,
      From: call.from,
      To: call.to,
      Direction: call.direction ?? 'outbound-api',
      ApiVersion: '2010-04-01',
      SequenceNumber: String(call.seq++),
      Timestamp: new Date().toUTCString(),
    };
    if (isFinalCallStatus(status)) params.CallDuration = String(call.answeredAt ? Math.round((Date.now() - call.answeredAt) / 1000) : 0);
    await postWebhook(call.statusCallback, params, { authToken: this.o.authToken, connectRetries: this.o.connectRetries });
  }

  async end(call: SimCall, status: string): Promise<void> {
    if (call.ended) return;
    call.ended = true;
    call.gen++;
    call.abort.abort();
    // The party that hangs up reports first, then the conference cascades (deterministic for tests; Twilio
    // gives no order, twilio-notes TW-13, which kinline tolerates).
    await this.status(call, status);
    if (call.conference) this.rooms.leave(call);
  }
}

export type { SimConference };
