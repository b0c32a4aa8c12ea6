// The KPI capability's API: reports read from the stored per-call summaries (or, on request,
// from the raw call events). Summaries are written by the call journal when calls end (see
// summariser.ts and fact-store.ts); this plugin only reads.
import type { Plugin } from '@hapi/hapi';
import type { Sequelize } from 'sequelize';
import type { Models } from '../../db/models/index.js';
import { kpiRoutes } from './routes.js';

export interface KpiPluginOptions {
  sequelize: Sequelize;
  models: Pick<Models, 'Tenant'>;
}

export const kpiPlugin: Plugin<KpiPluginOptions> = {
  name: 'ccapp-kpi',
  dependencies: ['ccapp-auth', 'ccapp-errors'],
  register(server, { sequelize, models }) {
    server.route(kpiRoutes({ sequelize, models }));
  },
};
