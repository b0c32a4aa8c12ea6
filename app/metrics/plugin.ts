// GET /metrics: Prometheus text format. Bound to loopback with the rest of the API.
import type { Plugin } from '@hapi/hapi';
import type { Metrics } from './registry.js';

export const metricsPlugin: Plugin<{ metrics: Metrics }> = {
  name: 'ccapp-metrics',
  register(server, { metrics }) {
    server.route({
      method: 'GET',
      path: '/metrics',
      options: { auth: false },
      handler: async (_req, h) => h.response(await metrics.registry.metrics()).type(metrics.registry.contentType),
    });
  },
};
