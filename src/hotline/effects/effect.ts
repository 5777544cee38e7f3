import type { AppContext } from '../../app-context.js';
import type { CallSession } from '../call-session.js';
import type { VoiceParams } from '../../telephony/webhook-params.js';
import type { HotlineLimiters } from '../rate-limits.js';

export interface EffectCall {
  ctx: AppContext;
  session: CallSession;
  params: VoiceParams;
  limiters: HotlineLimiters;
}

export interface EffectResult {
  outcome: string;
  /** Session variables to set (undefined deletes one). */
  vars?: Record<string, string | undefined>;
}

/** A use case a flow can run by name; `outcomes` lets `flows check` verify that every one has a target. */
export interface Effect {
  outcomes: readonly string[];
  /**
   * Reads only the clock and the configuration and changes nothing, so a retried webhook may run it again:
   * such a turn needs no lock (handle-voice-turn.ts). Anything that writes, counts or looks up is not pure.
   */
  pure?: boolean;
  run(call: EffectCall): Promise<EffectResult>;
}
