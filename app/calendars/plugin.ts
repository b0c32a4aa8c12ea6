// The calendars capability: overrides stored in MariaDB and mirrored in memory (loaded when the
// server starts, retried while MariaDB does not answer), and the API above them. The decisions
// object is created by the composer and shared with the IVR.
import type { Plugin } from '@hapi/hapi';
import type { Models } from '../../db/models/index.js';
import type { Tenant } from '../../pbx-config/schema/tenant.js';
import type { Logger } from '../log/logger.js';
import { MirrorLoader } from '../server/mirror-loader.js';
import type { CalendarDecisions } from './decisions.js';
import { calendarRoutes } from './routes.js';
import { CalendarService } from './service.js';

export interface CalendarsOptions {
  models: Pick<Models, 'CalendarOverride' | 'Tenant'>;
  tenants: readonly Tenant[];
  decisions: CalendarDecisions;
  log: Logger;
}

export const calendarsPlugin: Plugin<CalendarsOptions> = {
  name: 'ccapp-calendars',
  dependencies: ['ccapp-auth', 'ccapp-errors'],
  register(server, { models, tenants, decisions, log }) {
    const service = new CalendarService(models, decisions, tenants);
    server.route(calendarRoutes({ service, decisions }));
    const loader = new MirrorLoader('calendar overrides', () => service.loadActive(), decisions, log);
    server.ext('onPreStart', async () => { await loader.start(); });
    server.events.on('stop', () => loader.stop());
  },
};
