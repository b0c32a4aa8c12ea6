// The three ways into the one hapi server, on real sockets (ephemeral loopback ports, a certificate
// made for the test): the pages and the API over HTTPS with their headers, WebSocket upgrades over
// HTTPS reaching the server's 'upgrade' handlers, the redirect port, the loopback plain port as it
// always was, a clean stop, and start-up refused with a clear message.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import anyTest, { type TestFn } from 'ava';
import { pino } from 'pino';
import { WebSocket, WebSocketServer } from 'ws';
import { assertRoutesAuthenticated, PUBLIC_PATHS } from '../auth/plugin.js';
import { ForbiddenError } from '../errors/domain.js';
import { errorsPlugin } from '../errors/plugin.js';
import { healthPlugin } from '../health/plugin.js';
import { HSTS } from './headers.js';
import { createServers, type WebConfig, type WebServers } from './listeners.js';
import { IMMUTABLE, PAGE_CSP } from './pages.js';
import { WebSetupError } from './setup-error.js';

const test = anyTest as TestFn<{ dir: string; web: WebServers; cert: string; config: WebConfig }>;
const log = pino({ level: 'silent' });
const INDEX = '<!doctype html><title>ccapp</title><script type="module" src="/assets/index-abc123.js"></script>';

function configIn(dir: string, over: Partial<WebConfig['web']> = {}): WebConfig {
  return {
    http: { host: '127.0.0.1', port: 0 },
    web: {
      https: { host: '127.0.0.1', port: 0 }, redirect: { host: '127.0.0.1', port: 0 },
      publicName: 'panel.example.org', tlsDir: join(dir, 'tls'), ...over,
    },
    paths: { web: join(dir, 'dist') },
  };
}

async function builtPanel(dir: string): Promise<void> {
  await mkdir(join(dir, 'dist/assets'), { recursive: true });
  await writeFile(join(dir, 'dist/index.html'), INDEX);
  await writeFile(join(dir, 'dist/favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await writeFile(join(dir, 'dist/assets/index-abc123.js'), 'console.log("panel");\n');
}

const portOf = (server: { address(): unknown }): number => (server.address() as AddressInfo).port;

test.beforeEach(async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'ccapp-web-'));
  await builtPanel(dir);
  const config = configIn(dir);
  const web = await createServers(config, log);
  await web.server.register([
    { plugin: errorsPlugin, options: { log } },
    { plugin: healthPlugin, options: { checks: { ari: () => true, db: () => Promise.resolve(true) } } },
  ]);
  web.server.route({ method: 'GET', path: '/api/whoami', handler: (request) => ({ address: request.info.remoteAddress }) });
  web.server.route({ method: 'GET', path: '/api/refused', handler: () => { throw new ForbiddenError('auth.role_forbidden', 'no'); } });
  web.server.route({ method: 'POST', path: '/api/echo', handler: (request) => request.payload as object });
  await web.start();
  t.context = { dir, web, config, cert: await readFile(join(dir, 'tls/self-signed.crt'), 'utf8') };
});

test.afterEach.always(async (t) => {
  await t.context.web?.stop(0);
  await rm(t.context.dir, { recursive: true, force: true });
});

interface Answer { status: number; headers: IncomingHttpHeaders; body: string }

function collect(resolve: (a: Answer) => void): (res: IncomingMessage) => void {
  return (res) => {
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => { body += chunk; });
    res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
  };
}

/** A request over HTTPS to the test's listener, trusting only the test's certificate. */
function overHttps(t: { context: { web: WebServers; cert: string } }, path: string, method = 'GET', body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest({
      host: '127.0.0.1', port: portOf(t.context.web.https), path, method, ca: t.context.cert, agent: false,
      headers: body ? { 'content-type': 'application/json' } : {},
    }, collect(resolve));
    req.on('error', reject);
    req.end(body);
  });
}

function overHttp(port: number, path: string, options: { method?: string; host?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', agent: false, headers: options.host ? { host: options.host } : {} }, collect(resolve));
    req.on('error', reject);
    req.end();
  });
}

test('given the public HTTPS port, when / is asked for, then the panel\'s index comes with HSTS, the strict CSP and no caching', async (t) => {
  const res = await overHttps(t, '/');
  t.is(res.status, 200);
  t.is(res.body, INDEX);
  t.regex(String(res.headers['content-type']), /^text\/html/);
  t.is(res.headers['strict-transport-security'], HSTS);
  t.is(res.headers['content-security-policy'], PAGE_CSP);
  t.is(res.headers['content-security-policy'], "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'");
  t.is(res.headers['x-content-type-options'], 'nosniff');
  t.is(res.headers['referrer-policy'], 'no-referrer');
  t.is(res.headers['x-frame-options'], 'DENY');
  t.is(res.headers['cache-control'], 'no-cache');
});

test('given one of the app\'s own paths, when reloaded, then the index answers it; other top-level files are themselves', async (t) => {
  for (const path of ['/panel', '/login', '/panel/calls/42?tab=history']) {
    const res = await overHttps(t, path);
    t.is(res.status, 200, path);
    t.is(res.body, INDEX, path);
    t.is(res.headers['content-security-policy'], PAGE_CSP, path);
  }
  const icon = await overHttps(t, '/favicon.svg');
  t.is(icon.status, 200);
  t.regex(String(icon.headers['content-type']), /^image\/svg\+xml/);
});

test('given a hashed asset, when asked for, then it is cached for a year as immutable; a missing one is a JSON 404', async (t) => {
  const res = await overHttps(t, '/assets/index-abc123.js');
  t.is(res.status, 200);
  t.regex(String(res.headers['content-type']), /javascript/);
  t.is(res.headers['cache-control'], IMMUTABLE);
  t.is(res.headers['strict-transport-security'], HSTS);

  const missing = await overHttps(t, '/assets/gone-000.js');
  t.is(missing.status, 404);
  t.like(JSON.parse(missing.body), { error: { id: 'route.not_found' } });
  t.is(missing.headers['cache-control'], 'no-store');
});

test('given the API over HTTPS, when it answers or refuses, then HSTS, nosniff and no-store are there, and the client\'s address is seen', async (t) => {
  const ok = await overHttps(t, '/api/whoami');
  t.is(ok.status, 200);
  t.deepEqual(JSON.parse(ok.body), { address: '127.0.0.1' });
  for (const res of [ok, await overHttps(t, '/api/refused'), await overHttps(t, '/api/nowhere')]) {
    t.is(res.headers['strict-transport-security'], HSTS);
    t.is(res.headers['x-content-type-options'], 'nosniff');
    t.is(res.headers['cache-control'], 'no-store');
    t.is(res.headers['content-security-policy'], undefined);
  }
  t.like(JSON.parse((await overHttps(t, '/api/nowhere')).body), { error: { id: 'route.not_found' } }, 'an unknown API path is not the index');
  const echoed = await overHttps(t, '/api/echo', 'POST', '{"a":1}');
  t.deepEqual(JSON.parse(echoed.body), { a: 1 });
});

test('given the loopback plain port, when probes and the API are asked, then they answer as before, without HSTS', async (t) => {
  const port = t.context.web.server.info.port as number;
  const health = await overHttp(port, '/health');
  t.is(health.status, 200);
  t.like(JSON.parse(health.body), { status: 'ok' });
  t.is(health.headers['strict-transport-security'], undefined);
  const api = await overHttp(port, '/api/whoami');
  t.deepEqual(JSON.parse(api.body), { address: '127.0.0.1' });
  t.is(api.headers['x-content-type-options'], 'nosniff');
  t.is(api.headers['cache-control'], 'no-store');
  t.is((await overHttp(port, '/ready')).status, 200);
});

test('given the redirect port, when anything is asked, then 308 to the same path and query over HTTPS, on a name the certificate holds', async (t) => {
  const port = portOf(t.context.web.redirect);
  const httpsPort = portOf(t.context.web.https);
  const asked = await overHttp(port, '/panel?tab=calls', { host: `127.0.0.1:${port}` });
  t.is(asked.status, 308);
  t.is(asked.headers.location, `https://127.0.0.1:${httpsPort}/panel?tab=calls`);
  t.is(asked.body, '');
  const posted = await overHttp(port, '/api/session/login', { method: 'POST', host: `localhost:${port}` });
  t.is(posted.status, 308);
  t.is(posted.headers.location, `https://localhost:${httpsPort}/api/session/login`);
  const foreign = await overHttp(port, '/', { host: 'evil.example.com' });
  t.is(foreign.headers.location, `https://panel.example.org:${httpsPort}/`);
});

test('given a WebSocket upgrade over HTTPS or on the loopback port, when the server listens for upgrades, then it gets both, with the client\'s address', async (t) => {
  const wss = new WebSocketServer({ noServer: true });
  t.context.web.server.listener.on('upgrade', (req: IncomingMessage, socket, head: Buffer) => {
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.send(JSON.stringify({ path: req.url, address: req.socket.remoteAddress, tls: (req.socket as TLSSocket).encrypted === true }));
      ws.close();
    });
  });
  const first = (url: string, options: object = {}): Promise<unknown> => new Promise((resolve, reject) => {
    const ws = new WebSocket(url, options);
    ws.once('message', (data: Buffer) => resolve(JSON.parse(data.toString())));
    ws.once('error', reject);
  });
  t.deepEqual(await first(`wss://127.0.0.1:${portOf(t.context.web.https)}/api/live`, { ca: t.context.cert }), { path: '/api/live', address: '127.0.0.1', tls: true });
  t.deepEqual(await first(`ws://127.0.0.1:${t.context.web.server.info.port}/api/live`), { path: '/api/live', address: '127.0.0.1', tls: false });
  wss.close();
});

test('given open connections, when stopped, then every port is closed and the connections are cut after the grace time', async (t) => {
  const { web } = t.context;
  const ports = [portOf(web.https), portOf(web.redirect), web.server.info.port as number];
  web.server.listener.on('upgrade', (req: IncomingMessage, socket, head: Buffer) => {
    new WebSocketServer({ noServer: true }).handleUpgrade(req, socket, head, () => undefined);
  });
  const ws = new WebSocket(`wss://127.0.0.1:${ports[0]}/api/live`, { ca: t.context.cert });
  const closed = new Promise<number>((resolve) => ws.on('close', (code: number) => resolve(code)));
  await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
  await overHttps(t, '/health');
  await web.stop(200);
  t.is(await closed, 1006, 'cut, not closed by the server');
  for (const port of ports) await t.throwsAsync(overHttp(port, '/health'), { code: 'ECONNREFUSED' });
});

test('given a configured certificate file that is missing, when the servers are made, then a setup error names the file', async (t) => {
  const config = configIn(t.context.dir, { certFile: join(t.context.dir, 'missing.crt'), keyFile: join(t.context.dir, 'tls/self-signed.key') });
  await t.throwsAsync(createServers(config, log), { instanceOf: WebSetupError, message: `web.certFile ${join(t.context.dir, 'missing.crt')}: cannot be read (ENOENT)` });
});

test('given the HTTPS port taken, when started, then a setup error names the setting and nothing is left listening', async (t) => {
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  const port = portOf(taken);
  const web = await createServers(configIn(t.context.dir, { https: { host: '127.0.0.1', port } }), log);
  await t.throwsAsync(web.start(), { instanceOf: WebSetupError, message: `web.https 127.0.0.1:${port}: cannot listen (EADDRINUSE)` });
  t.false(web.server.listener.listening);
  await new Promise((resolve) => taken.close(resolve));
});

test('given the pages\' routes, when the auth plugin checks the routes at start-up, then they are among its public paths', async (t) => {
  const web = await createServers(configIn(t.context.dir), log);
  web.server.auth.scheme('test', () => ({ authenticate: (_r, h) => h.authenticated({ credentials: {} }) }));
  web.server.auth.strategy('test', 'test');
  web.server.auth.default('test');
  t.is(web.server.table().filter((r) => (r.settings.auth as unknown) === false).length, 2);
  t.notThrows(() => assertRoutesAuthenticated(web.server, PUBLIC_PATHS));
});
