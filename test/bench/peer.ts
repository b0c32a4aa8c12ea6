// The peer: a second Asterisk from the appliance's root file system, configured by
// pbx-config/peer/ (IVR in the dialplan, app_queue recording the talk with MixMonitor), with its
// own configuration directory, state directories and ports, so that it runs beside the
// appliance's Asterisk (which it does not touch). Started and stopped by the bench run.
import { type ChildProcess, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, openSync, closeSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { type PeerSettings, PEER_MODULES, peerDirs, renderPeerConfig } from '../../pbx-config/peer/render.js';
import { MOH_DIR } from '../../pbx-config/render/musiconhold.js';
import { ROOTFS, inRoot } from '../support/appliance.js';
import { eventually } from '../support/eventually.js';
import { activeChannels, asteriskCli as cli, channelsByTechnology } from './asterisk-cli.js';
import { type Proc, processesInRoot } from './cpu.js';
import type { BenchAgent, Target } from './target.js';

const ETC = '/etc/asterisk-peer';
const CONF = `${ETC}/asterisk.conf`;
const STATE = '/var/lib/ccapp-peer';
/** Debian's sample files that the appliance's Asterisk reads too: the peer gets the same. */
const SHARED_SAMPLES = ['stasis.conf', 'indications.conf', 'features.conf', 'ccss.conf', 'acl.conf', 'udptl.conf', 'pjproject.conf'];
const PROMPTS = '/var/lib/ccapp/sounds/builtin/fr';

export interface PeerOptions {
  did: string;
  key: string;
  port: number;
}


function idOf(file: string, name: string): number {
  const line = readFileSync(inRoot(file), 'utf8').split('\n').find((l) => l.startsWith(`${name}:`));
  const id = Number(line?.split(':')[2]);
  if (!Number.isInteger(id)) throw new Error(`no ${name} in the root file system's ${file}`);
  return id;
}

/** The appliance's mounts that any process in its root file system needs. */
function checkRootMounted(): void {
  const mounts = readFileSync('/proc/mounts', 'utf8').split('\n').map((l) => l.split(' ')[1]);
  for (const dir of ['proc', 'dev']) {
    if (!mounts.includes(join(ROOTFS, dir))) {
      throw new Error(`${join(ROOTFS, dir)} is not mounted: the appliance is not up. Start it (appliance/bin/up) before the bench.`);
    }
  }
}

const asteriskCli = (command: string): Promise<{ code: number; stdout: string }> => cli(command, CONF);

export function peerTarget(o: PeerOptions): Target {
  let child: ChildProcess | undefined;
  const settings = (agents: BenchAgent[]): PeerSettings => ({
    etcDir: ETC, stateDir: STATE, sip: { bindAddress: '127.0.0.1', port: o.port }, rtp: { start: 20000, end: 23999 },
    trunkSource: '127.0.0.2', did: o.did, prompt: `${PROMPTS}/language-menu`, key: o.key, keyTimeoutSeconds: 5, agents,
    queue: { ringSeconds: 15, retrySeconds: 1, wrapupSeconds: 0 },
  });
  const dirs = peerDirs({ stateDir: STATE });
  const isDaemon = (argv: string[]): boolean => (argv[0] ?? '').endsWith('asterisk') && argv.includes(CONF) && !argv.some((a) => a.startsWith('-r'));

  const target: Target = {
    name: 'peer',
    description: `Asterisk (same root file system) with dialplan IVR + app_queue recording the talk (monitor-format, MixMonitor), SIP 127.0.0.1:${o.port}`,
    sip: { host: '127.0.0.1', port: o.port },
    did: o.did,
    keys: [o.key],

    async start(agentCount) {
      checkRootMounted();
      if (processesInRoot(ROOTFS, isDaemon).length) {
        console.log('peer: an Asterisk from an earlier bench run is still up; stopping it');
        await target.stop();
      }
      const agents = Array.from({ length: agentCount }, (_, i) => ({
        username: `agent${String(i + 1).padStart(3, '0')}`, password: randomBytes(12).toString('hex'),
      }));
      const uid = idOf('/etc/passwd', 'asterisk'), gid = idOf('/etc/group', 'asterisk');
      mkdirSync(inRoot(ETC), { recursive: true, mode: 0o750 });
      chownSync(inRoot(ETC), 0, gid);
      const files = renderPeerConfig(settings(agents));
      for (const sample of SHARED_SAMPLES) {
        if (existsSync(inRoot(`/etc/asterisk/${sample}`))) files[sample] = readFileSync(inRoot(`/etc/asterisk/${sample}`), 'utf8');
      }
      for (const [name, text] of Object.entries(files)) {
        writeFileSync(inRoot(`${ETC}/${name}`), text, { mode: 0o640 });
        chownSync(inRoot(`${ETC}/${name}`), 0, gid);
      }
      rmSync(inRoot(dirs.recordings), { recursive: true, force: true });
      for (const d of [STATE, dirs.run, dirs.spool, dirs.recordings, dirs.db, dirs.log, dirs.cache]) {
        mkdirSync(inRoot(d), { recursive: true });
        chownSync(inRoot(d), uid, gid);
      }
      // The same hold music as ours (the appliance's musiconhold.conf, rendered as is): without
      // its files the peer's callers would wait in silence, which costs less than music.
      if (!existsSync(inRoot(MOH_DIR)) || !readdirSync(inRoot(MOH_DIR)).length) {
        throw new Error(`no hold music in ${inRoot(MOH_DIR)}: the appliance's root file system lacks Debian's asterisk-moh-opsound-gsm`);
      }
      const out = openSync(inRoot(`${dirs.log}/console.log`), 'a');
      child = spawn('chroot', [ROOTFS, '/usr/bin/env', '-i', 'PATH=/usr/sbin:/usr/bin:/sbin:/bin', 'LANG=C.UTF-8', 'HOME=/var/lib/asterisk',
        '/usr/sbin/asterisk', '-f', '-n', '-U', 'asterisk', '-G', 'asterisk', '-C', CONF], { stdio: ['ignore', out, out], detached: true });
      closeSync(out);
      // Bounded wait for start-up (about a second on this machine).
      const started = child;
      await eventually(async () => started.exitCode === null && (await asteriskCli('core waitfullybooted')).code === 0, { attempts: 60, intervalMs: 500 })
        .catch(() => { throw new Error(`the peer Asterisk did not start; see ${inRoot(`${dirs.log}/console.log`)}`); });
      const loaded = (await asteriskCli('module show')).stdout;
      const missing = PEER_MODULES.filter((m) => !loaded.includes(`${m}.so`));
      if (missing.length) throw new Error(`the peer Asterisk did not load ${missing.join(', ')}; see ${inRoot(`${dirs.log}/console.log`)}`);
      return agents;
    },

    async stop() {
      const pids = processesInRoot(ROOTFS, isDaemon);
      if (!pids.length) return;
      await asteriskCli('core stop now');
      await eventually(() => Promise.resolve(processesInRoot(ROOTFS, isDaemon).length === 0), { attempts: 50, intervalMs: 200 }).catch(() => undefined);
      for (const pid of processesInRoot(ROOTFS, isDaemon)) {
        try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
      }
      child = undefined;
    },

    processes(): Proc[] {
      return processesInRoot(ROOTFS, isDaemon).map((pid) => ({ name: 'asterisk', pid }));
    },

    activeChannels() {
      return activeChannels(CONF, () => processesInRoot(ROOTFS, isDaemon).length > 0,
        'the peer Asterisk is gone (appliance/bin/stop ends every process in the root file system, the peer\'s too)');
    },

    channelsByTechnology() {
      return channelsByTechnology(CONF);
    },

    recordings() {
      const dir = inRoot(dirs.recordings);
      return Promise.resolve(existsSync(dir) ? readdirSync(dir).length : 0);
    },

    // Counted, then removed: a long run writes gigabytes of them.
    discardRecordings() {
      const dir = inRoot(dirs.recordings);
      if (existsSync(dir)) for (const f of readdirSync(dir)) rmSync(join(dir, f), { force: true });
    },
  };
  return target;
}
