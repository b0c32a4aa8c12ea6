import test from 'ava';
import { detectFormat, formatOfContentType } from './magic.js';

const bytes = (...parts: (string | number[])[]): Buffer =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

test('given a RIFF/WAVE header, when detected, then it is wav', (t) => {
  t.is(detectFormat(bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt ')), 'wav');
});

test('given RIFF without WAVE (an AVI), when detected, then it is nothing we take', (t) => {
  t.is(detectFormat(bytes('RIFF', [0x24, 0, 0, 0], 'AVI LIST')), undefined);
});

test('given an Ogg page header, when detected, then it is ogg', (t) => {
  t.is(detectFormat(bytes('OggS', [0, 2, 0, 0, 0, 0])), 'ogg');
});

test('given an ID3v2 tag, when detected, then it is mp3', (t) => {
  t.is(detectFormat(bytes('ID3', [4, 0, 0, 0, 0, 0, 0x21])), 'mp3');
});

test('given an MPEG-1 layer III frame header (FF FB 50), when detected, then it is mp3', (t) => {
  t.is(detectFormat(bytes([0xff, 0xfb, 0x50, 0xc4, 0, 0])), 'mp3');
});

test('given a frame sync with reserved version, layer, bitrate or sample rate, when detected, then it is not mp3', (t) => {
  t.is(detectFormat(bytes([0xff, 0xeb, 0x50, 0xc4])), undefined, 'version 01 is reserved');
  t.is(detectFormat(bytes([0xff, 0xf1, 0x50, 0x80])), undefined, 'layer 00 is AAC ADTS, not MPEG audio');
  t.is(detectFormat(bytes([0xff, 0xfb, 0xf0, 0xc4])), undefined, 'bitrate index 1111 is bad');
  t.is(detectFormat(bytes([0xff, 0xfb, 0x5c, 0xc4])), undefined, 'sample rate index 11 is reserved');
});

test('given too few bytes, text or nothing, when detected, then nothing is found', (t) => {
  for (const b of [Buffer.alloc(0), bytes('RIF'), bytes('Ogg'), bytes('ID'), bytes('hello, world'), bytes([0xff])]) {
    t.is(detectFormat(b), undefined, JSON.stringify(b.toString('latin1')));
  }
});

test('given the accepted Content-Types, with parameters or in capitals, when read, then each names its format', (t) => {
  t.is(formatOfContentType('audio/wav'), 'wav');
  t.is(formatOfContentType('audio/x-wav'), 'wav');
  t.is(formatOfContentType('audio/mpeg'), 'mp3');
  t.is(formatOfContentType('Audio/OGG; codecs=vorbis'), 'ogg');
});

test('given another or no Content-Type, when read, then no format is taken', (t) => {
  for (const type of [undefined, '', 'application/octet-stream', 'audio/flac', 'audio/wavx', 'video/ogg']) {
    t.is(formatOfContentType(type), undefined, String(type));
  }
});
