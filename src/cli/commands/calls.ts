import type { Command } from 'commander';
import { action, printJson } from '../run-command.js';
import { buildContext } from '../../server/build-context.js';
import type { AppContext } from '../../app-context.js';
import type { Config } from '../../config/config.js';
import { getCall, listCalls } from '../../calls/get-call.js';
import { cancelCall } from '../../calls/cancel-call.js';
import { CANCEL_REASONS } from '../../calls/reason-codes.js';
import { reconcileCallJobs } from '../../worker/reconcile-call-jobs.js';

async function withContext<T>(config: Config, fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  const ctx = await buildContext(config);
  try {
    return await fn(ctx);
  } finally {
    await ctx.close();
  }
}

/** `kinline calls`: supervised calls from the command line. Numbers are masked, as in the API. */
export function registerCalls(program: Command) {
  const calls = program.command('calls').description('supervised calls home: list, show, cancel, repair the queue');
  calls
    .command('list')
    .description('calls by state (at most 200, newest first)')
    .option('--state <states>', 'comma-separated states, e.g. scheduled,connected (default: all)')
    .option('--json', 'print as JSON')
    .action(
      action(async (config, o: { state?: string; json?: boolean }) => {
        const rows = await withContext(config, (ctx) =>
          listCalls(
            ctx,
            (o.state ?? '')
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean),
            200,
          ),
        );
        if (o.json) return printJson(rows);
        for (const c of rows)
          process.stdout.write(
            `${c.id}  ${c.state.padEnd(19)} ${new Date(c.startAt).toISOString()}  attempts ${c.attempts}/${c.maxAttempts}${c.finalReason ? `  ${c.finalReason}` : ''}\n`,
          );
        if (!rows.length) process.stdout.write('no calls\n');
      }),
    );
  calls
    .command('show <id>')
    .description('one call: state, attempts and its timeline')
    .option('--json', 'print as JSON')
    .action(
      action(async (config, id: string, o: { json?: boolean }) => {
        const c = await withContext(config, (ctx) => getCall(ctx, id));
        if (o.json) return printJson(c);
        process.stdout.write(
          `${c.id}  ${c.state}  start ${new Date(c.startAt).toISOString()}  line ${c.facilityLine}  attempts ${c.attempts}/${c.maxAttempts}\n`,
        );
        for (const e of c.events)
          process.stdout.write(`  ${new Date(e.at).toISOString()}  ${e.kind}${e.actor && e.actor !== 'system' ? `  by ${e.actor}` : ''}\n`);
      }),
    );
  calls
    .command('cancel <id>')
    .description('cancel a scheduled or running call; the reason goes to both sides (O-07)')
    .requiredOption('--reason <code>', `one of ${CANCEL_REASONS.join(', ')}`)
    .action(
      action(async (config, id: string, o: { reason: string }) => {
        const c = await withContext(config, (ctx) => cancelCall(ctx, id, { reason: o.reason as never }, 'cli'));
        process.stdout.write(`${c.id} cancelled (${c.final_reason})\n`);
      }),
    );
  calls
    .command('reconcile')
    .description('re-create dial jobs missing from Redis and remove those of cancelled calls (the database is the truth)')
    .option('--json', 'print as JSON')
    .action(
      action(async (config, o: { json?: boolean }) => {
        const r = await withContext(config, (ctx) => reconcileCallJobs(ctx));
        if (o.json) printJson(r);
        else process.stdout.write(`checked ${r.checked} calls: ${r.recreated} jobs re-created, ${r.removed} removed\n`);
      }),
    );
}
