// Which calls a batch asks to be summarised, and how a failed batch is classed: a lock conflict
// or a lost connection is transient (the batch is written again whole), never the data's fault.
import test from 'ava';
import { ConnectionRefusedError, DatabaseError, ForeignKeyConstraintError } from 'sequelize';
import { isLockConflict, isTransientDbError } from './db-errors.js';
import type { JournalEntry } from './entries.js';
import { JournalDataError } from './reject.js';
import { journalStoreError } from './sql-store.js';
import { callsToSummarise } from './summaries.js';

const at = new Date('2026-03-02T09:00:00Z');
const event = (callId: string, type: string): JournalEntry => ({ kind: 'event', event: { id: `${callId}-${type}`, callId, tenant: 'habitat', type, at, seq: 1 } });

/** A database error as Sequelize's mariadb dialect raises it (the driver's error as `parent`). */
function dbError(errno: number, message: string): DatabaseError {
  return new DatabaseError(Object.assign(new Error(message), { errno, sql: 'UPDATE ...', parameters: [] }));
}

test('given a batch, when its calls to summarise are listed, then they are the calls whose end or wrap-up end it writes, each once', (t) => {
  const batch: JournalEntry[] = [
    { kind: 'call', call: { id: 'c0', tenant: 'habitat', line: 'technique', did: '33170000001', direction: 'inbound', callerId: null, channelId: 'ch0', startedAt: at } },
    event('c0', 'queue.entered'),
    event('c1', 'call.hangup'),
    { kind: 'call-update', callId: 'c1', update: { endedAt: at, hangupCause: 16 } },
    { kind: 'call-update', callId: 'c2', update: { answeredAt: at } },
    event('c3', 'agent.wrapup_ended'),
    { kind: 'call-update', callId: 'c4', update: { endedAt: at } },
    event('c5', 'agent.hangup'),
    { kind: 'agent-event', event: { id: 'a1', tenant: 'habitat', agentId: 'agent-1', type: 'agent.state', at } },
  ];
  t.deepEqual(callsToSummarise(batch), ['c1', 'c3', 'c4']);
  t.deepEqual(callsToSummarise([]), []);
});

for (const [errno, text] of [
  [1213, 'Deadlock found when trying to get lock; try restarting transaction'],
  [1205, 'Lock wait timeout exceeded; try restarting transaction'],
  [1020, "Record has changed since last read in table 'kpi_day_zones'"],
] as const) {
  test(`given a batch that failed on a lock conflict (errno ${errno}), when the store classes it, then it is transient, not bad data`, (t) => {
    const err = dbError(errno, text);
    t.true(isLockConflict(err));
    t.true(isTransientDbError(err));
    const classed = journalStoreError(err);
    t.is(classed, err, 'passed through as is: the journal keeps the batch and writes it again whole');
    t.false(classed instanceof JournalDataError);
  });
}

test('given a lost connection, when the store classes it, then it is transient', (t) => {
  const err = new ConnectionRefusedError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { code: 'ECONNREFUSED' }));
  t.true(isTransientDbError(err));
  t.is(journalStoreError(err), err);
});

test('given a batch refused for its data, when the store classes it, then it is a JournalDataError naming the cause', (t) => {
  for (const err of [
    dbError(1406, "Data too long for column 'type' at row 1"),
    new ForeignKeyConstraintError({ parent: Object.assign(new Error('Cannot add or update a child row'), { errno: 1452, sql: '', parameters: [] }) }),
    new RangeError('invalid date'),
  ]) {
    t.false(isTransientDbError(err));
    const classed = journalStoreError(err);
    t.true(classed instanceof JournalDataError);
    t.is((classed as JournalDataError).cause, err);
  }
  const data = new JournalDataError('unknown tenant "x"');
  t.is(journalStoreError(data), data);
});
