// Ours: the running appliance (its Asterisk driven by our app over ARI), reached on its SIP port
// with a DID whose IVR flow leads, after one key, to a queue whose agents are the bench's.
// Nothing is started or stopped here: the appliance must be up (appliance/bin/up).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { APP_URL, ROOTFS, inRoot } from '../support/appliance.js';
import { activeChannels } from './asterisk-cli.js';
import { type Proc, processesInRoot } from './cpu.js';
import type { BenchAgent, Target } from './target.js';

export interface OursOptions {
  did: string;
  key: string;
  /** The agents' SIP credentials: given, or made by the app for the run (see createOurAgents). */
  agents: (count: number) => Promise<BenchAgent[]>;
}

/**
 * HOOK (ACD API, being built): creates `count` agents through the app's API and returns the SIP
 * credentials it generated: POST /api/tenants/{tenant}/agents -> { id, sipUsername, sipPassword }.
 * The agents must be members of the queue that `did` leads to; the request body below is a
 * guess until that API lands: adjust it to the real one (and add the queue membership).
 */
export async function createOurAgents(tenant: string, token: string, count: number): Promise<BenchAgent[]> {
  const agents: BenchAgent[] = [];
  for (let i = 1; i <= count; i++) {
    const res = await fetch(`${APP_URL}/api/tenants/${encodeURIComponent(tenant)}/agents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: `bench-agent-${String(i).padStart(3, '0')}` }),
    });
    if (!res.ok) throw new Error(`creating bench agent ${i} in tenant ${tenant}: HTTP ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { sipUsername?: unknown; sipPassword?: unknown };
    if (typeof body.sipUsername !== 'string' || typeof body.sipPassword !== 'string') {
      throw new Error(`creating bench agent ${i}: the answer has no sipUsername/sipPassword`);
    }
    agents.push({ username: body.sipUsername, password: body.sipPassword });
  }
  return agents;
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
  return {
    name: 'ours',
    description: 'the appliance: Asterisk driven by our app over ARI (IVR, ACD, recording), SIP 127.0.0.1:5060',
    sip: { host: '127.0.0.1', port: 5060 },
    did: o.did,
    key: o.key,
    async start(agentCount) {
      if (!processesInRoot(ROOTFS, isAsterisk).length || !processesInRoot(ROOTFS, isApp).length) {
        throw new Error('the appliance is not running: start it (appliance/bin/up), or bench the peer alone (--only peer)');
      }
      return o.agents(agentCount);
    },
    async stop() { /* the appliance stays up */ },
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
    recordings() {
      return Promise.resolve(countFiles(inRoot('/var/spool/asterisk/recording')));
    },
  };
}
