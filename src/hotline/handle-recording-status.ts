import type { Hotline } from './hotline.js';
import type { VoiceParams } from '../telephony/webhook-params.js';
import { saveMessage } from './effects/save-message.js';

/**
 * The recording status callback. A finished message recording becomes a message pending review (C-08),
 * also when the caller hung up before the Record action arrived; creation is idempotent per RecordingSid.
 */
export async function handleRecordingStatus(h: Hotline, p: VoiceParams & { RecordingSid: string }): Promise<void> {
  if (p.RecordingStatus && p.RecordingStatus !== 'completed') return;
  const { session } = await h.store.load(p.CallSid);
  if (!session || session.data.detaineeId === undefined) return;
  const flow = await h.flow();
  const awaiting = session.step ? flow.steps[session.step] : undefined;
  const isMessage =
    session.vars.message_recording === p.RecordingSid || (awaiting?.type === 'record-message' && awaiting.var === 'message_recording');
  if (!isMessage) return;
  await saveMessage.run({
    ctx: h.ctx,
    session: { ...session, vars: { ...session.vars, message_recording: p.RecordingSid } },
    params: p,
    limits: h.limits,
  });
}
