import type { AppContext } from '../../app-context.js';
import type { CallSession } from '../call-session.js';
import type { VoiceParams } from '../../telephony/webhook-params.js';
import type { LookupLimiter } from '../lookup-limits.js';

export interface EffectCall {
  ctx: AppContext;
  session: CallSession;
  params: VoiceParams;
  limits: LookupLimiter;
}

export interface EffectResult {
  outcome: string;
  /** Session variables to set (undefined deletes one). */
  vars?: Record<string, string | undefined>;
}

/** A use case a flow can run by name; `outcomes` lets `flows check` verify that every one has a target. */
export interface Effect {
  outcomes: readonly string[];
  run(call: EffectCall): Promise<EffectResult>;
}
