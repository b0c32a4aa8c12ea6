// Prompts on the running appliance: the built-in prompts were spoken in three languages when
// the image was built; a token made with the CLI uploads an mp3 and an ogg to the app, which
// decodes them with the image's own sox (sox-ng in forky) into files Asterisk can read; a
// revoked token is refused. Never run by the helper who wrote it: run by test/run.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import anyTest, { type TestFn } from 'ava';
import { parseWavHeader } from '../../app/recordings/wav.js';
import { BUILTIN_PROMPT_NAMES } from '../../ivr/prompts/catalogue.js';
import { APP_URL, db, inChroot, inRoot } from '../support/appliance.js';
import { soxInfo, speechFixtures, type AudioFixture } from '../support/audio-fixtures.js';

const test = anyTest as TestFn<{ dir: string; speech: Record<'wav' | 'mp3' | 'ogg', AudioFixture>; token: string; tokenId: string }>;
const NAME = `it-${randomBytes(4).toString('hex')}`;
const UPLOADS = `/var/lib/ccapp/sounds/energie/uploads/${NAME}`;

async function cli(...args: string[]) {
  return inChroot(['/usr/bin/node', '/opt/ccapp/dist/app/cli.js', ...args]);
}

test.before(async (t) => {
  t.context.dir = await mkdtemp(path.join(tmpdir(), 'ccapp-it-prompts-'));
  t.context.speech = await speechFixtures(t.context.dir);
  const made = await cli('token', 'create', '--tenant', 'energie', '--role', 'tenant_admin', '--name', 'integration test');
  if (made.code !== 0) throw new Error(`token create failed (${made.code}): ${made.stderr}`);
  t.context.token = made.stdout.trim();
  t.context.tokenId = /token (\d+) created/.exec(made.stderr)?.[1] ?? '';
});
test.after.always(async (t) => {
  if (t.context.tokenId) await cli('token', 'revoke', t.context.tokenId);
  const conn = await db();
  try {
    await conn.query('DELETE FROM prompt_versions WHERE name = ?', [NAME]);
  } finally {
    await conn.end();
  }
  await rm(inRoot(UPLOADS), { recursive: true, force: true });
  if (t.context.dir) await rm(t.context.dir, { recursive: true, force: true });
});

function upload(token: string, fixture: AudioFixture) {
  return fetch(`${APP_URL}/api/tenants/energie/prompts/${NAME}/ar`, {
    method: 'POST', body: fixture.bytes, headers: { authorization: `Bearer ${token}`, 'content-type': fixture.contentType },
  });
}

test.serial('given the built image, when its sounds are read, then every built-in prompt is there in fr, ar and en as 8 kHz mono 16-bit', async (t) => {
  for (const name of BUILTIN_PROMPT_NAMES) {
    for (const lang of ['fr', 'ar', 'en']) {
      const file = inRoot(`/var/lib/ccapp/sounds/builtin/${lang}/${name}.wav`);
      const bytes = await readFile(file);
      const info = parseWavHeader(bytes, bytes.length);
      t.like(info, { sampleRate: 8000, channels: 1, bitsPerSample: 16 }, `${lang}/${name}`);
      // A sentence lasts seconds; a number ("un", "two") is one short word.
      const shortest = name.startsWith('number-') ? 250 : 500;
      t.true(info.durationMs > shortest, `${lang}/${name} is spoken (${info.durationMs} ms)`);
    }
  }
});

test.serial('given a CLI token, when an mp3 then an ogg are uploaded, then the app converts them with the image\'s sox into files Asterisk can read', async (t) => {
  const { token, speech } = t.context;
  for (const [i, format] of (['mp3', 'ogg'] as const).entries()) {
    const res = await upload(token, speech[format]);
    t.is(res.status, 201, await res.clone().text());
    t.like(await res.json(), { version: i + 1, active: true, originalFormat: format });
  }
  const file = inRoot(`${UPLOADS}/ar/v2.wav`);
  const info = await soxInfo(file);
  t.like(info, { rate: 8000, channels: 1, bits: 16 });
  t.true(Math.abs(info.durationMs - speech.ogg.durationMs) <= 50, `${info.durationMs} ms stored, ${speech.ogg.durationMs} ms spoken`);
  t.is((await stat(file)).mode & 0o777, 0o644, 'readable by Asterisk');
  t.is((await stat(path.dirname(file))).mode & 0o777, 0o755);
});

test.serial('given no token or a revoked one, when uploading, then the app answers 401', async (t) => {
  const { speech } = t.context;
  const anonymous = await fetch(`${APP_URL}/api/tenants/energie/prompts`);
  t.is(anonymous.status, 401);
  t.like(await anonymous.json(), { error: { id: 'auth.missing_credentials' } });

  const made = await cli('token', 'create', '--tenant', 'energie', '--role', 'tenant_admin', '--name', 'revoked at once');
  const id = /token (\d+) created/.exec(made.stderr)?.[1] ?? '';
  t.is((await cli('token', 'revoke', id)).code, 0);
  const res = await upload(made.stdout.trim(), speech.wav);
  t.is(res.status, 401);
  t.like(await res.json(), { error: { id: 'auth.invalid_token' } });
});
