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
