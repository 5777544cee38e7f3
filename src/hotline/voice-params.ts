import { z } from 'zod';

// Twilio sends strings; anything else (an array from a repeated key, a huge value) is refused or cut here.
const str = (max: number) => z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.string().max(max));

/** The webhook parameters kinline reads. Unknown parameters are ignored: Twilio adds new ones without notice. */
export const voiceParamsSchema = z.object({
  CallSid: str(64).pipe(z.string().regex(/^CA[0-9a-fA-F]{32}$/)),
  From: str(64).optional(),
  To: str(64).optional(),
  Digits: str(64).optional(),
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
