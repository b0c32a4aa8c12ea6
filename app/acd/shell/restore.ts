// What a restarted app puts back into the ACD, as the shell's call records and the core's call
// views: calls found waiting or talking in Asterisk (the caller's channel variables), and
// callbacks promised before the restart (read from the journal). Both keep their place: the
// entry time is the first one, no queue.entered is written again.
import type { Tenant } from '../../../pbx-config/schema/tenant.js';
import { CallSession } from '../../call-contract/session.js';
import type { CallJournal } from '../../journal/journal.js';
import type { CallView } from '../core/types.js';
import type { PendingCallback } from './pending-callbacks.js';
import type { AdoptedCall } from '../../call-contract/door.js';
import type { QueuedCall } from './shell-types.js';

export interface RestoredCall {
  call: QueuedCall;
  view: Omit<CallView, 'seq'>;
  /** The agent's leg of a call taken back talking. */
  legChannelId: string | null;
}

const waiting = (queue: string, enteredAt: number, language: string | null, context: Record<string, string>): Omit<CallView, 'seq'> => ({
  callId: '', queue, enteredAt, priority: 0, language, context, status: 'waiting', ringing: null, connected: null,
  triedAgents: [], nextAnnounceAt: null, callback: null,
});

/** A call found waiting or talking in Asterisk. */
export function adoptedCall(a: AdoptedCall): RestoredCall {
  const { session } = a;
  const c = a.connected;
  return {
    call: { session, tenant: a.tenant, language: a.language, choices: a.choices, queue: a.queue, overflowedFrom: null, callerGone: false, ended: false, callback: null },
    view: {
      ...waiting(a.queue, a.enteredAt, a.language, { callerId: session.callerNumber, did: session.did, choices: a.choices.join(',') }),
      callId: session.callId,
      ...(c ? { status: 'connected' as const, connected: { agent: c.agentId, answeredAt: c.answeredAt } } : {}),
    },
    legChannelId: c?.legChannelId ?? null,
  };
}

/** A callback promised before the restart: the caller is off the line, the call waits for an agent. */
export function pendingCallback(p: PendingCallback, tenant: Tenant, queue: string, journal: CallJournal): RestoredCall {
  const session = new CallSession({ callId: p.callId, tenant: p.tenant, line: p.line, did: p.did, channelId: p.channelId, startedAt: p.startedAt, callerNumber: p.callerNumber }, journal);
  return {
    call: { session, tenant, language: p.language, choices: [], queue, overflowedFrom: null, callerGone: true, ended: false, callback: { number: p.number, attempt: p.attempts } },
    view: {
      ...waiting(queue, p.enteredAt.getTime(), p.language, { callerId: p.callerNumber, did: p.did, choices: '' }),
      callId: p.callId,
      callback: { number: p.number, attempts: p.attempts, retryAt: null, reached: false },
    },
    legChannelId: null,
  };
}
