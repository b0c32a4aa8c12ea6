// Converts an upload with sox into what Asterisk plays without transcoding: 8 kHz, mono,
// 16-bit signed PCM WAV. sox runs without a shell, reads a file of an explicit type and stops
// decoding at `maxSeconds`, so a long file cannot fill the disk.
import { spawn } from 'node:child_process';
import type { AudioFormat } from './magic.js';

/** sox could not decode the input (exit status, or no end in time): the upload's fault. */
export class SoxError extends Error {
  override readonly name = 'SoxError';
}

export interface SoxOptions {
  /** The sox binary; `sox` from PATH by default. */
  soxPath?: string;
  timeoutMs?: number;
}

export type Converter = (input: string, format: AudioFormat, output: string, maxSeconds: number) => Promise<void>;

export function soxArgs(input: string, format: AudioFormat, output: string, maxSeconds: number): string[] {
  return [
    '-V1', '-G', '-t', format, input,
    '-r', '8000', '-c', '1', '-b', '16', '-e', 'signed-integer', '-t', 'wav', output,
    'trim', '0', String(maxSeconds),
  ];
}

/** The last meaningful line sox wrote, for the error's details (paths removed). */
function reasonOf(stderr: string, input: string, output: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  const last = lines[lines.length - 1] ?? 'sox failed without a message';
  return last.split(input).join('<input>').split(output).join('<output>').slice(0, 300);
}

export function soxConverter(opts: SoxOptions = {}): Converter {
  const bin = opts.soxPath ?? 'sox';
  const timeoutMs = opts.timeoutMs ?? 60_000;
  return (input, format, output, maxSeconds) => new Promise<void>((resolve, reject) => {
    const child = spawn(bin, soxArgs(input, format, output, maxSeconds), { shell: false, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let timedOut = false;
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => { if (stderr.length < 16_384) stderr += chunk; });
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, timeoutMs);
    // A spawn failure (no sox installed) is a system error, not the upload's fault.
    child.on('error', (err) => { clearTimeout(timer); reject(err); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) reject(new SoxError(`decoding took longer than ${timeoutMs} ms`));
      else if (code === 0) resolve();
      else reject(new SoxError(reasonOf(stderr, input, output) + (signal ? ` (${signal})` : '')));
    });
  });
}
