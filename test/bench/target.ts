// What the bench measures: a system under test that answers a DID with an IVR (one key), queues
// the call, rings agents' phones and records the call. Two implement it: the peer (Asterisk's
// own dialplan + app_queue + MixMonitor, peer.ts) and ours (the appliance's app, ours.ts).
import type { Proc } from './cpu.js';
import type { Exposition } from './prometheus.js';

export interface BenchAgent {
  username: string;
  password: string;
}

/** The end of a bounded wait for the server's deferred work (ours: the call journal's writes). */
export interface Settled {
  /** What was waited for, for the report. */
  what: string;
  /** True once done; false when the bound passed first; undefined when the target cannot tell. */
  done: boolean | undefined;
  waitedMs: number;
}

export interface Target {
  name: string;
  /** One line for the report: what runs, where. */
  description: string;
  sip: { host: string; port: number };
  did: string;
  /** The IVR keys that lead to the queue, in order. */
  keys: readonly string[];
  /** Gets ready for a run with `agentCount` agents and returns their SIP credentials. */
  start(agentCount: number): Promise<BenchAgent[]>;
  /** Undoes what start did (stops what it started). Idempotent. */
  stop(): Promise<void>;
  /** The server's processes, whose CPU time is the cost of the calls. */
  processes(): Proc[];
  /** Channels up on the server now (a step is over when this is back to 0). */
  activeChannels(): Promise<number>;
  /** Channels up now by technology: PJSIP, Local, Snoop, Announcer, Recorder... */
  channelsByTechnology(): Promise<Record<string, number>>;
  /** Once the calls are over, waits (bounded) until the work the server defers is done too, so
   * that the CPU read after it counts that work. */
  settle?(): Promise<Settled>;
  /** The app's metrics now, when the target has an app that exports any (and answers). */
  metrics?(): Promise<Exposition | undefined>;
  /** Recording files on the server so far, when the target can count them. */
  recordings(): Promise<number | undefined>;
  /** Deletes the recordings made by the bench, when they are the bench's alone to delete. */
  discardRecordings?(): void;
}
