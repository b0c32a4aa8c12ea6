// What the benchmark's peer is: a second Asterisk, from the appliance's root file system, that
// answers one DID with Asterisk's own dialplan (IVR prompt, one key), MixMonitor and app_queue,
// instead of our app. The bench runner (test/bench/) fills these in; render.ts turns them into
// the peer's configuration directory.

export interface PeerAgent {
  /** SIP user name, also the endpoint, aor and queue member name. */
  username: string;
  password: string;
}

export interface PeerSettings {
  /** Where the peer's .conf files live, inside the root file system. */
  etcDir: string;
  /** The peer's own state: run, spool (recordings), db, log, cache under it. */
  stateDir: string;
  sip: { bindAddress: string; port: number };
  /** RTP port range; must not overlap the appliance's. */
  rtp: { start: number; end: number };
  /** The carrier trunk's source address (the callers'). */
  trunkSource: string;
  did: string;
  /** The prompt played while waiting for the key: a sound path without its extension. */
  prompt: string;
  /** The key that leads to the queue (any other key, or none in time, hangs up). */
  key: string;
  /** Seconds to wait for the key once the prompt has played. */
  keyTimeoutSeconds: number;
  agents: readonly PeerAgent[];
  queue: {
    /** Seconds an agent's phone rings before the next agent is tried. */
    ringSeconds: number;
    /** Seconds app_queue waits before trying the members again (1 is its minimum). */
    retrySeconds: number;
    wrapupSeconds: number;
  };
}

/** The peer's own directories, each under stateDir. */
export function peerDirs(s: Pick<PeerSettings, 'stateDir'>): { run: string; spool: string; db: string; log: string; cache: string; recordings: string } {
  const d = s.stateDir.replace(/\/$/, '');
  return { run: `${d}/run`, spool: `${d}/spool`, db: `${d}/db`, log: `${d}/log`, cache: `${d}/cache`, recordings: `${d}/spool/recording` };
}
