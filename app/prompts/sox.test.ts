import test from 'ava';
import { SoxError, soxArgs, soxConverter } from './sox.js';

test('given an upload, when its sox arguments are built, then the input type is explicit and the output is 8 kHz mono 16-bit signed WAV', (t) => {
  t.deepEqual(soxArgs('/in/x.upload', 'mp3', '/out/x.wav', 301), [
    '-V1', '-G', '-t', 'mp3', '/in/x.upload',
    '-r', '8000', '-c', '1', '-b', '16', '-e', 'signed-integer', '-t', 'wav', '/out/x.wav',
    'trim', '0', '301',
  ]);
});

test('given a sox that exits with an error, when converting, then it is a SoxError (the upload\'s fault)', async (t) => {
  const convert = soxConverter({ soxPath: 'false' });
  await t.throwsAsync(convert('/nowhere.upload', 'wav', '/nowhere.wav', 10), { instanceOf: SoxError });
});

test('given no sox at all, when converting, then it is a system error, not the upload\'s fault', async (t) => {
  const convert = soxConverter({ soxPath: '/nonexistent/sox' });
  const err = await t.throwsAsync(convert('/nowhere.upload', 'wav', '/nowhere.wav', 10));
  t.false(err instanceof SoxError);
  t.is((err as NodeJS.ErrnoException).code, 'ENOENT');
});
