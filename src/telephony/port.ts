/**
 * The carrier interface kinline codes against. The Twilio adapter (src/telephony/twilio/) and the
 * simulated carrier (src/telephony/simulated/) implement it; nothing else talks to a carrier.
 * Parameter names follow Twilio's REST API so the adapter stays a thin mapping.
 */

/** The call status events a leg may subscribe to (twilio-notes: REST parameters); the supervised call's legs take all of them. */
export const CALL_STATUS_EVENTS = ['initiated', 'ringing', 'answered', 'completed'] as const;
export type CallStatusEvent = (typeof CALL_STATUS_EVENTS)[number];

export interface CreateCallParams {
  to: string;
  from: string;
  /** Voice URL; only an id goes in it, never a phone number (twilio-notes TW-35). */
  url: string;
  fallbackUrl?: string;
  statusCallback?: string;
  statusCallbackEvent?: CallStatusEvent[];
  timeout?: number;
  timeLimit?: number;
  machineDetection?: 'Enable' | 'DetectMessageEnd';
  asyncAmd?: boolean;
  asyncAmdStatusCallback?: string;
  record?: boolean;
  /**
   * The dial pacing (twilio-notes TW-28), awaited as late as possible: by the Twilio adapter just as the
   * request leaves, so the pace holds for the time the carrier sees, not the time a slot was granted.
   */
  pace?: () => Promise<DialSlot>;
}

/** A slot of the dial pacing; `sent()` once the carrier has the request, from when the slot then counts. */
export interface DialSlot {
  sent(): Promise<void>;
}

export interface CreateParticipantParams {
  from: string;
  to: string;
  label?: string;
  muted?: boolean;
  beep?: 'true' | 'false' | 'onEnter' | 'onExit';
  startConferenceOnEnter?: boolean;
  endConferenceOnExit?: boolean;
  statusCallback?: string;
  statusCallbackEvent?: string[];
  conferenceStatusCallback?: string;
  conferenceStatusCallbackEvent?: string[];
  timeout?: number;
  timeLimit?: number;
  waitUrl?: string;
  /** AMD on a participant (twilio-notes: REST parameters): the result arrives at `amdStatusCallback` (O-02, D-07). */
  machineDetection?: 'Enable' | 'DetectMessageEnd';
  amdStatusCallback?: string;
}

export interface Telephony {
  readonly kind: 'twilio' | 'simulated';
  createCall(p: CreateCallParams): Promise<{ sid: string }>;
  /** Ends a live call (`completed`), stops one not yet answered (`canceled`), or redirects it to new TwiML. */
  updateCall(sid: string, p: { status?: 'completed' | 'canceled'; url?: string; timeLimit?: number }): Promise<void>;
  /** Adds a participant to a conference, by conference SID or friendly name. */
  createParticipant(conference: string, p: CreateParticipantParams): Promise<{ callSid: string }>;
  updateParticipant(
    conference: string,
    callSid: string,
    p: { muted?: boolean; hold?: boolean; holdUrl?: string; announceUrl?: string },
  ): Promise<void>;
  updateConference(conference: string, p: { status?: 'completed'; announceUrl?: string }): Promise<void>;
  /**
   * The media of a recording at the RecordingUrl the carrier posted, fetched with the account's credentials
   * (twilio-notes TW-36). A URL that is not on this carrier is refused (CarrierError 404), never fetched.
   */
  fetchRecording(url: string): Promise<{ body: ArrayBuffer; contentType: string }>;
  /** The media URL of a recording known only by its SID (Twilio's Recording resource, twilio-notes TW-36). */
  recordingUrl(recordingSid: string): string;
}

/**
 * A carrier REST failure. `retryable` is true for 429 and 5xx (the carrier answered that it did not act; retry
 * with backoff); other 4xx fail the call for good (an invalid number, a permission). Status 0 is a network
 * error or timeout: the carrier may have placed the call, so it is `unconfirmed`, never retried at once
 * (twilio-notes TW-12): the caller waits for a status callback to bind the SID instead.
 */
export class CarrierError extends Error {
  constructor(
    message: string,
    public readonly status: number,
    public readonly code?: number,
  ) {
    super(message);
    this.name = 'CarrierError';
  }
  get retryable(): boolean {
    return this.status === 429 || this.status >= 500;
  }
  get unconfirmed(): boolean {
    return this.status === 0;
  }
}
