// The core's events written to the journal: on their call (its session), and an agent's on the
// agent (agent_events, and the presence saved on the agent when it changes). The queue a call
// enters also goes on the caller's channel, for a restarted app.
import { encodeQueuePlace, QUEUE_PLACE_VARIABLE } from '../../call-contract/variables.js';
import type { AcdEvent } from '../core/types.js';
import { journalAgentEvent, type SavedPresence } from './agent-journal.js';
import { localiseEventData } from './queues.js';
import type { AcdShell } from './shell.js';
import type { AcdShellDeps, QueuedCall } from './shell-types.js';

export class EventWriter {
  private readonly savedPresence: SavedPresence = new Map();

  constructor(private readonly p: { shell: AcdShell; deps: AcdShellDeps }) {}

  write(events: AcdEvent[]): void {
    for (const e of events) {
      const data = localiseEventData(e.data);
      const at = new Date(e.at);
      if (e.type === 'acd.warning') this.p.deps.log.warn({ callId: e.callId, ...data }, 'ACD warning');
      if (e.callId !== null) {
        const call = this.p.shell.calls.get(e.callId);
        if (!call) {
          this.p.deps.log.warn({ event: e }, 'ACD event for a call the shell does not hold');
          continue;
        }
        if (e.type === 'queue.entered' && typeof e.data.queue === 'string') this.remember(call, e.data.queue, e.at);
        call.session.event(e.type, e.type === 'queue.entered' ? { ...data, choices: call.choices } : data, at);
        if (e.type === 'agent.state' || e.type === 'agent.state_pending') this.agentEvent(e, data, at);
        continue;
      }
      this.agentEvent(e, data, at);
    }
  }

  /** The queue and entry time go on the caller's channel too: a restarted app reads them back. */
  private remember(call: QueuedCall, queue: string, at: number): void {
    call.queue = queue;
    const { media } = this.p.deps;
    const id = call.session.channelId;
    const place = encodeQueuePlace({ queue, since: at, language: call.language, choices: [...call.choices] });
    this.p.shell.inOrder(call.session.callId, () => media.setVariable(id, QUEUE_PLACE_VARIABLE, place));
  }

  private agentEvent(e: AcdEvent, data: Record<string, unknown>, at: Date): void {
    const agent = typeof data.agent === 'string' ? this.p.shell.agent(data.agent) : undefined;
    if (agent) journalAgentEvent(this.p.deps, agent, e.type, data, at, this.savedPresence);
  }
}
