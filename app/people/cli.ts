// `cli.js user ...`: the first operator_admin of a new appliance, and a way back in when nobody
// can log in. Run as root inside the appliance, it acts with an operator_admin's reach and is
// audited as "cli (<unix user>)". A password the app generates is printed alone on stdout, once
// (everything else goes to stderr), so it can be piped; `--password-stdin` reads one instead
// (its first line). Exit codes follow sysexits: 0 done, 64 bad usage, 65 refused input.
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { LANGUAGES, type Language, type Models } from '../../db/models/index.js';
import { AuditLog } from '../auth/audit.js';
import { isRole, ROLES } from '../auth/roles.js';
import { SessionStore } from '../auth/sessions.js';
import type { CommandOutput } from '../auth/tokens.js';
import { DomainError } from '../errors/domain.js';
import { cliActing } from './acting.js';
import { UserService, type UserModels, type UserServiceDeps } from './user-service.js';

export const USER_USAGE = 'user create --tenant <slug|-> --role <role> [--agent <login>] --login <login> --name <text> [--language fr|ar|en] [--password-stdin]'
  + ' | user reset-password <login> [--password-stdin] | user reset-second-factor <login> | user disable <login> | user enable <login>';

export interface UserCommandDeps extends UserServiceDeps {
  /** All of standard input (for --password-stdin). */
  readStdin: () => Promise<string>;
}

const STDIN_MAX = 64 * 1024;

export async function readStdin(stream: AsyncIterable<Buffer | string> = process.stdin): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += b.length;
    if (size > STDIN_MAX) break;
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** What the command needs around the models when run for real (of the sessions, only endAll is used). */
export function userCommandDeps(models: UserModels & Pick<Models, 'UserSession' | 'AuditEvent'>): UserCommandDeps {
  return {
    models,
    sessions: new SessionStore(models, { idleMs: 0, absoluteMs: 0 }, () => true),
    // Audit failures are logged on stderr: stdout carries the password alone.
    audit: new AuditLog(models, pino({ level: 'warn' }, pino.destination(2))),
    readStdin: () => readStdin(),
  };
}

type Parsed = { values: Record<string, string | boolean | undefined>; positionals: string[] };

function parse(args: string[], options: Record<string, { type: 'string' | 'boolean' }>): Parsed | undefined {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values, positionals };
  } catch {
    return undefined;
  }
}

/** The first line of standard input: the password (no trailing newline). */
async function stdinPassword(deps: UserCommandDeps): Promise<string> {
  return (await deps.readStdin()).split(/\r?\n/, 1)[0] ?? '';
}

/** `cli.js user ...`: 0 on success, 64 on bad usage, 65 on refused input (sysexits). */
export async function runUserCommand(args: string[], deps: UserCommandDeps, io: CommandOutput): Promise<number> {
  const service = new UserService(deps);
  const acting = cliActing();
  const [sub, ...rest] = args;
  const usage = (): number => {
    io.err(`usage: ${USER_USAGE}\nroles: ${ROLES.join(', ')} (an agent user names its agent's login with --agent)`);
    return 64;
  };
  try {
    if (sub === 'create') {
      const parsed = parse(rest, {
        tenant: { type: 'string' }, role: { type: 'string' }, agent: { type: 'string' }, login: { type: 'string' },
        name: { type: 'string' }, language: { type: 'string' }, 'password-stdin': { type: 'boolean' },
      });
      const v = parsed?.values ?? {};
      const { tenant, role, agent, login, name, language } = v;
      if (!parsed || parsed.positionals.length || typeof tenant !== 'string' || typeof login !== 'string' || typeof name !== 'string'
        || !isRole(role) || (agent !== undefined && typeof agent !== 'string')
        || (language !== undefined && !(LANGUAGES as readonly unknown[]).includes(language))) return usage();
      const password = v['password-stdin'] === true ? await stdinPassword(deps) : undefined;
      const scope = await service.scopeOf(tenant === '-' ? null : tenant);
      const created = await service.create(scope, {
        login, name, role, agent: agent ?? null, ...(language === undefined ? {} : { language: language as Language }), ...(password === undefined ? {} : { password }),
      }, acting);
      const { user } = created;
      io.err(`user ${user.id} "${user.login}" created (${user.role}, ${user.tenant ?? 'the outsourcer\'s staff'}${user.agentLogin ? `, agent ${user.agentLogin}` : ''})`);
      if (created.password !== undefined) {
        io.err('their password is shown once, give it to them now (they must set up their second factor at first login):');
        io.out(created.password);
      }
      return 0;
    }
    if (sub === 'reset-password') {
      const parsed = parse(rest, { 'password-stdin': { type: 'boolean' } });
      const [login, ...extra] = parsed?.positionals ?? [];
      if (!parsed || login === undefined || extra.length) return usage();
      const password = parsed.values['password-stdin'] === true ? await stdinPassword(deps) : undefined;
      const { scope, id } = await service.locate(login);
      const reset = await service.resetPassword(scope, id, password === undefined ? { generate: true } : { password }, acting);
      io.err(`password of "${reset.user.login}" reset; their sessions are ended and their lock lifted`);
      if (reset.password !== undefined) {
        io.err('the new password is shown once:');
        io.out(reset.password);
      }
      return 0;
    }
    if ((sub === 'reset-second-factor' || sub === 'disable' || sub === 'enable') && rest.length === 1) {
      const { scope, id } = await service.locate(rest[0] ?? '');
      if (sub === 'reset-second-factor') {
        const user = await service.resetSecondFactor(scope, id, acting);
        io.out(`second factor of "${user.login}" reset: they set up a new one at their next login`);
      } else {
        const user = await service.change(scope, id, { disabled: sub === 'disable' }, acting);
        io.out(sub === 'disable' ? `user "${user.login}" disabled; their sessions are ended` : `user "${user.login}" enabled`);
      }
      return 0;
    }
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    io.err(`user refused: ${err.message}`);
    return 65;
  }
  return usage();
}
