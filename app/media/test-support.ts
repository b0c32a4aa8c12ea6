// For unit tests (the ACD shell, the calls, the click-to-call): a media core that records what a call asks Asterisk for (no
// Asterisk runs in unit tests) and writes a real WAV file where Asterisk would when a recording
// starts; the test plays Asterisk's side by feeding the service the events a real one sends.
// Timers run when the test says so.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BridgeInfo, ChannelInfo, DialOptions, HangupReason, MediaCore, MediaTarget, RecordingOutcome } from './types.js';

/** A WAV of `ms` milliseconds of silence, 8 kHz mono 16-bit, as Asterisk records. */
export function silentWav(ms: number): Buffer {
  const data = Buffer.alloc(Math.round(ms * 16));
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(8000, 24);
  header.writeUInt32LE(16000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

export class RecordingMedia implements MediaCore {
  connected = true;
  /** Every request, in order: `dial oa-…-1`, `createBridge call-…`, `hangup oc-…-1 no_answer`. */
  readonly ops: string[] = [];
  readonly dials: DialOptions[] = [];
  readonly variables = new Map<string, string>();
  /** Requests that fail as Asterisk can (an op name, or `dial <channel id>`). */
  readonly failing = new Set<string>();
  /** While set, dials wait for it: Asterisk still making the channel. */
  dialGate: Promise<void> | undefined;
  channels: ChannelInfo[] = [];
  bridges: BridgeInfo[] = [];

  constructor(private readonly recordingsDir: string) {}

  private op(line: string): Promise<void> {
    this.ops.push(line);
    const name = line.split(' ')[0] ?? '';
    if (this.failing.has(name) || this.failing.has(line)) return Promise.reject(new Error(`ARI ${name} failed with HTTP 500`));
    return Promise.resolve();
  }

  subscribe(): () => void {
    return () => undefined;
  }

  ping(): Promise<void> { return Promise.resolve(); }
  async watch(channelId: string): Promise<boolean> {
    await this.op(`watch ${channelId}`);
    return this.channels.some((c) => c.id === channelId);
  }

  answer(channelId: string): Promise<void> { return this.op(`answer ${channelId}`); }
  hangup(channelId: string, reason: HangupReason = 'normal'): Promise<void> { return this.op(`hangup ${channelId} ${reason}`); }
  async setVariable(channelId: string, name: string, value: string): Promise<void> {
    await this.op(`setVariable ${channelId} ${name}`);
    this.variables.set(`${channelId}/${name}`, value);
  }

  getVariable(channelId: string, name: string): Promise<string | undefined> {
    return Promise.resolve(this.variables.get(`${channelId}/${name}`));
  }

  getVariables(channelId: string, names: readonly string[]): Promise<(string | undefined)[]> {
    return Promise.resolve(names.map((n) => this.variables.get(`${channelId}/${n}`)));
  }

  async setVariables(channelId: string, values: Record<string, string>): Promise<void> {
    await this.op(`setVariables ${channelId} ${Object.keys(values).join(',')}`);
    for (const [n, v] of Object.entries(values)) this.variables.set(`${channelId}/${n}`, v);
  }

  createBridge(bridgeId: string, kind: 'mixing' | 'holding'): Promise<void> { return this.op(`createBridge ${bridgeId} ${kind}`); }
  addToBridge(bridgeId: string, channelIds: string[]): Promise<void> { return this.op(`addToBridge ${bridgeId} ${channelIds.join(',')}`); }
  destroyBridge(bridgeId: string): Promise<void> { return this.op(`destroyBridge ${bridgeId}`); }
  async play(target: MediaTarget): Promise<'done'> {
    await this.op(`play ${target.id}`);
    return 'done';
  }

  startMusicOnHold(target: MediaTarget): Promise<void> { return this.op(`startMusicOnHold ${target.id}`); }
  stopMusicOnHold(target: MediaTarget): Promise<void> { return this.op(`stopMusicOnHold ${target.id}`); }
  snoop(channelId: string, snoopId: string): Promise<void> { return this.op(`snoop ${channelId} ${snoopId}`); }
  async startRecording(target: MediaTarget, name: string): Promise<void> {
    await this.op(`startRecording ${target.id} ${name}`);
    const path = join(this.recordingsDir, `${name}.wav`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, silentWav(1500));
  }

  async stopRecording(name: string): Promise<RecordingOutcome> {
    await this.op(`stopRecording ${name}`);
    return { name, state: 'done', durationSeconds: 1.5 };
  }

  async dial(opts: DialOptions): Promise<void> {
    this.dials.push(opts);
    await this.op(`dial ${opts.channelId}`);
    await this.dialGate;
  }

  removeFromBridge(bridgeId: string, channelIds: string[]): Promise<void> { return this.op(`removeFromBridge ${bridgeId} ${channelIds.join(',')}`); }
  cancelRecording(name: string): Promise<void> { return this.op(`cancelRecording ${name}`); }
  listChannels(): Promise<ChannelInfo[]> { return Promise.resolve(this.channels); }
  listBridges(): Promise<BridgeInfo[]> { return Promise.resolve(this.bridges); }
}

/** Timers the test fires: `after` remembers them; `fire()` runs those still armed. */
export class ManualTimers {
  private readonly armed = new Map<number, { ms: number; fn: () => void }>();
  private next = 0;

  readonly after = (ms: number, fn: () => void): (() => void) => {
    const id = ++this.next;
    this.armed.set(id, { ms, fn });
    return () => this.armed.delete(id);
  };

  /** The delays of the timers still armed. */
  pending(): number[] {
    return [...this.armed.values()].map((t) => t.ms);
  }

  fire(): void {
    const due = [...this.armed.entries()];
    this.armed.clear();
    for (const [, t] of due) t.fn();
  }
}

/** A channel as Asterisk lists it. */
export const channelInfo = (id: string, state: string): ChannelInfo => ({
  id, name: `PJSIP/x-${id}`, state, callerNumber: '', callerName: '', dialed: '', createdAt: new Date(0).toISOString(),
});
