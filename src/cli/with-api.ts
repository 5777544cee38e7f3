import type { Server } from 'node:http';
import type { Command } from 'commander';
import type { Config } from '../config/config.js';
import { AppError } from '../shared/errors.js';
import { createLogger } from '../shared/logger.js';
import { readLock } from '../storage/database.js';
import { newLocalCliToken, readLocalCliToken, cliTokenFile } from '../accounts/local-cli-token.js';
import { buildContext } from '../server/build-context.js';
import { createApp } from '../server/create-app.js';
import { createApiClient, type ApiClient } from './api-client.js';

/** The --url option of every command that goes through the API. */
export const withUrlOption = (cmd: Command): Command =>
  cmd.option('--url <url>', 'a kinline server elsewhere (default: KINLINE_URL; your API token in KINLINE_API_TOKEN)');

export interface ApiOptions {
  /** --url: a kinline server elsewhere; KINLINE_URL by default. */
  url?: string;
}

/** Where a command's API requests go; see withApi. */
async function connect(config: Config, opts: ApiOptions): Promise<{ api: ApiClient; close(): Promise<void> }> {
  const url = (opts.url ?? process.env.KINLINE_URL)?.replace(/\/+$/, '');
  if (url) {
    const token = process.env.KINLINE_API_TOKEN?.trim();
    if (!token)
      throw new AppError(
        'token_required',
        `set KINLINE_API_TOKEN to your API token to use kinline at ${url} (the console's API tokens page, or \`kinline user add NAME --role admin --token\`)`,
        401,
      );
    return { api: createApiClient(url, token, 'KINLINE_API_TOKEN'), close: async () => {} };
  }
  const holder = config.database.url ? null : readLock(config.database.dataDir);
  if (holder?.serverUrl) {
    const token = readLocalCliToken(config.database.dataDir);
    if (!token)
      throw new AppError(
        'cli_token_missing',
        `the server at ${holder.serverUrl} (pid ${holder.pid}) holds the database but ${cliTokenFile(config.database.dataDir)} cannot be read: ` +
          'run this command as the user who runs the server, or set KINLINE_URL and KINLINE_API_TOKEN',
        401,
      );
    return { api: createApiClient(holder.serverUrl, token, cliTokenFile(config.database.dataDir)), close: async () => {} };
  }
  // No server holds the database: the same app, in this process, for this one command (web only, no workers).
  const ctx = await buildContext(config, { logger: createLogger(config.logLevel === 'silent' ? 'silent' : 'warn', process.stderr) });
  let server: Server | undefined;
  try {
    ctx.localCliToken = newLocalCliToken();
    const app = createApp(ctx);
    server = await new Promise<Server>((resolve, reject) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
      s.once('error', reject);
    });
    const { port } = server.address() as { port: number };
    const api = createApiClient(`http://127.0.0.1:${port}`, ctx.localCliToken, 'this process');
    const s = server;
    return {
      api,
      close: async () => {
        s.closeAllConnections();
        await new Promise<void>((r) => s.close(() => r()));
        await ctx.close();
      },
    };
  } catch (e) {
    server?.close();
    await ctx.close();
    throw e;
  }
}

/**
 * Runs a command against kinline's REST API, the one way every data command works: a server named by --url or
 * KINLINE_URL (with KINLINE_API_TOKEN); else the server holding the embedded database, found through the lock
 * in DATA_DIR and let in by the token it left beside it; else the app built in this process for the command.
 * So a command does the same thing, checked and audited the same way, wherever the server runs.
 */
export async function withApi<T>(config: Config, opts: ApiOptions, fn: (api: ApiClient) => Promise<T>): Promise<T> {
  const c = await connect(config, opts);
  try {
    return await fn(c.api);
  } finally {
    await c.close();
  }
}
