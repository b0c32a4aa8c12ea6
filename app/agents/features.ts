// Feature codes dialled from an agent's desk phone (the from-agents context sends *XX to the
// app): *11 log in, *12 log out, *13 pause (break), *14 available again. The phone is answered,
// hears a short confirmation tone and is hung up. An unknown code, or a phone that is no agent's,
// is refused unanswered as an unallocated number (SIP 404).
import type { AcdShell } from '../acd/shell/shell.js';
import type { AgentCommand } from '../acd/shell/shell-types.js';
import type { Logger } from '../log/logger.js';
import type { ChannelInfo, MediaCore } from '../media/types.js';

export const FEATURE_CODES: Readonly<Record<string, AgentCommand>> = {
  '*11': { type: 'login' },
  '*12': { type: 'logout' },
  '*13': { type: 'pause', reason: 'break' },
  '*14': { type: 'unpause' },
};

/** Two short beeps. ARI splits media on commas, so each part of the tone is its own URI. */
const CONFIRM = ['tone:!880/150', 'tone:!0/80', 'tone:!880/150'];
/** A tone playback may run until stopped: it is cut after this long. */
const TONE_MS = 1_500;

/** The PJSIP endpoint a channel belongs to: "PJSIP/habitat-101-0000002a" -> "habitat-101". */
export function endpointOf(channelName: string): string | undefined {
  return /^PJSIP\/(.+)-[0-9a-f]{8}$/.exec(channelName)?.[1];
}

export async function handleFeatureCode(channel: ChannelInfo, code: string, deps: { acd: AcdShell; media: MediaCore; log: Logger }): Promise<void> {
  const { acd, media, log } = deps;
  const sip = endpointOf(channel.name);
  const agent = sip ? acd.agentBySip(sip) : undefined;
  const command = Object.hasOwn(FEATURE_CODES, code) ? FEATURE_CODES[code] : undefined;
  if (!agent || !command) {
    log.warn({ channel: channel.name, code }, agent ? 'unknown feature code' : 'feature code from a phone that is no agent\'s');
    await media.hangup(channel.id, 'unallocated');
    return;
  }
  await media.answer(channel.id);
  const view = acd.command(agent.id, command);
  log.info({ agentId: agent.id, code, state: view?.state }, 'agent feature code');
  await media.play({ kind: 'channel', id: channel.id }, `${channel.id}-feature`, CONFIRM, AbortSignal.timeout(TONE_MS));
  await media.hangup(channel.id, 'normal');
}
