// A call end to end: a SIPp caller on the carrier trunk dials a demo tenant's DID, walks the IVR
// (language, notice, menu) and waits in a queue until it hangs up. The call, its events and its
// recording are in MariaDB; the recording starts after the notice and lasts until the hang-up.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import test from 'ava';
import { db, inRoot, select } from '../support/appliance.js';
import { reachedQueue, walkIvr } from '../support/calls.js';
import { eventually } from '../support/eventually.js';
import { runSipp } from '../support/sipp.js';

test('given the utility main number, when a caller chooses French then technical, then the call is answered, recorded from the notice on, logged, and kept in the queue until it hangs up', async (t) => {
  const conn = await db();
  t.teardown(() => conn.end());
  const { sipp, call, events } = await walkIvr('212520000001', [{ key: '2' }, { key: '1', via: 'info' }], 15_000);
  t.is(sipp.code, 0, `SIPp failed:\n${sipp.stdout.slice(-2000)}\n${sipp.stderr.slice(-2000)}`);
  if (!call) return;
  t.is(call.caller_id, '0612345678');
  t.truthy(call.answered_at);
  t.is(call.hangup_cause, 16, 'normal clearing from the caller\'s BYE');
  t.true(reachedQueue(events, 'technique'));

  const types = events.map((e) => e.type);
  t.deepEqual(types.filter((x) => ['call.arrived', 'call.answered', 'ivr.language', 'ivr.announce', 'recording.started', 'ivr.key', 'queue.entered', 'call.hangup', 'recording.stopped'].includes(x)),
    ['call.arrived', 'call.answered', 'ivr.language', 'ivr.announce', 'recording.started', 'ivr.key', 'queue.entered', 'call.hangup', 'recording.stopped'],
    'each event once, in order; the recording starts only after the announcement with the notice');
  t.like(events.find((e) => e.type === 'ivr.announce')?.data ?? {}, { prompts: ['welcome', 'recording-notice'] });
  t.like(events.find((e) => e.type === 'call.hangup')?.data ?? {}, { by: 'caller', cause: 16 });

  const [rec] = await eventually(async () => {
    const rows = await select<{ path: string; duration_ms: number; size_bytes: number; sha256: string; format: string }>(conn, 'SELECT * FROM recordings WHERE call_id = ?', [call.id]);
    return rows.length ? rows : undefined;
  }, { what: 'the recording row' });
  t.truthy(rec);
  if (!rec) return;
  t.is(rec.format, 'wav');
  const file = readFileSync(inRoot(rec.path));
  t.is(file.length, Number(rec.size_bytes));
  t.is(createHash('sha256').update(file).digest('hex'), rec.sha256);
  const recordedFrom = events.find((e) => e.type === 'recording.started')?.at as Date;
  const expectedMs = (call.ended_at as Date).getTime() - recordedFrom.getTime();
  t.true(rec.duration_ms > 5000, `the caller waited seconds in the queue; the recording has ${rec.duration_ms} ms`);
  t.true(Math.abs(rec.duration_ms - expectedMs) < 600, `recording ${rec.duration_ms} ms vs ${expectedMs} ms from its start to the hang-up`);
});

test('given no tenant owns a number, when the carrier sends a call to it, then the appliance answers 404 and opens no call', async (t) => {
  const conn = await db();
  t.teardown(() => conn.end());
  const count = async (): Promise<number> => Number((await select<{ n: bigint }>(conn, 'SELECT COUNT(*) AS n FROM calls'))[0]?.n);
  const before = await count();
  const sipp = await runSipp({ scenario: 'uac-invite-unknown-did-expect-404.xml', service: '33999999999' });
  t.is(sipp.code, 0, sipp.stdout.slice(-1500));
  t.is(await count(), before);
});

test('given an address that is not a trunk, when it sends an INVITE to a real DID, then it is refused', async (t) => {
  const sipp = await runSipp({ scenario: 'uac-invite-from-unknown-source-expect-401.xml', service: '33170000001', localIp: '127.0.0.9' });
  t.is(sipp.code, 0, sipp.stdout.slice(-1500));
});
