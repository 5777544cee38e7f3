import type { Command } from 'commander';
import { action, printJson } from '../run-command.js';
import { withApi, withUrlOption } from '../with-api.js';
import { formatCallStart, formatTime, viewerZone } from '../format-time.js';
import { CANCEL_REASONS } from '../../calls/reason-codes.js';
import type { getCall, listCalls } from '../../calls/get-call.js';
import type { ReconcileReport } from '../../worker/reconcile-call-jobs.js';

type CallRow = Awaited<ReturnType<typeof listCalls>>[number];
type CallDetail = Awaited<ReturnType<typeof getCall>>;

/** `kinline calls`: supervised calls from the command line, through the REST API. Numbers are masked, as in the API. */
export function registerCalls(program: Command) {
  const calls = program.command('calls').description('supervised calls home: list, show, cancel, repair the queue');
  withUrlOption(
    calls
      .command('list')
      .description('calls by state (at most 200, newest first)')
      .option('--state <states>', 'comma-separated states, e.g. scheduled,connected (default: all)')
      .option('--json', 'print as JSON'),
  ).action(
    action(async (config, o: { state?: string; json?: boolean; url?: string }) => {
      const query = new URLSearchParams({ limit: '200', ...(o.state ? { state: o.state } : {}) });
      const [rows, zone] = await withApi(config, o, async (api) => [
        (await api.get<{ calls: CallRow[] }>(`/api/calls?${query}`)).calls,
        await viewerZone(api),
      ]);
      if (o.json) return printJson(rows);
      for (const c of rows)
        process.stdout.write(
          `${c.id}  ${c.state.padEnd(19)} ${formatTime(c.startAt, zone)}  attempts ${c.attempts}/${c.maxAttempts}${c.finalReason ? `  ${c.finalReason}` : ''}\n`,
        );
      if (!rows.length) process.stdout.write('no calls\n');
    }),
  );
  withUrlOption(
    calls.command('show <id>').description('one call: state, attempts and its timeline').option('--json', 'print as JSON'),
  ).action(
    action(async (config, id: string, o: { json?: boolean; url?: string }) => {
      const [c, zone] = await withApi(config, o, async (api) => [
        await api.get<CallDetail>(`/api/calls/${encodeURIComponent(id)}`),
        await viewerZone(api),
      ]);
      if (o.json) return printJson(c);
      process.stdout.write(
        `${c.id}  ${c.state}  start ${formatCallStart(c.startAt, zone, c.relativeTimeZone)}  line ${c.facilityLine}  attempts ${c.attempts}/${c.maxAttempts}\n`,
      );
      for (const e of c.events)
        process.stdout.write(`  ${formatTime(e.at, zone)}  ${e.kind}${e.actor && e.actor !== 'system' ? `  by ${e.actor}` : ''}\n`);
    }),
  );
  withUrlOption(
    calls
      .command('cancel <id>')
      .description('cancel a scheduled or running call; the reason goes to both sides (O-07)')
      .requiredOption('--reason <code>', `one of ${CANCEL_REASONS.join(', ')}`),
  ).action(
    action(async (config, id: string, o: { reason: string; url?: string }) => {
      const c = await withApi(config, o, (api) =>
        api.post<{ callId: string; reason: string }>(`/api/calls/${encodeURIComponent(id)}/cancel`, { reason: o.reason }),
      );
      process.stdout.write(`${c.callId} cancelled (${c.reason})\n`);
    }),
  );
  withUrlOption(
    calls
      .command('reconcile')
      .description('re-create dial jobs missing from Redis and remove those of cancelled calls (the database is the truth)')
      .option('--json', 'print as JSON'),
  ).action(
    action(async (config, o: { json?: boolean; url?: string }) => {
      const r = await withApi(config, o, (api) => api.post<ReconcileReport>('/api/calls/reconcile'));
      if (o.json) printJson(r);
      else process.stdout.write(`checked ${r.checked} calls: ${r.recreated} jobs re-created, ${r.removed} removed\n`);
    }),
  );
}
