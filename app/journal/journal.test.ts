import test from 'ava';
import type { JournalEntry, JournalStore } from './entries.js';
import { CallJournal } from './journal.js';
import { JournalDataError } from './reject.js';

const quiet = { warn: () => undefined, info: () => undefined, error: () => undefined };

function event(n: number): JournalEntry {
  return { kind: 'event', event: { id: `e${n}`, callId: 'c1', tenant: 't', type: 'test', at: new Date(0), seq: n } };
}

/** A store that fails a given number of times before accepting writes. */
class FlakyStore implements JournalStore {
  readonly written: string[] = [];
  attempts = 0;
  constructor(private failures: number) {}
  apply(entries: readonly JournalEntry[]): Promise<void> {
    this.attempts++;
    if (this.failures-- > 0) return Promise.reject(new Error('connection refused'));
    for (const e of entries) if (e.kind === 'event') this.written.push(e.event.id);
    return Promise.resolve();
  }
}

test('given a store that accepts, when entries are appended, then they are written in order', async (t) => {
  const store = new FlakyStore(0);
  const journal = new CallJournal(store, quiet);
  journal.append(event(1), event(2));
  journal.append(event(3));
  await journal.idle();
  t.deepEqual(store.written, ['e1', 'e2', 'e3']);
  t.is(journal.pending, 0);
});

test('given a store that fails three times, when entries are appended, then they are kept and written once it recovers', async (t) => {
  const store = new FlakyStore(3);
  const pendings: number[] = [];
  const journal = new CallJournal(store, quiet, { onPending: (n) => pendings.push(n) });
  journal.append(event(1), event(2));
  await journal.idle();
  t.deepEqual(store.written, ['e1', 'e2']);
  t.is(store.attempts, 4);
  t.is(pendings.at(-1), 0);
});

test('given a small batch size, when many entries are appended, then every one is written exactly once', async (t) => {
  const store = new FlakyStore(1);
  const journal = new CallJournal(store, quiet, { batchSize: 7 });
  for (let i = 0; i < 50; i++) journal.append(event(i));
  await journal.idle();
  t.deepEqual(store.written, Array.from({ length: 50 }, (_, i) => `e${i}`));
});

test('given one entry the database refuses, when it is in a batch, then only that entry is set aside and the others are written', async (t) => {
  const written: string[] = [];
  const store: JournalStore = {
    apply(entries) {
      if (entries.some((e) => e.kind === 'event' && e.event.id === 'e3')) return Promise.reject(new JournalDataError('foreign key'));
      for (const e of entries) if (e.kind === 'event') written.push(e.event.id);
      return Promise.resolve();
    },
  };
  const rejected: JournalEntry[] = [];
  const journal = new CallJournal(store, quiet, { onRejected: (e) => rejected.push(e) });
  for (let i = 0; i < 6; i++) journal.append(event(i));
  await journal.idle();
  t.deepEqual(written, ['e0', 'e1', 'e2', 'e4', 'e5']);
  t.is(rejected.length, 1);
  t.like(rejected[0], { kind: 'event', event: { id: 'e3' } });
});
