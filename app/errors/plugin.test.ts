// The one error mapping, on a real hapi server (server.inject): domain errors, validation,
// hapi's own errors, and system errors (logged with the request id, answered without internals).
import Hapi from '@hapi/hapi';
import anyTest, { type TestFn } from 'ava';
import { pino } from 'pino';
import { z } from 'zod';
import { ForbiddenError, UnauthenticatedError, UnprocessableError } from './domain.js';
import { errorsPlugin, type ErrorBody } from './plugin.js';
import { parseRequest } from './validation.js';

const test = anyTest as TestFn<{ server: Hapi.Server; logged: Record<string, unknown>[] }>;

test.beforeEach(async (t) => {
  const logged: Record<string, unknown>[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => { logged.push(JSON.parse(line) as Record<string, unknown>); } });
  const server = Hapi.server();
  await server.register({ plugin: errorsPlugin, options: { log } });
  const get = (path: string, handler: Hapi.Lifecycle.Method) => server.route({ method: 'GET', path, handler });
  get('/domain', () => { throw new UnprocessableError('prompt.too_long', 'too long', { durationMs: 301000 }); });
  get('/forbidden', () => { throw new ForbiddenError('auth.tenant_forbidden', 'not yours'); });
  get('/unauthenticated', () => { throw new UnauthenticatedError('auth.invalid_token', 'no'); });
  get('/validated/{n}', (r) => parseRequest(z.object({ n: z.string().regex(/^\d+$/), q: z.literal('x') }), { ...r.params }));
  get('/raw-zod', () => z.object({ a: z.number() }).parse({ a: 'nope' }));
  get('/bug', () => { throw new TypeError('cannot read secret_column of undefined'); });
  get('/ok', () => ({ ok: true }));
  server.route({ method: 'POST', path: '/small', options: { payload: { maxBytes: 10 } }, handler: () => 'ok' });
  await server.initialize();
  t.context = { server, logged };
});

const body = (res: { payload: string }): ErrorBody => JSON.parse(res.payload) as ErrorBody;

test('given a domain error, when answered, then its status, id, message and details are the response', async (t) => {
  const res = await t.context.server.inject('/domain');
  t.is(res.statusCode, 422);
  t.like(body(res), { error: { id: 'prompt.too_long', message: 'too long', details: { durationMs: 301000 } } });
  t.regex(body(res).requestId, /.+/);
  t.is(t.context.logged.length, 0, 'a refusal is not a system error');
});

test('given a 401, when answered, then it carries a WWW-Authenticate challenge', async (t) => {
  const res = await t.context.server.inject('/unauthenticated');
  t.is(res.statusCode, 401);
  t.regex(String(res.headers['www-authenticate']), /^Bearer realm="ccapp"/);
  t.is((await t.context.server.inject('/forbidden')).statusCode, 403);
});

test('given an invalid request, when validated, then a 400 lists every wrong field', async (t) => {
  const res = await t.context.server.inject('/validated/abc');
  t.is(res.statusCode, 400);
  const { error } = body(res);
  t.is(error.id, 'request.invalid');
  t.deepEqual((error.details.fields as { field: string }[]).map((f) => f.field), ['n', 'q']);
});

test('given a handler whose own zod parse fails, when answered, then it is a 400 with the fields too', async (t) => {
  const res = await t.context.server.inject('/raw-zod');
  t.is(res.statusCode, 400);
  t.like(body(res), { error: { id: 'request.invalid', details: { fields: [{ field: 'a' }] } } });
});

test('given a system error, when answered, then 500 without internals, and it is logged with the request id and stack', async (t) => {
  const res = await t.context.server.inject('/bug');
  t.is(res.statusCode, 500);
  t.like(body(res), { error: { id: 'internal', message: 'internal server error', details: {} } });
  t.false(res.payload.includes('secret_column'));
  const [entry] = t.context.logged;
  t.is(entry?.requestId, body(res).requestId);
  t.regex(JSON.stringify(entry?.err), /secret_column[\s\S]*plugin\.test/);
});

test('given hapi\'s own errors (unknown route, body too large), when answered, then they have the same shape', async (t) => {
  const missing = await t.context.server.inject('/nowhere');
  t.is(missing.statusCode, 404);
  t.like(body(missing), { error: { id: 'route.not_found' } });
  const big = await t.context.server.inject({ method: 'POST', url: '/small', payload: 'x'.repeat(11) });
  t.is(big.statusCode, 413);
  t.like(body(big), { error: { id: 'request.too_large' } });
});

test('given a success, when answered, then the extension leaves it alone', async (t) => {
  const res = await t.context.server.inject('/ok');
  t.is(res.statusCode, 200);
  t.deepEqual(JSON.parse(res.payload), { ok: true });
});
