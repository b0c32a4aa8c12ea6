// The first call flow: answer, put the caller in the call's own bridge, record it, play the
// tenant's welcome prompt, hang up. The IVR engine (ivr/) replaces the middle part; the framing
// (bridge, recording, hang-up) stays here.
import type { Tenant } from '../../pbx-config/schema/tenant.js';
import type { MediaCore } from '../media/types.js';
import { type CallSession, recordingNameFor } from './session.js';

export interface FlowDeps {
  media: MediaCore;
  soundsDir: string;
}

export function promptUri(soundsDir: string, tenant: Tenant, name: string): string {
  const lang = tenant.languages[0] ?? 'fr';
  return `sound:${soundsDir}/${tenant.slug}/${lang}/${name}`;
}

export async function welcomeFlow(session: CallSession, tenant: Tenant, deps: FlowDeps): Promise<void> {
  const { media } = deps;
  await media.answer(session.channelId);
  session.answered();
  await media.createBridge(session.bridgeId, 'mixing', `${session.tenant}:${session.line}`);
  await media.addToBridge(session.bridgeId, [session.channelId]);
  if (session.signal.aborted) return;

  const name = recordingNameFor(session.tenant, session.callId);
  await media.startRecording({ kind: 'bridge', id: session.bridgeId }, name, 'wav');
  session.recording = { name, startedAt: new Date() };
  session.event('recording.started', { name });

  const prompt = promptUri(deps.soundsDir, tenant, 'welcome');
  session.event('prompt.started', { prompt: 'welcome' });
  const outcome = await media.play({ kind: 'bridge', id: session.bridgeId }, `${session.callId}-welcome`, [prompt], session.signal);
  session.event('prompt.finished', { prompt: 'welcome', outcome });
  if (outcome === 'failed') throw new Error(`welcome prompt ${prompt} could not be played`);
  if (session.signal.aborted) return;

  session.hungUpByApp = true;
  await media.hangup(session.channelId, 'normal');
}
