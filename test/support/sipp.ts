// Runs a SIPp scenario from test/sipp/ against the appliance's SIP port. The caller binds to
// the demo carrier trunk's address (127.0.0.2) unless told otherwise.
import { execFile } from 'node:child_process';
import { isAbsolute, join } from 'node:path';
import { REPO } from './appliance.js';

export interface SippRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface SippOptions {
  /** A file in test/sipp/, or an absolute path. */
  scenario: string;
  service: string;
  localIp?: string;
  localPort?: number;
  mediaPort?: number;
  calls?: number;
  rate?: number;
}

export function runSipp(o: SippOptions): Promise<SippRun> {
  const args = [
    '127.0.0.1:5060',
    '-sf', isAbsolute(o.scenario) ? o.scenario : join(REPO, 'test/sipp', o.scenario),
    '-s', o.service,
    '-i', o.localIp ?? '127.0.0.2',
    '-p', String(o.localPort ?? 5060),
    '-mi', o.localIp ?? '127.0.0.2',
    '-mp', String(o.mediaPort ?? 16000),
    '-m', String(o.calls ?? 1),
    '-r', String(o.rate ?? 1),
    '-nostdin',
    // A guard against a hung run, not a performance assertion: SIPp stops by itself.
    '-timeout', '120s',
    '-timeout_error',
  ];
  return new Promise((resolve) => {
    execFile('sipp', args, { maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err && typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : err ? -1 : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
