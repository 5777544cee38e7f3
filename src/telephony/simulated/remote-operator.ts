import { SIMULATED_CARRIER_PATH } from './simulated-recordings.js';
import type { SimEvent } from './party-script.js';

export interface RemoteOperator {
  serverUrl: string;
  accountSid: string;
  authToken: string;
  phone: string;
}

interface PartyEvents {
  calls: Array<{ sid: string; status: string; ended: boolean }>;
  events: SimEvent[];
}

function api(o: RemoteOperator, path: string) {
  return {
    url: `${o.serverUrl.replace(/\/+$/, '')}${SIMULATED_CARRIER_PATH}/2010-04-01/Accounts/${o.accountSid}/${path}`,
    headers: { authorization: `Basic ${Buffer.from(`${o.accountSid}:${o.authToken}`).toString('base64')}` },
  };
}

async function answerOf(res: Response): Promise<unknown> {
  const body = (await res.json().catch(() => ({}))) as { message?: string };
  if (!res.ok) throw new Error(`the simulated carrier refused (${res.status}): ${body.message ?? 'no reason given'}`);
  return body;
}

/**
 * Scripts the party at `phone` on the simulated carrier of a running kinline (its simulated-only SimulatedParties
 * route): from now on, when kinline rings that number, the carrier answers as told.
 */
export async function scriptRemoteOperator(
  o: RemoteOperator,
  s: { answer: string; digits: string[]; talkMs?: number; ringMs?: number },
): Promise<void> {
  const { url, headers } = api(o, 'SimulatedParties.json');
  const form = new URLSearchParams({ Phone: o.phone, Answer: s.answer, Digits: s.digits.join(',') });
  if (s.talkMs !== undefined) form.set('HangupAfterJoinMs', String(s.talkMs));
  if (s.ringMs !== undefined) form.set('RingMs', String(s.ringMs));
  const res = await fetch(url, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
    signal: AbortSignal.timeout(10_000),
  });
  await answerOf(res);
}

/**
 * Polls what the calls to `phone` did and heard and hands each new event to `onEvent`, until a call to the number
 * has come and every one has ended (true), or `waitMs` passed without one (false).
 */
export async function watchRemoteOperator(o: RemoteOperator, onEvent: (e: SimEvent) => void, waitMs: number): Promise<boolean> {
  const { url, headers } = api(o, `SimulatedParties/${encodeURIComponent(o.phone)}/Events.json`);
  const seen = new Set<string>();
  const until = Date.now() + waitMs;
  for (;;) {
    const r = (await answerOf(await fetch(url, { headers, signal: AbortSignal.timeout(10_000) }))) as PartyEvents;
    for (const e of r.events) {
      const key = `${e.at}|${e.callSid}|${e.kind}|${e.text ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      onEvent(e);
    }
    if (r.calls.length > 0 && r.calls.every((c) => c.ended)) return true;
    if (r.calls.length === 0 && Date.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

/**
 * Places a scripted caller on the simulated carrier of a running kinline (its simulated-only SimulatedCalls route),
 * so that its `<Enqueue>` joins the carrier's real queue and an operator on duty can be put through to it.
 */
export async function placeRemoteCaller(
  o: RemoteOperator,
  c: { to: string; url: string; statusCallback: string; digits: string[]; talkMs?: number },
): Promise<string> {
  const { url, headers } = api(o, 'SimulatedCalls.json');
  const form = new URLSearchParams({ From: o.phone, To: c.to, Url: c.url, StatusCallback: c.statusCallback, Digits: c.digits.join(',') });
  if (c.talkMs !== undefined) form.set('HangupAfterJoinMs', String(c.talkMs));
  const res = await fetch(url, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
    signal: AbortSignal.timeout(10_000),
  });
  return ((await answerOf(res)) as { sid: string }).sid;
}
