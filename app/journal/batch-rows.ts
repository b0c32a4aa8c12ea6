// A batch's entries sorted by the table they go to, so that each table gets one statement per
// batch whatever the number of rows: one multi-row INSERT each for calls, call events, agent
// events and recordings, and one UPDATE for every call whose end or answer the batch writes.
// Their order in the transaction keeps the foreign keys happy (calls before what points at
// them); the order of entries within a table does not matter (events carry their time and
// rank), except for the updates of a call, merged in the order appended (the later field wins,
// as two UPDATEs in that order would).
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { utcDateTime } from '../../db/connection.js';
import type { AgentEventEntry, CallEventEntry, CallOpened, CallUpdate, JournalEntry, RecordingEntry } from './entries.js';

export interface BatchRows {
  calls: CallOpened[];
  events: CallEventEntry[];
  agentEvents: AgentEventEntry[];
  recordings: RecordingEntry[];
  /** Per call, its updates merged. */
  updates: Map<string, CallUpdate>;
}

export function batchRows(entries: readonly JournalEntry[]): BatchRows {
  const rows: BatchRows = { calls: [], events: [], agentEvents: [], recordings: [], updates: new Map() };
  for (const e of entries) {
    switch (e.kind) {
      case 'call': rows.calls.push(e.call); break;
      case 'event': rows.events.push(e.event); break;
      case 'agent-event': rows.agentEvents.push(e.event); break;
      case 'recording': rows.recordings.push(e.recording); break;
      case 'call-update': rows.updates.set(e.callId, { ...rows.updates.get(e.callId), ...e.update }); break;
    }
  }
  return rows;
}

/** The calls columns a CallUpdate sets, and how each value is written. */
const UPDATE_COLUMNS: readonly [keyof CallUpdate, string, (v: unknown) => unknown][] = [
  ['answeredAt', 'answered_at', (v) => utcDateTime(v as Date)],
  ['endedAt', 'ended_at', (v) => utcDateTime(v as Date)],
  ['hangupCause', 'hangup_cause', (v) => v],
  ['hangupReason', 'hangup_reason', (v) => v],
];

/**
 * Every call's merged update in one statement: each column is set, by a CASE on the id, for the
 * calls whose update has it, and left as it is for the others. A call not stored is not updated
 * (as before: an UPDATE of a missing row changes nothing).
 */
export async function updateCalls(sequelize: Sequelize, updates: ReadonlyMap<string, CallUpdate>, transaction: Transaction): Promise<void> {
  if (updates.size === 0) return;
  const sets: string[] = [];
  const replacements: unknown[] = [];
  for (const [field, column, value] of UPDATE_COLUMNS) {
    const arms = [...updates].filter(([, u]) => u[field] !== undefined);
    if (arms.length === 0) continue;
    const cast = column.endsWith('_at') ? 'CAST(? AS DATETIME(3))' : '?';
    sets.push(`${column} = CASE id ${arms.map(() => `WHEN ? THEN ${cast}`).join(' ')} ELSE ${column} END`);
    for (const [id, u] of arms) replacements.push(id, value(u[field]));
  }
  if (sets.length === 0) return;
  const ids = [...updates.keys()];
  await sequelize.query(`UPDATE calls SET ${sets.join(', ')} WHERE id IN (${ids.map(() => '?').join(', ')})`, {
    replacements: [...replacements, ...ids], type: QueryTypes.UPDATE, transaction,
  });
}
