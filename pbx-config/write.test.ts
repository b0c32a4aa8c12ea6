import { mkdtemp, open, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { HEADER, writeAsteriskConfig } from './write.js';

const dirs: string[] = [];
test.after.always(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pbx-config-write-'));
  dirs.push(dir);
  return dir;
}

const FILES = { 'http.conf': '[general]\nenabled = yes\n', 'ari.conf': '[general]\nenabled = yes\n' };

test('given an empty directory, when writing, then each file is written with the header, mode 0640, and no temp file is left', async (t) => {
  const dir = await tempDir();
  const result = await writeAsteriskConfig(dir, FILES);
  t.deepEqual(result, { written: ['ari.conf', 'http.conf'], unchanged: [] });
  t.is(await readFile(join(dir, 'http.conf'), 'utf8'), `${HEADER}[general]\nenabled = yes\n`);
  t.is((await stat(join(dir, 'ari.conf'))).mode & 0o777, 0o640);
  t.deepEqual((await readdir(dir)).sort(), ['ari.conf', 'http.conf']);
});

test('given files already written, when writing the same again, then nothing is rewritten', async (t) => {
  const dir = await tempDir();
  await writeAsteriskConfig(dir, FILES);
  const before = await stat(join(dir, 'http.conf'));
  const result = await writeAsteriskConfig(dir, FILES);
  t.deepEqual(result, { written: [], unchanged: ['ari.conf', 'http.conf'] });
  const after = await stat(join(dir, 'http.conf'));
  t.is(after.ino, before.ino);
  t.is(after.mtimeMs, before.mtimeMs);
});

test('given one changed file, when writing, then only that file is replaced, by rename (a reader of the old file keeps it whole)', async (t) => {
  const dir = await tempDir();
  await writeAsteriskConfig(dir, FILES);
  const reader = await open(join(dir, 'http.conf'), 'r');
  try {
    const result = await writeAsteriskConfig(dir, { ...FILES, 'http.conf': '[general]\nenabled = no\n' });
    t.deepEqual(result, { written: ['http.conf'], unchanged: ['ari.conf'] });
    t.is(await reader.readFile('utf8'), `${HEADER}[general]\nenabled = yes\n`, 'the old inode is untouched');
    t.is(await readFile(join(dir, 'http.conf'), 'utf8'), `${HEADER}[general]\nenabled = no\n`);
  } finally {
    await reader.close();
  }
});

test('given a hand-edited file with the wrong mode, when writing, then it is replaced', async (t) => {
  const dir = await tempDir();
  await writeFile(join(dir, 'ari.conf'), `${HEADER}[general]\nenabled = yes\n`, { mode: 0o644 });
  await writeFile(join(dir, 'http.conf'), '[general]\nenabled = yes ; edited\n');
  const result = await writeAsteriskConfig(dir, FILES);
  t.deepEqual(result.written, ['ari.conf', 'http.conf']);
  t.is((await stat(join(dir, 'ari.conf'))).mode & 0o777, 0o640);
});

test('given files we do not render (Debian samples), when writing, then they are left in place', async (t) => {
  const dir = await tempDir();
  await writeFile(join(dir, 'queues.conf'), '[general]\n');
  await writeAsteriskConfig(dir, FILES);
  t.is(await readFile(join(dir, 'queues.conf'), 'utf8'), '[general]\n');
});

test('given a file name that leaves the directory, when writing, then nothing is written', async (t) => {
  const dir = await tempDir();
  await t.throwsAsync(writeAsteriskConfig(dir, { ...FILES, '../evil.conf': 'x' }), { message: /evil\.conf/ });
  t.deepEqual(await readdir(dir), []);
});

test('given a directory that does not exist, when writing, then the error says so', async (t) => {
  const dir = join(await tempDir(), 'missing');
  await t.throwsAsync(writeAsteriskConfig(dir, FILES), { code: 'ENOENT' });
});
