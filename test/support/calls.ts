// Reading what the appliance logged about calls, waiting for the journal to write it.
import type mariadb from 'mariadb';
import { db, select } from './appliance.js';
import { eventually } from './eventually.js';
import { runSipp, type SippRun } from './sipp.js';
import { ivrCallerScenario, type Key, writeScenario } from './sipp-ivr.js';

export interface CallRow { id: string; did: string; caller_id: string; answered_at: Date | null; ended_at: Date | null; hangup_cause: number | null; started_at: Date }
export interface EventRow { type: string; at: Date; data: Record<string, unknown> | null }

/** The latest call to `did` (from `caller`) started after `since`, once its end and its last event are written. */
export async function endedCall(conn: mariadb.Connection, did: string, since: Date, caller?: string): Promise<{ call: CallRow; events: EventRow[] }> {
  const call = await eventually(async () => (await select<CallRow>(conn,
    `SELECT * FROM calls WHERE did = ? AND started_at >= ? AND ended_at IS NOT NULL${caller ? ' AND caller_id = ?' : ''} ORDER BY started_at DESC LIMIT 1`,
    caller ? [did, since, caller] : [did, since]))[0],
  { what: `an ended call to ${did}` });
  const events = await eventually(async () => {
    const rows = await select<EventRow>(conn, 'SELECT type, at, data FROM call_events WHERE call_id = ? ORDER BY at, seq', [call.id]);
    return rows.some((r) => r.type === 'call.hangup') ? rows : undefined;
  }, { what: `the events of call ${call.id}` });
  return { call, events };
}

/** The IVR ran to its end without a failure and handed the call to a queue. */
export function reachedQueue(events: readonly EventRow[], queue: string): boolean {
  return events.some((e) => e.type === 'queue.entered' && e.data?.queue === queue)
    && !events.some((e) => e.type === 'call.flow_failed');
}

/** Walks that run at the same time need a SIPp port and a caller number each. */
export interface WalkOptions {
  localPort?: number;
  caller?: string;
  /** A raw A-law file the caller streams for the whole call. */
  stream?: string;
}

/** The call of `caller` once it has entered a queue (the journal has written it). */
export async function queuedCall(caller: string, since: Date): Promise<string> {
  const conn = await db();
  try {
    return await eventually(async () => (await select<{ id: string }>(conn,
      `SELECT c.id FROM calls c JOIN call_events e ON e.call_id = c.id
       WHERE c.caller_id = ? AND c.started_at >= ? AND e.type = 'queue.entered' ORDER BY c.started_at DESC LIMIT 1`, [caller, since]))[0]?.id,
    { what: `the call of ${caller} in a queue`, attempts: 600 });
  } finally {
    await conn.end();
  }
}

/** A caller walks an IVR with keys; returns SIPp's result and what the appliance logged. */
export async function walkIvr(did: string, keys: readonly Key[], holdMs = 25_000, opts: WalkOptions = {}): Promise<{ sipp: SippRun; call?: CallRow; events: EventRow[] }> {
  const since = new Date(Date.now() - 1000);
  const port = opts.localPort ?? 5060;
  const sipp = await runSipp({ scenario: writeScenario(ivrCallerScenario(keys, holdMs, opts.caller, opts.stream)), service: did, localPort: port, mediaPort: 16000 + (port - 5060) * 10 });
  if (sipp.code !== 0) return { sipp, events: [] };
  const conn = await db();
  try {
    return { sipp, ...(await endedCall(conn, did, since, opts.caller)) };
  } finally {
    await conn.end();
  }
}

/** The data of the events of a type, in order. */
export const eventData = (events: readonly EventRow[], type: string): Record<string, unknown>[] =>
  events.filter((e) => e.type === type).map((e) => e.data ?? {});

/** The call's events once its callback was placed and ended (an agent logged in). */
export function callbackEnded(conn: mariadb.Connection, callId: string | undefined): Promise<EventRow[]> {
  return eventually(async () => {
    const rows = await select<EventRow>(conn, 'SELECT type, at, data FROM call_events WHERE call_id = ? ORDER BY at, seq', [callId]);
    return rows.some((e) => e.type === 'callback.ended') ? rows : undefined;
  }, { what: 'the callback placed and finished', attempts: 600 });
}
