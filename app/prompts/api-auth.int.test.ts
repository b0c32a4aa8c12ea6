// Every prompts endpoint refuses, in this order, a request without a token, with a malformed or
// unknown token, with a revoked token (401), for a tenant that does not exist (404), from
// another tenant (403) and from a role that may not (403); and a refused request changes nothing.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import anyTest, { type TestFn } from 'ava';
import { generateToken } from '../auth/token-format.js';
import { speechFixtures } from '../../test/support/audio-fixtures.js';
import { bearer, filesUnder, startPromptApi, type PromptApi, type TokenKind } from '../../test/support/prompt-api.js';

const test = anyTest as TestFn<{ api: PromptApi; wav: Buffer }>;

interface Endpoint {
  label: string;
  method: 'GET' | 'POST';
  url: (tenant: string) => string;
  body?: boolean;
  /** Roles that may call it, among the habitat tokens (the operator always may). */
  allowed: TokenKind[];
  ok: number;
}

const prompt = (tenant: string) => `/api/tenants/${tenant}/prompts/welcome/fr`;
const ENDPOINTS: Endpoint[] = [
  { label: 'upload', method: 'POST', url: prompt, body: true, allowed: ['habitatAdmin'], ok: 201 },
  { label: 'list', method: 'GET', url: (t) => `/api/tenants/${t}/prompts`, allowed: ['habitatAdmin', 'habitatSupervisor', 'habitatViewer'], ok: 200 },
  { label: 'activate', method: 'POST', url: (t) => `${prompt(t)}/versions/1/activate`, allowed: ['habitatAdmin'], ok: 200 },
  { label: 'audio', method: 'GET', url: (t) => `${prompt(t)}/versions/1/audio`, allowed: ['habitatAdmin', 'habitatSupervisor', 'habitatViewer'], ok: 200 },
];

test.before(async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'ccapp-fixtures-'));
  try {
    t.context.wav = (await speechFixtures(dir)).wav.bytes;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  t.context.api = await startPromptApi();
  // Version 1 exists, so a refusal below is never a missing version.
  const res = await t.context.api.server.inject({
    method: 'POST', url: prompt('habitat'), payload: t.context.wav,
    headers: { ...bearer(t.context.api.tokens.habitatAdmin), 'content-type': 'audio/wav' },
  });
  if (res.statusCode !== 201) throw new Error(`cannot upload the first version: ${res.payload}`);
});
test.after.always(async (t) => {
  await t.context.api?.close();
});

function call(t: { context: { api: PromptApi; wav: Buffer } }, e: Endpoint, tenant: string, headers: Record<string, string>) {
  const body = e.body ? { payload: t.context.wav, headers: { ...headers, 'content-type': 'audio/wav' } } : { headers };
  return t.context.api.server.inject({ method: e.method, url: e.url(tenant), ...body });
}

const errorId = (payload: string): unknown => (JSON.parse(payload) as { error?: { id?: unknown } }).error?.id;

for (const e of ENDPOINTS) {
  test.serial(`${e.label}: given no token, a malformed, an unknown or a revoked one, when called, then 401 with a challenge`, async (t) => {
    const { tokens } = t.context.api;
    const cases: [string, Record<string, string>, string][] = [
      ['no token', {}, 'auth.missing_credentials'],
      ['malformed', { authorization: 'Bearer not-a-token' }, 'auth.invalid_token'],
      ['basic', { authorization: 'Basic dXNlcjpwYXNz' }, 'auth.invalid_token'],
      ['unknown', bearer(generateToken()), 'auth.invalid_token'],
      ['revoked', bearer(tokens.revoked), 'auth.invalid_token'],
    ];
    for (const [label, headers, id] of cases) {
      const res = await call(t, e, 'habitat', headers);
      t.is(res.statusCode, 401, label);
      t.is(errorId(res.payload), id, label);
      const challenge = String(res.headers['www-authenticate']);
      t.is(challenge, id === 'auth.missing_credentials' ? 'Bearer realm="ccapp"' : 'Bearer realm="ccapp", error="invalid_token"', label);
    }
  });

  test.serial(`${e.label}: given another tenant's token, when called, then 403; an unknown tenant is 404 for every role the route admits`, async (t) => {
    const { tokens } = t.context.api;
    const other = await call(t, e, 'habitat', bearer(tokens.energieAdmin));
    t.is(other.statusCode, 403);
    t.is(errorId(other.payload), 'auth.tenant_forbidden');
    for (const kind of ['operator', 'energieAdmin'] as const) {
      const res = await call(t, e, 'nowhere', bearer(tokens[kind]));
      t.is(res.statusCode, 404, kind);
      t.is(errorId(res.payload), 'tenant.not_found', kind);
    }
    // The role comes first: an agent, who may use none of these, learns nothing about tenants.
    const agent = await call(t, e, 'nowhere', bearer(tokens.habitatAgent));
    t.is(agent.statusCode, 403);
    t.is(errorId(agent.payload), 'auth.role_forbidden');
  });

  test.serial(`${e.label}: given each role of the tenant, when called, then only ${e.allowed.join(', ')} and the operator may`, async (t) => {
    const { tokens } = t.context.api;
    for (const kind of ['habitatAgent', 'habitatViewer', 'habitatSupervisor', 'habitatAdmin', 'operator'] as const) {
      const res = await call(t, e, 'habitat', bearer(tokens[kind]));
      const allowed = kind === 'operator' || e.allowed.includes(kind);
      t.is(res.statusCode, allowed ? e.ok : 403, `${kind}: ${res.payload.slice(0, 200)}`);
      if (!allowed) t.is(errorId(res.payload), 'auth.role_forbidden', kind);
    }
  });
}

test.serial('given every refusal above, when the database and the sounds are read, then only the allowed uploads are there', async (t) => {
  const { api } = t.context;
  // The first version, one upload by the habitat admin and one by the operator.
  t.is(await api.models.PromptVersion.count(), 3);
  t.deepEqual(await filesUnder(api.soundsDir), [1, 2, 3].map((v) => `habitat/uploads/welcome/fr/v${v}.wav`));
});
