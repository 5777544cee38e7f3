import type { Command } from 'commander';
import { action, printJson } from '../run-command.js';
import { withApi, withUrlOption } from '../with-api.js';
import { ROLES } from '../../storage/schema.js';
import { AppError } from '../../shared/errors.js';

async function readPassword(): Promise<string> {
  if (process.env.KINLINE_PASSWORD) return process.env.KINLINE_PASSWORD;
  if (process.stdin.isTTY) throw new AppError('password_required', 'give the password in KINLINE_PASSWORD or on standard input');
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').trim();
}

interface UserAddOpts {
  role: string;
  name?: string;
  language: string;
  token?: boolean;
  json?: boolean;
  url?: string;
}

export function registerUser(program: Command) {
  const user = program.command('user').description('console accounts');
  withUrlOption(
    user
      .command('add <username>')
      .description('create a console account; the password comes from KINLINE_PASSWORD or standard input')
      .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
      .option('--name <displayName>', 'name shown in the console')
      .option('--language <lang>', 'console language: uk or en', 'uk')
      .option('--token', 'also create an API token for this account and print it once')
      .option('--json', 'print the result as JSON'),
  ).action(
    action(async (config, username: string, opts: UserAddOpts) => {
      const password = await readPassword();
      const body = { username, password, role: opts.role, displayName: opts.name, language: opts.language };
      const result = await withApi(config, opts, async (api) => {
        const u = await api.post<{ id: number; username: string; role: string }>('/api/users', body);
        const token = opts.token ? (await api.post<{ token: string }>('/api/tokens', { name: 'cli', userId: u.id })).token : undefined;
        return { id: u.id, username: u.username, role: u.role, ...(token ? { token } : {}) };
      });
      if (opts.json) printJson(result);
      else
        process.stdout.write(
          `created ${result.role} ${result.username}${result.token ? `\nAPI token (shown once): ${result.token}` : ''}\n`,
        );
    }),
  );
}
