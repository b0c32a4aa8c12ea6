// A call's recording brought to its end: stopped in Asterisk, its file measured (length, size,
// sha256) and its metadata journaled for MariaDB. Used when the caller hangs up and when a
// callback's conversation ends.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { CallJournal } from '../journal/journal.js';
import type { Logger } from '../log/logger.js';
import { ALREADY_FINISHED, type MediaCore } from '../media/types.js';
import { inspectWav } from '../recordings/wav.js';
import type { CallSession } from '../call-contract/session.js';
import { RECORDING_AT_VARIABLE } from '../call-contract/variables.js';


export interface RecordingDeps {
  media: MediaCore;
  journal: CallJournal;
  log: Logger;
  recordingsDir: string;
}

export async function finishRecording(session: CallSession, deps: RecordingDeps): Promise<void> {
  const rec = session.recording;
  if (!rec) return;
  session.recording = undefined;
  const { log, media, journal } = deps;
  const outcome = await media.stopRecording(rec.name).catch((err: unknown) => ({ name: rec.name, state: 'failed' as const, cause: String(err) }));
  // A snoop outlives its recording (a callback's far end still talking): it goes now.
  if (outcome.cause !== ALREADY_FINISHED) await media.hangup(rec.snoopId).catch((err: unknown) => log.warn({ ...session.logContext, snoopId: rec.snoopId, err: String(err) }, 'snoop could not be hung up'));
  const path = join(deps.recordingsDir, `${rec.name}.wav`);
  let file: Awaited<ReturnType<typeof inspectWav>> | undefined;
  try {
    file = await inspectWav(path);
  } catch (err) {
    if (outcome.cause === ALREADY_FINISHED) return; // no live recording and no file: none was made
    log.error({ ...session.logContext, path, err: String(err) }, 'recording file missing or unreadable');
  }
  session.event('recording.stopped', { name: rec.name, state: rec.failed ? 'failed' : outcome.state, durationMs: file?.durationMs ?? null });
  journal.append({ kind: 'recording', recording: { id: randomUUID(), callId: session.callId, tenant: session.tenant, name: rec.name, path, format: 'wav', startedAt: rec.startedAt, durationMs: file?.durationMs ?? null, sizeBytes: file?.sizeBytes ?? null, sha256: file?.sha256 ?? null } });
}

/**
 * The agent opted out (policy opt_out): the recording so far is cancelled in Asterisk (its file
 * deleted), its snoop hung up, and the marker a restarted app reads on `markerChannel` cleared.
 */
export async function optOutOfRecording(session: CallSession, media: MediaCore, agentId: string | null, markerChannel: string): Promise<void> {
  const rec = session.recording;
  session.recording = undefined;
  if (rec) {
    await media.cancelRecording(rec.name);
    await media.hangup(rec.snoopId);
  }
  // A channel gone meanwhile needs no marker: no restarted app will find it.
  await media.setVariable(markerChannel, RECORDING_AT_VARIABLE, '').catch(() => undefined);
  session.event('recording.opted_out', { agent: agentId, discarded: rec?.name ?? null });
}
