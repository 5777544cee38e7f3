import type { AppContext } from '../../app-context.js';
import type { Language } from '../../storage/schema.js';
import { outboundUrls } from '../../calls/outbound-urls.js';
import { fill, supervisedCallPrompts } from '../../calls/supervised-call-prompts.js';
import { handleAcceptanceInput, handleBriefingInput, handleNoticeInput } from '../../calls/handle-party-input.js';
import {
  announceTwiml, hangupTwiml, joinConferenceTwiml, promptForOneTwiml, sayAndHangupTwiml, silentWaitTwiml,
} from '../../telephony/twilio/supervised-call-twiml.js';
import type { CallRef } from './outbound-voice-routes.js';
import type { WebhookParams } from '../../telephony/webhook-params.js';

// Twilio's default MachineDetectionTimeout; kinline does not change it.
const AMD_TIMEOUT_SECONDS = 30;

/** The TwiML documents of the monitored call. Reads only the database: no REST call in a webhook (pitfall 9). */
export function outboundTwiml(ctx: AppContext) {
  const recorded = ctx.config.hotline.recordingEnabled;
  async function current(ref: CallRef) {
    const call = await ctx.repos.scheduledCalls.findById(ref.callId);
    const a = call && (await ctx.repos.callAttempts.find(ref.callId, ref.attemptNo));
    return call && a && !a.outcome && call.attempts === ref.attemptNo ? call : undefined;
  }
  const join = (lang: Language, callId: string, ref: CallRef, max: number, withCallback: boolean) =>
    joinConferenceTwiml(lang, supervisedCallPrompts(lang).connecting, callId, {
      statusCallback: withCallback ? outboundUrls(ctx, ref.callId, ref.attemptNo).conference : undefined,
      record: recorded,
      // A hard backstop behind the time-limit job: the limit plus five minutes of ringing and briefing.
      timeLimitSeconds: (max + 5) * 60,
    });

  return {
    /** D-06: supervised, recorded or not, maximum length, say nothing beyond what he chooses, may decline. */
    async briefing(ref: CallRef): Promise<string> {
      const call = await current(ref);
      if (!call) return hangupTwiml();
      const lang = call.language as Language;
      const p = supervisedCallPrompts(lang);
      const sentences = [p.briefing_supervised, recorded ? p.briefing_recorded : p.briefing_not_recorded, fill(p.briefing_length, { minutes: call.max_minutes }), p.briefing_free];
      return promptForOneTwiml(lang, sentences, p.briefing_press1, outboundUrls(ctx, ref.callId, ref.attemptNo).briefing);
    },
    async briefingAnswer(ref: CallRef, params: WebhookParams): Promise<string> {
      const result = await handleBriefingInput(ctx, ref.callId, ref.attemptNo, params.Digits ?? '');
      const call = await ctx.repos.scheduledCalls.findById(ref.callId);
      const lang = (call?.language ?? 'ru') as Language;
      if (result === 'join' && call) return join(lang, call.id, ref, call.max_minutes, true);
      if (result === 'declined') return sayAndHangupTwiml(lang, supervisedCallPrompts(lang).declined_goodbye);
      return hangupTwiml();
    },
    /**
     * Silence while AMD decides (O-02); the AMD callback redirects a person to the notice sooner. The wait
     * outlasts Twilio's AMD timeout (30 s by default) so a late "machine" result still finds the line silent.
     */
    async relativeWait(ref: CallRef): Promise<string> {
      if (!(await current(ref))) return hangupTwiml();
      return silentWaitTwiml(AMD_TIMEOUT_SECONDS + 10, outboundUrls(ctx, ref.callId, ref.attemptNo).relativeAccept);
    },
    /** O-02: the first prompt names nobody (AMD "unknown" may be a voicemail); press 1 to hear who calls. */
    async notice(ref: CallRef): Promise<string> {
      const call = await current(ref);
      if (!call) return hangupTwiml();
      const contact = await ctx.repos.contacts.findById(call.contact_id);
      const lang = (contact?.language ?? call.language) as Language;
      const p = supervisedCallPrompts(lang);
      return promptForOneTwiml(lang, [p.relative_notice], p.relative_press1_to_hear, outboundUrls(ctx, ref.callId, ref.attemptNo).relativeIntro);
    },
    /** D-05, only after the keypress: who is calling, monitored (and recorded, A-05), press 1 to accept. */
    async acceptance(ref: CallRef, params: WebhookParams): Promise<string> {
      if ((await handleNoticeInput(ctx, ref.callId, ref.attemptNo, params.Digits ?? '')) !== 'join') return hangupTwiml();
      const call = await current(ref);
      if (!call) return hangupTwiml();
      const detainee = await ctx.repos.detainees.findById(call.detainee_id);
      const contact = await ctx.repos.contacts.findById(call.contact_id);
      const lang = (contact?.language ?? call.language) as Language;
      const p = supervisedCallPrompts(lang);
      const sentences = [fill(p.relative_intro, { name: detainee?.given_name ?? '' }), p.relative_monitored, recorded ? p.briefing_recorded : p.briefing_not_recorded, fill(p.briefing_length, { minutes: call.max_minutes })];
      return promptForOneTwiml(lang, sentences, p.relative_press1, outboundUrls(ctx, ref.callId, ref.attemptNo).relativeAnswer);
    },
    async acceptanceAnswer(ref: CallRef, params: WebhookParams): Promise<string> {
      const result = await handleAcceptanceInput(ctx, ref.callId, ref.attemptNo, params.Digits ?? '');
      const call = await ctx.repos.scheduledCalls.findById(ref.callId);
      const contact = call && (await ctx.repos.contacts.findById(call.contact_id));
      const lang = (contact?.language ?? call?.language ?? 'ru') as Language;
      if (result === 'join' && call) return join(lang, call.id, ref, call.max_minutes, false);
      if (result === 'declined') return sayAndHangupTwiml(lang, supervisedCallPrompts(lang).declined_goodbye);
      return hangupTwiml();
    },
    async warning(ref: CallRef): Promise<string> {
      const call = await ctx.repos.scheduledCalls.findById(ref.callId);
      const lang = (call?.language ?? 'ru') as Language;
      return announceTwiml(lang, supervisedCallPrompts(lang).one_minute_warning);
    },
  };
}
