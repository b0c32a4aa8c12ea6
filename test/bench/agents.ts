// The agents' phones: SIPp processes, one per group of agents, each on its own loopback address
// (127.0.1.<group+1>, port 5090). Each group registers its agents from that very address and
// port (digest auth), then one SIPp UAS answers every call for any of them.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Sipp, readSippStats, startSipp, stopSipp } from './sipp.js';
import { type AgentParams, writeAgentScenario, writeRegisterScenario } from './scenarios.js';
import { type AgentCall, agentCalls, parseShortMessages } from './shortmsg.js';
import type { BenchAgent, Target } from './target.js';

const PER_GROUP = 50;
const PHONE_PORT = 5090;

interface Group { index: number; ip: string; agents: BenchAgent[] }

export interface PhonesResult {
  calls: AgentCall[];
  failed: number;
  failures: Record<string, number>;
}

/** SIPp injects a whole [authentication] keyword from the CSV: a password must not break it. */
function checkCredentials(a: BenchAgent): void {
  if (!/^[A-Za-z0-9_.+-]+$/.test(a.username)) throw new Error(`agent user name ${JSON.stringify(a.username)}: only letters, digits, _ . + - are supported`);
  if (!/^[\x21-\x7e]+$/.test(a.password) || /[;[\]]/.test(a.password)) throw new Error(`agent ${a.username}: its password must be printable ASCII without spaces, ; [ or ]`);
}

export class AgentPhones {
  private readonly groups: Group[];
  private phones: { group: Group; sipp: Sipp; shortmsg: string; stats: string }[] = [];

  constructor(private readonly target: Target, private readonly dir: string, agents: readonly BenchAgent[]) {
    agents.forEach(checkCredentials);
    this.groups = [];
    for (let i = 0; i < agents.length; i += PER_GROUP) {
      const index = this.groups.length;
      if (index > 250) throw new Error('too many agents for the 127.0.1.x addresses');
      this.groups.push({ index, ip: `127.0.1.${index + 1}`, agents: agents.slice(i, i + PER_GROUP) });
    }
  }

  get all(): BenchAgent[] {
    return this.groups.flatMap((g) => g.agents);
  }

  /** Registers the first `count` agents and unregisters the others (expires 0). */
  async registerFirst(count: number, tag: string): Promise<void> {
    if (this.phones.length) throw new Error('stop the phones before registering: they hold the ports registrations come from');
    const scenario = writeRegisterScenario(this.dir);
    const { host, port } = this.target.sip;
    let n = 0;
    await Promise.all(this.groups.map(async (g) => {
      const rows = g.agents.map((a) => `${a.username};[authentication username=${a.username} password=${a.password}];${n++ < count ? 3600 : 0}`);
      const base = join(this.dir, `${tag}-register-${g.index}`);
      writeFileSync(`${base}.csv`, `SEQUENTIAL\n${rows.join('\n')}\n`);
      const sipp = startSipp(`register ${g.ip}`, [
        `${host}:${port}`, '-sf', scenario, '-inf', `${base}.csv`, '-i', g.ip, '-p', String(PHONE_PORT),
        '-m', String(rows.length), '-r', '50', '-trace_stat', '-stf', `${base}.stat.csv`, '-trace_err', '-error_file', `${base}.errors.log`,
        // A guard against a hung run, not a measurement: registration takes well under a second.
        '-timeout', '30s', '-timeout_error',
      ], `${base}.out`);
      await sipp.exited;
      const counts = readSippStats(`${base}.stat.csv`);
      if (counts.successful !== rows.length) {
        throw new Error(`registering the agents of ${g.ip} with ${this.target.name}: ${counts.successful} of ${rows.length} succeeded `
          + `(${JSON.stringify(counts.failures)}); see ${base}.errors.log`);
      }
    }));
  }

  /** Starts every group's phone with the scenario of `params`; each quits by itself after `guardSeconds`. */
  start(params: AgentParams, tag: string, guardSeconds: number): void {
    const scenario = writeAgentScenario(this.dir, `${tag}-agent.xml`, params);
    this.phones = this.groups.map((group) => {
      const base = join(this.dir, `${tag}-agents-${group.index}`);
      const sipp = startSipp(`agents ${group.ip}`, [
        '-sf', scenario, '-i', group.ip, '-p', String(PHONE_PORT), '-mi', group.ip, '-mp', String(30000 + 10 * group.index),
        '-trace_shortmsg', '-shortmessage_file', `${base}.shortmsg.log`, '-trace_stat', '-stf', `${base}.stat.csv`, '-fd', '1',
        '-trace_err', '-error_file', `${base}.errors.log`,
        // A guard in case the bench itself dies: stopped by the bench long before.
        '-timeout', `${Math.ceil(guardSeconds)}s`,
      ], `${base}.out`);
      return { group, sipp, shortmsg: `${base}.shortmsg.log`, stats: `${base}.stat.csv` };
    });
  }

  /** Whether every phone listens (asked of `bound`, given an address and port). */
  ready(bound: (ip: string, port: number) => boolean): boolean {
    return this.phones.every((p) => bound(p.group.ip, PHONE_PORT));
  }

  /** Stops the phones (their calls are over by then) and reads what they saw. */
  async stop(): Promise<PhonesResult> {
    const result: PhonesResult = { calls: [], failed: 0, failures: {} };
    for (const p of this.phones) {
      await stopSipp(p.sipp);
      if (existsSync(p.shortmsg)) result.calls.push(...agentCalls(parseShortMessages(readFileSync(p.shortmsg, 'utf8'))));
      const counts = readSippStats(p.stats);
      result.failed += counts.failed;
      for (const [k, v] of Object.entries(counts.failures)) result.failures[k] = (result.failures[k] ?? 0) + v;
    }
    this.phones = [];
    return result;
  }
}
