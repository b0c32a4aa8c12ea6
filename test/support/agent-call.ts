// A caller talking with an agent, the start of the transfer tests: an agent of the utility's
// technical queue with a phone that answers, logged in; a caller who walks the IVR to that queue
// and holds for `holdMs`; returned once the agent has answered.
import type { ExecutionContext } from 'ava';
import { connectPhone, createAgent, setState, type TestAgent } from './agents.js';
import { queuedCall, walkIvr } from './calls.js';
import { eventually } from './eventually.js';
import { type PhoneBehaviour, type RunningPhone, startPhone } from './phones.js';

export const TECHNICAL_DID = '212520000001';
export const TECHNICIAN = [{ name: 'line', value: 'technique', level: 5 }, { name: 'language', value: 'fr', level: 5 }];
const toTechnicalQueue = [{ key: '2', via: 'info' as const }, { key: '1', via: 'info' as const }];

export interface AgentCall {
  agent: TestAgent;
  phone: RunningPhone;
  callId: string;
  /** The caller's SIPp run and what the appliance logged, once the caller hung up. */
  walk: ReturnType<typeof walkIvr>;
}

export async function callWithAgent(t: ExecutionContext, caller: string, localPort: number, holdMs: number, behaviour: PhoneBehaviour = { kind: 'answer', ringMs: 200 }): Promise<AgentCall> {
  const agent = await createAgent(t, 'energie', TECHNICIAN);
  const phone = await connectPhone('energie', agent, behaviour);
  await setState('energie', agent, { action: 'login' });
  const since = new Date(Date.now() - 1000);
  const walk = walkIvr(TECHNICAL_DID, toTechnicalQueue, holdMs, { localPort, caller });
  const callId = await queuedCall(caller, since);
  await eventually(() => Promise.resolve(phone.count('ANSWERED') === 1), { what: 'the agent answers' });
  return { agent, phone, callId, walk };
}

/** The far end of the carrier trunk (127.0.0.2:5060): a number outside that answers. */
export function outsideNumber(t: ExecutionContext): RunningPhone {
  const outside = startPhone({ sipUsername: 'outside', sipPassword: '', ip: '127.0.0.2', port: 5060 }, { kind: 'answer', ringMs: 200 });
  t.teardown(() => outside.stop());
  return outside;
}
