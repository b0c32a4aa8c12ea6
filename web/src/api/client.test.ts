// The HTTP client against a fake fetch: CSRF header, error ids, 401 handling, one retry on a stale CSRF token.
import test from 'ava';
import { api, ApiError, onSessionLost, onStaleCsrf, setCsrf } from './client';

type Call = { method: string; url: string; headers: Record<string, string>; body: string | null };

function fakeFetch(answers: { status: number; body?: unknown }[]): Call[] {
  const calls: Call[] = [];
  globalThis.fetch = ((url: string, init: RequestInit) => {
    calls.push({ method: init.method ?? 'GET', url, headers: init.headers as Record<string, string>, body: init.body as string | null });
    const a = answers.shift() ?? { status: 500 };
    return Promise.resolve(new Response(a.body === undefined ? null : JSON.stringify(a.body), { status: a.status }));
  }) as typeof fetch;
  return calls;
}

const lost: string[] = [];
onSessionLost((id) => lost.push(id));

test.serial('state-changing requests carry the latest CSRF token, GETs none', async (t) => {
  const calls = fakeFetch([{ status: 200, body: { ok: 1 } }, { status: 200, body: { ok: 2 } }]);
  setCsrf('tok-1');
  t.deepEqual(await api('GET', '/api/session'), { ok: 1 });
  await api('POST', '/api/x', { a: 1 });
  t.is(calls[0]!.headers['x-csrf-token'], undefined);
  t.is(calls[1]!.headers['x-csrf-token'], 'tok-1');
  t.is(calls[1]!.headers['content-type'], 'application/json');
  t.is(calls[1]!.body, '{"a":1}');
});

test.serial('an error answer becomes its contract id and details; a wrong password does not end the session', async (t) => {
  lost.length = 0;
  fakeFetch([{ status: 422, body: { error: { id: 'dialling.refused', message: 'English', details: { rule: 'premium' } }, requestId: 'r' } }]);
  const e = await t.throwsAsync(api('POST', '/api/x', {}), { instanceOf: ApiError });
  t.is(e.id, 'dialling.refused');
  t.deepEqual(e.details, { rule: 'premium' });
  fakeFetch([{ status: 401, body: { error: { id: 'auth.bad_credentials' } } }]);
  await t.throwsAsync(api('POST', '/api/session/login', {}));
  t.deepEqual(lost, []);
});

test.serial('any other 401 ends the session with its reason', async (t) => {
  lost.length = 0;
  fakeFetch([{ status: 401, body: { error: { id: 'auth.session_expired' } } }]);
  await t.throwsAsync(api('POST', '/api/x', {}));
  t.deepEqual(lost, ['auth.session_expired']);
});

test.serial('a stale CSRF token is refreshed and the request tried once more', async (t) => {
  const calls = fakeFetch([{ status: 403, body: { error: { id: 'auth.csrf' } } }, { status: 200, body: { done: true } }]);
  setCsrf('old');
  onStaleCsrf(() => { setCsrf('new'); return Promise.resolve(); });
  t.deepEqual(await api('POST', '/api/x', {}), { done: true });
  t.deepEqual(calls.map((c) => c.headers['x-csrf-token']), ['old', 'new']);
  fakeFetch([{ status: 403, body: { error: { id: 'auth.csrf' } } }, { status: 403, body: { error: { id: 'auth.csrf' } } }]);
  await t.throwsAsync(api('POST', '/api/x', {}), { message: 'auth.csrf' });
});

test.serial('an unreachable server and a body without an id still give ids', async (t) => {
  globalThis.fetch = () => Promise.reject(new TypeError('network'));
  await t.throwsAsync(api('GET', '/api/x'), { message: 'network' });
  fakeFetch([{ status: 502 }]);
  await t.throwsAsync(api('GET', '/api/x'), { message: 'http.502' });
  fakeFetch([{ status: 204 }]);
  t.is(await api('DELETE', '/api/session'), undefined);
});
