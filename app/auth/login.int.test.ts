// Logging in through the session API on a real MariaDB (hapi inject): cookies and their
// attributes, rotation, the CSRF token before and after login, the second factor (enrolment,
// codes, replay, recovery codes), the lockout and its audit rows, a disabled user's open
// session, and the limit per address.
import Hapi from '@hapi/hapi';
import anyTest, { type TestFn } from 'ava';
import { generate } from 'otplib';
import { pino } from 'pino';
import { migrateUp } from '../../db/migrate.js';
import { initModels, type Models } from '../../db/models/index.js';
import { createScratchDb, type ScratchDb } from '../../db/test-support.js';
import { AgentDirectory } from '../agents/directory.js';
import { errorsPlugin } from '../errors/plugin.js';
import { access } from './access.js';
import { hashPassword } from './passwords.js';
import { authPlugin } from './plugin.js';
import { sessionPlugin } from './session-plugin.js';
import { authOptionsForTests } from './test-support.js';
import { SessionStore } from './sessions.js';
import { createToken } from './tokens.js';
import { SecretBox } from './totp.js';

const test = anyTest as TestFn<{ db: ScratchDb; models: Models; server: Hapi.Server; box: SecretBox; served: Set<number> }>;
const PASSWORD = 'correct horse battery';
const MAX_FAILURES = 5;

type Auth = ReturnType<typeof authOptionsForTests>;

/** The login's routes and a ping route behind the auth plugin, with this address limit. */
async function serve(models: Models, auth: Auth, box: SecretBox, tenantConfigured: (id: number) => boolean, addressLimit: { max: number; windowMs: number }): Promise<Hapi.Server> {
  const server = Hapi.server();
  await server.register([
    { plugin: errorsPlugin, options: { log: pino({ level: 'silent' }) } },
    { plugin: authPlugin, options: auth },
    {
      plugin: sessionPlugin,
      options: {
        models, sessions: auth.sessions, audit: auth.audit, box, tenantConfigured, secureCookies: false,
        policy: { maxFailedAttempts: MAX_FAILURES, lockMs: 15 * 60_000, totpIssuer: 'ccapp' },
        addressLimit,
      },
    },
  ]);
  server.route({ method: ['GET', 'POST'], path: '/api/tenants/{tenant}/ping', options: access({ roles: ['agent', 'supervisor'] }), handler: () => ({ pong: true }) });
  await server.initialize();
  return server;
}

test.before(async (t) => {
  const db = await createScratchDb();
  await migrateUp(db.sequelize);
  const models = initModels(db.sequelize);
  const habitat = await models.Tenant.create({ slug: 'habitat', name: 'Habitat', country: 'FR', timezone: 'Europe/Paris', languages: ['fr'] });
  const { agent } = await new AgentDirectory(models).create(habitat, { login: '201', name: 'Agent 201', skills: [] });
  const hash = await hashPassword(PASSWORD);
  const user = (login: string, role: 'agent' | 'supervisor', agentId: string | null = null) =>
    models.User.create({ login, name: login, role, tenantId: habitat.id, agentId, passwordHash: hash });
  await user('amina', 'agent', agent.id);
  for (const login of ['sophie', 'locky', 'gone', 'replay']) await user(login, 'supervisor');
  // A second tenant that the configuration stops serving in one test.
  const ancien = await models.Tenant.create({ slug: 'ancien', name: 'Ancien client', country: 'FR', timezone: 'Europe/Paris', languages: ['fr'] });
  const { agent: ancienAgent } = await new AgentDirectory(models).create(ancien, { login: '301', name: 'Agent 301', skills: [] });
  await models.User.create({ login: 'yanis', name: 'yanis', role: 'agent', tenantId: ancien.id, agentId: ancienAgent.id, passwordHash: hash });
  const served = new Set([habitat.id, ancien.id]);
  const tenantConfigured = (id: number) => served.has(id);
  const box = new SecretBox('test key for sealing second factors');
  const slugs = new Map([[habitat.id, 'habitat'], [ancien.id, 'ancien']]);
  const auth = {
    ...authOptionsForTests(models),
    sessions: new SessionStore(models, { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 }, tenantConfigured),
    configuredTenants: { has: (slug: string) => [...served].some((id) => slugs.get(id) === slug) },
  };
  const server = await serve(models, auth, box, tenantConfigured, { max: 1000, windowMs: 60_000 });
  Object.assign(t.context, { db, models, server, box, served });
});
test.after.always(async (t) => {
  await t.context.server?.stop();
  await t.context.db?.drop();
});

/** A browser: keeps its cookies and its latest CSRF token. */
class Browser {
  cookies = new Map<string, string>();
  csrf = '';
  setCookies: string[] = [];

  constructor(private readonly server: Hapi.Server, readonly address = '10.0.0.1') {}

  async send(method: string, url: string, payload?: object, csrf = true) {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await this.server.inject({
      method, url, payload, remoteAddress: this.address,
      headers: { ...(cookie ? { cookie } : {}), ...(csrf && method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}) },
    });
    const set = res.headers['set-cookie'];
    this.setCookies = set === undefined ? [] : Array.isArray(set) ? set : [set];
    for (const c of this.setCookies) {
      const [pair = ''] = c.split(';');
      const [name = '', value = ''] = pair.split('=');
      if (value === '') this.cookies.delete(name); else this.cookies.set(name, value);
    }
    const body = res.payload ? JSON.parse(res.payload) as Record<string, unknown> & { error?: { id: string; details: Record<string, unknown> } } : {};
    if (typeof body.csrf === 'string') this.csrf = body.csrf;
    return { status: res.statusCode, body };
  }

  async logIn(login: string, password = PASSWORD) {
    await this.send('GET', '/api/session');
    return this.send('POST', '/api/session/login', { login, password });
  }
}

const code = (secret: string, at = Date.now()) => generate({ secret, epoch: Math.floor(at / 1000) });

test('given an agent without a second factor, when it logs in, then the session is complete, the cookie is httpOnly and SameSite, and the id changed', async (t) => {
  const b = new Browser(t.context.server);
  t.like(await b.send('GET', '/api/session'), { status: 200, body: { stage: 'none', user: null } });
  const anonymousCsrf = b.csrf;
  t.regex(anonymousCsrf, /^[A-Za-z0-9_-]{43}$/);
  const res = await b.logIn('amina');
  t.like(res, { status: 200, body: { stage: 'complete', user: { login: 'amina', role: 'agent', tenant: 'habitat', timezone: 'Europe/Paris', secondFactor: false } } });
  const session = b.setCookies.find((c) => c.startsWith('ccapp_session='));
  t.truthy(session);
  t.regex(session ?? '', /HttpOnly/);
  t.regex(session ?? '', /SameSite=Strict/);
  t.not(b.csrf, anonymousCsrf, 'the CSRF token changes at login');
  t.like(await b.send('GET', '/api/tenants/habitat/ping'), { status: 200, body: { pong: true } });

  // A second login from the same browser ends the first session (rotation).
  const before = b.cookies.get('ccapp_session');
  await b.send('POST', '/api/session/login', { login: 'amina', password: PASSWORD });
  t.not(b.cookies.get('ccapp_session'), before);
  const stale = new Browser(t.context.server);
  stale.cookies.set('ccapp_session', before ?? '');
  t.like(await stale.send('GET', '/api/tenants/habitat/ping'), { status: 401, body: { error: { id: 'auth.session_ended' } } });
});

test('given no CSRF token, when logging in or posting with a session, then it is refused with 403 auth.csrf', async (t) => {
  const b = new Browser(t.context.server);
  await b.send('GET', '/api/session');
  t.like(await b.send('POST', '/api/session/login', { login: 'amina', password: PASSWORD }, false), { status: 403, body: { error: { id: 'auth.csrf' } } });
  await b.logIn('amina');
  t.like(await b.send('POST', '/api/tenants/habitat/ping', {}, false), { status: 403, body: { error: { id: 'auth.csrf' } } });
  const forged = b.csrf;
  b.csrf = 'x'.repeat(43);
  t.like(await b.send('POST', '/api/tenants/habitat/ping', {}), { status: 403, body: { error: { id: 'auth.csrf' } } });
  b.csrf = forged;
  t.like(await b.send('POST', '/api/tenants/habitat/ping', {}), { status: 200 });
  const refused = await t.context.models.AuditEvent.findOne({ where: { type: 'auth.forbidden', path: '/api/tenants/habitat/ping' }, order: [['id', 'DESC']] });
  t.like(refused?.data, { error: 'auth.csrf' });
});

test('given a supervisor, when it logs in the first time, then it must enrol a TOTP secret; later logins need a code, each code once, or a recovery code once', async (t) => {
  const b = new Browser(t.context.server);
  t.like(await b.logIn('sophie'), { status: 200, body: { stage: 'enrol_second_factor' } });
  t.like(await b.send('GET', '/api/tenants/habitat/ping'), { status: 401, body: { error: { id: 'auth.second_factor_required' } } });
  const enrol = await b.send('POST', '/api/session/second-factor/enrolment');
  const secret = String(enrol.body.secret);
  t.regex(String(enrol.body.otpauthUri), /^otpauth:\/\/totp\/.*sophie/);
  t.like(await b.send('POST', '/api/session/second-factor/enrolment/confirm', { code: '000000' }), { status: 401, body: { error: { id: 'auth.bad_code' } } });
  const confirmed = await b.send('POST', '/api/session/second-factor/enrolment/confirm', { code: await code(secret) });
  t.like(confirmed, { status: 200, body: { stage: 'complete', user: { secondFactor: true } } });
  const recovery = confirmed.body.recoveryCodes as string[];
  t.is(recovery.length, 10);
  t.like(await b.send('GET', '/api/tenants/habitat/ping'), { status: 200 });
  const row = await t.context.models.User.findOne({ where: { login: 'sophie' } });
  t.falsy(row?.totpSealed?.includes(secret), 'the secret is sealed in MariaDB');
  t.is(t.context.box.open(row?.totpSealed ?? ''), secret);

  t.is((await b.send('DELETE', '/api/session')).status, 204);
  t.like(await b.logIn('sophie'), { status: 200, body: { stage: 'second_factor' } });
  // The next step's code (accepted: one step of drift) and then this step's: a replay.
  t.like(await b.send('POST', '/api/session/second-factor', { code: await code(secret, Date.now() + 30_000) }), { status: 200, body: { stage: 'complete' } });
  await b.send('DELETE', '/api/session');
  await b.logIn('sophie');
  t.like(await b.send('POST', '/api/session/second-factor', { code: await code(secret) }), { status: 401, body: { error: { id: 'auth.code_replayed' } } });
  t.like(await b.send('POST', '/api/session/second-factor', { recoveryCode: (recovery[0] ?? '').toUpperCase() }), { status: 200, body: { stage: 'complete' } });
  await b.send('DELETE', '/api/session');
  await b.logIn('sophie');
  t.like(await b.send('POST', '/api/session/second-factor', { recoveryCode: recovery[0] }), { status: 401, body: { error: { id: 'auth.bad_code' } } });
  const types = (await t.context.models.AuditEvent.findAll({ where: { userId: row?.id ?? 0 }, order: [['id', 'ASC']] })).map((e) => e.type);
  for (const type of ['second_factor.enrolled', 'login.ok', 'second_factor.replayed', 'second_factor.recovery_code_used', 'logout']) t.true(types.includes(type), type);
});

test('given repeated wrong passwords, when the limit is reached, then the account is locked, the lock is logged, and even the right password waits', async (t) => {
  const b = new Browser(t.context.server, '10.0.0.2');
  for (let i = 1; i < MAX_FAILURES; i += 1) t.like(await b.logIn('locky', 'wrong password!'), { status: 401, body: { error: { id: 'auth.bad_credentials' } } });
  const locked = await b.logIn('locky', 'wrong password!');
  t.like(locked, { status: 429, body: { error: { id: 'auth.locked' } } });
  t.true(Number(locked.body.error?.details.retryAfterSeconds) > 0);
  t.like(await b.logIn('locky'), { status: 429, body: { error: { id: 'auth.locked' } } });
  const user = await t.context.models.User.findOne({ where: { login: 'locky' } });
  const audit = await t.context.models.AuditEvent.findAll({ where: { userId: user?.id ?? 0 } });
  t.is(audit.filter((e) => e.type === 'login.failed').length, MAX_FAILURES);
  t.is(audit.filter((e) => e.type === 'login.locked').length, 1);
  t.false(JSON.stringify(audit).includes('wrong password'), 'no password in the audit log');
  // An unknown login is refused the same way, and logged.
  t.like(await b.logIn('nobody'), { status: 401, body: { error: { id: 'auth.bad_credentials' } } });
});

test('given an open session, when its user is disabled, then the next request is refused and the session is over', async (t) => {
  const b = new Browser(t.context.server);
  await b.logIn('gone');
  const user = await t.context.models.User.findOne({ where: { login: 'gone' } });
  // A supervisor must enrol first; a partial session is still a session to end.
  await user?.update({ disabledAt: new Date() });
  t.like(await b.send('GET', '/api/tenants/habitat/ping'), { status: 401, body: { error: { id: 'auth.session_ended', details: { reason: 'user_disabled' } } } });
  const session = await t.context.models.UserSession.findOne({ where: { userId: user?.id ?? 0 }, order: [['id', 'DESC']] });
  t.is(session?.endedReason, 'user_disabled');
  t.like(await b.logIn('gone'), { status: 401, body: { error: { id: 'auth.bad_credentials' } } });
});

test('given malformed bodies, when sent to the login, then each gets 400 with the field, and an oversized one 413', async (t) => {
  const b = new Browser(t.context.server);
  await b.send('GET', '/api/session');
  t.like(await b.send('POST', '/api/session/login', { login: 'amina' }), { status: 400, body: { error: { id: 'request.invalid' } } });
  t.like(await b.send('POST', '/api/session/login', { login: 'amina', password: PASSWORD, admin: true }), { status: 400, body: { error: { id: 'request.invalid' } } });
  t.like(await b.send('POST', '/api/session/login', { login: 'amina', password: 'x'.repeat(5000) }), { status: 413, body: { error: { id: 'request.too_large' } } });
  await b.logIn('amina');
  t.like(await b.send('PUT', '/api/session/language', { language: 'de' }), { status: 400, body: { error: { id: 'request.invalid' } } });
  t.like(await b.send('PUT', '/api/session/language', { language: 'ar' }), { status: 200, body: { user: { language: 'ar' } } });
});

test.serial('given a tenant removed from the configuration, when its user and its token come back, then the open session, the token and a new login are refused', async (t) => {
  const { server, models, served } = t.context;
  const b = new Browser(server, '10.0.0.30');
  t.like(await b.logIn('yanis'), { status: 200, body: { stage: 'complete' } });
  t.like(await b.send('GET', '/api/tenants/ancien/ping'), { status: 200 });
  const { token } = await createToken(models, { tenant: 'ancien', role: 'agent', agent: '301', name: 'ancien agent' });
  const bearer = { authorization: `Bearer ${token}` };
  t.is((await server.inject({ method: 'GET', url: '/api/tenants/ancien/ping', headers: bearer })).statusCode, 200);
  const ancien = await models.Tenant.findOne({ where: { slug: 'ancien' } });

  served.delete(ancien?.id ?? 0);
  try {
    t.like(await b.send('GET', '/api/tenants/ancien/ping'), { status: 401, body: { error: { id: 'auth.session_ended' } } });
    const session = await models.UserSession.findOne({ where: { endedReason: 'tenant_removed' } });
    t.truthy(session, 'the session is ended as tenant_removed');
    const byToken = await server.inject({ method: 'GET', url: '/api/tenants/ancien/ping', headers: bearer });
    t.is(byToken.statusCode, 401);
    t.is((JSON.parse(byToken.payload) as { error: { id: string } }).error.id, 'auth.tenant_removed');
    t.like(await new Browser(server, '10.0.0.31').logIn('yanis'), { status: 401, body: { error: { id: 'auth.tenant_removed' } } });
  } finally {
    served.add(ancien?.id ?? 0);
  }
});

test.serial('given one address trying many logins, when it passes the limit, then 429 auth.rate_limited with the wait, for every account, and it is audited', async (t) => {
  const { models, box } = t.context;
  const auth = authOptionsForTests(models);
  const server = await serve(models, auth, box, () => true, { max: 3, windowMs: 60_000 });
  try {
    const b = new Browser(server, '10.0.0.40');
    for (const login of ['nobody1', 'nobody2', 'nobody3']) t.like(await b.logIn(login), { status: 401, body: { error: { id: 'auth.bad_credentials' } } });
    const limited = await b.logIn('amina');
    t.like(limited, { status: 429, body: { error: { id: 'auth.rate_limited' } } });
    t.true(Number(limited.body.error?.details.retryAfterSeconds) > 0);
    // Another address is not held back.
    t.like(await new Browser(server, '10.0.0.41').logIn('amina'), { status: 200 });
    t.truthy(await models.AuditEvent.findOne({ where: { type: 'login.rate_limited' } }));
  } finally {
    await server.stop();
  }
});
