import type { AppContext } from '../app-context.js';

export type UrlLeg = 'facility' | 'relative' | 'monitor';

/**
 * The relative's step that the answering-machine result redirects a person to: the silent wait of
 * flows/supervised-call/flow.yaml, which then goes on to the notice (O-02). Its URL is given to Twilio by REST.
 */
export const AMD_REDIRECT_STEP = 'accept';

/**
 * The facility's step where the detainee waits while his family is called; accepting the call redirects his
 * leg there, so that he hears who answered before he is bridged (D-05).
 */
export const FAMILY_WAIT_STEP = 'family_wait';

/**
 * Webhook URLs of a supervised call. Only the call id, the attempt number and flow names (leg, step) appear
 * in them, never a phone number or a name (A-04, twilio-notes TW-33), and they are built from PUBLIC_BASE_URL,
 * never from Host.
 */
export function outboundUrls(ctx: AppContext, callId: string, attemptNo: number) {
  const base = `${ctx.config.http.publicBaseUrl}/voice/outbound/${callId}/${attemptNo}`;
  return {
    /** The flow's entry documents: each leg's calls.create Url, each party's AnnounceUrl, the relative's goodbye. */
    facility: `${base}/facility`,
    relativeWait: `${base}/relative`,
    monitor: `${base}/monitor`,
    warning: (party: 'facility' | 'relative' | 'monitor') => `${base}/${party}_warning`,
    relativeGoodbye: `${base}/relative_goodbye`,
    familyAnswered: `${base}/facility/${FAMILY_WAIT_STEP}`,
    /** Where a document that waits at `step` of `leg` posts (its Gather's action, its Redirect). */
    step: (leg: string, step: string) => `${base}/${leg}/${step}`,
    relativeAccept: `${base}/relative/${AMD_REDIRECT_STEP}`,
    status: (leg: UrlLeg) => `${base}/status/${leg}`,
    amd: `${base}/amd`,
    amdMonitor: `${base}/amd/monitor`,
    conference: `${base}/conference`,
    /** The conference recording's status callback (A-01, twilio-notes TW-42). */
    recording: `${base}/recording`,
    fallback: `${ctx.config.http.publicBaseUrl}/voice/outbound/fallback`,
  };
}
