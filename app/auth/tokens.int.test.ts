// API tokens against a real MariaDB: only the hash is stored, revocation and unknown tokens,
// last use, the tenant rules of roles, and the `cli.js token` command's output.
import anyTest, { type TestFn } from 'ava';
import { migrateUp } from '../../db/migrate.js';
import { initModels, type Models } from '../../db/models/index.js';
import { createScratchDb, type ScratchDb } from '../../db/test-support.js';
import { generateToken, hashToken, TOKEN_RE } from './token-format.js';
import { createToken, revokeToken, runTokenCommand, TokenInputError, verifyToken } from './tokens.js';

const test = anyTest as TestFn<{ db: ScratchDb; models: Models }>;

test.before(async (t) => {
  t.context.db = await createScratchDb();
  await migrateUp(t.context.db.sequelize);
  t.context.models = initModels(t.context.db.sequelize);
  await t.context.models.Tenant.create({ slug: 'habitat', name: 'Habitat', country: 'FR', timezone: 'Europe/Paris', languages: ['fr'] });
});
test.after.always(async (t) => {
  await t.context.db?.drop();
});

test.serial('given a new tenant token, when created, then the token is shown once and only its SHA-256 is stored', async (t) => {
  const { models } = t.context;
  const created = await createToken(models, { tenant: 'habitat', role: 'supervisor', name: '  Marie  ' });

  t.regex(created.token, TOKEN_RE);
  const row = await models.ApiToken.findByPk(created.id);
  t.like(row?.get({ plain: true }), { role: 'supervisor', name: 'Marie', tokenSha256: hashToken(created.token), lastUsedAt: null, revokedAt: null });
  const [dump] = await t.context.db.sequelize.query('SELECT * FROM api_tokens');
  t.false(JSON.stringify(dump).includes(created.token.slice(6)), 'the token itself is nowhere in the table');
});

test.serial('given a live token, when verified, then its credentials come back and its last use is written at most once a minute', async (t) => {
  const { models } = t.context;
  const { id, token } = await createToken(models, { tenant: 'habitat', role: 'tenant_admin', name: 'admin' });
  const t0 = new Date('2026-11-22T10:00:00.000Z');

  const credentials = await verifyToken(models, token, t0);

  t.deepEqual(credentials, { tokenId: id, tenantId: 1, tenant: 'habitat', role: 'tenant_admin', scope: ['tenant_admin'] });
  t.deepEqual((await models.ApiToken.findByPk(id))?.lastUsedAt, t0);
  await verifyToken(models, token, new Date(t0.getTime() + 30_000));
  t.deepEqual((await models.ApiToken.findByPk(id))?.lastUsedAt, t0, 'not rewritten within the minute');
  const later = new Date(t0.getTime() + 61_000);
  await verifyToken(models, token, later);
  t.deepEqual((await models.ApiToken.findByPk(id))?.lastUsedAt, later);
});

test.serial('given an operator token, when verified, then it has no tenant', async (t) => {
  const { models } = t.context;
  const { token } = await createToken(models, { tenant: null, role: 'operator_admin', name: 'ops' });
  t.like(await verifyToken(models, token), { tenant: null, tenantId: null, role: 'operator_admin' });
});

test.serial('given a revoked, an unknown or a malformed token, when verified, then nothing is accepted', async (t) => {
  const { models } = t.context;
  const { id, token } = await createToken(models, { tenant: 'habitat', role: 'agent', name: 'leaver' });

  t.is(await revokeToken(models, id), 'revoked');
  t.is(await revokeToken(models, id), 'already_revoked');
  t.is(await revokeToken(models, 99_999), 'not_found');
  t.is(await verifyToken(models, token), undefined);
  t.is(await verifyToken(models, generateToken()), undefined);
  t.is(await verifyToken(models, 'ccapp_short'), undefined);
});

test.serial('given roles against the tenant rules or an unknown tenant, when created, then they are refused and nothing is stored', async (t) => {
  const { models } = t.context;
  const before = await models.ApiToken.count();
  for (const input of [
    { tenant: 'habitat', role: 'operator_admin', name: 'x' },
    { tenant: null, role: 'tenant_admin', name: 'x' },
    { tenant: null, role: 'client_viewer', name: 'x' },
    { tenant: 'nowhere', role: 'agent', name: 'x' },
    { tenant: 'habitat', role: 'agent', name: '   ' },
  ] as const) {
    await t.throwsAsync(createToken(models, input), { instanceOf: TokenInputError }, JSON.stringify(input));
  }
  t.is(await models.ApiToken.count(), before);
});

test.serial('given the token command, when used, then create prints the token alone on stdout and revoke revokes it', async (t) => {
  const { models } = t.context;
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };

  t.is(await runTokenCommand(['create', '--tenant', '-', '--role', 'supervisor', '--name', 'Night shift'], models, io), 0);
  t.is(out.length, 1);
  t.regex(out[0] ?? '', TOKEN_RE);
  t.regex(err.join('\n'), /token \d+ created \(supervisor, all tenants\); it is shown once/);
  const credentials = await verifyToken(models, out[0] ?? '');
  t.like(credentials, { role: 'supervisor', tenant: null });

  t.is(await runTokenCommand(['revoke', String(credentials?.tokenId)], models, io), 0);
  t.is(await verifyToken(models, out[0] ?? ''), undefined);
  t.is(await runTokenCommand(['create', '--tenant', 'habitat', '--role', 'boss', '--name', 'x'], models, io), 64);
  t.is(await runTokenCommand(['create', '--role', 'agent', '--name', 'x'], models, io), 64);
  t.is(await runTokenCommand(['create', '--tenant', 'nowhere', '--role', 'agent', '--name', 'x'], models, io), 65);
  t.is(await runTokenCommand(['revoke', 'abc'], models, io), 64);
  t.is(await runTokenCommand(['revoke', '424242'], models, io), 65);
  t.is(await runTokenCommand([], models, io), 64);
});
