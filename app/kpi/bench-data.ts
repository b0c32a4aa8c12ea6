// Fills a database with a month of realistic calls of one tenant for the KPI benchmark (bench.ts):
// arrivals follow a working-day profile on the tenant's wall clock (busy mornings and afternoons,
// quiet nights and Sundays), agents work in shifts, and each call has the events the IVR and the
// ACD write (about 9.5 per call): IVR abandons, answers (some after a ring-out), abandons short and
// long, overflows to another queue or a number, callbacks, with talk and wrap-up. A plan row per
// call is made here (seeded), then calls and events are made from it by INSERT ... SELECT in
// chunks, in start order, so every index grows at its end as in production.
import type { Connection } from 'mariadb';
import { formatDate, localParts, zonedToInstant } from '../../ivr/calendar/zoned.js';
import { prng } from './test-support.js';

export interface BenchFill {
  tenantId: number;
  lineIds: Record<string, number>;
  from: Date;
  to: Date;
  timezone: string;
  calls: number;
  seed: number;
}

export const BENCH_LINES = { technique: 0.6, commercial: 0.3, entreprise: 0.1 } as const;
const QUEUE_OF = { technique: ['technique', 'technique', 'technique', 'technique', 'technique-n2'], commercial: ['commercial'], entreprise: ['entreprise'] };
const OVERFLOW_QUEUE = 'debordement';
/** Calls per local hour of a weekday, relative. */
const HOURS = [0.5, 0.4, 0.3, 0.3, 0.3, 0.4, 0.8, 2, 6, 9, 10, 9, 6, 7, 9, 8, 7, 5, 3, 2, 1.5, 1, 0.7, 0.5];
/** By ISO weekday (Monday = 1). */
const DAYS = [0, 1, 1, 1, 1, 0.9, 0.5, 0.25];
/** 300 agents in four shifts [first agent, last agent + 1, from local hour, to local hour). */
const SHIFTS: [number, number, number, number][] = [[0, 100, 7, 15], [100, 200, 12, 20], [200, 270, 9, 17], [270, 300, 20, 31]];
/** Scenarios and their shares: 0 IVR abandon, 1 the app hangs up in the IVR, 2 answered, 3 abandoned
 *  after 5 s or more, 4 immediate abandon, 5 overflow to another queue then answered, 6 callback,
 *  7 answered after an agent's ring-out, 8 overflow to a number. */
const SCENARIOS = [0.04, 0.003, 0.70, 0.07, 0.04, 0.04, 0.015, 0.08, 0.012];

const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');
/** A time-ordered (v7 layout) UUID: start ms, then the call's rank. */
const callUuid = (ms: number, n: number): string => {
  const t = hex(ms, 12), r = hex(n, 18);
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${r.slice(0, 3)}-8${r.slice(3, 6)}-${r.slice(6, 18)}`;
};
const sqlTime = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

/** Start instants of every call, sorted: local (day, hour) cells drawn by weight, uniform inside. */
function arrivals(f: BenchFill, rnd: () => number): Float64Array {
  const cells: { start: number; end: number; weight: number }[] = [];
  for (let day = localParts(f.from, f.timezone); ;) {
    const date = formatDate(day.year, day.month, day.day);
    const dayStart = zonedToInstant(`${date}T00:00`, f.timezone).getTime();
    if (dayStart >= f.to.getTime()) break;
    for (let h = 0; h < 24; h++) {
      const start = zonedToInstant(`${date}T${String(h).padStart(2, '0')}:00`, f.timezone).getTime();
      const end = h < 23 ? zonedToInstant(`${date}T${String(h + 1).padStart(2, '0')}:00`, f.timezone).getTime() : start + 3_600_000;
      if (end > start && start >= f.from.getTime() && start < f.to.getTime()) cells.push({ start, end, weight: (HOURS[h] ?? 0) * (DAYS[day.weekday] ?? 0) });
    }
    day = localParts(new Date(dayStart + 36 * 3_600_000), f.timezone);
  }
  const total = cells.reduce((s, c) => s + c.weight, 0);
  let sum = 0;
  const cumulative = cells.map((c) => (sum += c.weight / total));
  const out = new Float64Array(f.calls);
  for (let i = 0; i < f.calls; i++) {
    const u = rnd();
    let lo = 0, hi = cells.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 1) < u) lo = mid + 1; else hi = mid;
    }
    const c = cells[lo];
    if (c) out[i] = c.start + Math.floor(rnd() * (c.end - c.start));
  }
  return out.sort();
}

const PLAN_COLUMNS = 'n, call_id, started_at, line_id, line, did, sc, ivr_ms, queue, queue2, agent, agent0, wait_ms, talk_ms, wrap_ms';

/** The plan: one row per call with everything its events are made of. */
async function fillPlan(conn: Connection, f: BenchFill, log: (m: string) => void): Promise<void> {
  await conn.query(`CREATE TABLE bench_plan (n INT PRIMARY KEY, call_id CHAR(36) CHARACTER SET ascii NOT NULL, started_at DATETIME(3) NOT NULL,
    line_id INT NOT NULL, line VARCHAR(32) NOT NULL, did VARCHAR(32) NOT NULL, sc TINYINT NOT NULL, ivr_ms INT NOT NULL,
    queue VARCHAR(32) NOT NULL, queue2 VARCHAR(32) NOT NULL, agent VARCHAR(32) NOT NULL, agent0 VARCHAR(32) NOT NULL,
    wait_ms INT NOT NULL, talk_ms INT NOT NULL, wrap_ms INT NOT NULL) ENGINE=InnoDB`);
  const rnd = prng(f.seed);
  const times = arrivals(f, rnd);
  log(`  arrivals drawn: ${f.calls} calls`);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const exp = (mean: number, cap: number): number => Math.min(cap, Math.floor(-Math.log(1 - rnd()) * mean));
  const weighted = (shares: readonly number[]): number => {
    let u = rnd();
    for (let i = 0; i < shares.length; i++) if ((u -= shares[i] ?? 0) < 0) return i;
    return shares.length - 1;
  };
  const lines = Object.keys(BENCH_LINES) as (keyof typeof BENCH_LINES)[];
  const hours = new Map<number, number>(); // local hour of each UTC hour (offsets are whole hours here)
  const agentAt = (ms: number): string => {
    const utcHour = Math.floor(ms / 3_600_000);
    let h = hours.get(utcHour);
    if (h === undefined) hours.set(utcHour, (h = localParts(new Date(utcHour * 3_600_000), f.timezone).hour));
    const on = SHIFTS.filter(([, , a, b]) => (h >= a && h < b) || h + 24 < b);
    const [first, last] = pick(on.length ? on : SHIFTS);
    return `agent-${String(first + Math.floor(rnd() * (last - first)) + 1).padStart(3, '0')}`;
  };
  let values: string[] = [];
  for (let i = 0; i < f.calls; i++) {
    const n = i + 1, start = times[i] ?? 0;
    const line = lines[weighted(lines.map((l) => BENCH_LINES[l]))] ?? 'technique';
    const sc = weighted(SCENARIOS);
    const wait = sc === 2 ? exp(18_000, 85_000) : sc === 3 ? 5_000 + exp(30_000, 80_000) : sc === 4 ? Math.floor(rnd() * 5_000)
      : sc === 5 ? exp(10_000, 60_000) : sc === 6 ? 20_000 + Math.floor(rnd() * 60_000) : sc === 7 ? 18_000 + exp(15_000, 67_000) : 0;
    values.push(`(${n},'${callUuid(start, n)}','${sqlTime(start)}',${f.lineIds[line] ?? 0},'${line}','33170000001',${sc},${4_000 + Math.floor(rnd() * 40_000)},`
      + `'${pick(QUEUE_OF[line])}','${OVERFLOW_QUEUE}','${agentAt(start)}','${agentAt(start)}',${wait},${30_000 + exp(120_000, 1_800_000)},${5_000 + Math.floor(rnd() * 55_000)})`);
    if (values.length === 10_000 || n === f.calls) {
      await conn.query(`INSERT INTO bench_plan (${PLAN_COLUMNS}) VALUES ${values.join(',')}`);
      values = [];
    }
  }
}

// Each event: [rank, type, which scenarios, ms after the start, JSON payload]. A = the answer.
const A = 'ivr_ms + IF(sc = 5, 90000, 0) + wait_ms';
const Q = 'IF(sc = 5, queue2, queue)';
const RING = `LEAST(2000, wait_ms)`;
const ANSWERED = 'sc IN (2, 5, 7)';
const QUEUED = 'sc >= 2';
const EVENTS: [number, string, string, string, string][] = [
  [1, 'call.arrived', 'TRUE', '0', "JSON_OBJECT('did', did, 'line', line)"],
  [2, 'call.answered', 'TRUE', '0', 'NULL'],
  [3, 'ivr.announce', 'TRUE', '0', "JSON_OBJECT('prompt', 'welcome')"],
  [4, 'ivr.menu', 'TRUE', 'ivr_ms DIV 2', "JSON_OBJECT('menu', 'main', 'loop', 1)"],
  [5, 'ivr.key', QUEUED, 'ivr_ms - 300', "JSON_OBJECT('key', '1')"],
  [6, 'queue.entered', QUEUED, 'ivr_ms', "JSON_OBJECT('queue', queue, 'priority', 0, 'language', 'fr', 'serviceLevelMs', 20000)"],
  [7, 'agent.offered', 'sc = 7', 'ivr_ms + 200', "JSON_OBJECT('queue', queue, 'agent', agent0)"],
  [8, 'agent.ringing', 'sc = 7', 'ivr_ms + 250', "JSON_OBJECT('queue', queue, 'agent', agent0)"],
  [9, 'agent.no_answer', 'sc = 7', 'ivr_ms + 15250', "JSON_OBJECT('queue', queue, 'agent', agent0, 'reason', 'timeout')"],
  [10, 'queue.overflowed', 'sc IN (5, 8)', 'ivr_ms + 90000',
    `JSON_OBJECT('queue', queue, 'target', IF(sc = 5, JSON_OBJECT('kind', 'queue', 'id', queue2), JSON_OBJECT('kind', 'number', 'id', '+33384961370')))`],
  [11, 'queue.entered', 'sc = 5', 'ivr_ms + 90000', "JSON_OBJECT('queue', queue2, 'priority', 10, 'language', 'fr', 'serviceLevelMs', 20000, 'overflowFrom', queue)"],
  [12, 'agent.offered', ANSWERED, `${A} - ${RING}`, `JSON_OBJECT('queue', ${Q}, 'agent', agent)`],
  [13, 'agent.ringing', ANSWERED, `${A} - ${RING} + LEAST(50, ${RING})`, `JSON_OBJECT('queue', ${Q}, 'agent', agent)`],
  [14, 'agent.answered', ANSWERED, A, `JSON_OBJECT('queue', ${Q}, 'agent', agent, 'waitMs', wait_ms, 'serviceLevelMs', 20000, 'withinServiceLevel', wait_ms <= 20000)`],
  [15, 'callback.requested', 'sc = 6', 'ivr_ms + wait_ms', "JSON_OBJECT('queue', queue, 'number', '+33600000000')"],
  [16, 'call.hangup', 'TRUE',
    `CASE WHEN ${ANSWERED} THEN ${A} + talk_ms WHEN sc IN (0, 1) THEN ivr_ms WHEN sc = 6 THEN ivr_ms + wait_ms + 2000 WHEN sc = 8 THEN ivr_ms + 90000 ELSE ivr_ms + wait_ms END`,
    "JSON_OBJECT('by', IF(sc IN (1, 8), 'app', 'caller'), 'cause', 16)"],
  [17, 'agent.wrapup_ended', ANSWERED, `${A} + talk_ms + wrap_ms`, "JSON_OBJECT('agent', agent)"],
];

const at = (ms: string): string => `started_at + INTERVAL (${ms}) * 1000 MICROSECOND`;

/** Calls and their events from the plan, a chunk of calls per statement, the chunks shared by the connections. */
async function fillCalls(conns: readonly Connection[], f: BenchFill, log: (m: string) => void): Promise<void> {
  const CHUNK = 50_000;
  let next = 1, done = 0;
  const hangupAt = at(EVENTS.find(([k]) => k === 16)?.[3] ?? '0');
  // Two inserts at once may still deadlock on neighbouring index gaps: the statement is rolled back, run it again.
  const query = async (conn: Connection, sql: string): Promise<void> => {
    for (let attempt = 1; ; attempt++) {
      try {
        await conn.query(sql);
        return;
      } catch (err) {
        if (attempt >= 5 || (err as { errno?: number }).errno !== 1213) throw err;
      }
    }
  };
  await Promise.all(conns.map(async (conn) => {
    for (let a = next; a <= f.calls; a = next) {
      const b = Math.min(a + CHUNK - 1, f.calls);
      next = b + 1;
      await query(conn, `INSERT INTO calls (id, tenant_id, line_id, direction, did, caller_id, channel_id, started_at, answered_at, ended_at, hangup_cause)
        SELECT call_id, ${f.tenantId}, line_id, 'inbound', did, CONCAT('336', LPAD(n, 8, '0')), CONCAT('1795335000.', n), started_at, started_at, ${hangupAt}, 16
        FROM bench_plan WHERE n BETWEEN ${a} AND ${b} ORDER BY n`);
      const selects = EVENTS.map(([k, type, when, ms, data]) =>
        `SELECT n, ${k} AS k, '${type}' AS type, ${at(ms)} AS at, ${data} AS data, call_id FROM bench_plan WHERE n BETWEEN ${a} AND ${b} AND ${when}`);
      await query(conn, `INSERT INTO call_events (id, call_id, tenant_id, type, at, seq, data)
        SELECT CONCAT(LPAD(LOWER(HEX(n)), 8, '0'), '-', LPAD(LOWER(HEX(k)), 4, '0'), '-7000-8000-000000000000'), call_id, ${f.tenantId}, type, at, k, data
        FROM (${selects.join(' UNION ALL ')}) e ORDER BY n, k`);
      done += b - a + 1;
      if (done % 200_000 === 0 || done === f.calls) log(`  calls and events written: ${done}`);
    }
  }));
}

/** Fills calls and call_events (two connections work at once); their sessions skip foreign key and unique checks. */
export async function fillBenchCalls(conns: readonly [Connection, ...Connection[]], f: BenchFill, log: (m: string) => void): Promise<void> {
  for (const conn of conns) {
    await conn.query('SET SESSION foreign_key_checks = 0, unique_checks = 0');
    await conn.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED');
  }
  await fillPlan(conns[0], f, log);
  await fillCalls(conns, f, log);
  await conns[0].query('DROP TABLE bench_plan');
}
