import test from 'ava';
import { CAP_MS, reconnectDelay } from './backoff';
import { LiveClient, type LiveStatus, type SocketLike, type Timers } from './live-client';

test('reconnect delays double from 1 s up to 15 s, with jitter within ±20 %', (t) => {
  const mid = () => 0.5;
  t.deepEqual([0, 1, 2, 3, 4, 5, 10].map((n) => reconnectDelay(n, mid)), [1000, 2000, 4000, 8000, 15000, 15000, 15000]);
  t.is(reconnectDelay(0, () => 0), 800);
  t.is(reconnectDelay(0, () => 1), 1200);
  t.is(reconnectDelay(20, () => 1), CAP_MS);
});

class FakeSocket implements SocketLike {
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  sent: string[] = [];
  closedWith: number | undefined;
  send(data: string) { this.sent.push(data); }
  close(code?: number) { this.closedWith = code; }
  serverSends(msg: unknown) { this.onmessage?.({ data: JSON.stringify(msg) } as MessageEvent); }
  serverCloses(code: number) { this.onclose?.({ code } as CloseEvent); }
  opens() { this.onopen?.({} as Event); }
}

function harness() {
  const sockets: FakeSocket[] = [];
  const pending = new Map<number, { fn: () => void; ms: number }>();
  let next = 0;
  const timers: Timers = {
    set: (fn, ms) => { pending.set(++next, { fn, ms }); return next; },
    clear: (h) => { pending.delete(h as number); },
  };
  /** Runs the retry timer (the one that is not the 45 s silence watchdog). */
  const fireRetry = () => {
    const entry = [...pending.entries()].find(([, v]) => v.ms !== 45_000);
    if (!entry) throw new Error('no retry scheduled');
    pending.delete(entry[0]);
    entry[1].fn();
    return entry[1].ms;
  };
  const fireSilence = () => {
    const entry = [...pending.entries()].find(([, v]) => v.ms === 45_000);
    if (!entry) throw new Error('no watchdog');
    pending.delete(entry[0]);
    entry[1].fn();
  };
  const statuses: LiveStatus[] = [];
  const data: unknown[] = [];
  const refused: string[] = [];
  let over = 0;
  const client = new LiveClient<{ n: number }>({
    url: 'ws://x/api/live', dataType: 'panel', subscribe: { topic: 'agent-panel', tenant: 'energie', agentId: 'a1' },
    onData: (d) => data.push(d), onStatus: (s) => statuses.push(s), onRefused: (id) => refused.push(id), onSessionOver: () => { over += 1; },
    open: () => { const s = new FakeSocket(); sockets.push(s); return s; },
    timers, random: () => 0.5,
  });
  return { client, sockets, pending, fireRetry, fireSilence, statuses, data, refused, over: () => over };
}

test('subscribes on open, shows every snapshot, and subscribes again after a reconnection', (t) => {
  const h = harness();
  h.client.start();
  const first = h.sockets[0]!;
  first.opens();
  t.deepEqual(first.sent.map((s) => JSON.parse(s) as unknown), [{ type: 'subscribe', topic: 'agent-panel', tenant: 'energie', agentId: 'a1' }]);
  first.serverSends({ type: 'panel', data: { n: 1 } });
  first.serverSends({ type: 'ping' });
  first.serverSends({ type: 'panel', data: { n: 2 } });
  t.deepEqual(h.data, [{ n: 1 }, { n: 2 }]);
  t.is(h.statuses.at(-1), 'live');

  first.serverCloses(1006);
  t.is(h.statuses.at(-1), 'reconnecting');
  t.is(h.fireRetry(), 1000);
  first.serverCloses(1006); // a late event from the old socket changes nothing
  const second = h.sockets[1]!;
  second.serverCloses(1006); // failed again before opening
  t.is(h.fireRetry(), 2000);
  const third = h.sockets[2]!;
  third.opens();
  t.is(third.sent.length, 1);
  third.serverSends({ type: 'panel', data: { n: 3 } });
  t.is(h.statuses.at(-1), 'live');
  third.serverCloses(1001);
  t.is(h.fireRetry(), 1000, 'a snapshot resets the backoff');
});

test('close code 4401 ends the session and never reconnects', (t) => {
  const h = harness();
  h.client.start();
  h.sockets[0]!.opens();
  h.sockets[0]!.serverCloses(4401);
  t.is(h.over(), 1);
  t.is(h.statuses.at(-1), 'over');
  t.is(h.pending.size, 0);
});

test('a refused subscription is reported with its id', (t) => {
  const h = harness();
  h.client.start();
  h.sockets[0]!.opens();
  h.sockets[0]!.serverSends({ type: 'error', error: { id: 'auth.other_agent' } });
  t.deepEqual(h.refused, ['auth.other_agent']);
});

test('a silent socket is given up and replaced', (t) => {
  const h = harness();
  h.client.start();
  h.sockets[0]!.opens();
  h.fireSilence();
  t.is(h.sockets[0]!.closedWith, 4000);
  t.is(h.statuses.at(-1), 'reconnecting');
  h.fireRetry();
  t.is(h.sockets.length, 2);
});

test('stop closes the socket and cancels every timer', (t) => {
  const h = harness();
  h.client.start();
  h.sockets[0]!.opens();
  h.client.stop();
  t.is(h.sockets[0]!.closedWith, 1000);
  t.is(h.pending.size, 0);
});
