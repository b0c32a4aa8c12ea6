// Uploading prompts with real sox on a scratch database: wav, mp3 and ogg become versions 1, 2
// and 3 in 8 kHz mono 16-bit WAV of the right length; activation moves the resolver; and every
// refused upload (wrong type, undecodable, too short, too long, too big) leaves no file and no row.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import anyTest, { type TestFn } from 'ava';
import { UniqueConstraintError } from 'sequelize';
import { soxInfo, speechFixtures, toneWav, type AudioFixture } from '../../test/support/audio-fixtures.js';
import { bearer, filesUnder, startPromptApi, type PromptApi } from '../../test/support/prompt-api.js';
import type { PromptVersionView, PromptView } from './presenter.js';

const test = anyTest as TestFn<{ api: PromptApi; dir: string; speech: Record<'wav' | 'mp3' | 'ogg', AudioFixture> }>;
const URL_FR = '/api/tenants/energie/prompts/please-hold/fr';

test.before(async (t) => {
  t.context.dir = await mkdtemp(path.join(tmpdir(), 'ccapp-fixtures-'));
  t.context.speech = await speechFixtures(t.context.dir);
  t.context.api = await startPromptApi();
});
test.after.always(async (t) => {
  await t.context.api?.close();
  if (t.context.dir) await rm(t.context.dir, { recursive: true, force: true });
});

type Ctx = { context: { api: PromptApi } };
function upload(t: Ctx, body: Buffer, contentType: string, url = URL_FR) {
  const headers = { ...bearer(t.context.api.tokens.energieAdmin), 'content-type': contentType };
  return t.context.api.server.inject({ method: 'POST', url, payload: body, headers });
}
const json = <T>(payload: string): T => JSON.parse(payload) as T;
const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

test.serial('given a wav, an mp3 and an ogg, when uploaded, then versions 1, 2, 3 are stored as 8 kHz mono 16-bit WAV of the same length', async (t) => {
  const { api, speech } = t.context;
  for (const [i, format] of (['wav', 'mp3', 'ogg'] as const).entries()) {
    const fixture = speech[format];
    const res = await upload(t, fixture.bytes, fixture.contentType);

    t.is(res.statusCode, 201, res.payload);
    const view = json<PromptVersionView>(res.payload);
    t.like(view, { name: 'please-hold', language: 'fr', version: i + 1, active: true, originalFormat: format });
    const file = path.join(api.soundsDir, `energie/uploads/please-hold/fr/v${i + 1}.wav`);
    const info = await soxInfo(file);
    t.like(info, { rate: 8000, channels: 1, bits: 16, encoding: 'Signed Integer PCM' }, format);
    t.log(`${format}: ${fixture.bytes.length} bytes, spoken ${fixture.durationMs} ms, stored ${info.durationMs} ms, reported ${view.durationMs} ms`);
    t.true(Math.abs(info.durationMs - fixture.durationMs) <= 50, `${format}: ${info.durationMs} ms stored, ${fixture.durationMs} ms spoken`);
    t.true(Math.abs(view.durationMs - fixture.durationMs) <= 50, `${format}: ${view.durationMs} ms reported`);
    const stored = await readFile(file);
    t.is(view.sha256, sha256(stored));
    t.is(view.sizeBytes, stored.length);
  }
  t.is(api.resolver.resolve('energie', 'please-hold', 'fr'), `sound:${api.soundsDir}/energie/uploads/please-hold/fr/v3`);
  t.is(await api.models.PromptVersion.count({ where: { active: true } }), 1);
});

test.serial('given three versions, when listed and listened to, then each shows with the active one, and the audio is the stored WAV', async (t) => {
  const { api } = t.context;
  const list = await api.server.inject({ url: '/api/tenants/energie/prompts', headers: bearer(api.tokens.operator) });

  t.is(list.statusCode, 200);
  const { prompts } = json<{ prompts: PromptView[] }>(list.payload);
  t.is(prompts.length, 1);
  t.like(prompts[0], { name: 'please-hold', language: 'fr', activeVersion: 3 });
  t.deepEqual(prompts[0]?.versions.map((v) => [v.version, v.originalFormat, v.active]), [[1, 'wav', false], [2, 'mp3', false], [3, 'ogg', true]]);
  t.false(list.payload.includes(api.soundsDir), 'no path on disk in the API');

  const audio = await api.server.inject({ url: `${URL_FR}/versions/2/audio`, headers: bearer(api.tokens.energieAdmin) });
  t.is(audio.statusCode, 200);
  t.is(audio.headers['content-type'], 'audio/wav');
  t.true(audio.rawPayload.equals(await readFile(path.join(api.soundsDir, 'energie/uploads/please-hold/fr/v2.wav'))));
  const none = await api.server.inject({ url: `${URL_FR}/versions/9/audio`, headers: bearer(api.tokens.energieAdmin) });
  t.is(none.statusCode, 404);
  t.like(json(none.payload), { error: { id: 'prompt.version_not_found' } });
});

test.serial('given an older version, when activated, then it is the only active one and the resolver plays it at once', async (t) => {
  const { api } = t.context;
  const res = await api.server.inject({ method: 'POST', url: `${URL_FR}/versions/1/activate`, headers: bearer(api.tokens.energieAdmin) });

  t.is(res.statusCode, 200);
  t.like(json(res.payload), { version: 1, active: true });
  t.is(api.resolver.resolve('energie', 'please-hold', 'fr'), `sound:${api.soundsDir}/energie/uploads/please-hold/fr/v1`);
  const active = await api.models.PromptVersion.findAll({ where: { active: true } });
  t.deepEqual(active.map((v) => v.version), [1]);
});

test.serial('given ?activate=false, when uploaded, then a new version is kept but the active one still plays', async (t) => {
  const { api, speech } = t.context;
  const res = await upload(t, speech.wav.bytes, 'audio/x-wav', `${URL_FR}?activate=false`);

  t.is(res.statusCode, 201);
  t.like(json(res.payload), { version: 4, active: false });
  t.is(api.resolver.activeVersion('energie', 'please-hold', 'fr'), 1);
});

test.serial('given an app restarted on the same database, when it starts, then its resolver knows the active version', async (t) => {
  const { resolver } = await t.context.api.restart();
  t.is(resolver.resolve('energie', 'please-hold', 'fr'), `sound:${t.context.api.soundsDir}/energie/uploads/please-hold/fr/v1`);
});

test.serial('given uploads that must be refused, when sent, then each gets its status and id, and no file or row is left', async (t) => {
  const { api, speech, dir } = t.context;
  const filesBefore = await filesUnder(api.soundsDir);
  const rowsBefore = await api.models.PromptVersion.count();
  const riffGarbage = Buffer.concat([Buffer.from('RIFF\u0024\u0000\u0000\u0000WAVEfmt ', 'latin1'), Buffer.alloc(2000, 0x5a)]);
  const cases: [string, Buffer, string, number, string][] = [
    ['ogg bytes sent as mp3', speech.ogg.bytes, 'audio/mpeg', 415, 'prompt.type_mismatch'],
    ['wav bytes sent as ogg', speech.wav.bytes, 'audio/ogg', 415, 'prompt.type_mismatch'],
    ['random bytes sent as wav', randomBytes(4096), 'audio/wav', 415, 'prompt.type_mismatch'],
    ['a WAV header over garbage', riffGarbage, 'audio/wav', 422, 'prompt.undecodable'],
    ['a type we do not take', speech.wav.bytes, 'application/octet-stream', 415, 'prompt.unsupported_type'],
    ['0.1 s', await toneWav(dir, 0.1), 'audio/wav', 422, 'prompt.too_short'],
    ['302 s', await toneWav(dir, 302), 'audio/wav', 422, 'prompt.too_long'],
    ['10 MiB and 1 byte', Buffer.concat([speech.wav.bytes, Buffer.alloc(10 * 1024 * 1024 + 1 - speech.wav.bytes.length)]), 'audio/wav', 413, 'request.too_large'],
  ];
  for (const [label, body, type, status, id] of cases) {
    const res = await upload(t, body, type);
    t.is(res.statusCode, status, `${label}: ${res.payload.slice(0, 300)}`);
    t.like(json(res.payload), { error: { id } }, label);
  }
  const badName = await upload(t, speech.wav.bytes, 'audio/wav', '/api/tenants/energie/prompts/Bad..Name/xx');
  t.is(badName.statusCode, 400);
  t.deepEqual(json<{ error: { details: { fields: { field: string }[] } } }>(badName.payload).error.details.fields.map((f) => f.field), ['params.name', 'params.language']);

  t.deepEqual(await filesUnder(api.soundsDir), filesBefore);
  t.is(await api.models.PromptVersion.count(), rowsBefore);
  t.is(api.resolver.activeVersion('energie', 'please-hold', 'fr'), 1);
});

test.serial('given a too-long upload, when refused, then the error says the limit', async (t) => {
  const res = await upload(t, await toneWav(t.context.dir, 301), 'audio/wav');
  t.is(res.statusCode, 422);
  t.like(json(res.payload), { error: { id: 'prompt.too_long', details: { maxDurationMs: 300_000 } } });
});

test.serial('given two uploads of one prompt at once, when both succeed, then they get consecutive versions and one is active', async (t) => {
  const { api, speech } = t.context;
  const url = '/api/tenants/energie/prompts/goodbye/ar';
  const [a, b] = await Promise.all([upload(t, speech.wav.bytes, 'audio/wav', url), upload(t, speech.ogg.bytes, 'audio/ogg', url)]);

  t.deepEqual([a.statusCode, b.statusCode], [201, 201]);
  t.deepEqual([json<PromptVersionView>(a.payload).version, json<PromptVersionView>(b.payload).version].sort(), [1, 2]);
  const active = await api.models.PromptVersion.findAll({ where: { name: 'goodbye', language: 'ar', active: true } });
  t.is(active.length, 1);
  t.is(api.resolver.activeVersion('energie', 'goodbye', 'ar'), active[0]?.version);
});

test.serial('given an active version, when SQL marks a second one active, then the database itself refuses', async (t) => {
  const { api } = t.context;
  const raw = api.db.sequelize.query(
    "UPDATE prompt_versions SET active = 1 WHERE name = 'please-hold' AND language = 'fr' AND version = 2",
  );
  await t.throwsAsync(raw, { instanceOf: UniqueConstraintError });
});
