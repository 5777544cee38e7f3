import { CarrierError } from '../port.js';
import { newSid } from './new-sid.js';
import { toneWav } from './tone-wav.js';

/** Where a simulated carrier hosted by a web process answers its REST API (and serves its recordings). */
export const SIMULATED_CARRIER_PATH = '/simulated-carrier';

const RECORDING_PATH = /\/2010-04-01\/Accounts\/[^/]+\/Recordings\/(RE[0-9a-f]{32})(?:\.wav|\.mp3)?$/;
const KEPT = 200;
const MAX_SECONDS = 5;

export interface SimulatedRecording {
  sid: string;
  /** The RecordingUrl the carrier posts, as Twilio's: without an extension (twilio-notes TW-36). */
  url: string;
}

/**
 * The recordings of a simulated carrier: each <Record> makes a short tone (up to five seconds, its pitch
 * differing per recording) at record time, kept in memory (the newest 200) and served at a URL on the carrier,
 * so a trial can play back what a caller left. They are gone when the process restarts.
 */
export class SimulatedRecordings {
  private readonly media = new Map<string, Buffer>();

  constructor(
    /** The carrier's REST base, e.g. PUBLIC_BASE_URL/simulated-carrier. */
    private readonly baseUrl: string,
    private readonly accountSid: string,
  ) {}

  make(seconds: number): SimulatedRecording {
    const sid = newSid('RE');
    const hz = 330 + (parseInt(sid.slice(2, 6), 16) % 440);
    this.media.set(sid, toneWav(Math.min(Math.max(seconds, 1), MAX_SECONDS), hz));
    if (this.media.size > KEPT) this.media.delete(this.media.keys().next().value!);
    return { sid, url: this.urlOf(sid) };
  }

  urlOf(sid: string): string {
    return `${this.baseUrl}/2010-04-01/Accounts/${this.accountSid}/Recordings/${sid}`;
  }

  /** The media of a recording by SID, or undefined. */
  bySid(sid: string): Buffer | undefined {
    return this.media.get(sid);
  }

  /** Deletes a recording; one it no longer has is already gone (as Twilio's 404, twilio-notes TW-43). */
  delete(sid: string): boolean {
    return this.media.delete(sid);
  }

  /** The media at a RecordingUrl this carrier gave; a URL anywhere else is never fetched. */
  fetch(url: string): { body: ArrayBuffer; contentType: string } {
    const base = new URL(this.baseUrl);
    const u = new URL(url, base);
    const sid = u.pathname.match(RECORDING_PATH)?.[1];
    if (u.origin !== base.origin || !u.pathname.startsWith(base.pathname) || !sid)
      throw new CarrierError('the recording is not on this carrier', 404, 20404);
    const wav = this.media.get(sid);
    if (!wav) throw new CarrierError('the simulated carrier no longer has this recording (it keeps them until it restarts)', 404, 20404);
    return { body: wav.buffer.slice(wav.byteOffset, wav.byteOffset + wav.byteLength) as ArrayBuffer, contentType: 'audio/wav' };
  }
}
