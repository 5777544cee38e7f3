import type { PartyScript } from './party-script.js';
import type { Party } from './party.js';

export interface SimParticipantFlags {
  label?: string;
  muted: boolean;
  hold: boolean;
  startConferenceOnEnter: boolean;
  endConferenceOnExit: boolean;
}

export interface SimCall {
  sid: string;
  to: string;
  from: string;
  status: string;
  url?: string;
  fallbackUrl?: string;
  statusCallback?: string;
  statusEvents: string[];
  amdCallback?: string;
  /** AMD on a participant: decided before it joins the conference. */
  participantAmd?: string;
  script: PartyScript;
  /** Index of the next scripted <Gather> answer. */
  digitIndex: number;
  seq: number;
  /** Bumped on every redirect: a running TwiML document stops when it no longer owns the call. */
  gen: number;
  abort: AbortController;
  answeredAt?: number;
  ended: boolean;
  conference?: string;
  participant?: SimParticipantFlags;
  /** Resolves when the call leaves its conference. */
  leftConference?: () => void;
  /** 'inbound' for a call placed to the application (a caller), else 'outbound-api'. */
  direction?: string;
  /** Seconds the carrier lets it ring before it reports no-answer (calls.create Timeout). @defaultValue 60 */
  timeoutS?: number;
  /** Who plays the party when not its script (an inbound caller given a Party). */
  party?: Party;
}

export interface SimConference {
  sid: string;
  name: string;
  started: boolean;
  ended: boolean;
  participants: Map<string, SimParticipantFlags>;
  statusCallback?: string;
  statusEvents: string[];
  seq: number;
  bridged: boolean;
  /** Recorded from its start: where the recording status callback goes (conference-recording.ts). */
  recording?: { callback: string; since: number };
}

/** Sleeps unless aborted (a redirect or a hang-up interrupts a <Pause>). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
