// Real audio made at test time with espeak-ng and sox (never checked in): speech in wav, mp3
// and ogg, tones of a given length, and what sox itself says about a file. A missing program or
// codec makes the test fail, never skip.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface AudioFixture {
  bytes: Buffer;
  contentType: string;
  /** Length of the speech as espeak-ng wrote it, by soxi. */
  durationMs: number;
}

async function tool(cmd: string, args: string[]): Promise<string> {
  try {
    return (await run(cmd, args, { encoding: 'utf8' })).stdout;
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    throw new Error(`${cmd} ${args.join(' ')} failed (${e.code ?? ''}): ${e.stderr ?? e.message}` +
      ' — install sox, libsox-fmt-mp3 and espeak-ng (appliance/bin/host-deps)');
  }
}

/** What soxi says about a file: rate, channels, bits, encoding and length in ms. */
export async function soxInfo(file: string): Promise<{ rate: number; channels: number; bits: number; encoding: string; durationMs: number }> {
  const ask = async (flag: string) => (await tool('soxi', [flag, file])).trim();
  return {
    rate: Number(await ask('-r')),
    channels: Number(await ask('-c')),
    bits: Number(await ask('-b')),
    encoding: await ask('-e'),
    durationMs: Math.round(Number(await ask('-D')) * 1000),
  };
}

/** One French sentence spoken by espeak-ng, as wav (22.05 kHz), mp3 (44.1 kHz) and ogg vorbis. */
export async function speechFixtures(dir: string): Promise<Record<'wav' | 'mp3' | 'ogg', AudioFixture>> {
  const wav = path.join(dir, 'speech.wav');
  await tool('espeak-ng', ['-v', 'fr', '-w', wav, 'Bonjour, vous êtes bien au service client. Merci de patienter.']);
  await tool('sox', [wav, '-r', '44100', '-t', 'mp3', path.join(dir, 'speech.mp3')]);
  await tool('sox', [wav, '-t', 'ogg', path.join(dir, 'speech.ogg')]);
  const { durationMs } = await soxInfo(wav);
  const fixture = async (ext: string, contentType: string): Promise<AudioFixture> =>
    ({ bytes: await readFile(path.join(dir, `speech.${ext}`)), contentType, durationMs });
  return { wav: await fixture('wav', 'audio/wav'), mp3: await fixture('mp3', 'audio/mpeg'), ogg: await fixture('ogg', 'audio/ogg') };
}

/** A 440 Hz tone of `seconds`, 8 kHz mono 16-bit WAV. */
export async function toneWav(dir: string, seconds: number): Promise<Buffer> {
  const file = path.join(dir, `tone-${seconds}.wav`);
  await tool('sox', ['-n', '-r', '8000', '-c', '1', '-b', '16', file, 'synth', String(seconds), 'sine', '440']);
  return readFile(file);
}

/** A sine of `hz` as raw A-law at 8 kHz (what SIPp's rtp_stream sends), `seconds` long. */
export async function toneAlaw(dir: string, hz: number, seconds: number): Promise<string> {
  const file = path.join(dir, `tone-${hz}.alaw`);
  await tool('sox', ['-n', '-r', '8000', '-c', '1', '-t', 'al', file, 'synth', String(seconds), 'sine', String(hz), 'vol', '0.5']);
  return file;
}

/** The RMS amplitude (0..1) of a recording within ±50 Hz of `hz`, by sox's band-pass and stat. */
export async function bandLevel(file: string, hz: number): Promise<number> {
  // sox prints stat on stderr.
  const { stderr } = await run('sox', [file, '-n', 'sinc', `${hz - 50}-${hz + 50}`, 'stat'], { encoding: 'utf8' });
  const m = /RMS\s+amplitude:\s+([0-9.]+)/.exec(stderr);
  if (!m) throw new Error(`no RMS amplitude in sox's stat of ${file}: ${stderr}`);
  return Number(m[1]);
}
