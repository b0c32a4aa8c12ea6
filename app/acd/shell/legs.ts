// The channels the ACD places for a call: an agent's phone being rung (and, once answered,
// talking), the overflow dial to a number, the target of a transfer (blind, or consulted first),
// or the caller called back. Their ids are deterministic, derived from the call id, so that after
// a restart the bridge `call-<id>` tells which leg belongs to which call. A leg dialled through the
// trunk holds a lease on the tenant's outbound capacity (app/dialling/limiter.ts), released when the
// leg is closed, whichever way it ended.
import type { Lease } from '../../dialling/limiter.js';
import { type LegKind, legIdFor } from '../../call-contract/ids.js';

export type LegState = 'dialling' | 'ringing' | 'up' | 'stopping';

export interface Leg {
  channelId: string;
  callId: string;
  kind: LegKind;
  /** The agent rung (kind agent). */
  agentId: string | null;
  state: LegState;
  /** Set by the sweep when it found the leg stopping: still stopping at the next sweep, its hang-up did not take. */
  stuck?: boolean;
  /** The outbound capacity a leg through the trunk holds until it is closed. */
  lease?: Lease | undefined;
}

export class Legs {
  private readonly byChannel = new Map<string, Leg>();
  private counter = 0;

  open(callId: string, kind: Leg['kind'], agentId: string | null, lease?: Lease): Leg {
    const leg: Leg = { channelId: legIdFor(kind, callId, ++this.counter), callId, kind, agentId, state: 'dialling', lease };
    this.byChannel.set(leg.channelId, leg);
    return leg;
  }

  /** A leg found live in Asterisk after a restart (its id says which call it belongs to). */
  adopt(leg: Leg): void {
    this.byChannel.set(leg.channelId, leg);
  }

  get(channelId: string): Leg | undefined {
    return this.byChannel.get(channelId);
  }

  /** The live legs of a call (to one agent when agentId is given). */
  ofCall(callId: string, agentId?: string): Leg[] {
    return [...this.byChannel.values()].filter((l) => l.callId === callId && (agentId === undefined || l.agentId === agentId));
  }

  /** The leg is gone (or was never made): forgotten, its lease released. */
  close(channelId: string): Leg | undefined {
    const leg = this.byChannel.get(channelId);
    this.byChannel.delete(channelId);
    leg?.lease?.release();
    return leg;
  }

  ids(): string[] {
    return [...this.byChannel.keys()];
  }

  get size(): number {
    return this.byChannel.size;
  }
}
