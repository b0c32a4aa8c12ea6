// Reads what we need from a stored WAV recording: its length (from the format chunk's byte rate
// and the data chunk's size), its size and its SHA-256 checksum.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';

export interface WavInfo {
  durationMs: number;
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
}

export class WavFormatError extends Error {
  override readonly name = 'WavFormatError';
}

/** Parses the RIFF chunks of a WAV header (the first 4 KiB are plenty for Asterisk's files). */
export function parseWavHeader(buf: Buffer, fileSize: number): WavInfo {
  if (buf.length < 12 || buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') {
    throw new WavFormatError('not a RIFF/WAVE file');
  }
  let offset = 12;
  let fmt: { channels: number; sampleRate: number; byteRate: number; bits: number } | undefined;
  while (offset + 8 <= buf.length) {
    const id = buf.toString('ascii', offset, offset + 4);
    const size = buf.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (body + 16 > buf.length) throw new WavFormatError('truncated fmt chunk');
      fmt = { channels: buf.readUInt16LE(body + 2), sampleRate: buf.readUInt32LE(body + 4), byteRate: buf.readUInt32LE(body + 8), bits: buf.readUInt16LE(body + 14) };
    } else if (id === 'data') {
      if (!fmt) throw new WavFormatError('data chunk before fmt chunk');
      if (fmt.byteRate === 0) throw new WavFormatError('byte rate is 0');
      // A writer killed mid-recording leaves a stale size: trust the file when it is shorter.
      const dataBytes = Math.min(size, fileSize - body);
      return { durationMs: Math.round((dataBytes / fmt.byteRate) * 1000), sampleRate: fmt.sampleRate, channels: fmt.channels, bitsPerSample: fmt.bits };
    }
    offset = body + size + (size % 2);
  }
  throw new WavFormatError('no data chunk');
}

export async function inspectWav(path: string): Promise<WavInfo & { sizeBytes: number; sha256: string }> {
  const { size } = await stat(path);
  const fh = await open(path, 'r');
  let header: Buffer;
  try {
    const buf = Buffer.alloc(Math.min(4096, size));
    await fh.read(buf, 0, buf.length, 0);
    header = buf;
  } finally {
    await fh.close();
  }
  const info = parseWavHeader(header, size);
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return { ...info, sizeBytes: size, sha256: hash.digest('hex') };
}
