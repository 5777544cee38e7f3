import type { AppContext } from '../../app-context.js';
import { outboundUrls } from '../../calls/outbound-urls.js';
import { answerCallLeg } from '../../calls/answer-call-leg.js';
import { loadSupervisedCallFlow, type SupervisedCallFlow } from '../../calls/supervised-call-flow.js';
import type { CallLeg } from '../../calls/call-legs.js';
import { renderTwiml } from '../../telephony/twilio/render-twiml.js';
import type { CallRef } from './outbound-voice-routes.js';
import type { WebhookParams } from '../../telephony/webhook-params.js';

/**
 * The TwiML documents of the monitored call, from flows/supervised-call/flow.yaml. The flow is loaded and
 * checked on first use; a load that fails is tried again on the next webhook (a fixed file is picked up).
 */
export function outboundTwiml(ctx: AppContext) {
  let loaded: Promise<SupervisedCallFlow> | undefined;
  const flow = () =>
    (loaded ??= loadSupervisedCallFlow().catch((e: unknown) => {
      loaded = undefined;
      throw e;
    }));

  return {
    /** The document for `leg`: its entry, or (with `at`) the answer to the step that waited. */
    async answer(ref: CallRef, leg: CallLeg, at: string | undefined, params: WebhookParams): Promise<string> {
      const { actions, waitsAt } = await answerCallLeg(ctx, await flow(), ref, leg, at, params.Digits);
      const urls = outboundUrls(ctx, ref.callId, ref.attemptNo);
      return renderTwiml(actions, {
        action: waitsAt && urls.step(leg, waitsAt),
        conferenceStatusCallback: urls.conference,
        recordingStatusCallback: urls.recording,
      });
    },
  };
}
