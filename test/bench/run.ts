// `npm run bench`: the side-by-side benchmark of our app and the peer (Asterisk's own dialplan +
// app_queue + MixMonitor) on this machine, one target after the other in one run. Prints the
// report and writes it, with every SIPp trace, under test/bench/results/<date>/. A benchmark,
// not a test: every step is bounded in calls and time, and every SIPp started is ended.
//   npm run bench -- --only peer        (see --help)
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { REPO, inRoot } from '../support/appliance.js';
import { AgentPhones } from './agents.js';
import { CORES } from './cpu.js';
import { type BenchOptions, USAGE, parseOptions } from './options.js';
import { type PhaseContext, acdPhase, concurrencyPhase, idlePhase, latencyPhase, overloadPhase, ratePhase } from './phases.js';
import { peerTarget } from './peer.js';
import type { Target } from './target.js';
import { type OurAgents, oursTarget } from './ours.js';
import { type RunInfo, type TargetResult, renderReport } from './report.js';
import { killAllSipp, pinSipp } from './sipp.js';

const log = (line: string): void => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

function ourAgents(opts: BenchOptions): OurAgents {
  const { agentsFile, tenant, skills } = opts.ours;
  if (agentsFile) return { kind: 'file', path: agentsFile };
  if (tenant) return { kind: 'api', tenant, skills };
  throw new Error('ours needs its agents: --ours-tenant SLUG (made through the API), or --ours-agents FILE (or bench the peer alone: --only peer)');
}

function targets(opts: BenchOptions): Target[] {
  const list: Target[] = [];
  if (opts.only !== 'peer') {
    if (!opts.ours.did) throw new Error('ours needs --ours-did (the DID whose IVR leads to the bench queue), or bench the peer alone: --only peer');
    list.push(oursTarget({ did: opts.ours.did, keys: opts.ours.keys, agents: ourAgents(opts), journalWaitSeconds: opts.journalWaitSeconds }));
  }
  if (opts.only !== 'ours') list.push(peerTarget(opts.peer));
  return list;
}

async function benchTarget(target: Target, opts: BenchOptions, dir: string, alawFile: string | undefined): Promise<TargetResult> {
  const result: TargetResult = { name: target.name, description: target.description };
  const targetDir = join(dir, target.name);
  mkdirSync(targetDir, { recursive: true });
  try {
    log(`${target.name}: starting with ${opts.agents} agents`);
    const phones = new AgentPhones(target, targetDir, await target.start(opts.agents));
    let registered = -1;
    const ctx: PhaseContext = {
      target, dir: targetDir, phones, log, opts, alawFile,
      async register(n) {
        if (n === registered) return;
        await phones.registerFirst(n, `register-${n}`);
        registered = n;
      },
    };
    try {
      result.idle = await idlePhase(ctx);
      if (opts.phases.includes('acd')) result.acd = await acdPhase(ctx);
      if (opts.phases.includes('latency')) result.latency = await latencyPhase(ctx, result.idle);
      if (opts.phases.includes('rate')) result.rate = await ratePhase(ctx);
      if (opts.phases.includes('overload')) result.overload = await overloadPhase(ctx, result.rate);
      if (opts.phases.includes('concurrency')) result.concurrency = await concurrencyPhase(ctx);
    } finally {
      await phones.stop();
      await phones.registerFirst(0, 'unregister').catch((err: Error) => log(`${target.name}: unregistering the agents: ${err.message}`));
    }
  } catch (err) {
    result.error = (err as Error).message;
    log(`${target.name}: ${result.error}`);
  } finally {
    killAllSipp();
    await target.stop();
  }
  return result;
}

function describeMachine(): { machine: string; versions: string } {
  // sipp -v exits with 99 ("no calls processed"): read its output whatever the status.
  const version = spawnSync('sipp', ['-v'], { encoding: 'utf8' });
  if (version.error) throw new Error(`cannot run sipp (${version.error.message}); install Debian's sip-tester`);
  const sipp = /SIPp v[^\s,]+/.exec(version.stdout)?.[0] ?? 'SIPp';
  let asterisk = 'Asterisk';
  try {
    asterisk = execFileSync('chroot', [inRoot('/'), '/usr/sbin/asterisk', '-V'], { encoding: 'utf8' }).trim();
  } catch { /* reported as unknown */ }
  return {
    machine: `${CORES} cores (${cpus()[0]?.model ?? 'unknown CPU'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Linux ${readFileSync('/proc/sys/kernel/osrelease', 'utf8').trim()}`,
    versions: `${asterisk} (Debian, appliance root file system), ${sipp}, Node ${process.version} (harness)`,
  };
}

async function main(): Promise<number> {
  const opts = parseOptions(process.argv.slice(2));
  if (opts === 'help') { console.log(USAGE); return 0; }
  const list = targets(opts);
  if (opts.sippCpus.length) {
    try {
      execFileSync('taskset', ['--cpu-list', opts.sippCpus.join(','), 'true']);
    } catch (err) {
      throw new Error(`cannot pin SIPp with taskset to CPU ${opts.sippCpus.join(',')} (${(err as Error).message}); install util-linux, or --sipp-cpus none`);
    }
    pinSipp(opts.sippCpus);
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  const dir = resolve(REPO, opts.out, stamp);
  mkdirSync(dir, { recursive: true });
  let alawFile: string | undefined;
  if (opts.media) {
    alawFile = join(dir, 'talk.alaw');
    execFileSync('sox', [inRoot('/var/lib/ccapp/sounds/builtin/fr/please-hold.wav'), '-t', 'al', '-r', '8000', '-c', '1', alawFile]);
  }
  const stop = (): void => {
    killAllSipp();
    void Promise.all(list.map((t) => t.stop().catch(() => undefined))).then(() => process.exit(130));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  process.on('exit', killAllSipp);
  const info: RunInfo = {
    command: ['npm run bench --', ...process.argv.slice(2)].join(' '), date: new Date().toISOString(), ...describeMachine(), opts,
  };
  const results: TargetResult[] = [];
  for (const target of list) results.push(await benchTarget(target, opts, dir, alawFile));
  const report = renderReport(info, results);
  const file = `${dir}.md`;
  writeFileSync(file, `${report}\n`);
  console.log(`\n${report}\n\nReport: ${file}\nSIPp traces: ${dir}/`);
  return results.some((r) => r.error) ? 1 : 0;
}

main().then((code) => process.exit(code), (err: Error) => {
  console.error(`bench: ${err.message}`);
  killAllSipp();
  process.exit(2);
});
