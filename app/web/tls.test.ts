// The public listener's certificate: made once with openssl and reused, made again when the
// public name changes, configured files loaded, and each mistake refused naming its file.
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import anyTest, { type TestFn } from 'ava';
import { pino } from 'pino';
import { WebSetupError } from './setup-error.js';
import { GENERATED_CERT, GENERATED_KEY, loadTls } from './tls.js';

const test = anyTest as TestFn<{ dir: string }>;
const log = pino({ level: 'silent' });

test.beforeEach(async (t) => {
  t.context.dir = await mkdtemp(join(tmpdir(), 'ccapp-tls-'));
});
test.afterEach.always(async (t) => {
  await rm(t.context.dir, { recursive: true, force: true });
});

test('given no certificate configured, when started twice, then a self-signed one is made once, for the public name and loopback, key readable by the app only', async (t) => {
  const tlsDir = join(t.context.dir, 'tls');
  const first = await loadTls({ publicName: 'panel.example.org', tlsDir }, log);
  const x509 = new X509Certificate(first.cert);
  t.is(first.certFile, join(tlsDir, GENERATED_CERT));
  t.is(x509.checkHost('panel.example.org'), 'panel.example.org');
  t.is(x509.checkHost('localhost'), 'localhost');
  t.is(x509.checkIP('127.0.0.1'), '127.0.0.1');
  t.false(x509.ca);
  t.is((await stat(join(tlsDir, GENERATED_KEY))).mode & 0o777, 0o600);
  t.is((await stat(tlsDir)).mode & 0o777, 0o700);

  const second = await loadTls({ publicName: 'panel.example.org', tlsDir }, log);
  t.is(second.cert, first.cert);
  t.is(second.key, first.key);
});

test('given a kept self-signed certificate, when the public name changes, then it is made again with the new name', async (t) => {
  const tlsDir = join(t.context.dir, 'tls');
  const before = await loadTls({ publicName: 'old.example.org', tlsDir }, log);
  const after = await loadTls({ publicName: 'new.example.org', tlsDir }, log);
  t.not(after.cert, before.cert);
  t.is(new X509Certificate(after.cert).checkHost('new.example.org'), 'new.example.org');
});

test('given a damaged kept key, when started, then the pair is made again', async (t) => {
  const tlsDir = join(t.context.dir, 'tls');
  const before = await loadTls({ publicName: 'localhost', tlsDir }, log);
  await writeFile(join(tlsDir, GENERATED_KEY), 'garbage');
  const after = await loadTls({ publicName: 'localhost', tlsDir }, log);
  t.not(after.key, before.key);
});

test('given a configured certificate and its key, when loaded, then they are served as they are', async (t) => {
  const made = await loadTls({ publicName: 'localhost', tlsDir: join(t.context.dir, 'made') }, log);
  const loaded = await loadTls({ publicName: 'localhost', tlsDir: join(t.context.dir, 'unused'), certFile: made.certFile, keyFile: made.keyFile }, log);
  t.is(loaded.cert, made.cert);
  t.is(loaded.certFile, made.certFile);
  await t.throwsAsync(stat(join(t.context.dir, 'unused')), { code: 'ENOENT' });
});

test('given a configured certificate file that does not exist, when loaded, then the error names the setting and the file', async (t) => {
  const made = await loadTls({ publicName: 'localhost', tlsDir: join(t.context.dir, 'made') }, log);
  const certFile = join(t.context.dir, 'nope.crt');
  const err = await t.throwsAsync(loadTls({ publicName: 'localhost', tlsDir: '/unused', certFile, keyFile: made.keyFile }, log), { instanceOf: WebSetupError });
  t.is(err?.message, `web.certFile ${certFile}: cannot be read (ENOENT)`);
});

test('given a key that is not the certificate\'s, when loaded, then the error names both files', async (t) => {
  const one = await loadTls({ publicName: 'localhost', tlsDir: join(t.context.dir, 'one') }, log);
  const other = await loadTls({ publicName: 'localhost', tlsDir: join(t.context.dir, 'other') }, log);
  await t.throwsAsync(loadTls({ publicName: 'localhost', tlsDir: '/unused', certFile: one.certFile, keyFile: other.keyFile }, log), {
    instanceOf: WebSetupError,
    message: `web.keyFile ${other.keyFile} is not the key of the certificate in web.certFile ${one.certFile}`,
  });
});

test('given files that hold no PEM certificate or key, when loaded, then each is named', async (t) => {
  const made = await loadTls({ publicName: 'localhost', tlsDir: join(t.context.dir, 'made') }, log);
  const junk = join(t.context.dir, 'junk.pem');
  await writeFile(junk, 'not a certificate\n');
  await t.throwsAsync(loadTls({ publicName: 'localhost', tlsDir: '/unused', certFile: junk, keyFile: made.keyFile }, log), {
    instanceOf: WebSetupError, message: `web.certFile ${junk}: holds no PEM certificate`,
  });
  await t.throwsAsync(loadTls({ publicName: 'localhost', tlsDir: '/unused', certFile: made.certFile, keyFile: junk }, log), {
    instanceOf: WebSetupError, message: `web.keyFile ${junk}: holds no PEM private key (or an encrypted one)`,
  });
});

test('given a configured certificate for another name, when loaded, then it is served and a warning names it', async (t) => {
  const made = await loadTls({ publicName: 'localhost', tlsDir: join(t.context.dir, 'made') }, log);
  const lines: string[] = [];
  const recording = pino({ level: 'warn' }, { write: (line: string) => { lines.push(line); } });
  const loaded = await loadTls({ publicName: 'panel.example.org', tlsDir: '/unused', certFile: made.certFile, keyFile: made.keyFile }, recording);
  t.is(loaded.cert, made.cert);
  t.regex(lines.join(''), /does not name panel\.example\.org/);
});

test('given a TLS directory that cannot be created, when a certificate must be made, then the error names it', async (t) => {
  const file = join(t.context.dir, 'a-file');
  await writeFile(file, '');
  await t.throwsAsync(loadTls({ publicName: 'localhost', tlsDir: join(file, 'tls') }, log), {
    instanceOf: WebSetupError, message: `web.tlsDir ${join(file, 'tls')}: cannot be written (ENOTDIR)`,
  });
  t.is(await readFile(file, 'utf8'), '');
});
