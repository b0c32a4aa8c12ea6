// The start-up check that nothing but the public probes is served without a token.
import Hapi from '@hapi/hapi';
import test from 'ava';
import { assertRoutesAuthenticated, PUBLIC_PATHS } from './plugin.js';

function serverWithDefaultAuth(): Hapi.Server {
  const server = Hapi.server();
  server.auth.scheme('test', () => ({ authenticate: (_r, h) => h.authenticated({ credentials: {} }) }));
  server.auth.strategy('token', 'test');
  server.auth.default('token');
  return server;
}

test('given API routes under the default strategy and public probes, when checked, then it passes', (t) => {
  const server = serverWithDefaultAuth();
  server.route({ method: 'GET', path: '/api/tenants/{tenant}/prompts', handler: () => 'x' });
  for (const path of PUBLIC_PATHS) server.route({ method: 'GET', path, options: { auth: false }, handler: () => 'ok' });

  t.notThrows(() => assertRoutesAuthenticated(server, PUBLIC_PATHS));
});

test('given an API route that opts out of authentication, when checked, then start-up is refused naming it', (t) => {
  const server = serverWithDefaultAuth();
  server.route({ method: 'POST', path: '/api/oops', options: { auth: false }, handler: () => 'x' });

  t.throws(() => assertRoutesAuthenticated(server, PUBLIC_PATHS), { message: /POST \/api\/oops/ });
});

test('given no default strategy, when checked, then every route without auth is refused', (t) => {
  const server = Hapi.server();
  server.route({ method: 'GET', path: '/api/x', handler: () => 'x' });

  t.throws(() => assertRoutesAuthenticated(server, PUBLIC_PATHS), { message: /GET \/api\/x/ });
});
