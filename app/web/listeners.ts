// The app's one hapi server and the three ways in:
//   - the loopback plain-HTTP port (config `http`, 127.0.0.1:8080): hapi's own listener, as it
//     always was, for the probes, the CLI, the tests and anything else on the appliance itself;
//   - the public HTTPS port (config `web.https`): a node https server that hands every request
//     and every WebSocket upgrade to hapi's listener, so the routes, the extensions and whatever
//     listens on `server.listener`'s 'upgrade' event (the /api/live WebSocket) are the same on
//     both ports;
//   - the public plain-HTTP port (config `web.redirect`): answers every request with 308 to the
//     same path and query over HTTPS, and nothing else.
// Why hand requests over rather than give hapi an https listener (`listener` + `tls: true`): the
// loopback port, which the appliance's scripts and tests depend on, stays exactly what it was,
// and HTTPS is only added beside it. The sockets stay the clients' own, so
// request.info.remoteAddress is the browser's address; overTls() (headers.ts) tells the ports
// apart. hapi tracks its own listener's connections for a clean stop; the public ones are
// tracked here, and whatever is still open when the stop's grace time ends (a WebSocket) is cut.
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import Hapi from '@hapi/hapi';
import type { AppSettings } from '../config/schema.js';
import type { Logger } from '../log/logger.js';
import { webHeadersPlugin } from './headers.js';
import { pagesPlugin } from './pages.js';
import { WebSetupError } from './setup-error.js';
import { certificateNames, loadTls } from './tls.js';

export type WebConfig = Pick<AppSettings, 'http' | 'web'> & { paths: Pick<AppSettings['paths'], 'web'> };

export interface WebServers {
  /** The hapi server: plugins and routes go here, whichever port a request comes in by. */
  server: Hapi.Server;
  /** The public listeners (for their addresses; start and stop handle them). */
  https: HttpsServer;
  redirect: HttpServer;
  /** Starts hapi on the loopback port, then the public listeners. */
  start(): Promise<void>;
  /** Stops taking connections everywhere; open ones get `graceMs` to finish. */
  stop(graceMs: number): Promise<void>;
}

interface Tracked {
  listener: HttpServer | HttpsServer;
  sockets: Set<Socket>;
}

function tracked(listener: HttpServer | HttpsServer): Tracked {
  const sockets = new Set<Socket>();
  listener.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return { listener, sockets };
}

const BIND_ERRORS = new Set(['EADDRINUSE', 'EACCES', 'EADDRNOTAVAIL']);

/** A bind failure as an operator's problem naming the setting; other errors as they are. */
function bindError(err: unknown, setting: string, address: { host: string; port: number }): unknown {
  const code = (err as NodeJS.ErrnoException).code ?? '';
  if (!BIND_ERRORS.has(code)) return err;
  const hint = code === 'EACCES' && address.port < 1024 ? ': ports below 1024 need CAP_NET_BIND_SERVICE' : '';
  return new WebSetupError(`${setting} ${address.host}:${address.port}: cannot listen (${code}${hint})`);
}

async function listen({ listener }: Tracked, setting: string, address: { host: string; port: number }): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    listener.once('error', reject);
    listener.listen(address.port, address.host, () => {
      listener.off('error', reject);
      resolve();
    });
  }).catch((err: unknown) => { throw bindError(err, setting, address); });
}

async function close({ listener, sockets }: Tracked, graceMs: number): Promise<void> {
  if (!listener.listening) return;
  const cut = setTimeout(() => { for (const socket of sockets) socket.destroy(); }, graceMs);
  await new Promise<void>((resolve) => {
    listener.close(() => resolve());
    listener.closeIdleConnections();
  });
  clearTimeout(cut);
}

/** The https:// URL for a plain request: the name it asked for if the certificate holds it, else the public name. */
function redirectLocation(req: IncomingMessage, names: readonly string[], httpsPort: number): string {
  let host = names[0] ?? 'localhost';
  try {
    const asked = new URL(`http://${req.headers.host ?? ''}`).hostname;
    if (names.includes(asked)) host = asked;
  } catch {
    // No Host header, or not a host: the public name.
  }
  const port = httpsPort === 443 ? '' : `:${httpsPort}`;
  const path = req.url?.startsWith('/') ? req.url : '/';
  return `https://${host}${port}${path}`;
}

export async function createServers(config: WebConfig, log: Logger): Promise<WebServers> {
  const tls = await loadTls(config.web, log);
  const server = Hapi.server({ host: config.http.host, port: config.http.port, routes: { response: { emptyStatusCode: 204 } } });
  await server.register([{ plugin: webHeadersPlugin }, { plugin: pagesPlugin, options: { root: config.paths.web, log } }]);

  const httpsServer = createHttpsServer({ cert: tls.cert, key: tls.key, minVersion: 'TLSv1.2' });
  const https = tracked(httpsServer);
  https.listener.on('request', (req: IncomingMessage, res: ServerResponse) => server.listener.emit('request', req, res));
  https.listener.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    if (!server.listener.emit('upgrade', req, socket, head)) socket.destroy();
  });

  const names = certificateNames(config.web.publicName);
  const httpsPort = (): number => (https.listener.address() as AddressInfo | null)?.port ?? config.web.https.port;
  const redirectServer = createHttpServer((req, res) => {
    // A URL that cannot go in a header (Node refuses it) is a bad request.
    try {
      res.writeHead(308, { location: redirectLocation(req, names, httpsPort()), 'content-length': '0', connection: 'close' });
    } catch {
      res.writeHead(400, { 'content-length': '0', connection: 'close' });
    }
    res.end();
  });
  const redirect = tracked(redirectServer);

  const stop = async (graceMs: number): Promise<void> => {
    await Promise.all([server.stop({ timeout: graceMs }), close(https, graceMs), close(redirect, graceMs)]);
  };
  return {
    server,
    https: httpsServer,
    redirect: redirectServer,
    async start() {
      try {
        await server.start().catch((err: unknown) => { throw bindError(err, 'http', config.http); });
        await listen(https, 'web.https', config.web.https);
        await listen(redirect, 'web.redirect', config.web.redirect);
      } catch (err) {
        await stop(0).catch(() => undefined); // the first error is the one to report
        throw err;
      }
      log.info({ https: `https://${config.web.publicName}:${httpsPort()}/`, redirectPort: (redirect.listener.address() as AddressInfo).port, certFile: tls.certFile }, 'web listening');
    },
    stop,
  };
}
