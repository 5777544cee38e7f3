import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { action, printJson } from '../run-command.js';
import { runCall, type CallEvent } from '../../telephony/simulated/twiml-executor.js';
import { scriptedParty } from '../../telephony/simulated/party.js';
import { interactiveParty } from '../../telephony/simulated/interactive-party.js';
import { createSignedTransport } from '../../telephony/simulated/signed-transport.js';
import { remoteRecorder } from '../../telephony/simulated/remote-recorder.js';
import { placeRemoteCaller, scriptRemoteOperator, watchRemoteOperator } from '../../telephony/simulated/remote-operator.js';
import type { SimEvent } from '../../telephony/simulated/party-script.js';

interface CallOpts {
  url?: string;
  publicUrl?: string;
  token?: string;
  from: string;
  to?: string;
  digits?: string;
  json?: boolean;
  operator?: boolean;
  onCarrier?: boolean;
  phone?: string;
  talk?: string;
  answer: string;
  ring?: string;
  wait: string;
}

function printOperator(e: SimEvent) {
  if (e.kind === 'say' || e.kind === 'announce') process.stdout.write(`  ${e.text}\n`);
  else if (e.kind === 'status') process.stdout.write(`  (${e.text})\n`);
  else if (e.kind === 'pressed') process.stdout.write(`  (pressed ${String(e.detail?.count ?? '')} key(s))\n`);
  else if (e.kind === 'queue_bridged' || e.kind === 'bridged' || e.kind === 'conference_join') process.stdout.write(`  (put through)\n`);
  else if (e.kind === 'enqueued') process.stdout.write(`  (waiting in the queue)\n`);
  else if (e.kind === 'queue_result') process.stdout.write(`  (left the queue: ${e.text ?? ''})\n`);
}

const seconds = (v: string | undefined, name: string) => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number of seconds, e.g. 30`);
  return Math.round(n * 1000);
};

function print(e: CallEvent) {
  if (e.kind === 'say') process.stdout.write(`  [${e.language ?? '?'}] ${e.text}\n`);
  else if (e.kind === 'play') process.stdout.write(`  (audio ${e.url})\n`);
  else if (e.kind === 'pause') process.stdout.write(`  (silence ${e.seconds}s)\n`);
  else if (e.kind === 'dial') process.stdout.write(`  (dial ${e.target}: ${e.status})\n`);
  else if (e.kind === 'request' && e.status !== 200)
    process.stdout.write(`  (${e.status ? `HTTP ${e.status}` : 'no answer'} from ${new URL(e.url).pathname})\n`);
}

/** `kinline call`: plays Twilio against a running kinline and prints what the caller hears. */
export function registerCall(program: Command) {
  program
    .command('call')
    .description('simulate an inbound call: signed webhooks as Twilio sends them; prints what the caller hears and the outcome')
    .option('--url <url>', 'where kinline listens (default: PUBLIC_BASE_URL)')
    .option('--public-url <url>', 'the PUBLIC_BASE_URL kinline signs against, when it differs from --url')
    .option('--token <token>', 'the Twilio auth token kinline validates with (default: TWILIO_AUTH_TOKEN or the simulated one)')
    .option('--from <e164>', 'the caller ID to present (never proof of identity)', '+79160000000')
    .option('--to <e164>', 'the number called (default: TWILIO_HOTLINE_NUMBER)')
    .option(
      '--digits <list>',
      'keys per prompt, comma-separated, from the language menu on: "1,1,7319045624#,1,246813#" is Russian, status, the first demo reference, confirm, its secret; an empty item is no input, h hangs up, rec:N records N s',
    )
    .option('--json', 'print the events and outcome as JSON')
    .option(
      '--operator',
      'play an operator instead: when kinline (on its simulated carrier) rings --phone, answer as told; prints what they hear',
    )
    .option(
      '--on-carrier',
      "place the caller on kinline's own simulated carrier, so that pressing 0 queues them for a real operator on duty (see --operator); --talk hangs up after that long with the operator",
    )
    .option('--phone <e164>', "the operator's number, as given when going on duty (with --operator)")
    .option('--answer <how>', 'with --operator: answer, no-answer or busy', 'answer')
    .option('--talk <seconds>', 'with --operator: hang up this long after being put through to the caller')
    .option('--ring <seconds>', 'with --operator: ring this long before answering (or giving up)')
    .option('--wait <seconds>', 'with --operator: give up when kinline has not rung within this time', '600')
    .action(
      action(async (config, o: CallOpts) => {
        const url = (o.url ?? config.http.publicBaseUrl).replace(/\/+$/, '');
        if (o.operator) {
          if (!o.phone) throw new Error('--phone is required with --operator: the number the operator went on duty with');
          const remote = {
            serverUrl: url,
            accountSid: config.twilio.accountSid,
            authToken: o.token ?? config.twilio.authToken,
            phone: o.phone,
          };
          const digits = (o.digits ?? '1').split(',').map((d) => d.trim());
          await scriptRemoteOperator(remote, {
            answer: o.answer,
            digits,
            talkMs: seconds(o.talk, '--talk'),
            ringMs: seconds(o.ring, '--ring'),
          });
          process.stdout.write(`waiting for kinline to ring ${o.phone}…\n`);
          const rung = await watchRemoteOperator(remote, o.json ? (e) => printJson(e) : printOperator, seconds(o.wait, '--wait')!);
          if (!rung) {
            process.stdout.write('nobody rang this number\n');
            process.exitCode = 1;
          }
          return;
        }
        const publicUrl = (o.publicUrl ?? url).replace(/\/+$/, '');
        if (o.onCarrier) {
          const remote = {
            serverUrl: url,
            accountSid: config.twilio.accountSid,
            authToken: o.token ?? config.twilio.authToken,
            phone: o.from,
          };
          // On the carrier the caller stays on the line once the keys run out (waiting in the queue): no 'h'.
          const digits = (o.digits ?? '')
            .split(',')
            .map((d) => d.trim())
            .filter((d) => d !== 'h');
          await placeRemoteCaller(remote, {
            to: o.to ?? config.twilio.hotlineNumber,
            url: `${publicUrl}/voice/incoming`,
            statusCallback: `${publicUrl}/voice/status`,
            digits,
            talkMs: seconds(o.talk, '--talk'),
          });
          await watchRemoteOperator(remote, o.json ? (e) => printJson(e) : printOperator, seconds(o.wait, '--wait')!);
          return;
        }
        const interactive = o.digits === undefined && process.stdin.isTTY;
        const party = interactive ? interactiveParty(process.stdin, process.stdout) : scriptedParty(o.digits ?? '');
        try {
          const result = await runCall({
            url: `${publicUrl}/voice/incoming`,
            params: {
              CallSid: `CA${randomBytes(16).toString('hex')}`,
              AccountSid: config.twilio.accountSid,
              From: o.from,
              To: o.to ?? config.twilio.hotlineNumber,
              Direction: 'inbound',
              ApiVersion: '2010-04-01',
            },
            party,
            transport: createSignedTransport({
              authToken: o.token ?? config.twilio.authToken,
              targetBaseUrl: url,
              publicBaseUrl: publicUrl,
            }),
            statusCallback: `${publicUrl}/voice/status`,
            record: remoteRecorder({ serverUrl: url, accountSid: config.twilio.accountSid, authToken: o.token ?? config.twilio.authToken }),
            onEvent: o.json ? undefined : print,
          });
          if (o.json) printJson({ outcome: result.outcome, events: result.events });
          else process.stdout.write(`outcome: ${result.outcome}\n`);
          if (/^(http-|invalid-twiml|too-many)/.test(result.outcome)) process.exitCode = 1;
        } finally {
          if ('close' in party) party.close();
        }
      }),
    );
}
