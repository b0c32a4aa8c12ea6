// The agent panel's state: one signal fed by the live socket's snapshots (the whole panel each
// time). The first GET only fills the screen until the first snapshot arrives. Nothing here
// guesses what an action will change: after an action, the next snapshot is the truth.
import { signal } from '@preact/signals';
import { getPanel } from '../api/agent';
import { ApiError } from '../api/client';
import type { Panel } from '../api/types';
import { serverOffset, timezone } from '../format/clock';
import { LiveClient, socketUrl, type LiveStatus } from '../live/live-client';
import { sessionLost } from '../session/session';

export const panel = signal<Panel | null>(null);
export const liveStatus = signal<LiveStatus>('connecting');
/** The server refused the subscription (an error id), or the first load failed. */
export const liveError = signal<string | null>(null);

function show(p: Panel): void {
  timezone.value = p.timezone;
  serverOffset.value = p.utcOffsetMinutes;
  panel.value = p;
}

/** Starts following one agent's panel; returns the function that stops it. */
export function followPanel(tenant: string, agentId: string): () => void {
  let snapshot = false;
  panel.value = null;
  liveError.value = null;
  const client = new LiveClient<Panel>({
    url: socketUrl('/api/live'),
    dataType: 'panel',
    subscribe: { topic: 'agent-panel', tenant, agentId },
    onData: (p) => { snapshot = true; liveError.value = null; show(p); },
    onStatus: (s) => { liveStatus.value = s; },
    onRefused: (id) => { liveError.value = id; },
    onSessionOver: () => sessionLost('auth.session_ended'),
    open: (url) => new WebSocket(url),
  });
  client.start();
  getPanel(tenant, agentId).then(
    (p) => { if (!snapshot) show(p); },
    (e: unknown) => { if (!snapshot && !(e instanceof ApiError && e.status === 401)) liveError.value = e instanceof ApiError ? e.id : 'internal'; },
  );
  return () => { client.stop(); panel.value = null; };
}
