// Why: the agent panel shows a caller's previous calls in the tenant (the last 10, newest first)
// on every call it pops: (tenant_id, caller_id, started_at) answers that from the index alone,
// whatever the size of the calls table.
import type { Migration } from '../migrate.js';

export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.addIndex('calls', ['tenant_id', 'caller_id', 'started_at'], { name: 'calls_tenant_caller' });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.removeIndex('calls', 'calls_tenant_caller');
};
