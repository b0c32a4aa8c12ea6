// The journal's linger, on a clock the test controls: entries appended close together go in one
// batch, nothing is written before the linger is over, stop() ends a linger at once, and what
// the store says a batch cost reaches onCommitted.
import test from 'ava';
import type { JournalEntry, JournalStore, JournalWrite } from './entries.js';
import { CallJournal, DEFAULT_LINGER_MS, type JournalScheduler } from './journal.js';

const quiet = { warn: () => undefined, info: () => undefined, error: () => undefined };

function event(n: number): JournalEntry {
  return { kind: 'event', event: { id: `e${n}`, callId: 'c1', tenant: 't', type: 'test', at: new Date(0), seq: n } };
}

/** Timers that fire only when the test says, and what they were set for. */
class Clock {
  readonly pending: { run: () => void; ms: number; cancelled: boolean }[] = [];
  readonly schedule: JournalScheduler = (run, ms) => {
    const timer = { run, ms, cancelled: false };
    this.pending.push(timer);
    return () => { timer.cancelled = true; };
  };

  /** Fires the timers set so far that were not cancelled. */
  fire(): void {
    for (const t of this.pending.splice(0)) if (!t.cancelled) t.run();
  }
}

/** Records each batch; says every batch cost one transaction of batch length + 2 statements. */
class BatchStore implements JournalStore {
  readonly batches: string[][] = [];
  apply(entries: readonly JournalEntry[]): Promise<JournalWrite> {
    this.batches.push(entries.map((e) => (e.kind === 'event' ? e.event.id : e.kind)));
    return Promise.resolve({ transactions: 1, statements: entries.length + 2 });
  }
}

test('given an idle journal, when entries are appended one by one within the linger, then nothing is written before it ends and then all go in one batch', async (t) => {
  const clock = new Clock();
  const store = new BatchStore();
  const journal = new CallJournal(store, quiet, { schedule: clock.schedule });
  journal.append(event(1));
  journal.append(event(2));
  journal.append(event(3), event(4));
  t.deepEqual(clock.pending.map((p) => p.ms), [DEFAULT_LINGER_MS], 'one linger, from the first entry');
  await Promise.resolve();
  t.deepEqual(store.batches, [], 'the first entry is not written alone');
  clock.fire();
  await journal.idle();
  t.deepEqual(store.batches, [['e1', 'e2', 'e3', 'e4']]);
});

test('given a batch being written, when entries arrive meanwhile, then they go in the next batch without another linger', async (t) => {
  const clock = new Clock();
  let release: () => void = () => undefined;
  const batches: string[][] = [];
  const store: JournalStore = {
    apply(entries) {
      batches.push(entries.map((e) => (e.kind === 'event' ? e.event.id : e.kind)));
      return batches.length === 1 ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve();
    },
  };
  const journal = new CallJournal(store, quiet, { schedule: clock.schedule, lingerMs: 40 });
  journal.append(event(1));
  clock.fire();
  journal.append(event(2));
  journal.append(event(3));
  t.is(clock.pending.length, 0, 'no linger while writing');
  release();
  await journal.idle();
  t.deepEqual(batches, [['e1'], ['e2', 'e3']]);
});

test('given a linger of 0, when entries are appended in one turn of the event loop, then they go in one batch', async (t) => {
  const store = new BatchStore();
  const journal = new CallJournal(store, quiet, { lingerMs: 0 });
  journal.append(event(1));
  journal.append(event(2));
  await journal.idle();
  t.deepEqual(store.batches, [['e1', 'e2']]);
});

test('given a lingering journal, when it is stopped, then the entries are written at once', async (t) => {
  const clock = new Clock();
  const store = new BatchStore();
  const journal = new CallJournal(store, quiet, { schedule: clock.schedule });
  journal.append(event(1), event(2));
  journal.stop();
  await journal.idle();
  t.deepEqual(store.batches, [['e1', 'e2']]);
  clock.fire(); // the cancelled linger: nothing more
  await journal.idle();
  t.is(store.batches.length, 1);
});

test('given a store that says what a batch cost, when batches commit, then onCommitted gets each', async (t) => {
  const store = new BatchStore();
  const commits: JournalWrite[] = [];
  const journal = new CallJournal(store, quiet, { lingerMs: 0, batchSize: 3, onCommitted: (w) => commits.push(w) });
  journal.append(event(1), event(2), event(3), event(4));
  await journal.idle();
  t.deepEqual(commits, [{ transactions: 1, statements: 5 }, { transactions: 1, statements: 3 }]);
});

test('given a failing store, when the retry is due, then it runs on the journal\'s clock and the entries go in one batch with those appended meanwhile', async (t) => {
  const clock = new Clock();
  let failures = 1;
  const batches: string[][] = [];
  const store: JournalStore = {
    apply(entries) {
      if (failures-- > 0) return Promise.reject(new Error('connection refused'));
      batches.push(entries.map((e) => (e.kind === 'event' ? e.event.id : e.kind)));
      return Promise.resolve();
    },
  };
  const journal = new CallJournal(store, quiet, { schedule: clock.schedule });
  journal.append(event(1));
  clock.fire();
  await new Promise((resolve) => setImmediate(resolve));
  t.is(clock.pending.length, 1, 'a retry is scheduled');
  t.true((clock.pending[0]?.ms ?? 0) >= 160, 'after the backoff, not the linger');
  journal.append(event(2));
  t.is(clock.pending.length, 1, 'no linger while a retry waits');
  clock.fire();
  await journal.idle();
  t.deepEqual(batches, [['e1', 'e2']]);
});
