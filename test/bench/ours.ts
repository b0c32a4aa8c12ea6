// Ours: the running appliance (its Asterisk driven by our app over ARI), reached on its SIP port
// with a DID whose IVR flow leads, after the given keys, to a queue that the bench's agents
// serve. The agents come from a file, or are made for the run through the app's API and
// removed at the end. Nothing else is started or stopped: the appliance must be up.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { api, createToken } from '../support/api.js';
import { APP_URL, ROOTFS, inRoot } from '../support/appliance.js';
import { eventually } from '../support/eventually.js';
import { activeChannels, channelsByTechnology } from './asterisk-cli.js';
import { type Proc, processesInRoot } from './cpu.js';
import { type Exposition, parsePrometheus, sampleValue } from './prometheus.js';
import type { BenchAgent, Settled, Target } from './target.js';

export interface Skill { name: string; value: string; level: number }

export type OurAgents =
  | { kind: 'file'; path: string }
  /** Made through POST /api/tenants/{tenant}/agents with these skills (those of the bench queue). */
  | { kind: 'api'; tenant: string; skills: Skill[] };

export interface OursOptions {
  did: string;
  keys: readonly string[];
  agents: OurAgents;
  /** How long at most to wait after a step for the call journal to be written (ccapp_journal_pending 0). */
  journalWaitSeconds: number;
}

/** The app's /metrics on its loopback HTTP port, or undefined when it does not answer (restarting). */
async function readMetrics(): Promise<Exposition | undefined> {
  try {
    const res = await fetch(`${APP_URL}/metrics`, { signal: AbortSignal.timeout(5000) });
    return res.ok ? parsePrometheus(await res.text()) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Polls ccapp_journal_pending until the journal has written everything (0), for at most
 * `seconds`: the step's database writes then fall inside its CPU reading. Not exported: nothing
 * to wait for, and the report says so.
 */
async function journalDrained(seconds: number): Promise<Settled> {
  const started = performance.now();
  let exported: boolean | undefined;
  // Read every 500 ms: each reading costs the app a little CPU, counted in the step's.
  const done = await eventually(async () => {
    const metrics = await readMetrics();
    if (!metrics) return false;
    const pending = sampleValue(metrics, 'ccapp_journal_pending');
    exported = pending !== undefined;
    return pending === undefined || pending === 0;
  }, { attempts: Math.max(1, Math.round(seconds * 2)), intervalMs: 500 }).then(() => true, () => false);
  return { what: 'call journal written (ccapp_journal_pending 0)', done: exported === false ? undefined : done, waitedMs: performance.now() - started };
}

const BENCH_NAME = 'Bench agent';

/** The bench's agents in a tenant: created, logged in, and removed when the run ends. */
class ApiAgents {
  private token?: string;
  private created: string[] = [];
  constructor(private readonly tenant: string, private readonly skills: Skill[]) {}

  private async call(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    this.token ??= await createToken(this.tenant, 'tenant_admin', 'bench');
    return api(this.token, method, `/api/tenants/${this.tenant}/agents${path}`, body);
  }

  private async remove(id: string): Promise<void> {
    await this.call('POST', `/${id}/state`, { action: 'logout' });
    const res = await this.call('DELETE', `/${id}`);
    if (res.status !== 204 && res.status !== 404) throw new Error(`removing bench agent ${id}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
  }

  async create(count: number): Promise<BenchAgent[]> {
    // Those of an earlier run that did not end cleanly go first (their logins would clash).
    const list = await this.call('GET', '');
    if (list.status !== 200) throw new Error(`listing the agents of ${this.tenant}: HTTP ${list.status} ${JSON.stringify(list.body)}`);
    for (const a of list.body as { id: string; name: string }[]) if (a.name.startsWith(BENCH_NAME)) await this.remove(a.id);
    const agents: BenchAgent[] = [];
    for (let i = 1; i <= count; i++) {
      const login = `77${String(i).padStart(4, '0')}`;
      const res = await this.call('POST', '', { login, name: `${BENCH_NAME} ${login}`, skills: this.skills });
      if (res.status !== 201) throw new Error(`creating bench agent ${login} in ${this.tenant}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
      const body = res.body as { id: string; sipUsername: string; sipPassword: string };
      this.created.push(body.id);
      const state = await this.call('POST', `/${body.id}/state`, { action: 'login' });
      if (state.status !== 200) throw new Error(`logging bench agent ${login} in: HTTP ${state.status} ${JSON.stringify(state.body)}`);
      agents.push({ username: body.sipUsername, password: body.sipPassword });
    }
    return agents;
  }

  async removeAll(): Promise<void> {
    for (const id of this.created.splice(0)) await this.remove(id);
  }
}

function agentsFromFile(path: string, count: number): BenchAgent[] {
  const agents = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  const ok = Array.isArray(agents) && agents.every((a) => typeof (a as BenchAgent).username === 'string' && typeof (a as BenchAgent).password === 'string');
  if (!ok) throw new Error(`${path}: expected a JSON array of {"username", "password"}`);
  if (agents.length < count) throw new Error(`${path}: ${agents.length} agents, the run needs ${count}`);
  return (agents as BenchAgent[]).slice(0, count);
}

function countFiles(dir: string): number {
  if (!existsSync(dir)) return 0;
  let n = 0;
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    n += statSync(path).isDirectory() ? countFiles(path) : 1;
  }
  return n;
}

export function oursTarget(o: OursOptions): Target {
  const isAsterisk = (argv: string[]): boolean => (argv[0] ?? '').endsWith('/asterisk') && argv.includes('-f') && !argv.includes('-C');
  const isApp = (argv: string[]): boolean => (argv[0] ?? '').endsWith('node') && argv.some((a) => a.endsWith('/dist/app/main.js'));
  const isMariadb = (argv: string[]): boolean => (argv[0] ?? '').endsWith('mariadbd');
  const made = o.agents.kind === 'api' ? new ApiAgents(o.agents.tenant, o.agents.skills) : undefined;
  return {
    name: 'ours',
    description: 'the appliance: Asterisk driven by our app over ARI (IVR, ACD, recording), SIP 127.0.0.1:5060',
    sip: { host: '127.0.0.1', port: 5060 },
    did: o.did,
    keys: o.keys,
    async start(agentCount) {
      if (!processesInRoot(ROOTFS, isAsterisk).length || !processesInRoot(ROOTFS, isApp).length) {
        throw new Error('the appliance is not running: start it (appliance/bin/up), or bench the peer alone (--only peer)');
      }
      return made ? made.create(agentCount) : agentsFromFile((o.agents as { path: string }).path, agentCount);
    },
    async stop() {
      await made?.removeAll();
    },
    // MariaDB counts too: our app journals every call there, the peer writes nothing of the kind.
    processes(): Proc[] {
      return [
        ...processesInRoot(ROOTFS, isAsterisk).map((pid) => ({ name: 'asterisk', pid })),
        ...processesInRoot(ROOTFS, isApp).map((pid) => ({ name: 'app', pid })),
        ...processesInRoot(ROOTFS, isMariadb).map((pid) => ({ name: 'mariadb', pid })),
      ];
    },
    activeChannels() {
      return activeChannels(undefined, () => processesInRoot(ROOTFS, isAsterisk).length > 0, 'the appliance\'s Asterisk is not running');
    },
    channelsByTechnology() {
      return channelsByTechnology(undefined);
    },
    recordings() {
      return Promise.resolve(countFiles(inRoot('/var/spool/asterisk/recording')));
    },
    settle() {
      return journalDrained(o.journalWaitSeconds);
    },
    metrics: readMetrics,
  };
}
