import test from 'ava';
import { parseWavHeader } from './wav.js';

function wav(seconds: number, rate = 8000, declared?: number): Buffer {
  const data = Buffer.alloc(Math.round(seconds * rate * 2));
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'ascii'); h.writeUInt32LE(36 + data.length, 4); h.write('WAVE', 8, 'ascii');
  h.write('fmt ', 12, 'ascii'); h.writeUInt32LE(16, 16); h.writeUInt16LE(1, 20); h.writeUInt16LE(1, 22);
  h.writeUInt32LE(rate, 24); h.writeUInt32LE(rate * 2, 28); h.writeUInt16LE(2, 32); h.writeUInt16LE(16, 34);
  h.write('data', 36, 'ascii'); h.writeUInt32LE(declared ?? data.length, 40);
  return Buffer.concat([h, data]);
}

test('given a 2.5 s 8 kHz mono WAV, when parsed, then its length is 2500 ms', (t) => {
  const buf = wav(2.5);
  t.like(parseWavHeader(buf, buf.length), { durationMs: 2500, sampleRate: 8000, channels: 1, bitsPerSample: 16 });
});

test('given a header that claims more data than the file holds, when parsed, then the file size wins', (t) => {
  const buf = wav(1, 8000, 0xffffffff);
  t.is(parseWavHeader(buf, buf.length).durationMs, 1000);
});

test('given something that is not a WAV, when parsed, then it says so', (t) => {
  t.throws(() => parseWavHeader(Buffer.from('ID3\u0004 not a wav file at all'), 30), { message: /RIFF/ });
});
