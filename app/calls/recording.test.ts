// A call's recording on the snoop: started once, stopped at the end with its snoop hung up, and a
// failure Asterisk reports mid-call written on the call and kept as the recording's final state.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { memoryJournal, written } from '../dialling/test-support.js';
import { createLogger } from '../log/logger.js';
import { RecordingMedia } from '../media/test-support.js';
import { startRecording } from './ivr-call.js';
import { finishRecording, optOutOfRecording } from './recording.js';
import { CallSession, recordingFailed } from '../call-contract/session.js';

function fixture() {
  const dir = mkdtempSync(join(tmpdir(), 'ccapp-rec-'));
  const media = new RecordingMedia(dir);
  const { journal, written: entries } = memoryJournal();
  const session = new CallSession({ callId: randomUUID(), tenant: 'energie', line: 'technique', did: '212520000001', channelId: 'caller-1', startedAt: new Date() }, journal);
  return { dir, media, journal, entries, session, deps: { media, journal, log: createLogger('silent'), recordingsDir: dir } };
}

test('given a call, when recorded, then a snoop on the caller\'s channel is recorded once; at the end the recording stops and the snoop goes', async (t) => {
  const { media, session, deps, journal, entries } = fixture();
  await startRecording(session, media);
  await startRecording(session, media);
  const snoop = `sn-${session.callId}`;
  t.deepEqual(media.ops.filter((o) => !o.startsWith('setVariable')), [`snoop caller-1 ${snoop}`, `startRecording ${snoop} energie/${session.callId}`]);
  await finishRecording(session, deps);
  t.deepEqual(media.ops.slice(-2), [`stopRecording energie/${session.callId}`, `hangup ${snoop} normal`]);
  await journal.idle();
  t.like(written(entries, 'recording.stopped')[0]?.data, { state: 'done' });
  t.is(entries.filter((e) => e.kind === 'recording').length, 1);
});

test('given Asterisk failing a live recording, when the call ends, then the failure is on the call and the recording is closed as failed', async (t) => {
  const { media, session, deps, journal, entries } = fixture();
  await startRecording(session, media);
  t.true(recordingFailed(`energie/${session.callId}`, 'disk full'));
  t.false(recordingFailed('energie/another', 'disk full'), 'a recording no call holds');
  await finishRecording(session, deps);
  t.false(recordingFailed(`energie/${session.callId}`, 'late'), 'no longer live');
  await journal.idle();
  t.deepEqual(written(entries, 'recording.failed').map((e) => e.data), [{ name: `energie/${session.callId}`, cause: 'disk full' }]);
  t.like(written(entries, 'recording.stopped')[0]?.data, { state: 'failed' });
});

test('given a snoop that cannot be recorded, when the recording starts, then the snoop is hung up and the error goes up', async (t) => {
  const { media, session } = fixture();
  media.failing.add('startRecording');
  await t.throwsAsync(startRecording(session, media), { message: /startRecording/ });
  t.true(media.ops.includes(`hangup sn-${session.callId} normal`));
  t.is(session.recording, undefined);
});

test('given the agent opting out, when done, then the recording is cancelled, its snoop hung up and the restart marker cleared', async (t) => {
  const { media, session, journal, entries } = fixture();
  await startRecording(session, media);
  await optOutOfRecording(session, media, 'agent-1', 'caller-1');
  t.deepEqual(media.ops.slice(-3), [`cancelRecording energie/${session.callId}`, `hangup sn-${session.callId} normal`, 'setVariable caller-1 CCAPP_RECORDING_AT']);
  t.is(media.variables.get('caller-1/CCAPP_RECORDING_AT'), '');
  await journal.idle();
  t.deepEqual(written(entries, 'recording.opted_out').map((e) => e.data), [{ agent: 'agent-1', discarded: `energie/${session.callId}` }]);
});
