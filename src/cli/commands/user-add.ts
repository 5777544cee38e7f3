import type { Command } from 'commander';
import { action, printJson } from '../run-command.js';
import { withRepositories } from '../with-repositories.js';
import { ROLES, type Role } from '../../storage/schema.js';
import { AppError } from '../../shared/errors.js';

async function readPassword(): Promise<string> {
  if (process.env.KINLINE_PASSWORD) return process.env.KINLINE_PASSWORD;
  if (process.stdin.isTTY) throw new AppError('password_required', 'give the password in KINLINE_PASSWORD or on standard input');
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').trim();
}

export function registerUser(program: Command) {
  const user = program.command('user').description('console accounts');
  user
    .command('add <username>')
    .description('create a console account; the password comes from KINLINE_PASSWORD or standard input')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--name <displayName>', 'name shown in the console')
    .option('--language <lang>', 'console language: uk or en', 'uk')
    .option('--token', 'also create an API token for this account and print it once')
    .option('--json', 'print the result as JSON')
    .action(
      action(async (config, username: string, opts: { role: string; name?: string; language: string; token?: boolean; json?: boolean }) => {
        if (!ROLES.includes(opts.role as Role))
          throw new AppError('invalid_role', `--role must be one of ${ROLES.join(', ')}, not ${opts.role}`);
        const password = await readPassword();
        if (password.length < 12) throw new AppError('weak_password', 'the password must have at least 12 characters');
        const result = await withRepositories(config, async (r) => {
          if (await r.users.findByUsername(username)) throw new AppError('user_exists', `user ${username} already exists`);
          const u = await r.users.create({ username, password, role: opts.role as Role, displayName: opts.name, language: opts.language });
          await r.audit.append({ actor: 'cli', action: 'user.create', subjectType: 'user', subjectId: u.id, detail: { role: u.role } });
          const token = opts.token ? (await r.users.createApiToken(u.id, 'cli')).token : undefined;
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
