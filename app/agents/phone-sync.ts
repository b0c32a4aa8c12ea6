// Keeps Asterisk's pushed phones equal to the agents in the database, one sync at a time: a
// sync pushes only the phones that are new or changed since the last one (and removes those of
// agents gone), so creating 300 agents in a row pushes 300 phones, not 300 x 300. Syncs asked
// for while one runs are folded into a single next run. After each (re)connection to Asterisk,
// which keeps pushed objects only in memory, everything is pushed again (`forget`).
import type { Logger } from '../log/logger.js';
import type { AgentRecord } from './directory.js';
import type { PhoneProvisioner } from './phones.js';

export interface PhoneSyncDeps {
  phones: Pick<PhoneProvisioner, 'upsert' | 'remove' | 'followRegistration' | 'registered'>;
  /** The agents whose phones must exist now. */
  agents: () => Iterable<AgentRecord>;
  /** The phone's registration, as read after its push. */
  registered: (agentId: string, registered: boolean) => void;
  log: Logger;
}

export class PhoneSync {
  /** What Asterisk holds: SIP user name → digest pushed. */
  private readonly pushed = new Map<string, string>();
  private running: Promise<void> | null = null;
  private next: Promise<void> | null = null;

  constructor(private readonly deps: PhoneSyncDeps) {}

  /** Asterisk was (re)started or reconnected: it holds no phone until the next sync. */
  forget(): void {
    this.pushed.clear();
  }

  /** Resolves once a sync that started after this call has finished (rejects if it failed). */
  sync(): Promise<void> {
    if (!this.running) return this.start();
    this.next ??= this.running.catch(() => undefined).then(() => {
      this.next = null;
      return this.start();
    });
    return this.next;
  }

  private start(): Promise<void> {
    const run = this.once().finally(() => { if (this.running === run) this.running = null; });
    this.running = run;
    return run;
  }

  private async once(): Promise<void> {
    const { phones } = this.deps;
    const wanted = new Map<string, AgentRecord>();
    for (const a of this.deps.agents()) wanted.set(a.sipUsername, a);
    for (const user of [...this.pushed.keys()]) {
      if (wanted.has(user)) continue;
      await phones.remove(user);
      this.pushed.delete(user);
    }
    for (const [user, agent] of wanted) {
      if (this.pushed.get(user) === agent.sipHa1) continue;
      await phones.upsert(agent);
      await phones.followRegistration(user);
      this.pushed.set(user, agent.sipHa1);
      this.deps.registered(agent.id, await phones.registered(user));
    }
  }
}
