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
    ariRequests: new Counter({ name: 'ccapp_ari_requests_total', help: 'ARI requests the app made, by operation and HTTP status (0: Asterisk unreachable)', labelNames: ['operation', 'status'] as const, registers: [registry] }),
    ariEvents: new Counter({ name: 'ccapp_ari_events_total', help: 'ARI events the app received, by type', labelNames: ['type'] as const, registers: [registry] }),
    ariPending: new Gauge({ name: 'ccapp_ari_pending_requests', help: 'ARI requests sent and not yet answered', registers: [registry] }),
    callsRefused: new Counter({ name: 'ccapp_calls_refused_total', help: 'New calls refused before answer because the app was over its capacity, by reason', labelNames: ['reason'] as const, registers: [registry] }),
    channelsSwept: new Counter({ name: 'ccapp_channels_swept_total', help: 'Channels in our Stasis application that nothing of ours owned, hung up by the sweep', labelNames: ['kind'] as const, registers: [registry] }),
    activeCalls: new Gauge({ name: 'ccapp_active_calls', help: 'Calls the app is handling now', registers: [registry] }),
    journalPending: new Gauge({ name: 'ccapp_journal_pending', help: 'Call records and events waiting to be written to MariaDB', registers: [registry] }),
    journalRejected: new Counter({ name: 'ccapp_journal_rejected_total', help: 'Call journal entries the database refused, set aside in the log', registers: [registry] }),
    journalTransactions: new Counter({ name: 'ccapp_journal_transactions_total', help: 'Database transactions the journal committed', registers: [registry] }),
    journalStatements: new Counter({ name: 'ccapp_journal_statements_total', help: 'SQL statements in the transactions the journal committed (START TRANSACTION and COMMIT included)', registers: [registry] }),
    journalWriteSeconds: new Histogram({ name: 'ccapp_journal_write_seconds', help: 'Time to write one batch of call records', buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5], registers: [registry] }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
