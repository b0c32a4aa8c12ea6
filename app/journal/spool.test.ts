// The journal's spool on a real directory: entries on disk before append returns, rotation,
// replay in order by a new journal, torn and corrupt lines, deletion only once written.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import anyTest, { type TestFn } from 'ava';
import type { JournalEntry, JournalStore } from './entries.js';
import { CallJournal, type JournalLog } from './journal.js';
import { JournalDataError } from './reject.js';
import { decodeEntry, encodeEntry } from './spool-format.js';

const test = anyTest as TestFn<{ dir: string }>;

test.beforeEach(async (t) => {
  t.context.dir = await mkdtemp(path.join(tmpdir(), 'ccapp-spool-'));
});
test.afterEach.always(async (t) => {
  await rm(t.context.dir, { recursive: true, force: true });
});

function event(n: number): JournalEntry {
  return { kind: 'event', event: { id: `e${n}`, callId: 'c1', tenant: 't', type: 'test', at: new Date(1_795_335_000_000 + n), seq: n } };
}
const ids = (entries: readonly JournalEntry[]) => entries.map((e) => (e.kind === 'event' ? e.event.id : e.kind));

function recordingLog() {
  const lines: { level: string; obj: Record<string, unknown>; msg: string }[] = [];
  const at = (level: string) => (obj: object, msg: string) => void lines.push({ level, obj: obj as Record<string, unknown>, msg });
  const log: JournalLog = { info: at('info'), warn: at('warn'), error: at('error') };
  return { log, lines };
}
const quiet = recordingLog().log;

/** A store that holds every write until open() is called, then records what it writes. */
class GatedStore implements JournalStore {
  readonly written: JournalEntry[] = [];
  private release: (() => void) | undefined;
  private readonly gate = new Promise<void>((r) => (this.release = r));
  constructor(private readonly beforeWrite: (batch: readonly JournalEntry[]) => Promise<void> | void = () => undefined) {}
  open(): void {
    this.release?.();
  }
  async apply(entries: readonly JournalEntry[]): Promise<void> {
    await this.gate;
    await this.beforeWrite(entries);
    this.written.push(...entries);
  }
}
const down: JournalStore = { apply: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:1')) };

async function spoolFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).sort();
}
async function spooled(dir: string): Promise<JournalEntry[]> {
  const out: JournalEntry[] = [];
  for (const f of await spoolFiles(dir)) {
    for (const line of (await readFile(path.join(dir, f), 'utf8')).split('\n')) if (line) out.push(decodeEntry(line));
  }
  return out;
}

test('given a spooled journal, when append returns, then the entries are on disk before any write, and gone once written', async (t) => {
  const { dir } = t.context;
  const store = new GatedStore();
  const journal = await CallJournal.open(store, quiet, { spoolDir: dir });

  journal.append(event(1), event(2));
  journal.append(event(3));

  t.deepEqual(await spooled(dir), [event(1), event(2), event(3)]);
  t.deepEqual(store.written, []);
  store.open();
  await journal.idle();
  t.deepEqual(ids(store.written), ['e1', 'e2', 'e3']);
  t.deepEqual(await spoolFiles(dir), []);
  journal.stop();
});

test('given small segments, when many entries wait, then segments rotate and each goes only once all its entries are written', async (t) => {
  const { dir } = t.context;
  // Segment file -> the ids in it, read while nothing is written yet.
  let contents = new Map<string, string[]>();
  const violations: string[] = [];
  const store = new GatedStore(async (batch) => {
    const present = new Set(await spoolFiles(dir));
    for (const [file, inFile] of contents) {
      const done = new Set(ids(store.written));
      if (!present.has(file) && inFile.some((id) => !done.has(id))) violations.push(`${file} deleted before ${inFile.filter((id) => !done.has(id)).join(',')} were written (batch ${ids(batch).join(',')})`);
    }
  });
  // About three entries a segment and two a batch: batches end inside segments and across them.
  const journal = await CallJournal.open(store, quiet, { spoolDir: dir, maxSegmentBytes: 300, batchSize: 2 });

  for (let i = 0; i < 40; i++) journal.append(event(i));
  const files = await spoolFiles(dir);
  contents = new Map(await Promise.all(files.map(async (f) => [f, ids((await readFile(path.join(dir, f), 'utf8')).split('\n').filter(Boolean).map(decodeEntry))] as const)));
  store.open();
  await journal.idle();

  t.true(files.length >= 10, `${files.length} segments`);
  t.deepEqual([...contents.values()].flat(), Array.from({ length: 40 }, (_, i) => `e${i}`), 'every entry once, in order, across segments');
  t.deepEqual(violations, []);
  t.deepEqual(ids(store.written), Array.from({ length: 40 }, (_, i) => `e${i}`));
  t.deepEqual(await spoolFiles(dir), []);
  journal.stop();
});

test('given two journals stopped while the database is down, when a third opens the spool, then it writes all their entries first, in order, then new ones', async (t) => {
  const { dir } = t.context;
  const first = await CallJournal.open(down, quiet, { spoolDir: dir, maxSegmentBytes: 300 });
  for (let i = 0; i < 7; i++) first.append(event(i));
  first.stop();
  const second = await CallJournal.open(down, quiet, { spoolDir: dir, maxSegmentBytes: 300 });
  for (let i = 7; i < 10; i++) second.append(event(i));
  second.stop();
  t.is(second.recovery.entries, 7);

  const store = new GatedStore();
  store.open();
  const third = await CallJournal.open(store, quiet, { spoolDir: dir });
  third.append(event(10));
  await third.idle();

  t.deepEqual(ids(store.written), Array.from({ length: 11 }, (_, i) => `e${i}`));
  t.deepEqual(store.written[3], event(3), 'dates revived');
  t.like(third.recovery, { entries: 10, skipped: 0 });
  t.true(third.recovery.segments >= 4);
  t.deepEqual(await spoolFiles(dir), []);
  third.stop();
});

test('given a spool whose last line was torn by a crash and a corrupt line, when a journal opens it, then it starts, skips and logs both, and writes the rest', async (t) => {
  const { dir } = t.context;
  const torn = encodeEntry(event(3)).slice(0, 40);
  await writeFile(path.join(dir, 'segment-0000000000000001.jsonl'), encodeEntry(event(1)) + 'garbage}\n' + encodeEntry(event(2)));
  await writeFile(path.join(dir, 'segment-0000000000000002.jsonl'), encodeEntry(event(4)) + torn);
  const { log, lines } = recordingLog();
  const store = new GatedStore();
  store.open();

  const journal = await CallJournal.open(store, log, { spoolDir: dir });
  await journal.idle();

  t.deepEqual(ids(store.written), ['e1', 'e2', 'e4']);
  t.deepEqual(journal.recovery, { segments: 2, entries: 3, skipped: 2 });
  const skips = lines.filter((l) => l.level === 'error');
  t.deepEqual(skips.map((l) => [path.basename(String(l.obj.file)), l.obj.line, l.obj.torn, l.obj.content]), [
    ['segment-0000000000000001.jsonl', 2, false, 'garbage}'],
    ['segment-0000000000000002.jsonl', 2, true, torn],
  ]);
  t.regex(skips[1]?.msg ?? '', /torn last line/);
  t.deepEqual(await spoolFiles(dir), []);
  journal.stop();
});

test('given an entry the database refuses, when it is set aside, then its segment is still deleted', async (t) => {
  const { dir } = t.context;
  const written: string[] = [];
  const store: JournalStore = {
    apply(entries) {
      if (entries.some((e) => e.kind === 'event' && e.event.id === 'e2')) return Promise.reject(new JournalDataError('foreign key'));
      written.push(...ids(entries));
      return Promise.resolve();
    },
  };
  const journal = await CallJournal.open(store, quiet, { spoolDir: dir });

  for (let i = 0; i < 4; i++) journal.append(event(i));
  await journal.idle();

  t.deepEqual(written, ['e0', 'e1', 'e3']);
  t.deepEqual(await spoolFiles(dir), []);
  journal.stop();
});

test('given a spool directory that vanished, when entries are appended, then they are kept in memory, written, and the error is logged once', async (t) => {
  const { dir } = t.context;
  const { log, lines } = recordingLog();
  const store = new GatedStore();
  const journal = await CallJournal.open(store, log, { spoolDir: dir });
  await rm(dir, { recursive: true });

  journal.append(event(1));
  journal.append(event(2));
  await mkdir(dir);
  journal.append(event(3));

  t.deepEqual(await spooled(dir), [event(3)]);
  store.open();
  await journal.idle();
  t.deepEqual(ids(store.written), ['e1', 'e2', 'e3']);
  t.is(lines.filter((l) => l.level === 'error' && /cannot write/.test(l.msg)).length, 1);
  t.true(lines.some((l) => l.level === 'info' && /writes again/.test(l.msg)));
  t.deepEqual(await spoolFiles(dir), []);
  journal.stop();
});

test('given a spool path that is a file, when a journal opens it, then it fails with a clear error', async (t) => {
  const file = path.join(t.context.dir, 'not-a-dir');
  await writeFile(file, 'x');

  await t.throwsAsync(CallJournal.open(down, quiet, { spoolDir: file }), { message: /call journal spool directory .*not-a-dir is not usable: .*provisioning creates it/ });
});
