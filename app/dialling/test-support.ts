// For the dialling tests: a journal whose entries stay in memory, a logger whose lines can be read.
import { pino } from 'pino';
import type { JournalEntry } from '../journal/entries.js';
import { CallJournal } from '../journal/journal.js';
import type { Logger } from '../log/logger.js';

export function memoryJournal(): { journal: CallJournal; written: JournalEntry[] } {
  const written: JournalEntry[] = [];
  const quiet = { warn: () => undefined, info: () => undefined, error: () => undefined };
  return { journal: new CallJournal({ apply: (e) => { written.push(...e); return Promise.resolve(); } }, quiet), written };
}

export function capturingLog(): { log: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  return { log: pino({ level: 'info' }, { write: (s: string) => { lines.push(JSON.parse(s) as Record<string, unknown>); } }), lines };
}

export interface WrittenEvent { kind: 'call' | 'agent'; callId?: string; agentId?: string; data: Record<string, unknown> }

/** The events of a type written (on calls or agents), with their data. */
export function written(entries: readonly JournalEntry[], type: string): WrittenEvent[] {
  return entries.flatMap((e): WrittenEvent[] => {
    if (e.kind === 'event' && e.event.type === type) return [{ kind: 'call', callId: e.event.callId, data: e.event.data ?? {} }];
    if (e.kind === 'agent-event' && e.event.type === type) return [{ kind: 'agent', agentId: e.event.agentId, data: e.event.data ?? {} }];
    return [];
  });
}
