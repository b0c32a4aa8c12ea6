// One live socket (live.ts accepts them): who it is (the session or token it was opened with,
// checked again at every ping and every message: once it is refused, the socket closes with 4401),
// what it subscribed to (at most a few agent panels, each authorised exactly as the HTTP route
// is, again at every ping), and the pushes: the whole panel at once, then again after each change
// (debounced, and only when it differs from the one sent before). A malformed message is answered
// with an error and the socket stays open; a client that floods or stops reading is cut off.
import type WebSocket from 'ws';
import type { RawData } from 'ws';
import { z } from 'zod';
import type { Authenticator } from '../auth/authenticator.js';
import type { Identity } from '../auth/credentials.js';
import type { TenantRef } from '../auth/tenant-access.js';
import { DomainError, UnauthenticatedError } from '../errors/domain.js';
import type { Logger } from '../log/logger.js';
import type { Panel } from './types.js';

/** Close code: the session is over (the client goes back to its login screen). */
export const SESSION_OVER = 4401;
export const MAX_SUBSCRIPTIONS = 4;
/** Messages a client may send between two pings. */
const MAX_MESSAGES = 30;
/** A client this far behind in reading is cut off rather than buffered for. */
const MAX_BUFFERED = 1 << 20;

export interface LiveSocketDeps {
  authenticator: Pick<Authenticator, 'identify'>;
  /** The tenant, once `identity` may watch the agent's panel; throws the route's refusal otherwise. */
  authorise: (identity: Identity, tenant: string, agentId: string) => Promise<TenantRef>;
  build: (tenant: TenantRef, agentId: string) => Promise<Panel>;
  log: Logger;
  debounceMs: number;
}

export interface Carried {
  authorization?: string | undefined;
  sid?: string | undefined;
}

const Subscribe = z.strictObject({
  type: z.literal('subscribe'),
  topic: z.string().max(64),
  tenant: z.string().min(1).max(64),
  agentId: z.string().min(1).max(64),
});
type Outgoing = { type: 'ping' } | { type: 'error'; error: { id: string; message?: string }; tenant?: string; agentId?: string };

/** One agent panel followed by a socket. */
class Subscription {
  private timer: NodeJS.Timeout | undefined;
  private building = false;
  private again = false;
  private last = '';
  private stopped = false;

  constructor(readonly tenant: TenantRef, readonly agentId: string, private readonly socket: LiveSocket, private readonly deps: LiveSocketDeps) {}

  /** Builds and pushes the panel after the debounce delay (one build for a burst of changes). */
  schedule(): void {
    if (this.timer || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.push(false);
    }, this.deps.debounceMs);
  }

  /** Builds the panel and sends it if it changed (always when `force`: a new subscription gets it at once). */
  async push(force: boolean): Promise<void> {
    if (force) this.last = '';
    if (this.building) {
      this.again = true;
      return;
    }
    this.building = true;
    try {
      const panel = await this.deps.build(this.tenant, this.agentId);
      const json = JSON.stringify({ type: 'panel', data: panel });
      if (json !== this.last && !this.stopped) {
        this.last = json;
        this.socket.sendRaw(json);
      }
    } catch (err) {
      this.socket.failed(err, this);
    } finally {
      this.building = false;
      if (this.again) {
        this.again = false;
        this.schedule();
      }
    }
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }
}

export class LiveSocket {
  private readonly subs = new Map<string, Subscription>();
  private messages = 0;
  private over = false;
  private identity: Promise<Identity | undefined>;

  constructor(private readonly ws: WebSocket, private readonly carried: Carried, private readonly deps: LiveSocketDeps) {
    this.identity = this.identify();
    ws.on('message', (data, isBinary) => { void this.message(data, isBinary); });
    ws.on('error', (err) => this.deps.log.debug({ err: err.message }, 'live socket error'));
  }

  /** Something of the tenant changed: its panels are built again. */
  changed(tenant: string): void {
    for (const sub of this.subs.values()) if (sub.tenant.slug === tenant) sub.schedule();
  }

  /** Every 20 s: the session and each subscription are checked again, then a ping goes out. */
  async ping(): Promise<void> {
    this.messages = 0;
    if (this.ws.bufferedAmount > MAX_BUFFERED) {
      this.deps.log.warn({ buffered: this.ws.bufferedAmount }, 'live socket cut off: the client does not read');
      this.ws.terminate();
      return;
    }
    const identity = await (this.identity = this.identify());
    if (!identity) return;
    for (const [key, sub] of this.subs) {
      try {
        await this.deps.authorise(identity, sub.tenant.slug, sub.agentId);
      } catch (err) {
        this.drop(key);
        this.refused(err, sub.tenant.slug, sub.agentId);
      }
    }
    this.send({ type: 'ping' });
  }

  /** Closes the socket with `code` (1001 when the server stops, 4401 when the session is over). */
  end(code: number, reason: string): void {
    if (this.over) return;
    this.over = true;
    for (const key of [...this.subs.keys()]) this.drop(key);
    this.ws.close(code, reason.slice(0, 120));
  }

  sendRaw(json: string): void {
    if (!this.over && this.ws.readyState === this.ws.OPEN) this.ws.send(json);
  }

  /** A panel could not be built: a refusal is told to the client (and the subscription dropped), anything else logged. */
  failed(err: unknown, sub: Subscription): void {
    if (err instanceof DomainError) {
      this.drop(`${sub.tenant.slug}/${sub.agentId}`);
      this.refused(err, sub.tenant.slug, sub.agentId);
    } else {
      this.deps.log.error({ tenant: sub.tenant.slug, agentId: sub.agentId, err: err instanceof Error ? err.stack : String(err) }, 'agent panel could not be built');
    }
  }

  private send(msg: Outgoing): void {
    this.sendRaw(JSON.stringify(msg));
  }

  private drop(key: string): void {
    this.subs.get(key)?.stop();
    this.subs.delete(key);
  }

  /** The identity the socket carries now; undefined (and the socket closed) once it is refused. */
  private async identify(): Promise<Identity | undefined> {
    try {
      return (await this.deps.authenticator.identify(this.carried)).identity;
    } catch (err) {
      if (err instanceof UnauthenticatedError) this.end(SESSION_OVER, err.id);
      else {
        this.deps.log.error({ err: err instanceof Error ? err.stack : String(err) }, 'live socket: identity could not be checked');
        this.end(1011, 'internal');
      }
      return undefined;
    }
  }

  private async message(data: RawData, isBinary: boolean): Promise<void> {
    if (this.over) return;
    if (++this.messages > MAX_MESSAGES) return this.end(1008, 'too many messages');
    const identity = await (this.identity = this.identify());
    if (!identity) return;
    const msg = isBinary ? undefined : parse(rawText(data));
    if (!msg) return this.send({ type: 'error', error: { id: 'live.bad_message', message: 'expected {"type":"subscribe","topic":"agent-panel","tenant":"...","agentId":"..."}' } });
    if (msg.topic !== 'agent-panel') return this.send({ type: 'error', error: { id: 'live.unknown_topic', message: `no topic "${msg.topic}"` } });
    const key = `${msg.tenant}/${msg.agentId}`;
    if (!this.subs.has(key) && this.subs.size >= MAX_SUBSCRIPTIONS) {
      return this.send({ type: 'error', error: { id: 'live.too_many_subscriptions', message: `at most ${MAX_SUBSCRIPTIONS} subscriptions per socket` }, tenant: msg.tenant, agentId: msg.agentId });
    }
    let tenant: TenantRef;
    try {
      tenant = await this.deps.authorise(identity, msg.tenant, msg.agentId);
    } catch (err) {
      return this.refused(err, msg.tenant, msg.agentId);
    }
    if (this.over) return;
    let sub = this.subs.get(key);
    if (!sub) this.subs.set(key, (sub = new Subscription(tenant, msg.agentId, this, this.deps)));
    await sub.push(true);
  }

  /** A refusal: the session's end closes the socket (4401); any other is told as an error. */
  private refused(err: unknown, tenant: string, agentId: string): void {
    if (err instanceof UnauthenticatedError) return this.end(SESSION_OVER, err.id);
    if (err instanceof DomainError) return this.send({ type: 'error', error: { id: err.id, message: err.message }, tenant, agentId });
    this.deps.log.error({ tenant, agentId, err: err instanceof Error ? err.stack : String(err) }, 'live subscription could not be checked');
    this.send({ type: 'error', error: { id: 'internal' }, tenant, agentId });
  }
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data instanceof ArrayBuffer ? new Uint8Array(data) : data).toString('utf8');
}

function parse(text: string): z.infer<typeof Subscribe> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const sub = Subscribe.safeParse(value);
  return sub.success ? sub.data : undefined;
}
