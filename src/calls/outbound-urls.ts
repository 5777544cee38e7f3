import type { AppContext } from '../app-context.js';

export type UrlLeg = 'facility' | 'relative' | 'monitor';

/**
 * Webhook URLs of a supervised call. Only the call id and the attempt number appear in them, never a phone
 * number (pitfall 35, A-04), and they are built from PUBLIC_BASE_URL, never from Host (pitfall 34).
 */
export function outboundUrls(ctx: AppContext, callId: string, attemptNo: number) {
  const base = `${ctx.config.http.publicBaseUrl}/voice/outbound/${callId}/${attemptNo}`;
  return {
    facility: `${base}/facility`,
    briefing: `${base}/facility/briefing`,
    relativeWait: `${base}/relative`,
    relativeAccept: `${base}/relative/accept`,
    relativeAnswer: `${base}/relative/answer`,
    status: (leg: UrlLeg) => `${base}/status/${leg}`,
    amd: `${base}/amd`,
    amdMonitor: `${base}/amd/monitor`,
    relativeIntro: `${base}/relative/intro`,
    conference: `${base}/conference`,
    warning: `${base}/warning`,
    fallback: `${ctx.config.http.publicBaseUrl}/voice/outbound/fallback`,
  };
}
