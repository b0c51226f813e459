import {
  addUser,
  createApiToken,
  generatePassword,
  listOrganisationUsers,
  recordAudit,
  ROLES,
  setPassword,
  type Role,
} from '@joinery/core';
import { InvalidArgumentError, type Command } from 'commander';
import { withDatabase } from '../database.ts';
import { action } from '../run.ts';

function collectRole(value: string, previous: Role[]): Role[] {
  if (!ROLES.includes(value as Role)) throw new InvalidArgumentError(`"${value}" is not a role: choose from ${ROLES.join(', ')}`);
  return [...previous, value as Role];
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export function usersCommand(program: Command): void {
  const users = program.command('users').description('People who sign in, and their roles per organisation');
  users
    .command('add')
    .description('Add a user with one or more roles in an organisation')
    .requiredOption('-o, --organisation <code>', 'organisation code, e.g. casterbridge')
    .requiredOption('-u, --username <name>', 'sign-in name (lower case)')
    .requiredOption('-n, --name <full name>', 'name shown on pages and in the audit trail')
    .option('-e, --email <address>', 'email address (needed for single sign-on)')
    .option('-r, --role <role>', `a role (repeatable): ${ROLES.join(', ')}`, collectRole, [] as Role[])
    .option('--password-stdin', 'read the password from standard input (otherwise one is generated and printed)')
    .option('--sso-only', 'no password: the user signs in only with single sign-on')
    .addHelpText('after', '\nExample:\n  joinery users add -o casterbridge -u ann.smith -n "Ann Smith" -r admin -r viewer')
    .action(
      action(
        async (options: {
          organisation: string;
          username: string;
          name: string;
          email?: string;
          role: Role[];
          passwordStdin?: boolean;
          ssoOnly?: boolean;
        }) => {
          const password = options.ssoOnly ? undefined : options.passwordStdin ? await readStdin() : generatePassword();
          await withDatabase(async (database) => {
            const id = await addUser(database, {
              username: options.username,
              displayName: options.name,
              email: options.email ?? null,
              password,
              organisationCode: options.organisation,
              roles: options.role,
            });
            await recordAudit(database.db, {
              organisationCode: options.organisation,
              action: 'user.add',
              subjectType: 'user',
              subjectId: options.username,
              details: { roles: options.role, via: 'cli' },
            });
            process.stdout.write(`Added ${options.username} (${id}) to ${options.organisation} as ${options.role.join(', ')}\n`);
            if (password && !options.passwordStdin) process.stdout.write(`Password: ${password}\n`);
          });
        },
      ),
    );
  users
    .command('list')
    .description("List an organisation's users and their roles")
    .requiredOption('-o, --organisation <code>', 'organisation code')
    .action(
      action(async (options: { organisation: string }) => {
        await withDatabase(async (database) => {
          const rows = await listOrganisationUsers(database, options.organisation);
          await recordAudit(database.db, {
            organisationCode: options.organisation,
            action: 'organisation.users.view',
            subjectType: 'organisation',
            subjectId: options.organisation,
            details: { via: 'cli' },
          });
          for (const u of rows)
            process.stdout.write(`${u.username}\t${u.display_name}\t${u.roles.join(',')}\t${u.is_active ? 'active' : 'disabled'}\n`);
        });
      }),
    );
  users
    .command('passwd')
    .description("Set a user's password, read from standard input (or generated and printed)")
    .argument('<username>')
    .option('--password-stdin', 'read the password from standard input')
    .action(
      action(async (username: string, options: { passwordStdin?: boolean }) => {
        const password = options.passwordStdin ? await readStdin() : generatePassword();
        await withDatabase(async (database) => {
          await setPassword(database, username, password);
          await recordAudit(database.db, {
            action: 'user.password-set',
            subjectType: 'user',
            subjectId: username,
            details: { via: 'cli' },
          });
          process.stdout.write(options.passwordStdin ? `Password set for ${username}\n` : `Password for ${username}: ${password}\n`);
        });
      }),
    );
  users
    .command('token')
    .description('Make a personal API token for a user (shown once; send it as "Authorization: Bearer …")')
    .argument('<username>')
    .requiredOption('--name <what for>', 'what the token is for, e.g. "nightly export"')
    .option('--days <n>', 'how many days it lasts (1 to 366)', '90')
    .addHelpText(
      'after',
      '\nExample:\n  TOKEN=$(joinery users token ann.smith --name "reporting" | tail -1)\n  curl -H "Authorization: Bearer $TOKEN" http://localhost:3000/api/me',
    )
    .action(
      action(async (username: string, options: { name: string; days: string }) => {
        await withDatabase(async (database) => {
          const { id, token, expiresAt } = await createApiToken(database, username, options.name, Number(options.days));
          await recordAudit(database.db, {
            action: 'user.api-token.create',
            subjectType: 'api-token',
            subjectId: id,
            details: { username, name: options.name, via: 'cli' },
          });
          process.stdout.write(
            `Token for ${username} ("${options.name}"), valid until ${expiresAt.toISOString().slice(0, 10)}. It is shown only now:\n${token}\n`,
          );
        });
      }),
    );
}
