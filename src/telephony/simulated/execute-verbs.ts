import { randomBytes } from 'node:crypto';
import { parseTwiml, type TwimlNode } from './twiml-document.js';
import type { CallEvent, CallOptions } from './twiml-executor.js';

const sid = (prefix: string) => prefix + randomBytes(16).toString('hex');

/** The next request to make, or how the call ended. */
export type Next = { url: string; extra: Record<string, string> } | { outcome: string };

const SUPERSEDED: Next = { outcome: 'superseded' };

function speak(node: TwimlNode, emit: (e: CallEvent) => void) {
  if (node.name === 'Say') emit({ kind: 'say', text: node.text, language: node.attrs.language, voice: node.attrs.voice });
  else if (node.name === 'Play') emit({ kind: 'play', url: node.text });
  else if (node.name === 'Pause') emit({ kind: 'pause', seconds: Number(node.attrs.length ?? 1) });
}

/** Runs one document's verbs; returns the next request to make, or how the call ended. */
export async function executeVerbs(verbs: TwimlNode[], currentUrl: string, o: CallOptions, emit: (e: CallEvent) => void): Promise<Next> {
  const resolve = (u: string | undefined) => new URL(u || currentUrl, currentUrl).toString();
  const stale = () => o.isStale?.() ?? false;
  let heardSince: string[] = [];
  const hear = (e: CallEvent) => {
    if (e.kind === 'say') heardSince.push(e.text);
    emit(e);
  };
  for (const v of verbs) {
    if (stale()) return SUPERSEDED;
    switch (v.name) {
      case 'Say':
      case 'Play':
        speak(v, hear);
        break;
      case 'Pause':
        speak(v, hear);
        await o.pause?.(Number(v.attrs.length ?? 1));
        break;
      case 'Gather': {
        for (const c of v.children) speak(c, hear);
        const action = await o.party.respond({ verb: 'Gather', heard: heardSince, attrs: v.attrs });
        heardSince = [];
        if (stale()) return SUPERSEDED;
        if (action.kind === 'hangup') return { outcome: 'caller-hangup' };
        const finishOnKey = v.attrs.finishOnKey ?? '#';
        let digits = action.kind === 'digits' ? action.digits : '';
        if (v.attrs.numDigits) digits = digits.slice(0, Number(v.attrs.numDigits));
        else if (finishOnKey && digits.endsWith(finishOnKey)) digits = digits.slice(0, -finishOnKey.length);
        // No input: Twilio runs the next verb unless actionOnEmptyResult is set (twilio-notes TW-23).
        if (digits === '' && v.attrs.actionOnEmptyResult !== 'true') break;
        emit({ kind: 'input', verb: 'Gather', action: resolve(v.attrs.action), keys: digits.length });
        return { url: resolve(v.attrs.action), extra: { Digits: digits } };
      }
      case 'Record': {
        const action = await o.party.respond({ verb: 'Record', heard: heardSince, attrs: v.attrs });
        heardSince = [];
        if (stale()) return SUPERSEDED;
        if (action.kind === 'hangup') return { outcome: 'caller-hangup' };
        if (action.kind !== 'speak') break; // nothing recorded: Twilio goes on with the next verb
        const seconds = Math.min(action.seconds, Number(v.attrs.maxLength ?? 3600));
        const made = o.record ? await o.record(seconds) : undefined;
        const recordingSid = made?.sid ?? sid('RE');
        const rec = {
          RecordingSid: recordingSid,
          RecordingUrl: made?.url ?? `https://api.twilio.com/2010-04-01/Accounts/${o.params.AccountSid ?? 'AC'}/Recordings/${recordingSid}`,
          RecordingDuration: String(seconds),
        };
        emit({ kind: 'input', verb: 'Record', action: resolve(v.attrs.action) });
        if (v.attrs.recordingStatusCallback) {
          await o.transport.post(resolve(v.attrs.recordingStatusCallback), {
            ...o.params,
            ...rec,
            RecordingStatus: 'completed',
            RecordingChannels: '1',
            RecordingSource: 'RecordVerb',
          });
        }
        return { url: resolve(v.attrs.action), extra: { ...rec, Digits: '#' } };
      }
      case 'Redirect':
        return { url: resolve(v.text), extra: {} };
      case 'Enqueue': {
        if (o.enqueue) {
          const next = await o.enqueue(v, resolve, hear);
          if (next) return next;
          break; // without an action Twilio goes on with the next verb once the call leaves the queue
        }
        if (v.attrs.waitUrl) {
          const wait = await o.transport.post(resolve(v.attrs.waitUrl), {
            ...o.params,
            QueuePosition: '1',
            QueueTime: '0',
            AvgQueueTime: '0',
            CurrentQueueSize: '1',
            QueueSid: sid('QU'),
          });
          emit({ kind: 'request', url: resolve(v.attrs.waitUrl), status: wait.status });
          if (wait.status === 200) for (const c of parseTwiml(wait.body).children) speak(c, hear);
        }
        return { outcome: `enqueued:${v.text}` };
      }
      case 'Dial': {
        const dialled = o.dial ? await o.dial(v, resolve) : 'completed';
        const { status, extra } = typeof dialled === 'string' ? { status: dialled, extra: {} } : dialled;
        if (stale()) return SUPERSEDED;
        emit({ kind: 'dial', target: v.children[0] ? `${v.children[0].name}:${v.children[0].text}` : v.text, status });
        if (v.attrs.action) return { url: resolve(v.attrs.action), extra: { ...extra, DialCallStatus: status } };
        break; // without an action, the call goes on with the next verb after the Dial ends
      }
      case 'Hangup':
        return { outcome: 'hangup' };
      case 'Reject':
        return { outcome: 'rejected' };
      case 'Leave':
        if (o.inQueue) return { outcome: 'leave' };
        break; // outside a queue, Twilio ignores it
      default:
        emit({ kind: 'unsupported', verb: v.name });
    }
  }
  return { outcome: 'end-of-document' };
}
