// The bench's command line: which targets, and the size of each measurement. The defaults keep
// a run of both targets under about ten minutes on a 2-core machine; the flags make it bigger.
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';

export interface BenchOptions {
  only?: 'peer' | 'ours';
  phases: Phase[];
  agents: number;
  ringMs: number;
  keyDelayMs: number;
  media: boolean;
  cpuLimit: number;
  /** Ramps stop once the whole machine is this busy (the load generator would starve); 0: never. */
  machineLimit: number;
  /** Extra steps a ramp tries between its best level and the first that did not pass. */
  refine: number;
  /** Seconds of CPU reading with no call, before each target's steps (its idle baseline). */
  idleSeconds: number;
  /** Ours: how long at most to wait after a step for the call journal to be written. */
  journalWaitSeconds: number;
  /** SIPp runs on these CPUs only (taskset); empty: not pinned. */
  sippCpus: number[];
  acd: { agents: number; calls: number; cps: number; talkMs: number; giveUpMs: number };
  latency: { cps: number; calls: number; talkMs: number };
  rate: { steps: number[]; seconds: number; holdMs: number };
  /** A rate `factor` times the best of the rate phase (or `cps`), for `seconds`. */
  overload: { factor: number; seconds: number; cps?: number };
  concurrency: { levels: number[]; rampCps: number; plateauSeconds: number };
  peer: { did: string; key: string; port: number };
  ours: { did?: string; keys: string[]; tenant?: string; skills: { name: string; value: string; level: number }[]; agentsFile?: string };
  out: string;
}

export const PHASES = ['acd', 'latency', 'rate', 'overload', 'concurrency'] as const;
export type Phase = (typeof PHASES)[number];

const USAGE = `npm run bench -- [options]
  --only peer|ours          bench one target (default: both, ours then the peer)
  --phases LIST             among acd,latency,rate,overload,concurrency (default: all)
  --agents N                agents registered (default: the largest concurrency level)
  --ring-ms MS              agent phones ring this long before answering (200)
  --key-delay-ms MS         the caller presses the key this long after the answer (500)
  --no-media                no RTP from callers and agents (default: audio both ways)
  --cpu-limit PCT           the concurrency ramp stops above this server CPU share (75)
  --machine-limit PCT       ramps stop once the whole machine is this busy (default: never)
  --idle-seconds S          each target's idle baseline: CPU read this long with no call (5)
  --journal-wait-seconds S  ours: wait at most this long after a step for the journal's writes (30)
  --sipp-cpus LIST|none     run SIPp on these CPUs only, with taskset (default: the last CPU
                            when there are two or more)
  --refine N                steps tried between a ramp's best level and the first that failed (1)
  --acd-agents N --acd-calls N --acd-cps R --acd-talk-ms MS    (4, 80, 8, 1500)
  --latency-cps R --latency-calls N --talk-ms MS               (5, 100, 5000)
  --rates LIST --rate-seconds S --rate-hold-ms MS              (5,10,20,30,40,50,60,80; 8; 2000)
  --overload-factor F --overload-seconds S                     (2, at least 2; 10): after the rate
                            steps, F x the best zero-failure rate for S seconds
  --overload-cps R          the overload step's rate instead (needed when the rate phase does
                            not run)
  --levels LIST --ramp-cps R --plateau-seconds S               (25,50,100,150,200,250,300; 20; 5)
  --peer-did DID --peer-key K --peer-port P                    (33999000001, 2, 5070)
  --ours-did DID --ours-keys LIST                              the DID whose IVR leads to the bench queue
                                                               after these keys (2)
  --ours-tenant SLUG --ours-skills JSON                        make the agents through the app's API,
                            with the bench queue's skills: [{"name","value","level"}]
  --ours-agents FILE        or use these agents: JSON [{"username","password"}]
  --out DIR                 where runs are written (test/bench/results)`;

function skills(json: string | undefined): BenchOptions['ours']['skills'] {
  if (json === undefined) return [];
  let v: unknown;
  try { v = JSON.parse(json); } catch { v = undefined; }
  const ok = Array.isArray(v) && v.every((s) => typeof s === 'object' && s !== null
    && typeof (s as { name?: unknown }).name === 'string' && typeof (s as { value?: unknown }).value === 'string' && Number.isInteger((s as { level?: unknown }).level));
  if (!ok) throw new Error(`--ours-skills: expected JSON [{"name": "line", "value": "...", "level": 5}], got ${json}`);
  return v as BenchOptions['ours']['skills'];
}

const list = (flag: string, v: string): number[] => v.split(',').map((x) => positive(flag, x));

function positive(flag: string, v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${flag}: ${JSON.stringify(v)} is not a positive number\n\n${USAGE}`);
  return n;
}

/** `none`, or CPU numbers among the machine's `cores`. */
function cpuList(v: string | undefined, cores: number): number[] {
  if (v === undefined) return cores >= 2 ? [cores - 1] : [];
  if (v === 'none') return [];
  const list = v.split(',').map((x) => (/^[0-9]+$/.test(x) ? Number(x) : NaN));
  if (list.some((n) => !(n < cores))) throw new Error(`--sipp-cpus: ${JSON.stringify(v)} is not "none" or a list of CPUs among 0..${cores - 1}`);
  if (list.length >= cores) throw new Error(`--sipp-cpus: ${JSON.stringify(v)} leaves no CPU to the server alone; give fewer, or "none"`);
  return list;
}

export function parseOptions(argv: readonly string[], cores = cpus().length): BenchOptions | 'help' {
  const numbers = ['agents', 'ring-ms', 'key-delay-ms', 'cpu-limit', 'machine-limit', 'refine', 'acd-agents', 'acd-calls', 'acd-cps', 'acd-talk-ms', 'latency-cps',
    'latency-calls', 'talk-ms', 'rate-seconds', 'rate-hold-ms', 'overload-factor', 'overload-seconds', 'overload-cps', 'ramp-cps', 'plateau-seconds', 'peer-port',
    'idle-seconds', 'journal-wait-seconds'] as const;
  const strings = ['only', 'phases', 'rates', 'levels', 'peer-did', 'peer-key', 'ours-did', 'ours-keys', 'ours-tenant', 'ours-skills', 'ours-agents', 'out', 'sipp-cpus'] as const;
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv], strict: true, allowPositionals: false,
      options: {
        help: { type: 'boolean' }, 'no-media': { type: 'boolean' },
        ...Object.fromEntries([...numbers, ...strings].map((k) => [k, { type: 'string' as const }])),
      },
    });
  } catch (err) {
    throw new Error(`${(err as Error).message}\n\n${USAGE}`);
  }
  const v = parsed.values as Record<string, string | boolean | undefined>;
  if (v.help) return 'help';
  const num = (k: (typeof numbers)[number], d: number): number => (typeof v[k] === 'string' ? positive(k, v[k]) : d);
  const str = (k: (typeof strings)[number]): string | undefined => (typeof v[k] === 'string' ? v[k] : undefined);
  const only = str('only');
  if (only !== undefined && only !== 'peer' && only !== 'ours') throw new Error(`--only: peer or ours, not ${JSON.stringify(only)}\n\n${USAGE}`);
  const phases = (str('phases') ?? PHASES.join(',')).split(',');
  const unknown = phases.filter((p) => !(PHASES as readonly string[]).includes(p));
  if (unknown.length) throw new Error(`--phases: unknown ${unknown.join(', ')} (phases: ${PHASES.join(', ')})`);
  const levels = list('levels', str('levels') ?? '25,50,100,150,200,250,300').map(Math.round);
  const opts: BenchOptions = {
    only,
    phases: phases as Phase[],
    agents: Math.round(num('agents', Math.max(...levels))),
    ringMs: num('ring-ms', 200),
    keyDelayMs: num('key-delay-ms', 500),
    media: !v['no-media'],
    cpuLimit: num('cpu-limit', 75),
    machineLimit: typeof v['machine-limit'] === 'string' ? positive('machine-limit', v['machine-limit']) : 0,
    refine: v.refine === '0' ? 0 : Math.round(num('refine', 1)),
    idleSeconds: num('idle-seconds', 5),
    journalWaitSeconds: num('journal-wait-seconds', 30),
    sippCpus: cpuList(str('sipp-cpus'), cores),
    acd: { agents: Math.round(num('acd-agents', 4)), calls: Math.round(num('acd-calls', 80)), cps: num('acd-cps', 8), talkMs: num('acd-talk-ms', 1500), giveUpMs: 180_000 },
    latency: { cps: num('latency-cps', 5), calls: Math.round(num('latency-calls', 100)), talkMs: num('talk-ms', 5000) },
    rate: { steps: list('rates', str('rates') ?? '5,10,20,30,40,50,60,80'), seconds: num('rate-seconds', 8), holdMs: num('rate-hold-ms', 2000) },
    overload: { factor: num('overload-factor', 2), seconds: num('overload-seconds', 10), cps: typeof v['overload-cps'] === 'string' ? positive('overload-cps', v['overload-cps']) : undefined },
    concurrency: { levels, rampCps: num('ramp-cps', 20), plateauSeconds: num('plateau-seconds', 5) },
    peer: { did: str('peer-did') ?? '33999000001', key: str('peer-key') ?? '2', port: Math.round(num('peer-port', 5070)) },
    ours: { did: str('ours-did'), keys: (str('ours-keys') ?? '2').split(','), tenant: str('ours-tenant'), skills: skills(str('ours-skills')), agentsFile: str('ours-agents') },
    out: str('out') ?? 'test/bench/results',
  };
  for (const key of [opts.peer.key, ...opts.ours.keys]) {
    if (!/^[0-9*#]$/.test(key)) throw new Error(`--peer-key/--ours-keys: ${JSON.stringify(key)} is not a DTMF key (0-9, * or #)`);
  }
  if (opts.acd.agents > opts.agents) throw new Error(`--acd-agents ${opts.acd.agents} is more than --agents ${opts.agents}`);
  if (opts.overload.factor < 2) throw new Error(`--overload-factor ${opts.overload.factor}: the overload step is at least twice the best rate`);
  return opts;
}

export { USAGE };
