// What an upload says it is (its Content-Type) and what its first bytes show it is. The two must
// agree before anything is written or decoded.
export type AudioFormat = 'wav' | 'mp3' | 'ogg';

export const ACCEPTED_CONTENT_TYPES: Readonly<Record<string, AudioFormat>> = {
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/mpeg': 'mp3',
  'audio/ogg': 'ogg',
};

/** The format a Content-Type header announces (parameters and case ignored), if we take it. */
export function formatOfContentType(header: string | undefined): AudioFormat | undefined {
  const type = header?.split(';', 1)[0]?.trim().toLowerCase();
  return type === undefined ? undefined : ACCEPTED_CONTENT_TYPES[type];
}

const ascii = (b: Buffer, start: number, end: number): string => b.toString('latin1', start, end);

/**
 * An MPEG audio frame header: 11 sync bits, then a version, a layer, a bitrate and a sample rate
 * that are not the reserved or "bad" values. The checks past the sync rule out most chance
 * matches (and AAC's ADTS, whose layer bits are 00).
 */
function isMpegFrameHeader(b: Buffer, at = 0): boolean {
  if (b.length < at + 4) return false;
  const [b0, b1, b2] = [b[at] ?? 0, b[at + 1] ?? 0, b[at + 2] ?? 0];
  if (b0 !== 0xff || (b1 & 0xe0) !== 0xe0) return false;
  const version = (b1 >> 3) & 0x03;
  const layer = (b1 >> 1) & 0x03;
  const bitrate = b2 >> 4;
  const sampleRate = (b2 >> 2) & 0x03;
  return version !== 0x01 && layer !== 0x00 && bitrate !== 0x0f && sampleRate !== 0x03;
}

/** The audio format the bytes start with: RIFF/WAVE, an ID3v2 tag or an MPEG frame, OggS. */
export function detectFormat(bytes: Buffer): AudioFormat | undefined {
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WAVE') return 'wav';
  if (bytes.length >= 4 && ascii(bytes, 0, 4) === 'OggS') return 'ogg';
  if (bytes.length >= 10 && ascii(bytes, 0, 3) === 'ID3') return 'mp3';
  if (isMpegFrameHeader(bytes)) return 'mp3';
  return undefined;
}
