// The auth plugin's options for tests that serve a few routes through hapi's inject on a scratch
// database: every tenant counts as configured, cookies work over plain HTTP, the audit log is
// written (tests can read it) and owners resolve agents through the real directory.
import { pino } from 'pino';
import type { Models } from '../../db/models/index.js';
import { AgentDirectory } from '../agents/directory.js';
import type { OwnershipResolvers } from './access.js';
import { AuditLog } from './audit.js';
import type { AuthOptions } from './plugin.js';
import { SessionStore } from './sessions.js';
import { tenantLookup } from './tenant-access.js';

export function authOptionsForTests(models: Models, owners: OwnershipResolvers = {}): AuthOptions {
  const directory = new AgentDirectory(models);
  return {
    models,
    sessions: new SessionStore(models, { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 }, () => true),
    audit: new AuditLog(models, pino({ level: 'silent' })),
    lookup: tenantLookup(models),
    configuredTenants: { has: () => true },
    owners: {
      async agent(tenant, id) {
        const row = /^[0-9a-f-]{36}$/.test(id) ? await directory.find(tenant, id).catch(() => undefined) : undefined;
        return row ? { agents: [row.id] } : undefined;
      },
      ...owners,
    },
    secureCookies: false,
  };
}
