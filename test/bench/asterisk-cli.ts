// Asks an Asterisk of the appliance's root file system (the appliance's own, or the peer with
// its configuration file) over its control socket, as `asterisk -rx` does.
import { inChroot } from '../support/appliance.js';

export async function asteriskCli(command: string, conf?: string): Promise<{ code: number; stdout: string }> {
  const r = await inChroot(['/usr/sbin/asterisk', ...(conf ? ['-C', conf] : []), '-rx', command]);
  return { code: r.code, stdout: r.stdout };
}

/** Channels up now; throws `gone` when the Asterisk does not answer and is not running. */
export async function activeChannels(conf: string | undefined, running: () => boolean, gone: string): Promise<number> {
  const m = /(\d+) active channels?/.exec((await asteriskCli('core show channels count', conf)).stdout);
  if (m?.[1]) return Number(m[1]);
  throw new Error(running() ? 'cannot read the channel count from Asterisk\'s console' : gone);
}

/**
 * Channels by technology (PJSIP, Local, Snoop, Announcer, Recorder...) from the output of
 * `core show channels concise`: one line per channel, fields separated by `!`, the channel's name
 * first (`PJSIP/trunk-0000002a`, `Local/s@ctx-00000001;1`, `Snoop/1712-00000003`...).
 */
export function countByTechnology(concise: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const line of concise.split('\n')) {
    const name = line.includes('!') ? line.slice(0, line.indexOf('!')).trim() : '';
    const tech = /^([A-Za-z0-9_]+)\//.exec(name)?.[1];
    if (tech) counts[tech] = (counts[tech] ?? 0) + 1;
  }
  return counts;
}

/** Channels up now by technology; throws when the Asterisk does not answer. */
export async function channelsByTechnology(conf: string | undefined): Promise<Record<string, number>> {
  const r = await asteriskCli('core show channels concise', conf);
  if (r.code !== 0) throw new Error(`core show channels concise: exit ${r.code}`);
  return countByTechnology(r.stdout);
}
