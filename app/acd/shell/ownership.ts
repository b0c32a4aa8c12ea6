// What the ACD owns in Asterisk, for the sweep (app/sweep): the legs it placed, the snoop and
// bridge of a call it still holds a conversation for (a callback's, once the caller's own channel
// is gone), and the consultation bridges. Its tidy-up lets go of legs whose caller is gone, so an
// agent is never left on a dead call.
import { callIdOfBridge, parseSnoopId } from '../../call-contract/ids.js';
import type { Owner } from '../../sweep/sweep.js';
import type { Leg } from './legs.js';
import type { AcdShell } from './shell.js';
import type { QueuedCall } from './shell-types.js';

/** The call still has a conversation of ours: its caller is here, or it is a callback being placed. */
const alive = (call: QueuedCall | undefined): boolean => !!call && (!call.callerGone || !!call.callback);

export function acdOwner(shell: AcdShell): Owner {
  return {
    name: 'acd',
    ownsChannel: (c) => shell.legs.get(c.id) !== undefined || alive(shell.calls.get(parseSnoopId(c.id) ?? '')),
    ownsBridge: (id) => {
      const consulted = /^consult-(.+)$/.exec(id)?.[1];
      if (consulted) return shell.consults.of(consulted) !== undefined;
      const call = shell.calls.get(callIdOfBridge(id) ?? '');
      return alive(call) && !!call?.bridged;
    },
    tidy: (live) => {
      const legs = shell.legs.ids().flatMap((id) => { const leg = shell.legs.get(id); return leg ? [leg] : []; });
      const stopping = legs.filter((l) => l.state === 'stopping');
      const orphans: Leg[] = legs.filter((leg) => leg.state !== 'stopping' && !alive(shell.calls.get(leg.callId)));
      for (const leg of orphans) shell.dropOrphanLeg(leg);
      // A leg hung up while Asterisk was still making it (its hang-up found nothing), or whose
      // hang-up failed: still there at the next sweep, it is hung up again; gone, it is forgotten.
      let retried = 0;
      for (const leg of stopping) {
        if (leg.stuck) {
          retried++;
          if (live.has(leg.channelId)) shell.hangUpAgain(leg);
          else shell.forgetLeg(leg.channelId);
        } else leg.stuck = true;
      }
      return orphans.length + retried;
    },
  };
}
