// The app's /metrics (Prometheus text format 0.0.4) as the bench reads it: samples by name and
// labels, and the per-call growth of chosen counters between two readings. Families the app does
// not export (yet) are reported as such, never as zero.

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Exposition {
  samples: Sample[];
  /** Every family declared by a `# TYPE` line (a labelled counter not yet incremented has no sample). */
  families: Set<string>;
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"\s*(,?)/;

function unescapeLabel(v: string): string {
  return v.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
}

function parseValue(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (v === '+Inf' || v === 'Inf') return Infinity;
  if (v === '-Inf') return -Infinity;
  if (v === 'NaN') return NaN;
  const n = Number(v);
  return v !== '' && !Number.isNaN(n) ? n : undefined;
}

/** One sample line, or undefined for a comment, a blank or a line that does not parse. */
function parseLine(line: string): Sample | undefined {
  const text = line.trim();
  if (!text || text.startsWith('#')) return undefined;
  const name = NAME.exec(text)?.[0];
  if (!name) return undefined;
  let rest = text.slice(name.length);
  const labels: Record<string, string> = {};
  if (rest.startsWith('{')) {
    rest = rest.slice(1);
    for (;;) {
      const close = /^\s*\}/.exec(rest);
      if (close) { rest = rest.slice(close[0].length); break; }
      const m = LABEL.exec(rest);
      if (!m?.[1] || m[2] === undefined) return undefined;
      labels[m[1]] = unescapeLabel(m[2]);
      rest = rest.slice(m[0].length);
      if (!m[3] && !/^\s*\}/.test(rest)) return undefined;
    }
  }
  if (rest && !/^\s/.test(rest)) return undefined;
  // value, then an optional timestamp
  const fields = rest.trim().split(/\s+/);
  const value = parseValue(fields[0]);
  if (value === undefined || fields.length > 2) return undefined;
  return { name, labels, value };
}

export function parsePrometheus(text: string): Exposition {
  const lines = text.split('\n');
  const families = new Set(lines.flatMap((l) => /^#\s*TYPE\s+([a-zA-Z_:][a-zA-Z0-9_:]*)\s/.exec(l)?.[1] ?? []));
  return { samples: lines.flatMap((line) => parseLine(line) ?? []), families };
}

/** The value of an unlabelled sample (a gauge such as ccapp_journal_pending), if exported. */
export function sampleValue(e: Exposition, name: string): number | undefined {
  return e.samples.find((s) => s.name === name && !Object.keys(s.labels).length)?.value;
}

/** A counter family to report, split by one of its labels or summed whole. */
export interface CounterSpec {
  name: string;
  by?: string;
}

export interface CounterGrowth {
  name: string;
  by?: string;
  /** False when the app does not export the family (then rows is empty). */
  exported: boolean;
  /** One row per value of `by` (or one row, key '', for the whole family), largest first. */
  rows: { key: string; total: number; perCall: number }[];
}

/** Sums the family's samples by the value of `by` (every other label summed over). */
function totals(samples: readonly Sample[], spec: CounterSpec): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of samples) {
    if (s.name !== spec.name) continue;
    const key = spec.by === undefined ? '' : (s.labels[spec.by] ?? '');
    out.set(key, (out.get(key) ?? 0) + s.value);
  }
  return out;
}

/**
 * How much each counter grew between two readings, in all and per call. A series absent before
 * counts from 0 (prom-client exports a labelled series from its first increment on); a family
 * neither declared nor sampled after is "not exported". A counter that went down (the app restarted) is left as is:
 * the caller sees a negative growth rather than a made-up one.
 */
export function counterGrowth(before: Exposition, after: Exposition, calls: number, specs: readonly CounterSpec[]): CounterGrowth[] {
  return specs.map((spec) => {
    const end = totals(after.samples, spec);
    if (!end.size && !after.families.has(spec.name)) return { name: spec.name, by: spec.by, exported: false, rows: [] };
    if (!end.size && spec.by === undefined) end.set('', 0);
    const start = totals(before.samples, spec);
    const rows = [...end].map(([key, v]) => {
      const total = v - (start.get(key) ?? 0);
      return { key, total, perCall: calls > 0 ? total / calls : NaN };
    }).filter((r) => r.total !== 0 || spec.by === undefined)
      .sort((a, b) => b.total - a.total || a.key.localeCompare(b.key));
    return { name: spec.name, by: spec.by, exported: true, rows };
  });
}

/** The counters reported per call with the latency step. */
export const LATENCY_COUNTERS: readonly CounterSpec[] = [
  { name: 'ccapp_ari_requests_total', by: 'operation' },
  { name: 'ccapp_ari_events_total', by: 'type' },
  { name: 'ccapp_journal_transactions_total' },
  { name: 'ccapp_journal_statements_total' },
];

/** The app's own count of the calls it refused, with the overload step. */
export const OVERLOAD_COUNTERS: readonly CounterSpec[] = [{ name: 'ccapp_calls_refused_total', by: 'reason' }];
