// Prometheus metrics of the app, in one registry passed to whoever records them.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'ccapp_' });
  return {
    registry,
    ariConnected: new Gauge({ name: 'ccapp_ari_connected', help: '1 while the ARI event socket is connected', registers: [registry] }),
    ariReconnects: new Counter({ name: 'ccapp_ari_reconnects_total', help: 'ARI event socket (re)connections', registers: [registry] }),
    callsStarted: new Counter({ name: 'ccapp_calls_started_total', help: 'Calls that reached the app', labelNames: ['tenant', 'line'] as const, registers: [registry] }),
    callsFailed: new Counter({ name: 'ccapp_call_flow_failures_total', help: 'Call flows that failed and were sent to their safety net', labelNames: ['tenant'] as const, registers: [registry] }),
    activeCalls: new Gauge({ name: 'ccapp_active_calls', help: 'Calls the app is handling now', registers: [registry] }),
    journalPending: new Gauge({ name: 'ccapp_journal_pending', help: 'Call records and events waiting to be written to MariaDB', registers: [registry] }),
    journalRejected: new Counter({ name: 'ccapp_journal_rejected_total', help: 'Call journal entries the database refused, set aside in the log', registers: [registry] }),
    journalWriteSeconds: new Histogram({ name: 'ccapp_journal_write_seconds', help: 'Time to write one batch of call records', buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5], registers: [registry] }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
