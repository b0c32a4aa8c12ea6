// The ARI event WebSocket. Reconnects forever with capped backoff; after every (re)connection it
// tells its listener, which must re-read channels and bridges: Asterisk drops, never replays,
// the events of a Stasis app while it is disconnected.
import { EventEmitter } from 'node:events';
import WebSocket from 'ws';
import type { AriEvent } from './generated/ari.js';
import type { AriEndpoint } from './client.js';
import { type BackoffOptions, DEFAULT_BACKOFF, backoffDelay } from './backoff.js';

export interface EventStreamLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

interface StreamEvents {
  event: [AriEvent];
  connected: [];
  disconnected: [reason: string];
}

export class AriEventStream extends EventEmitter<StreamEvents> {
  private ws: WebSocket | undefined;
  private attempt = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private _connected = false;

  constructor(
    private readonly endpoint: AriEndpoint,
    private readonly app: string,
    private readonly log: EventStreamLog,
    private readonly backoff: BackoffOptions = DEFAULT_BACKOFF,
  ) {
    super();
  }

  get connected(): boolean {
    return this._connected;
  }

  start(): void {
    this.stopped = false;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.ws?.close();
    this.ws?.removeAllListeners();
    this.ws = undefined;
    this.setConnected(false, 'stopped');
  }

  private open(): void {
    const url = new URL(this.endpoint.baseUrl.replace(/^http/, 'ws') + '/ari/events');
    url.searchParams.set('app', this.app);
    url.searchParams.set('subscribeAll', 'false');
    const auth = 'Basic ' + Buffer.from(`${this.endpoint.username}:${this.endpoint.password}`).toString('base64');
    const ws = new WebSocket(url, { headers: { authorization: auth }, handshakeTimeout: 5000 });
    this.ws = ws;
    ws.on('open', () => {
      this.attempt = 0;
      this.setConnected(true, 'open');
    });
    ws.on('message', (data) => this.onMessage(data));
    ws.on('error', (err) => this.log.warn({ err: err.message }, 'ARI event socket error'));
    ws.on('close', (code, reason) => {
      ws.removeAllListeners();
      this.ws = undefined;
      this.setConnected(false, `closed ${code} ${reason.toString()}`);
      this.scheduleReconnect();
    });
    ws.on('unexpected-response', (_req, res) => {
      this.log.warn({ status: res.statusCode }, 'ARI refused the event socket');
      ws.terminate();
    });
  }

  private onMessage(data: WebSocket.RawData): void {
    let event: AriEvent;
    try {
      event = JSON.parse(Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]).toString('utf8')) as AriEvent;
    } catch (err) {
      this.log.warn({ err: String(err) }, 'unparseable ARI event ignored');
      return;
    }
    this.emit('event', event);
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    const delay = backoffDelay(this.attempt++, this.backoff);
    this.timer = setTimeout(() => this.open(), delay);
  }

  private setConnected(value: boolean, reason: string): void {
    if (this._connected === value) return;
    this._connected = value;
    if (value) {
      this.log.info({ app: this.app }, 'ARI event socket connected');
      this.emit('connected');
    } else {
      this.log.warn({ reason }, 'ARI event socket disconnected');
      this.emit('disconnected', reason);
    }
  }
}
