/**
 * How a simulated party behaves when its number is dialled.
 * - answer: picks up; each <Gather> consumes the next entry of `digits` ('' = no key, i.e. a timeout)
 * - machine: an answering machine (AMD reports machine_start); presses nothing
 * - busy / no-answer / fail: the carrier reports that status and the call ends (no-answer after ringing `ringMs`)
 * - invalid: the REST request itself is refused with 400 / 21211 (an invalid number)
 * - unavailable: the REST request gets 503 (the carrier is down; retried with backoff)
 */
export interface PartyScript {
  answer: 'answer' | 'machine' | 'busy' | 'no-answer' | 'fail' | 'invalid' | 'unavailable';
  digits?: string[];
  /** What AMD reports when it differs from `answer` (e.g. 'unknown'). */
  amd?: string;
  /** The party hangs up this long after answering. */
  hangupAfterMs?: number;
  /** The party talks this long once in a conference or bridged by a <Dial><Queue> (an operator's talk time), then
   * hangs up (a time from the join, so a slow machine does not turn a scripted conversation into a hang-up before
   * the party was bridged). */
  hangupAfterJoinMs?: number;
  /**
   * How long the phone rings before the party answers (or, for no-answer, before the carrier gives up); never
   * longer than the call's Timeout (calls.create, in carrier seconds), after which the carrier reports no-answer.
   * @defaultValue the carrier's ringMs
   */
  ringMs?: number;
}

// A relative presses 1 twice: to hear who calls, then to accept (O-02); the facility uses the first only.
export const DEFAULT_PARTY: PartyScript = { answer: 'answer', digits: ['1', '1'] };

export interface SimEvent {
  at: string;
  callSid: string;
  /** Last two digits only: the console shows the log, and a log never holds a whole number (C-13). */
  to: string;
  kind: string;
  text?: string;
  detail?: Record<string, unknown>;
}
