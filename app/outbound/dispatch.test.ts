// The call service's StasisStart dispatch (app/calls/stasis.ts) leaves click-to-call legs alone:
// it hangs up every channel entering with arguments it does not route, and the driver's dial of
// an outbound leg needs that leg alive in our app.
import test from 'ava';
import { attachCallHandlers } from '../calls/stasis.js';
import type { CallService } from '../calls/service.js';
import { createLogger } from '../log/logger.js';
import type { MediaCore, MediaEvent } from '../media/types.js';
import { legIdFor } from './legs.js';
import { OUTBOUND_STASIS_KIND } from '../call-contract/stasis-kinds.js';
import { channelInfo } from '../media/test-support.js';

test('given a click-to-call leg entering our app, when the call service sees it, then it does not take it for an inbound call', (t) => {
  let listener: ((e: MediaEvent) => void) | undefined;
  const media = { subscribe: (l: (e: MediaEvent) => void) => { listener = l; return () => undefined; } } as unknown as MediaCore;
  const entered: string[] = [];
  const calls = { onChannelEntered: (c: { id: string }) => { entered.push(c.id); return Promise.resolve(); } } as unknown as CallService;
  attachCallHandlers(media, calls, createLogger('silent'));
  const id = '7f3c0a52-2b1e-4c8e-9a51-0d6f1e2a3b4c';
  listener?.({ kind: 'channel.entered', channel: channelInfo(legIdFor('agent', id), 'Down'), args: [OUTBOUND_STASIS_KIND, id] });
  t.deepEqual(entered, [], 'app/calls/stasis.ts must list OUTBOUND_STASIS_KIND among the kinds known elsewhere');
  listener?.({ kind: 'channel.entered', channel: channelInfo('1795335000.42', 'Ring'), args: ['inbound', 'energie', 'technique', '212520000001'] });
  t.deepEqual(entered, ['1795335000.42'], 'inbound calls still reach the call service');
});
