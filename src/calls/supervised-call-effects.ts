import type { AppContext } from '../app-context.js';
import type { EffectCatalogue } from '../flow-engine/check-flow.js';
import type { FlowSession } from '../flow-engine/types.js';
import { handleAcceptanceInput, handleBriefingInput, handleMonitorInput, handleNoticeInput } from './handle-party-input.js';
import { familyAnswered, handleWhoAnsweredInput } from './hear-who-answered.js';

/** A use case the supervised-call flow runs by name, given the attempt and the key the party pressed. */
export interface CallLegEffect {
  outcomes: readonly string[];
  run(ctx: AppContext, ref: { callId: string; attemptNo: number }, session: FlowSession): Promise<string>;
}

const OUTCOMES = ['join', 'declined', 'gone'] as const;
const key = (s: FlowSession) => s.vars.key ?? '';

/**
 * The parties' decisions (handle-party-input.ts, hear-who-answered.ts): what a key means, marked in the attempt's row with a
 * compare-and-set, so a retried webhook decides nothing twice.
 */
export const SUPERVISED_CALL_EFFECTS: Record<string, CallLegEffect> = {
  answerBriefing: { outcomes: OUTCOMES, run: (ctx, r, s) => handleBriefingInput(ctx, r.callId, r.attemptNo, key(s)) },
  answerNotice: { outcomes: OUTCOMES, run: (ctx, r, s) => handleNoticeInput(ctx, r.callId, r.attemptNo, key(s)) },
  answerAcceptance: { outcomes: OUTCOMES, run: (ctx, r, s) => handleAcceptanceInput(ctx, r.callId, r.attemptNo, key(s)) },
  answerMonitor: { outcomes: OUTCOMES, run: (ctx, r, s) => handleMonitorInput(ctx, r.callId, r.attemptNo, key(s)) },
  familyAnswered: { outcomes: ['answered', 'waiting', 'gone'], run: (ctx, r) => familyAnswered(ctx, r.callId, r.attemptNo) },
  answerWhoAnswered: { outcomes: OUTCOMES, run: (ctx, r, s) => handleWhoAnsweredInput(ctx, r.callId, r.attemptNo, key(s)) },
};

export const SUPERVISED_CALL_EFFECT_CATALOGUE: EffectCatalogue = Object.fromEntries(
  Object.entries(SUPERVISED_CALL_EFFECTS).map(([name, e]) => [name, e.outcomes]),
);
