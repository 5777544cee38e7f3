import type { Command } from 'commander';
import { action } from '../run-command.js';
import { startServer, type Role } from '../../server/start-server.js';

/** How long a stop may take before the process exits anyway. */
const STOP_LIMIT_MS = 15_000;

export function registerServe(program: Command) {
  program
    .command('serve')
    .description('run the webhook server and the call worker (the single-machine default)')
    .option('--role <role>', 'all, web (stateless webhooks, API, console) or worker (BullMQ)', 'all')
    .action(
      action(async (config, opts: { role: Role }) => {
        if (!['all', 'web', 'worker'].includes(opts.role)) throw new Error(`--role must be all, web or worker, not ${opts.role}`);
        const running = await startServer(config, opts.role);
        const msg = running.url
          ? `kinline ${opts.role} listening on ${running.url} — console: ${running.url}/login (public ${config.http.publicBaseUrl}, carrier ${config.twilio.carrier})`
          : `kinline worker running`;
        process.stderr.write(`${msg}\n`);
        let stopping = false;
        const stop = async (signal: string) => {
          if (stopping) return;
          stopping = true;
          running.ctx.logger.info({ signal }, 'server:stop');
          // A stop that hangs must not keep the process alive. BullMQ's Worker.close() can wait forever when its
          // blocking Redis client is still reconnecting after an outage (seen in test/integration/redis-outage-logs).
          // A call caught mid-dial is picked up again by the worker's reconcile after a restart, as after a crash.
          setTimeout(() => {
            running.ctx.logger.warn({ signal, limitMs: STOP_LIMIT_MS }, 'server:stop-timeout: exiting without a clean stop');
            process.exit(1);
          }, STOP_LIMIT_MS).unref();
          await running.stop();
          process.exit(0);
        };
        process.on('SIGTERM', () => void stop('SIGTERM'));
        process.on('SIGINT', () => void stop('SIGINT'));
      }),
    );
}
