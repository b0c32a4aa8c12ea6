// The live-update socket of the contract (/api/live, with the session cookie): subscribe to a
// topic, receive the whole state at once and at every change, reconnect by itself with backoff
// and jitter, subscribe again, and stop for good on close code 4401 (the session is over).
// A socket that stays silent for more than two pings (the server pings every 20 s) is treated as
// lost. Timers and the WebSocket class are injected so that the logic is unit-tested in Node.
import { reconnectDelay } from './backoff';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'over';

export interface SocketLike {
  onopen: ((ev: Event) => void) | null;
  onmessage: ((ev: MessageEvent) => void) | null;
  onclose: ((ev: CloseEvent) => void) | null;
  onerror: ((ev: Event) => void) | null;
  send(data: string): void;
  close(code?: number): void;
}

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface LiveOptions<T> {
  url: string;
  /** The subscribe message, sent on every (re)connection. */
  subscribe: Record<string, unknown>;
  /** The message type that carries the data (`panel`). */
  dataType: string;
  onData: (data: T) => void;
  onStatus: (status: LiveStatus) => void;
  /** The server refused the subscription ({ type: 'error', error: { id } }). */
  onRefused: (id: string) => void;
  /** Close code 4401: the session is over. */
  onSessionOver: () => void;
  open: (url: string) => SocketLike;
  timers?: Timers;
  random?: () => number;
  silenceMs?: number;
}

export const SESSION_OVER = 4401;
const SILENCE_MS = 45_000;

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class LiveClient<T> {
  private socket: SocketLike | null = null;
  private attempt = 0;
  private retryTimer: unknown = null;
  private silenceTimer: unknown = null;
  private stopped = false;
  private everLive = false;
  private readonly timers: Timers;

  constructor(private readonly o: LiveOptions<T>) {
    this.timers = o.timers ?? realTimers;
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.clearTimers();
    const s = this.socket;
    this.socket = null;
    if (s) { this.detach(s); s.close(1000); }
  }

  private connect(): void {
    this.o.onStatus(this.everLive || this.attempt > 0 ? 'reconnecting' : 'connecting');
    let socket: SocketLike;
    try {
      socket = this.o.open(this.o.url);
    } catch {
      this.scheduleRetry();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      socket.send(JSON.stringify({ type: 'subscribe', ...this.o.subscribe }));
      this.armSilence();
    };
    socket.onmessage = (ev) => this.message(ev.data);
    socket.onerror = () => { /* a close follows */ };
    socket.onclose = (ev) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.clearTimers();
      if (ev.code === SESSION_OVER) {
        this.stopped = true;
        this.o.onStatus('over');
        this.o.onSessionOver();
        return;
      }
      if (!this.stopped) this.scheduleRetry();
    };
  }

  private message(raw: unknown): void {
    this.armSilence();
    let msg: { type?: unknown; data?: unknown; error?: { id?: unknown } };
    try { msg = JSON.parse(String(raw)) as typeof msg; } catch { return; }
    if (msg.type === this.o.dataType) {
      this.attempt = 0;
      this.everLive = true;
      this.o.onStatus('live');
      this.o.onData(msg.data as T);
    } else if (msg.type === 'error') {
      this.o.onRefused(typeof msg.error?.id === 'string' ? msg.error.id : 'internal');
    }
    // { type: 'ping' } only keeps the silence timer quiet.
  }

  private scheduleRetry(): void {
    this.o.onStatus('reconnecting');
    const delay = reconnectDelay(this.attempt, this.o.random);
    this.attempt += 1;
    this.retryTimer = this.timers.set(() => { this.retryTimer = null; if (!this.stopped) this.connect(); }, delay);
  }

  private armSilence(): void {
    if (this.silenceTimer !== null) this.timers.clear(this.silenceTimer);
    this.silenceTimer = this.timers.set(() => {
      this.silenceTimer = null;
      const s = this.socket;
      if (!s) return;
      // Treat it as closed now (a dead TCP connection may take minutes to report).
      this.socket = null;
      this.detach(s);
      s.close(4000);
      if (!this.stopped) this.scheduleRetry();
    }, this.o.silenceMs ?? SILENCE_MS);
  }

  private clearTimers(): void {
    if (this.retryTimer !== null) this.timers.clear(this.retryTimer);
    if (this.silenceTimer !== null) this.timers.clear(this.silenceTimer);
    this.retryTimer = null;
    this.silenceTimer = null;
  }

  private detach(s: SocketLike): void {
    s.onopen = null; s.onmessage = null; s.onclose = null; s.onerror = null;
  }
}

/** The WebSocket URL of a path on this site (wss on https). */
export function socketUrl(path: string): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${path}`;
}
