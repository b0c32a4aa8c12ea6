// Asterisk 22's configuration, rendered from the validated site and tenants: file name -> content.
// Pure: no file system, no clock, the same input gives the same bytes. write.ts puts the files in
// place; a value that could inject config or dialplan makes rendering throw, naming the field.
import type { Site } from '../schema/site.js';
import type { Tenant } from '../schema/tenant.js';
import { renderAri } from './ari.js';
import { checkRecordingsPath, renderAsteriskConf } from './asterisk.js';
import { renderExtensions } from './extensions.js';
import { renderHttp } from './http.js';
import { renderLogger } from './logger.js';
import { renderManager } from './manager.js';
import { renderModules } from './modules.js';
import { renderMusicOnHold } from './musiconhold.js';
import { renderPjsip } from './pjsip.js';
import { renderCdr, renderCel } from './records.js';
import { renderRtp } from './rtp.js';
import { renderSorcery } from './sorcery.js';

export interface RenderInput {
  site: Site;
  tenants: Tenant[];
  /** ARI user's password: a secret from secrets.json, never in site.json. */
  ariPassword: string;
  /** Directories as Asterisk sees them: the app's prompts, and where recordings are written. */
  paths: { sounds: string; recordings: string };
}

export function renderAsteriskConfig(input: RenderInput): Record<string, string> {
  const { site, tenants, ariPassword, paths } = input;
  checkRecordingsPath(paths.recordings);
  return {
    'asterisk.conf': renderAsteriskConf(),
    'modules.conf': renderModules(),
    'logger.conf': renderLogger(),
    'cdr.conf': renderCdr(),
    'cel.conf': renderCel(),
    'manager.conf': renderManager(),
    'http.conf': renderHttp(site),
    'ari.conf': renderAri(site, ariPassword),
    'rtp.conf': renderRtp(site),
    'pjsip.conf': renderPjsip(site),
    'sorcery.conf': renderSorcery(),
    'extensions.conf': renderExtensions(site, tenants, paths),
    'musiconhold.conf': renderMusicOnHold(),
  };
}

export { MODULES, MODULE_GROUPS } from './modules.js';
export { CHANNEL_VARIABLES } from './extensions.js';
export { TRUNK_CONTEXT } from './pjsip.js';
export { RECORDING_DIR, DEBIAN_DIRS } from './asterisk.js';
export { UnsafeConfigValueError } from './safe.js';
