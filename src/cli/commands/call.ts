import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { action, printJson } from '../run-command.js';
import { runCall, type CallEvent } from '../../telephony/simulated/twiml-executor.js';
import { scriptedParty } from '../../telephony/simulated/party.js';
import { interactiveParty } from '../../telephony/simulated/interactive-party.js';
import { createSignedTransport } from '../../telephony/simulated/signed-transport.js';
import { remoteRecorder } from '../../telephony/simulated/remote-recorder.js';

interface CallOpts {
  url?: string;
  publicUrl?: string;
  token?: string;
  from: string;
  to?: string;
  digits?: string;
  json?: boolean;
}

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
    .action(
      action(async (config, o: CallOpts) => {
        const url = (o.url ?? config.http.publicBaseUrl).replace(/\/+$/, '');
        const publicUrl = (o.publicUrl ?? url).replace(/\/+$/, '');
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
