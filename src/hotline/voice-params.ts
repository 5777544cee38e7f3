import { z } from 'zod';

// Twilio sends strings; anything else (an array from a repeated key, a huge value) is refused or cut here.
const str = (max: number) => z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.string().max(max));

/** The webhook parameters kinline reads. Unknown parameters are ignored: Twilio adds new ones without notice. */
export const voiceParamsSchema = z.object({
  CallSid: str(64).pipe(z.string().regex(/^CA[0-9a-fA-F]{32}$/)),
  From: str(64).optional(),
  To: str(64).optional(),
  // A caller can key far more than any prompt wants; clip instead of ending the call, validation then re-asks.
  Digits: str(4096).transform((d) => d.slice(0, 64)).optional(),
  CallStatus: str(32).optional(),
  StirVerstat: str(64).optional(),
  RecordingSid: str(64).optional(),
  RecordingUrl: str(512).optional(),
  RecordingDuration: str(16).optional(),
  RecordingStatus: str(32).optional(),
  SequenceNumber: str(16).optional(),
  CallDuration: str(16).optional(),
  QueuePosition: str(16).optional(),
});

export type VoiceParams = z.infer<typeof voiceParamsSchema>;

// The same rules as voiceParamsSchema, precompiled to a loop: this runs on every webhook, and zod's generic
// machinery was a visible share of it. test/unit/voice-params.test.ts checks that both agree.
const OPTIONAL_MAX: ReadonlyArray<readonly [Exclude<keyof VoiceParams, 'CallSid' | 'Digits'>, number]> = [
  ['From', 64], ['To', 64], ['CallStatus', 32], ['StirVerstat', 64], ['RecordingSid', 64], ['RecordingUrl', 512],
  ['RecordingDuration', 16], ['RecordingStatus', 32], ['SequenceNumber', 16], ['CallDuration', 16], ['QueuePosition', 16],
];
const CALL_SID = /^CA[0-9a-fA-F]{32}$/;
const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);

/** voiceParamsSchema.safeParse, fast: the parameters, or undefined when the schema would refuse them. */
export function parseVoiceParams(body: Readonly<Record<string, unknown>>): VoiceParams | undefined {
  const sid = first(body.CallSid);
  if (typeof sid !== 'string' || sid.length > 64 || !CALL_SID.test(sid)) return undefined;
  const out: VoiceParams = { CallSid: sid };
  for (const [name, max] of OPTIONAL_MAX) {
    if (body[name] === undefined) continue;
    const v = first(body[name]);
    if (typeof v !== 'string' || v.length > max) return undefined;
    out[name] = v;
  }
  if (body.Digits !== undefined) {
    const digits = first(body.Digits);
    if (typeof digits !== 'string' || digits.length > 4096) return undefined;
    out.Digits = digits.slice(0, 64);
  }
  return out;
}
