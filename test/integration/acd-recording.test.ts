// The agent's recording opt-out on the real appliance: the utility's policy is `opt_out` (calls
// are recorded unless the agent presses the opt-out key, `*`, on their phone during the call).
// Another key does nothing; the opt-out key discards what was recorded and nothing more is
// recorded for the call: no file, no recordings row. And the recording, a snoop on the caller's
// channel, holds both voices: caller and agent send different tones, both are found in the file.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { callWithAgent, TECHNICAL_DID, TECHNICIAN } from '../support/agent-call.js';
import { connectPhone, createAgent, setState } from '../support/agents.js';
import { bandLevel, toneAlaw } from '../support/audio-fixtures.js';
import { db, inRoot, select } from '../support/appliance.js';
import { eventData, walkIvr } from '../support/calls.js';
import { eventually } from '../support/eventually.js';

test('given the opt-out policy, when the agent presses another key and then the opt-out key, then the recording is discarded and none is kept', async (t) => {
  const { agent, phone, callId, walk } = await callWithAgent(t, '0644000021', 5121, 14_000, {
    kind: 'answer', ringMs: 200, keys: [{ key: '5', afterMs: 1500 }, { key: '*', afterMs: 4500 }],
  });
  const file = inRoot(`/var/spool/asterisk/recording/energie/${callId}.wav`);
  // After the other key, before the opt-out key: the call is being recorded to its file.
  await eventually(() => Promise.resolve(phone.count('KEY-SENT') === 1), { what: 'the agent pressed the other key' });
  await eventually(() => Promise.resolve(existsSync(file)), { what: 'the recording file' });
  await eventually(() => Promise.resolve(phone.count('KEY-SENT') === 2), { what: 'the agent pressed the opt-out key' });
  const { sipp, events } = await walk;
  t.is(sipp.code, 0, sipp.stdout.slice(-2000));
  const [started] = eventData(events, 'recording.started');
  t.truthy(started, 'the call was being recorded');
  t.deepEqual(eventData(events, 'recording.opted_out'), [{ agent: agent.id, discarded: started?.name }]);
  const types = events.map((e) => e.type);
  t.true(types.indexOf('recording.started') < types.indexOf('recording.opted_out'));
  t.is(eventData(events, 'recording.stopped').length, 0);
  await eventually(() => Promise.resolve(phone.count('BYE-RECEIVED') === 1), { what: 'the agent hung up with the caller' });
  const conn = await db();
  try {
    // The call's end is written, and with it every entry of the call: no recording among them.
    await eventually(async () => (await select(conn, 'SELECT id FROM calls WHERE id = ? AND ended_at IS NOT NULL', [callId])).length === 1, { what: 'the call\'s end written' });
    t.is((await select(conn, 'SELECT id FROM recordings WHERE call_id = ?', [callId])).length, 0, 'no recordings row');
  } finally {
    await conn.end();
  }
  t.is(started?.name, `energie/${callId}`);
  t.false(existsSync(file), 'the file is gone');
});

test('given a caller and an agent sending different tones, when the call is recorded through the snoop, then both voices are in the file', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ccapp-tones-'));
  const [callerTone, agentTone] = await Promise.all([toneAlaw(dir, 440, 60), toneAlaw(dir, 1400, 60)]);
  const agent = await createAgent(t, 'energie', TECHNICIAN);
  const phone = await connectPhone('energie', agent, { kind: 'answer', ringMs: 200, stream: agentTone });
  await setState('energie', agent, { action: 'login' });
  const { sipp, call, events } = await walkIvr(TECHNICAL_DID, [{ key: '2', via: 'info' }, { key: '1', via: 'info' }], 20_000, { localPort: 5123, caller: '0644000023', stream: callerTone });
  t.is(sipp.code, 0, sipp.stdout.slice(-2000));
  t.truthy(eventData(events, 'agent.answered')[0], 'the agent answered');
  await eventually(() => Promise.resolve(phone.count('BYE-RECEIVED') === 1), { what: 'the agent hung up with the caller' });
  const conn = await db();
  try {
    await eventually(async () => (await select(conn, 'SELECT id FROM recordings WHERE call_id = ?', [call?.id])).length === 1, { what: 'the recording row' });
  } finally {
    await conn.end();
  }
  const file = inRoot(`/var/spool/asterisk/recording/energie/${call?.id ?? ''}.wav`);
  const [caller, agentVoice, silence] = await Promise.all([bandLevel(file, 440), bandLevel(file, 1400), bandLevel(file, 2600)]);
  t.log(`RMS in the recording: 440 Hz ${caller}, 1400 Hz ${agentVoice}, 2600 Hz ${silence}`);
  t.true(caller > 10 * silence, 'the caller is heard');
  t.true(agentVoice > 10 * silence, 'the agent is heard');
});
