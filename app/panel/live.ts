// The live-update WebSocket, `/api/live` (docs/web-api.md, "Live updates"), on any node HTTP or
// HTTPS server it is attached to (the hapi listener, and any other listener of the site): the
// upgrade must come from a page of the same site (its Origin's host is the request's Host; a
// request without Origin must carry a Bearer token, as machines do), then the socket says who it
// is with the session cookie (or the token) through the Authenticator: refused, it is closed with
// 4401. Each socket (live-socket.ts) subscribes to agent panels and gets each one whole, at once
// and after every change the journal reports (changes.ts). Messages are at most 4 KiB; a ping goes
// out every 20 s. close() ends every socket (1001) and lets go of the servers.
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { cookieValue, SESSION_COOKIE } from '../auth/authenticator.js';
import type { PanelChanges } from './changes.js';
import { type Carried, LiveSocket, type LiveSocketDeps } from './live-socket.js';

export const LIVE_PATH = '/api/live';
export const MAX_PAYLOAD = 4 * 1024;
export const PING_MS = 20_000;
export const DEBOUNCE_MS = 100;
/** How long sockets get to close when the server stops, before they are cut. */
const CLOSE_GRACE_MS = 2_000;

export interface LiveDeps extends Omit<LiveSocketDeps, 'debounceMs'> {
  changes: Pick<PanelChanges, 'watch'>;
  pingMs?: number;
  debounceMs?: number;
}

type NodeServer = HttpServer | HttpsServer;
type UpgradeListener = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** A browser's page of this very site (its Origin's host is the Host asked for), or a machine with a token. */
export function sameSite(req: IncomingMessage): boolean {
  const origin = header(req, 'origin');
  if (origin === undefined) return header(req, 'authorization') !== undefined;
  try {
    return new URL(origin).host === header(req, 'host');
  } catch {
    return false;
  }
}

export class LiveServer {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD });
  private readonly attached = new Map<NodeServer, UpgradeListener>();
  private readonly sockets = new Set<LiveSocket>();
  private readonly stopWatching: () => void;
  private readonly pinger: NodeJS.Timeout;
  private closed = false;
  private readonly socketDeps: LiveSocketDeps;

  constructor(deps: LiveDeps) {
    this.socketDeps = { ...deps, debounceMs: deps.debounceMs ?? DEBOUNCE_MS };
    this.stopWatching = deps.changes.watch((tenant) => { for (const s of this.sockets) s.changed(tenant); });
    this.pinger = setInterval(() => { for (const s of this.sockets) void s.ping(); }, deps.pingMs ?? PING_MS);
    this.pinger.unref();
  }

  get size(): number {
    return this.sockets.size;
  }

  /** Serves `/api/live` on this server's upgrades too (each server once). */
  attach(server: NodeServer): void {
    if (this.attached.has(server) || this.closed) return;
    const listener: UpgradeListener = (req, socket, head) => this.upgrade(server, req, socket, head);
    server.on('upgrade', listener);
    this.attached.set(server, listener);
  }

  /** Every socket closed (1001, cut after a grace period), the servers let go. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.pinger);
    this.stopWatching();
    for (const [server, listener] of this.attached) server.off('upgrade', listener);
    this.attached.clear();
    for (const s of this.sockets) s.end(1001, 'server stopping');
    const clients = [...this.wss.clients];
    await Promise.race([
      Promise.all(clients.map((ws) => new Promise((resolve) => { if (ws.readyState === ws.CLOSED) resolve(undefined); else ws.once('close', resolve); }))),
      new Promise((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref()),
    ]);
    for (const ws of this.wss.clients) ws.terminate();
    await new Promise((resolve) => { this.wss.close(() => resolve(undefined)); });
  }

  private upgrade(server: NodeServer, req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = (req.url ?? '').split('?')[0];
    if (path !== LIVE_PATH) {
      // Another listener's upgrade, or nobody's: then it is answered, not left hanging.
      if (server.listenerCount('upgrade') === 1) refuse(socket, 404, 'Not Found');
      return;
    }
    if (this.closed) return refuse(socket, 503, 'Service Unavailable');
    if (!sameSite(req)) return refuse(socket, 403, 'Forbidden');
    const carried: Carried = { authorization: header(req, 'authorization'), sid: cookieValue(header(req, 'cookie'), SESSION_COOKIE) };
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const live = new LiveSocket(ws, carried, this.socketDeps);
      this.sockets.add(live);
      ws.once('close', () => {
        this.sockets.delete(live);
        live.end(1000, 'closed');
      });
    });
  }
}
