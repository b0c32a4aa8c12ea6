// Which cells a change of a call's facts must recompute whole rather than add to and take off:
// cells the new facts leave empty, and cells whose wait or talk maximum may go down.
import test from 'ava';
import { cellsToRecompute, factValues, storedValues, type Values } from './fact-rows.js';
import type { KpiFact } from './facts.js';

const at = new Date('2026-03-30T08:05:00Z');
const SLOT = Math.floor(at.getTime() / 900_000);
const fact = (over: Partial<KpiFact>): KpiFact => ({ kind: 'queue', n: 0, group: 'technique', at, outcome: 'answered', waitMs: 6_000, withoutWait: false, talkMs: 60_000, handleMs: 60_000, ...over });
const rows = (...facts: KpiFact[]): Values[] => facts.map((f) => factValues('c1', 7, f));

test('given a wrap-up end that only lengthens handle times, then no cell is recomputed', (t) => {
  const agent = { kind: 'agent' as const, group: 'a1', waitMs: null };
  t.deepEqual(cellsToRecompute(rows(fact({}), fact(agent)), rows(fact({ handleMs: 90_000 }), fact({ ...agent, handleMs: 90_000 }))), []);
});

test('given a first summary, then nothing is recomputed', (t) => {
  t.deepEqual(cellsToRecompute([], rows(fact({}))), []);
});

test('given a unit moving to another queue, then the cell it left is recomputed', (t) => {
  t.deepEqual(cellsToRecompute(rows(fact({})), rows(fact({ group: 'commercial' }))), [[7, SLOT, 'queue', 'technique']]);
});

test('given a wait or a talk that gets shorter, then its cell is recomputed; longer, it is not', (t) => {
  t.is(cellsToRecompute(rows(fact({})), rows(fact({ waitMs: 5_000 }))).length, 1);
  t.is(cellsToRecompute(rows(fact({})), rows(fact({ talkMs: null, handleMs: null, outcome: 'abandoned' }))).length, 1);
  t.is(cellsToRecompute(rows(fact({})), rows(fact({ waitMs: 7_000, talkMs: 61_000 }))).length, 0);
});

test('given a row read back from the driver, then it compares equal to the one written', (t) => {
  const [written] = rows(fact({ withoutWait: true }));
  const read = { call_id: 'c1', kind: 'queue', n: 0, tenant_id: 7, grp: 'technique', at: '2026-03-30 08:05:00.000', slot: String(SLOT), outcome: 'answered', wait_ms: '6000', without_wait: 1, talk_ms: 60000n, handle_ms: 60000 };
  t.deepEqual(storedValues(read), written);
});
