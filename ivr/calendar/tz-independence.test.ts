import test from 'ava';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { probe } from './tz-probe.js';

const run = promisify(execFile);
const probeFile = fileURLToPath(new URL('./tz-probe.ts', import.meta.url));
// Each zone with its offset on 1 January 2026 as Date#getTimezoneOffset gives it (west positive).
const ZONES: [string, number][] = [
  ['UTC', 0], ['Pacific/Auckland', -780], ['America/Los_Angeles', 480], ['Asia/Kolkata', -330],
  ['Europe/Paris', -60], ['Africa/Casablanca', -60],
];

test('given child processes with different TZ values, when they evaluate the same instants, then every answer is the same', async (t) => {
  const expected = JSON.parse(JSON.stringify(await probe())) as unknown;
  await Promise.all(ZONES.map(async ([tz, offset]) => {
    const { stdout } = await run(process.execPath, ['--import=tsx', probeFile], { env: { ...process.env, TZ: tz } });
    const child = JSON.parse(stdout) as { processOffset: number; result: unknown };
    t.is(child.processOffset, offset, `the child really ran in ${tz}`);
    t.deepEqual(child.result, expected, tz);
  }));
});

test('given the probe instants, when evaluated in this process, then they agree with instants built from UTC', async (t) => {
  const result = await probe() as Record<string, { open: boolean; reason: string; detail?: string; localTime: string; nextChange?: string }[]>;
  const habitat = result['habitat.json'] ?? [];
  t.like(habitat[0], { open: true, localTime: '2026-11-20T16:29 Europe/Paris', nextChange: new Date(Date.UTC(2026, 10, 20, 15, 30)).toISOString() });
  t.like(habitat[1], { open: false, nextChange: new Date(Date.UTC(2026, 10, 23, 7, 30)).toISOString() });
  t.like(habitat[11], { reason: 'holiday', detail: "Jour de l'an", localTime: '2027-01-01T00:30 Europe/Paris' });
  t.like(result['energie-commercial.json']?.[8], { open: false, nextChange: new Date(Date.UTC(2026, 2, 2, 8, 0)).toISOString() });
});
