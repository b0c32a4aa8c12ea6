// GET /health: the process answers. GET /ready: it can take calls, i.e. the ARI event socket is
// connected and MariaDB answers. 503 with the failing checks otherwise.
import type { Plugin } from '@hapi/hapi';

export interface ReadinessChecks {
  ari(): boolean;
  db(): Promise<boolean>;
}

export const healthPlugin: Plugin<{ checks: ReadinessChecks }> = {
  name: 'ccapp-health',
  register(server, { checks }) {
    server.route({
      method: 'GET',
      path: '/health',
      options: { auth: false },
      handler: () => ({ status: 'ok', node: process.version, uptimeSeconds: Math.round(process.uptime()) }),
    });
    server.route({
      method: 'GET',
      path: '/ready',
      options: { auth: false },
      handler: async (_req, h) => {
        const result = { ari: checks.ari(), db: await checks.db() };
        const ready = result.ari && result.db;
        return h.response({ ready, checks: result }).code(ready ? 200 : 503);
      },
    });
  },
};
