// The `cli.js user` command against a real MariaDB, its output captured: a generated password
// alone on stdout (once), --password-stdin, resets and disabling with their sessions ended, the
// same rules and refusals as the API (65), bad usage (64), and every change audited as the CLI's.
import anyTest, { type TestFn } from 'ava';
import { checkPassword } from '../auth/passwords.js';
import { runUserCommand, type UserCommandDeps } from './cli.js';
import { auditRows, peopleFixture, type PeopleFixture } from './test-support.js';

const test = anyTest as TestFn<PeopleFixture>;

test.before(async (t) => {
  Object.assign(t.context, await peopleFixture());
});
test.after.always(async (t) => {
  await t.context.stop?.();
});

const CLIENT = { address: null, userAgent: null };

async function run(t: { context: PeopleFixture }, args: string[], stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  const deps: UserCommandDeps = { models: t.context.models, sessions: t.context.sessions, audit: t.context.audit, readStdin: () => Promise.resolve(stdin) };
  const code = await runUserCommand(args, deps, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err: err.join('\n') };
}

async function userRow(t: { context: PeopleFixture }, login: string) {
  const row = await t.context.models.User.findOne({ where: { login } });
  if (!row) throw new Error(`no user ${login}`);
  return row;
}

test.serial('given user create for the staff, when run, then the generated password is alone on stdout and works, and the creation is the CLI\'s in the audit log', async (t) => {
  const r = await run(t, ['create', '--tenant', '-', '--role', 'operator_admin', '--login', 'root-admin', '--name', 'First Admin', '--language', 'en']);
  t.is(r.code, 0);
  t.is(r.out.length, 1);
  t.regex(r.out[0] ?? '', /^[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}$/);
  t.regex(r.err, /user \d+ "root-admin" created \(operator_admin, the outsourcer's staff\)[\s\S]*shown once/);
  const row = await userRow(t, 'root-admin');
  t.like(row.get({ plain: true }), { tenantId: null, role: 'operator_admin', language: 'en', name: 'First Admin' });
  t.true(await checkPassword(row.passwordHash, r.out[0] ?? ''));
  const [audited] = (await auditRows(t.context.models, 'user.created')).filter((a) => a.userId === row.id);
  t.regex(audited?.actor ?? '', /^cli \(.+\)$/);
  t.like(audited, { tenantId: null, method: null, data: { author: { userId: null, tokenId: null }, user: { login: 'root-admin' } } });
});

test.serial('given user create with --password-stdin and an agent, when run, then the first line of stdin is the password and nothing is printed on stdout', async (t) => {
  const r = await run(t, ['create', '--tenant', 'habitat', '--role', 'agent', '--agent', '201', '--login', 'karim', '--name', 'Karim', '--password-stdin'], 'a passphrase from a pipe\nignored\n');
  t.is(r.code, 0, r.err);
  t.deepEqual(r.out, []);
  t.regex(r.err, /"karim" created \(agent, habitat, agent 201\)/);
  const row = await userRow(t, 'karim');
  t.is(row.agentId, t.context.agents.habitat201.id);
  t.true(await checkPassword(row.passwordHash, 'a passphrase from a pipe'));
});

test.serial('given bad usage or refused input, when run, then 64 and 65 with the reason, and nothing is made', async (t) => {
  const before = await t.context.models.User.count();
  const usage = [
    [],
    ['create', '--tenant', '-', '--role', 'boss', '--login', 'x1', '--name', 'X'],
    ['create', '--tenant', '-', '--role', 'supervisor', '--name', 'X'],
    ['create', '--tenant', '-', '--role', 'supervisor', '--login', 'x1', '--name', 'X', '--language', 'de'],
    ['create', '--tenant', '-', '--role', 'supervisor', '--login', 'x1', '--name', 'X', '--colour', 'red'],
    ['create', '--tenant', '-', '--role', 'supervisor', '--login', 'x1', '--name', 'X', 'extra'],
    ['reset-password'],
    ['disable', 'a', 'b'],
    ['delete', 'karim'],
  ];
  for (const args of usage) t.is((await run(t, args)).code, 64, args.join(' '));
  const refused: [string[], RegExp, string?][] = [
    [['create', '--tenant', 'nowhere', '--role', 'supervisor', '--login', 'x1', '--name', 'X'], /no tenant "nowhere"/],
    [['create', '--tenant', '-', '--role', 'supervisor', '--login', 'KARIM', '--name', 'X'], /login "KARIM" is already used/],
    [['create', '--tenant', 'habitat', '--role', 'agent', '--login', 'x1', '--name', 'X'], /linked to one agent/],
    [['create', '--tenant', '-', '--role', 'tenant_admin', '--login', 'x1', '--name', 'X'], /belongs to one tenant/],
    [['create', '--tenant', '-', '--role', 'supervisor', '--login', 'x;y', '--name', 'X'], /a login has/],
    [['create', '--tenant', '-', '--role', 'supervisor', '--login', 'x1', '--name', 'X', '--password-stdin'], /password needs at least 12/, 'short\n'],
    [['reset-password', 'nobody'], /no user with login "nobody"/],
  ];
  for (const [args, message, stdin] of refused) {
    const r = await run(t, args, stdin);
    t.is(r.code, 65, args.join(' '));
    t.regex(r.err, /^user refused: /);
    t.regex(r.err, message);
    t.deepEqual(r.out, []);
  }
  t.is(await t.context.models.User.count(), before);
});

test.serial('given a user with a session, when their password is reset from the CLI, then the new one is printed once, works, and the session ends', async (t) => {
  const { sid } = await t.context.sessions.open(await userRow(t, 'karim'), 'complete', CLIENT, new Date());
  const r = await run(t, ['reset-password', 'Karim']);
  t.is(r.code, 0);
  t.is(r.out.length, 1);
  const row = await userRow(t, 'karim');
  t.true(await checkPassword(row.passwordHash, r.out[0] ?? ''));
  t.false(await checkPassword(row.passwordHash, 'a passphrase from a pipe'));
  t.like(await t.context.sessions.check(sid, new Date()), { ok: false, reason: 'user_changed' });

  const chosen = await run(t, ['reset-password', 'karim', '--password-stdin'], 'yet another passphrase\n');
  t.is(chosen.code, 0);
  t.deepEqual(chosen.out, []);
  t.true(await checkPassword((await userRow(t, 'karim')).passwordHash, 'yet another passphrase'));
  t.is((await auditRows(t.context.models, 'user.password_reset')).filter((a) => a.userId === row.id).length, 2);
});

test.serial('given users, when their second factor is reset and they are disabled and enabled, then it is done and the last operator_admin is kept', async (t) => {
  const { models } = t.context;
  const karim = await userRow(t, 'karim');
  await karim.update({ totpSealed: 'v1.x.y.z', totpEnabledAt: new Date() });
  const reset = await run(t, ['reset-second-factor', 'karim']);
  t.is(reset.code, 0);
  t.regex(reset.out.join('\n'), /second factor of "karim" reset/);
  t.is((await userRow(t, 'karim')).totpSealed, null);

  const { sid } = await t.context.sessions.open(await userRow(t, 'karim'), 'complete', CLIENT, new Date());
  t.like(await run(t, ['disable', 'karim']), { code: 0, out: ['user "karim" disabled; their sessions are ended'] });
  t.like(await t.context.sessions.check(sid, new Date()), { ok: false, reason: 'user_disabled' });
  t.like(await run(t, ['enable', 'karim']), { code: 0, out: ['user "karim" enabled'] });
  t.is((await userRow(t, 'karim')).disabledAt, null);

  const last = await run(t, ['disable', 'root-admin']);
  t.is(last.code, 65);
  t.regex(last.err, /last active operator_admin/);
  t.is((await userRow(t, 'root-admin')).disabledAt, null);
  t.deepEqual((await auditRows(models, 'user.disabled')).map((a) => a.userId), [karim.id]);
  t.is((await auditRows(models, 'second_factor.reset')).length, 1);
});
