// The first call: a SIPp caller on the carrier trunk dials a demo tenant's DID; the app answers,
// plays the welcome prompt, records, hangs up. The call, its events and its recording are in
// MariaDB, and the recording on disk has the call's length.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import test from 'ava';
import { db, inRoot, select } from '../support/appliance.js';
import { flowCompleted, placeWelcomeCall } from '../support/calls.js';
import { eventually } from '../support/eventually.js';
import { runSipp } from '../support/sipp.js';

test('given the landlord tenant, when a caller dials its DID, then the call is answered, recorded, logged and ended by the app', async (t) => {
  const conn = await db();
  t.teardown(() => conn.end());
  const { sipp, call, events } = await placeWelcomeCall('33170000001');
  t.is(sipp.code, 0, `SIPp failed:\n${sipp.stdout.slice(-2000)}\n${sipp.stderr.slice(-2000)}`);
  if (!call) return;
  t.is(call.caller_id, '0612345678');
  t.truthy(call.answered_at);
  t.is(call.hangup_cause, 16, 'normal clearing: the app hung up at the end of its flow');
  t.true(flowCompleted(events));

  const types = events.map((e) => e.type);
  for (const expected of ['call.arrived', 'call.answered', 'recording.started', 'prompt.started', 'prompt.finished', 'recording.stopped', 'call.hangup']) {
    t.true(types.includes(expected), `missing event ${expected} in ${types.join(', ')}`);
  }
  t.is(types.filter((x) => x === 'call.arrived').length, 1, 'each event once');
  t.like(events.find((e) => e.type === 'call.hangup')?.data ?? {}, { by: 'app', cause: 16 });
  t.like(events.find((e) => e.type === 'prompt.finished')?.data ?? {}, { prompt: 'welcome', outcome: 'done' });

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
  const talkMs = (call.ended_at as Date).getTime() - (call.answered_at as Date).getTime();
  t.true(rec.duration_ms > 2000, `the welcome prompt lasts seconds, recording has ${rec.duration_ms} ms`);
  t.true(Math.abs(rec.duration_ms - talkMs) < 600, `recording ${rec.duration_ms} ms vs answered call ${talkMs} ms`);
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
