// Call timelines of one tenant and period from MariaDB, a page of calls at a time: one query per
// page (a keyset page of `calls` joined to its `call_events`), so a call is never split across
// pages and a month of a million calls never sits in memory at once. DATETIME values are UTC.
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { utcDateTime } from '../../db/connection.js';
import type { CallEventRecord, CallTimeline } from './types.js';

export interface TimelineQuery {
  /** Tenant slug. */
  tenant: string;
  /** The report period [from, to). */
  from: Date;
  to: Date;
  /**
   * Calls are selected by start time in [from - lookbackMs, to): a call counts in the bucket of
   * its queue entry (or, per agent, of an offer), which comes after its start. 4 h by default.
   */
  lookbackMs?: number;
  /** Calls per page (1,000 by default). */
  pageSize?: number;
}

interface Row {
  callId: string;
  did: string;
  line: string;
  startedAt: Date | string;
  type: string | null;
  at: Date | string | null;
  seq: number | null;
  data: unknown;
}

const SQL = `
SELECT c.id AS callId, c.did AS did, COALESCE(l.slug, '') AS line, c.started_at AS startedAt,
       e.type AS type, e.at AS at, e.seq AS seq, e.data AS data
FROM (
  SELECT calls.id, calls.did, calls.line_id, calls.started_at
  FROM calls JOIN tenants t ON t.id = calls.tenant_id
  WHERE t.slug = :tenant AND calls.direction = 'inbound'
    AND calls.started_at >= :since AND calls.started_at < :until
    /*AFTER*/
  ORDER BY calls.started_at, calls.id
  LIMIT :limit
) c
LEFT JOIN call_events e ON e.call_id = c.id
LEFT JOIN \`lines\` l ON l.id = c.line_id
ORDER BY c.started_at, c.id, e.at, e.seq`;
// Keyset on (started_at, id): it follows the calls_tenant_started index (InnoDB appends the id).
const AFTER = 'AND (calls.started_at > :afterStarted OR (calls.started_at = :afterStarted AND calls.id > :afterId))';

/** A DATETIME(3) read back: a Date (driver in UTC) or its text 'YYYY-MM-DD HH:MM:SS.mmm' in UTC. */
export function utcDate(v: Date | string): Date {
  return v instanceof Date ? v : new Date(`${v.replace(' ', 'T')}Z`);
}

function eventData(v: unknown): CallEventRecord['data'] {
  const parsed: unknown = typeof v === 'string' ? JSON.parse(v) : v;
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
}

/** Rows ordered by call, then (at, seq), into timelines. */
export function rowsToTimelines(rows: readonly Row[], tenant: string): CallTimeline[] {
  const out: CallTimeline[] = [];
  let current: (CallTimeline & { events: CallEventRecord[] }) | undefined;
  for (const r of rows) {
    if (current?.callId !== r.callId) out.push((current = { callId: r.callId, tenant, line: r.line, did: r.did, events: [] }));
    if (r.type !== null && r.at !== null) current.events.push({ type: r.type, at: utcDate(r.at), seq: r.seq ?? 0, data: eventData(r.data) });
  }
  return out;
}

/** Pages of timelines, in order of call start; stops after the last call of the period. */
export async function* timelinePages(sequelize: Sequelize, q: TimelineQuery): AsyncGenerator<CallTimeline[]> {
  const pageSize = q.pageSize ?? 1_000;
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError('pageSize must be a positive integer');
  const base = {
    tenant: q.tenant,
    since: utcDateTime(new Date(q.from.getTime() - (q.lookbackMs ?? 4 * 3_600_000))),
    until: utcDateTime(q.to),
    limit: pageSize,
  };
  let after: { afterStarted: string; afterId: string } | undefined;
  for (;;) {
    const rows = await sequelize.query<Row>(SQL.replace('/*AFTER*/', after ? AFTER : ''), {
      replacements: { ...base, ...after },
      type: QueryTypes.SELECT,
    });
    const last = rows.at(-1);
    if (!last) return;
    yield rowsToTimelines(rows, q.tenant);
    after = { afterStarted: utcDateTime(utcDate(last.startedAt)), afterId: last.callId };
  }
}

/** Every timeline of the period, in memory (see timelinePages to stream them). */
export async function loadTimelines(sequelize: Sequelize, q: TimelineQuery): Promise<CallTimeline[]> {
  const all: CallTimeline[] = [];
  for await (const page of timelinePages(sequelize, q)) all.push(...page);
  return all;
}

const ONE_CALL = `
SELECT c.id AS callId, c.did AS did, COALESCE(l.slug, '') AS line, c.started_at AS startedAt, t.slug AS tenant,
       e.type AS type, e.at AS at, e.seq AS seq, e.data AS data
FROM calls c
JOIN tenants t ON t.id = c.tenant_id
LEFT JOIN call_events e ON e.call_id = c.id
LEFT JOIN \`lines\` l ON l.id = c.line_id
WHERE c.id = :callId AND c.direction = 'inbound'
ORDER BY e.at, e.seq`;

/** One inbound call's timeline as stored now; undefined for an unknown or outbound call. */
export async function loadCallTimeline(sequelize: Sequelize, callId: string, opts: { transaction?: Transaction } = {}): Promise<CallTimeline | undefined> {
  const rows = await sequelize.query<Row & { tenant: string }>(ONE_CALL, {
    replacements: { callId }, type: QueryTypes.SELECT, transaction: opts.transaction ?? null,
  });
  const first = rows[0];
  return first ? rowsToTimelines(rows, first.tenant)[0] : undefined;
}
