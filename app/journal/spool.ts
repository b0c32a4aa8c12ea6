// The call journal's spool on disk: every entry is appended (write(2), synchronously) to the
// current segment file before CallJournal.append returns, so killing the process loses nothing
// that was appended: the bytes are in the kernel's page cache. Segments are fdatasync'ed every
// syncIntervalMs (200 ms by default), when they fill up and on stop, rather than on every append
// (an fsync on the event loop for each call event would cost milliseconds per call step): a power
// loss or kernel crash can lose at most the entries of that last interval not yet in MariaDB.
// A segment is closed past maxSegmentBytes (4 MiB) and deleted as soon as every entry in it is
// in the store; the current segment is deleted, and the next append starts another, whenever
// all of its entries are written. open() reads the segments an earlier process left, in order,
// and hands their entries back for the journal to write first; a line that cannot be read (the
// last one, torn by a crash mid-write, or a corrupt one) is logged in full, counted and skipped.
// Line format: spool-format.ts. Files: segment-<16 digits>.jsonl, numbered in order of writing.
import { close, closeSync, fdatasync, fdatasyncSync, fsyncSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { access, constants, mkdir, open, readdir, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { JournalEntry } from './entries.js';
import type { JournalLog } from './journal.js';
import { decodeEntry, encodeEntry } from './spool-format.js';

const syncFd = promisify(fdatasync);
const closeFd = promisify(close);
const SEGMENT_RE = /^segment-(\d{16})\.jsonl$/;

export interface SpoolSettings {
  /** The spool directory, created (mode 0750) when missing; one journal process per directory. */
  spoolDir: string;
  maxSegmentBytes?: number;
  syncIntervalMs?: number;
}

/** One segment file and what the journal still owes the store from it. */
export interface Segment {
  readonly file: string;
  /** Open for appending; null once closed (or when read back from an earlier process). */
  fd: number | null;
  bytes: number;
  /** Entries in the file not yet in the store: the file goes when this reaches 0. */
  unwritten: number;
  /** Bytes written since the last fdatasync. */
  dirty: boolean;
  /** fdatasync and close of fd, in order. */
  chain: Promise<void>;
}

export interface SpooledEntry {
  entry: JournalEntry;
  /** The segment holding it; undefined when it could not be written there (memory only). */
  segment: Segment | undefined;
}

export interface SpoolRecovery {
  segments: number;
  entries: number;
  /** Lines that could not be read back (torn by a crash mid-write, or corrupt). */
  skipped: number;
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export class JournalSpool {
  private active: Segment | undefined;
  private dirDirty = false;
  private failing = false;
  private readonly timer: NodeJS.Timeout;
  private readonly maxBytes: number;

  private constructor(private readonly dir: string, private next: number, private readonly log: JournalLog, settings: SpoolSettings) {
    this.maxBytes = settings.maxSegmentBytes ?? 4 * 1024 * 1024;
    this.timer = setInterval(() => this.tick(), settings.syncIntervalMs ?? 200);
    this.timer.unref();
  }

  /** Opens (creating) the directory and reads back what an earlier process left, oldest first. */
  static async open(settings: SpoolSettings, log: JournalLog): Promise<{ spool: JournalSpool; recovered: SpooledEntry[]; recovery: SpoolRecovery }> {
    const dir = settings.spoolDir;
    try {
      await mkdir(dir, { recursive: true, mode: 0o750 });
      await access(dir, constants.R_OK | constants.W_OK | constants.X_OK);
    } catch (err) {
      throw new Error(`call journal spool directory ${dir} is not usable: ${message(err)} (provisioning creates it, owned by the app's user, mode 0750)`, { cause: err });
    }
    const names = (await readdir(dir)).filter((n) => SEGMENT_RE.test(n)).sort();
    const recovered: SpooledEntry[] = [];
    const recovery: SpoolRecovery = { segments: names.length, entries: 0, skipped: 0 };
    for (const name of names) {
      const segment: Segment = { file: path.join(dir, name), fd: null, bytes: 0, unwritten: 0, dirty: false, chain: Promise.resolve() };
      const lines = (await readFile(segment.file, 'utf8')).split('\n');
      lines.forEach((line, i) => {
        if (line.trim() === '') return;
        try {
          recovered.push({ entry: decodeEntry(line), segment });
          segment.unwritten++;
        } catch (err) {
          recovery.skipped++;
          // No "\n" after it: the process stopped in the middle of writing this line.
          const torn = i === lines.length - 1;
          const what = torn ? 'skipping its torn last line (the process stopped while writing it)' : 'skipping a corrupt line';
          log.error({ file: segment.file, line: i + 1, torn, err: message(err), content: line }, `call journal spool: ${what}`);
        }
      });
      if (segment.unwritten === 0) await unlink(segment.file);
    }
    recovery.entries = recovered.length;
    const last = names.at(-1);
    const spool = new JournalSpool(dir, last ? Number(SEGMENT_RE.exec(last)?.[1]) + 1 : 1, log, settings);
    return { spool, recovered, recovery };
  }

  /** Appends the entries to the current segment; returns, for each, the segment now holding it. */
  write(entries: readonly JournalEntry[]): (Segment | undefined)[] {
    const held: boolean[] = [];
    let text = '';
    for (const entry of entries) {
      try {
        text += encodeEntry(entry);
        held.push(true);
      } catch (err) {
        // The store cannot write it either (it would fail the same way): it is set aside there.
        this.log.error({ kind: entry.kind, err: message(err) }, 'call journal spool: entry cannot be serialised; kept in memory only');
        held.push(false);
      }
    }
    if (text === '') return held.map(() => undefined);
    let segment: Segment | undefined;
    try {
      segment = this.current();
      const bytes = Buffer.from(text, 'utf8');
      for (let done = 0; done < bytes.length;) done += writeSync(segment.fd ?? -1, bytes, done);
      segment.bytes += bytes.length;
    } catch (err) {
      if (!this.failing) this.log.error({ dir: this.dir, err: message(err) }, 'call journal spool cannot write: entries are kept in memory only until written to the database');
      this.failing = true;
      // A failed write may have left part of a line: nothing more goes after it, and a segment
      // holding nothing the journal waits for goes at once.
      if (segment?.unwritten === 0) this.remove(segment);
      else if (segment) this.close(segment);
      return held.map(() => undefined);
    }
    if (this.failing) this.log.info({ dir: this.dir }, 'call journal spool writes again');
    this.failing = false;
    segment.unwritten += held.filter(Boolean).length;
    segment.dirty = true;
    if (segment.bytes >= this.maxBytes) this.close(segment);
    return held.map((h) => (h ? segment : undefined));
  }

  /** These entries are in the store: a segment whose entries all are is deleted. */
  written(items: readonly SpooledEntry[]): void {
    for (const { segment } of items) {
      if (segment && --segment.unwritten === 0) this.remove(segment);
    }
  }

  /** Stops the periodic fdatasync after one last one, synchronously (shutdown). */
  stop(): void {
    clearInterval(this.timer);
    const segment = this.active;
    if (!segment) return;
    try {
      if (segment.fd !== null && segment.dirty) fdatasyncSync(segment.fd);
      segment.dirty = false;
      this.syncDirNow();
    } catch (err) {
      this.log.warn({ dir: this.dir, err: message(err) }, 'call journal spool: last fdatasync failed');
    }
    this.close(segment);
  }

  private current(): Segment {
    if (this.active) return this.active;
    const file = path.join(this.dir, `segment-${String(this.next++).padStart(16, '0')}.jsonl`);
    // 'ax': never append to a file some other writer made.
    this.active = { file, fd: openSync(file, 'ax', 0o640), bytes: 0, unwritten: 0, dirty: false, chain: Promise.resolve() };
    this.dirDirty = true;
    return this.active;
  }

  private remove(segment: Segment): void {
    segment.dirty = false;
    this.close(segment);
    try {
      unlinkSync(segment.file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this.log.warn({ file: segment.file, err: message(err) }, 'call journal spool: cannot delete a written segment');
    }
  }

  /** No more entries go in; fdatasync what is unsynced, then close. */
  private close(segment: Segment): void {
    if (segment === this.active) this.active = undefined;
    this.sync(segment);
    const fd = segment.fd;
    if (fd === null) return;
    segment.fd = null;
    segment.chain = segment.chain.then(() => closeFd(fd)).catch((err: unknown) => this.log.warn({ file: segment.file, err: message(err) }, 'call journal spool: close failed'));
  }

  private sync(segment: Segment): void {
    const fd = segment.fd;
    if (fd === null || !segment.dirty) return;
    segment.dirty = false;
    segment.chain = segment.chain.then(() => syncFd(fd)).catch((err: unknown) => {
      segment.dirty = true;
      this.log.warn({ file: segment.file, err: message(err) }, 'call journal spool: fdatasync failed; retrying at the next interval');
    });
  }

  private tick(): void {
    if (this.active) this.sync(this.active);
    if (!this.dirDirty) return;
    // A new segment's name must reach the disk too, or a power loss could lose the whole file.
    this.dirDirty = false;
    open(this.dir, 'r')
      .then(async (handle) => { try { await handle.sync(); } finally { await handle.close(); } })
      .catch((err: unknown) => {
        this.dirDirty = true;
        this.log.warn({ dir: this.dir, err: message(err) }, 'call journal spool: directory fsync failed');
      });
  }

  private syncDirNow(): void {
    if (!this.dirDirty) return;
    const fd = openSync(this.dir, 'r');
    try {
      fsyncSync(fd);
      this.dirDirty = false;
    } finally {
      closeSync(fd);
    }
  }
}
