// Which journal entries change panels: agents' events and calls' events of the ACD, hold,
// consultation, recording, wrap-up...; not the IVR's steps nor the announcements.
import test from 'ava';
import type { JournalEntry } from '../journal/entries.js';
import { PanelChanges } from './changes.js';

const event = (tenant: string, type: string): JournalEntry => ({ kind: 'event', event: { id: type, callId: 'c', tenant, type, at: new Date(0), seq: 1 } });
const agentEvent = (tenant: string): JournalEntry => ({ kind: 'agent-event', event: { id: 'a', tenant, agentId: 'a1', type: 'agent.state', at: new Date(0) } });

test('given appended entries, when observed, then each tenant whose panels they change is told once', (t) => {
  const changes = new PanelChanges();
  const told: string[] = [];
  const stop = changes.watch((tenant) => told.push(tenant));
  changes.observe([event('energie', 'ivr.key'), event('energie', 'queue.announced'), event('habitat', 'call.arrived')]);
  t.deepEqual(told, [], 'the IVR, announcements and arrivals change no panel');
  changes.observe([event('energie', 'queue.entered'), event('energie', 'call.held'), agentEvent('habitat'), event('energie', 'call.wrapup')]);
  t.deepEqual(told, ['energie', 'habitat']);
  stop();
  changes.observe([agentEvent('energie')]);
  t.is(told.length, 2);
});
