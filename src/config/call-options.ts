/** Timing of the supervised-call machinery. Tests shorten it through ctx.callOptions. */
export interface CallOptions {
  /** Delay before retry n (1-based) after a no-answer, busy, machine, failure or missing monitor. @defaultValue 2, 5, 10 minutes */
  retryDelaysMs: number[];
  /** Retries end this long after the scheduled start. @defaultValue 240 minutes */
  retryWindowMinutes: number;
  /** Ring time per leg (twilio-notes TW-27: Twilio adds up to 5 s). @defaultValue 30 */
  ringTimeoutSeconds: number;
  /**
   * After a crash between claiming an attempt and storing its CallSid, wait this long for the carrier's
   * callbacks to name the call before treating the attempt as never placed. Longer than ring time plus a
   * TwiML fetch. @defaultValue 120000
   */
  interruptedVerifyMs: number;
  /** The warning is announced this long before the time limit. @defaultValue 60000 */
  warningBeforeEndMs: number;
}

export const DEFAULT_CALL_OPTIONS: CallOptions = {
  retryDelaysMs: [120_000, 300_000, 600_000],
  retryWindowMinutes: 240,
  ringTimeoutSeconds: 30,
  interruptedVerifyMs: 120_000,
  warningBeforeEndMs: 60_000,
};

/** The context's timing: the defaults, with what a test shortened (ctx.callOptions). */
export const callOptions = (ctx: { callOptions?: Partial<CallOptions> }): CallOptions => ({
  ...DEFAULT_CALL_OPTIONS,
  ...(ctx.callOptions ?? {}),
});
