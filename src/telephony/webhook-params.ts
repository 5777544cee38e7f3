import { z } from 'zod';

// Twilio sends strings; a repeated key (an array) or an oversized value is refused here.
const str = (max: number) => z.string().max(max).optional();

/**
 * Every webhook parameter kinline reads, inbound and outbound, with its limits. Unknown parameters are
 * ignored: Twilio adds new ones without notice. Parameters that fail are refused as a whole request.
 */
export const webhookParamsSchema = z.object({
  CallSid: z
    .string()
    .regex(/^CA[0-9a-fA-F]{32}$/, 'is not a Twilio CallSid')
    .optional(),
  From: str(64),
  To: str(64),
  // A caller can key far more than any prompt wants; clip instead of ending the call, validation re-asks.
  Digits: z
    .string()
    .max(4096)
    .transform((d) => d.slice(0, 64))
    .optional(),
  CallStatus: str(32),
  StirVerstat: str(64),
  RecordingSid: str(64),
  RecordingUrl: str(512),
  RecordingDuration: str(16),
  RecordingStatus: str(32),
  SequenceNumber: str(16),
  CallDuration: str(16),
  QueuePosition: str(16),
  // The operator queue (twilio-notes: Enqueue, Dial Queue): the wait document's and the Enqueue action's.
  QueueResult: str(32),
  QueueTime: str(16),
  QueueSid: str(64),
  AvgQueueTime: str(16),
  CurrentQueueSize: str(16),
  // Twilio's own spelling (the Queue noun's url request, twilio-notes TW-39).
  DequeingCallSid: str(64),
  DequeuedCallSid: str(64),
  DialCallStatus: str(32),
  DialCallSid: str(64),
  DialCallDuration: str(16),
  AnsweredBy: str(32),
  ConferenceSid: str(64),
  StatusCallbackEvent: str(64),
});

export type WebhookParams = z.infer<typeof webhookParamsSchema>;

/** The parameters of a webhook about a known call. */
export type VoiceParams = WebhookParams & { CallSid: string };
