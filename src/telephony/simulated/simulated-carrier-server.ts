import express, { type Express, type Request, type Response } from 'express';
import { CarrierError } from '../port.js';
import type { SimulatedCarrier } from './simulated-carrier.js';
import { queueRoutes } from './queue-routes.js';
import { simulatedOnlyRoutes } from './simulated-only-routes.js';

export interface CapturedRequest {
  method: string;
  /** Path as sent, e.g. /2010-04-01/Accounts/AC…/Calls.json */
  path: string;
  /** Form parameters; a repeated key is an array. */
  params: Record<string, string | string[]>;
}

export interface CarrierServerOptions {
  /** Sees every REST request first (the spec test captures them). */
  onRequest?: (r: CapturedRequest) => void;
  /** Runs before a CreateCall is executed; may hold it (the crash test kills the worker meanwhile). */
  beforeCreateCall?: (params: Record<string, string | string[]>) => Promise<void>;
  /** After the operation ran, drop the connection instead of answering (a lost response: the call exists). */
  dropResponse?: (r: CapturedRequest) => boolean;
}

const list = (v: string | string[] | undefined, spaceSeparated: boolean): string[] | undefined => {
  if (v === undefined) return undefined;
  const arr = Array.isArray(v) ? v : [v];
  return spaceSeparated ? arr.flatMap((s) => s.split(' ')).filter(Boolean) : arr;
};
const bool = (v: unknown) => (v === undefined ? undefined : String(v) === 'true');
const num = (v: unknown) => (v === undefined ? undefined : Number(v));
const str = (v: unknown) => (v === undefined ? undefined : String(v));

/**
 * The simulated carrier behind Twilio's REST API 2010-04-01 (the operations kinline uses), so the real
 * Twilio adapter can talk to it through TWILIO_API_BASE_URL, from another process too.
 */
export function simulatedCarrierServer(carrier: SimulatedCarrier, opts: CarrierServerOptions = {}): Express {
  const app = express();
  app.use(express.urlencoded({ extended: false }));
  const base = '/2010-04-01/Accounts/:account';
  const authorized = (req: Request) =>
    Buffer.from(String(req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString() ===
    `${carrier.o.accountSid}:${carrier.o.authToken}`;
  const handle = (fn: (req: Request, p: Record<string, string | string[]>) => Promise<unknown>) => async (req: Request, res: Response) => {
    const p = (req.body ?? {}) as Record<string, string | string[]>;
    opts.onRequest?.({ method: req.method, path: req.path, params: p });
    if (!authorized(req)) return void res.status(401).json({ code: 20003, message: 'Authenticate', status: 401 });
    try {
      const out = await fn(req, p);
      if (opts.dropResponse?.({ method: req.method, path: req.path, params: p })) return void req.socket.destroy();
      res.status(req.path.endsWith('Calls.json') || req.path.endsWith('Participants.json') ? 201 : 200).json(out);
    } catch (e) {
      const status = e instanceof CarrierError ? e.status : 500;
      res.status(status).json({
        code: e instanceof CarrierError ? e.code : 20500,
        message: (e as Error).message,
        status,
        more_info: 'https://www.twilio.com/docs/errors',
      });
    }
  };
  // Not Twilio's API: a caller played by `kinline call` in another process records here, so its recording is
  // made by the carrier that serves it.
  app.post(
    `${base}/Recordings.json`,
    handle(async (_req, p) => {
      const { sid, url } = carrier.recordings.make(Number(p.RecordingDuration ?? 1) || 1);
      return { sid, account_sid: carrier.o.accountSid, media_url: url, status: 'completed' };
    }),
  );
  app.get(`${base}/Recordings/:file`, (req, res) => {
    if (!authorized(req)) return void res.status(401).json({ code: 20003, message: 'Authenticate', status: 401 });
    const wav = carrier.recordings.bySid(String(req.params.file).replace(/\.(wav|mp3)$/, ''));
    if (!wav) return void res.status(404).json({ code: 20404, message: 'The requested resource was not found', status: 404 });
    res.type('audio/wav').send(wav);
  });
  // Twilio answers a deleted recording with 204 and one it does not have with 404 (twilio-notes TW-43).
  app.delete(`${base}/Recordings/:file`, (req, res) => {
    opts.onRequest?.({ method: req.method, path: req.path, params: {} });
    if (!authorized(req)) return void res.status(401).json({ code: 20003, message: 'Authenticate', status: 401 });
    if (carrier.recordings.delete(String(req.params.file).replace(/\.json$/, ''))) return void res.status(204).end();
    res.status(404).json({ code: 20404, message: 'The requested resource was not found', status: 404 });
  });
  app.post(
    `${base}/Calls.json`,
    handle(async (_req, p) => {
      await opts.beforeCreateCall?.(p);
      const { sid } = await carrier.createCall({
        to: String(p.To),
        from: String(p.From),
        url: String(p.Url),
        fallbackUrl: str(p.FallbackUrl),
        statusCallback: str(p.StatusCallback),
        statusCallbackEvent: list(p.StatusCallbackEvent, false) as never,
        timeout: num(p.Timeout),
        timeLimit: num(p.TimeLimit),
        machineDetection: str(p.MachineDetection) as never,
        asyncAmd: bool(p.AsyncAmd),
        asyncAmdStatusCallback: str(p.AsyncAmdStatusCallback),
        record: bool(p.Record),
      });
      return { sid, account_sid: carrier.o.accountSid, to: p.To, from: p.From, status: 'queued', api_version: '2010-04-01' };
    }),
  );
  app.post(
    `${base}/Calls/:sid.json`,
    handle(async (req, p) => {
      await carrier.updateCall(String(req.params.sid), { status: str(p.Status) as never, url: str(p.Url), twiml: str(p.Twiml) });
      return { sid: req.params.sid, account_sid: carrier.o.accountSid, status: carrier.calls.get(String(req.params.sid))?.status };
    }),
  );
  app.post(
    `${base}/Conferences/:conf/Participants.json`,
    handle(async (req, p) => {
      const { callSid } = await carrier.createParticipant(String(req.params.conf), {
        from: String(p.From),
        to: String(p.To),
        label: str(p.Label),
        muted: bool(p.Muted),
        beep: str(p.Beep) as never,
        startConferenceOnEnter: bool(p.StartConferenceOnEnter),
        endConferenceOnExit: bool(p.EndConferenceOnExit),
        statusCallback: str(p.StatusCallback),
        statusCallbackEvent: list(p.StatusCallbackEvent, true),
        conferenceStatusCallback: str(p.ConferenceStatusCallback),
        conferenceStatusCallbackEvent: list(p.ConferenceStatusCallbackEvent, true),
        timeout: num(p.Timeout),
        timeLimit: num(p.TimeLimit),
        waitUrl: str(p.WaitUrl),
        machineDetection: str(p.MachineDetection) as never,
        amdStatusCallback: str(p.AmdStatusCallback),
        conferenceRecord: str(p.ConferenceRecord) as never,
        conferenceRecordingStatusCallback: str(p.ConferenceRecordingStatusCallback),
      });
      return {
        call_sid: callSid,
        account_sid: carrier.o.accountSid,
        label: p.Label ?? null,
        status: 'queued',
        muted: bool(p.Muted) ?? false,
      };
    }),
  );
  app.post(
    `${base}/Conferences/:conf/Participants/:callSid.json`,
    handle(async (req, p) => {
      await carrier.updateParticipant(String(req.params.conf), String(req.params.callSid), {
        muted: bool(p.Muted),
        hold: bool(p.Hold),
        announceUrl: str(p.AnnounceUrl),
      });
      return { call_sid: req.params.callSid, conference_sid: req.params.conf, account_sid: carrier.o.accountSid };
    }),
  );
  app.post(
    `${base}/Conferences/:conf.json`,
    handle(async (req, p) => {
      await carrier.updateConference(String(req.params.conf), { status: str(p.Status) as never, announceUrl: str(p.AnnounceUrl) });
      return { sid: req.params.conf, account_sid: carrier.o.accountSid, status: p.Status ?? 'in-progress' };
    }),
  );
  queueRoutes(app, base, carrier, handle);
  simulatedOnlyRoutes(app, base, carrier, handle);
  return app;
}
