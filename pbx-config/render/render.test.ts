import test from 'ava';
import { ARI_PASSWORD, demoSite, demoTenants, PATHS } from '../testing/fixtures.js';
import { parseIni, section, sectionsNamed, value, values } from '../testing/parse-ini.js';
import { renderAsteriskConfig } from './index.js';

async function renderDemo(): Promise<Record<string, string>> {
  return renderAsteriskConfig({ site: await demoSite(), tenants: await demoTenants(), ariPassword: ARI_PASSWORD, paths: PATHS });
}

function file(files: Record<string, string>, name: string) {
  const text = files[name];
  if (text === undefined) throw new Error(`${name} was not rendered`);
  return parseIni(text);
}

test('given the demo config, when rendered, then every Asterisk file we own is produced', async (t) => {
  const files = await renderDemo();
  t.deepEqual(Object.keys(files).sort(), [
    'ari.conf', 'asterisk.conf', 'cdr.conf', 'cel.conf', 'extensions.conf', 'http.conf', 'logger.conf',
    'manager.conf', 'modules.conf', 'musiconhold.conf', 'pjsip.conf', 'rtp.conf', 'sorcery.conf',
  ]);
});

test('given the demo config, when sorcery.conf is rendered, then PJSIP objects come from pjsip.conf and from ARI pushes into memory', async (t) => {
  const pjsip = section(file(await renderDemo(), 'sorcery.conf'), 'res_pjsip');
  for (const o of ['endpoint', 'auth', 'aor']) t.deepEqual(values(pjsip, o), [`config,pjsip.conf,criteria=type=${o}`, 'memory'], o);
});

test('given the demo config, when extensions.conf is rendered, then agents\' phones reach only the feature codes, in the app', async (t) => {
  const agents = section(file(await renderDemo(), 'extensions.conf'), 'from-agents');
  t.deepEqual(values(agents, 'exten'), ['_*XX,1,Stasis(ccapp,feature,${EXTEN})', '_X.,1,Hangup(1)', 'i,1,Hangup(1)']);
});

test('given the demo config, when rendered twice, then the bytes are the same', async (t) => {
  t.deepEqual(await renderDemo(), await renderDemo());
});

test('given the demo config, when modules.conf is rendered, then only the listed modules load, ARI among them', async (t) => {
  const modules = section(file(await renderDemo(), 'modules.conf'), 'modules');
  const loads = values(modules, 'load');
  t.is(value(modules, 'autoload'), 'no');
  for (const m of ['res_ari.so', 'res_ari_channels.so', 'app_stasis.so', 'chan_pjsip.so', 'res_pjsip_authenticator_digest.so', 'res_pjsip_dtmf_info.so']) {
    t.true(loads.includes(m), m);
  }
  for (const m of ['chan_sip.so', 'app_queue.so', 'app_dial.so', 'res_pjsip_endpoint_identifier_anonymous.so', 'res_pjsip_outbound_registration.so', 'res_sorcery_realtime.so']) {
    t.false(loads.includes(m), m);
  }
  t.is(new Set(loads).size, loads.length, 'no module listed twice');
});

test('given the demo site, when pjsip.conf is rendered, then the trunk is identified by its address only', async (t) => {
  const pjsip = file(await renderDemo(), 'pjsip.conf');
  t.is(value(section(pjsip, 'global', 'global'), 'endpoint_identifier_order'), 'ip,username');
  t.is(value(section(pjsip, 'transport-udp', 'transport'), 'bind'), '127.0.0.1:5060');
  const endpoint = section(pjsip, 'carrier-demo', 'endpoint');
  t.is(value(endpoint, 'context'), 'from-trunk');
  t.is(value(endpoint, 'identify_by'), 'ip');
  t.deepEqual(values(endpoint, 'disallow').concat(values(endpoint, 'allow')), ['all', 'alaw,ulaw']);
  t.is(value(endpoint, 'direct_media'), 'no');
  t.is(value(section(pjsip, 'carrier-demo', 'aor'), 'contact'), 'sip:127.0.0.2:5060');
  const identify = section(pjsip, 'carrier-demo-identify', 'identify');
  t.is(value(identify, 'endpoint'), 'carrier-demo');
  t.deepEqual(values(identify, 'match'), ['127.0.0.2']);
  t.is(pjsip.filter((s) => value(s, 'type') === 'endpoint').length, 1, 'no endpoint besides the trunk (no anonymous)');
  t.is(sectionsNamed(pjsip, 'anonymous').length, 0);
});

test('given the demo tenants, when extensions.conf is rendered, then each DID in both forms reaches Stasis with its tenant and line', async (t) => {
  const dialplan = file(await renderDemo(), 'extensions.conf');
  t.deepEqual(dialplan.map((s) => s.name), ['general', 'globals', 'from-trunk', 'from-agents']);
  const trunk = section(dialplan, 'from-trunk');
  const extens = values(trunk, 'exten');
  for (const [did, tenant, line] of [['33170000001', 'habitat', 'technique'], ['212520000002', 'energie', 'commercial']] as const) {
    t.true(extens.includes(`${did},1,Set(CCAPP_TENANT=${tenant})`), did);
    t.true(extens.includes(`+${did},1,Set(CCAPP_TENANT=${tenant})`), `+${did}`);
    t.true(values(trunk, 'same').includes(`n,Stasis(ccapp,inbound,${tenant},${line},${did})`), `Stasis for ${did}`);
  }
  t.is(extens.filter((e) => e.includes(',1,Set(CCAPP_TENANT=')).length, 2 * 4, 'four DIDs, two forms each');
});

test('given the app is not connected, when a DID is called, then the dialplan answers 503 (cause 34) so the carrier can fail over', async (t) => {
  const trunk = section(file(await renderDemo(), 'extensions.conf'), 'from-trunk');
  const same = values(trunk, 'same');
  t.true(same.includes('n,GotoIf($["${STASISSTATUS}" = "FAILED"]?down)'));
  t.is(same.filter((s) => s === 'n(down),Hangup(34)').length, 2 * 4);
});

test('given any other number, when it reaches the trunk context, then it is hung up as unallocated and nothing dials out', async (t) => {
  const text = (await renderDemo())['extensions.conf'] ?? '';
  const trunk = section(parseIni(text), 'from-trunk');
  const extens = values(trunk, 'exten');
  t.true(extens.includes('_X.,1,Hangup(1)'));
  t.true(extens.includes('_+X.,1,Hangup(1)'));
  t.true(extens.includes('i,1,Hangup(1)'));
  t.false(/\b(Dial|Answer|Goto|Gosub|System)\(/.test(text), 'no app that could reach anything else');
});

test('given the demo site, when http, ari and rtp are rendered, then ARI listens on loopback with the given password', async (t) => {
  const files = await renderDemo();
  const http = section(file(files, 'http.conf'), 'general');
  t.deepEqual([value(http, 'enabled'), value(http, 'bindaddr'), value(http, 'bindport')], ['yes', '127.0.0.1', '8088']);
  const ari = file(files, 'ari.conf');
  t.is(value(section(ari, 'general'), 'enabled'), 'yes');
  const user = section(ari, 'ccapp', 'user');
  t.deepEqual([value(user, 'password'), value(user, 'password_format')], [ARI_PASSWORD, 'plain']);
  const rtp = section(file(files, 'rtp.conf'), 'general');
  t.deepEqual([value(rtp, 'rtpstart'), value(rtp, 'rtpend')], ['10000', '13999']);
});

test('given the demo config, when asterisk.conf is rendered, then it uses Debian paths and stays quiet', async (t) => {
  const conf = file(await renderDemo(), 'asterisk.conf');
  const dirs = section(conf, 'directories');
  t.is(value(dirs, 'astmoddir'), '/usr/lib/x86_64-linux-gnu/asterisk/modules');
  t.is(value(dirs, 'astspooldir'), '/var/spool/asterisk');
  t.is(value(section(conf, 'options'), 'verbose'), '0');
  t.is(value(section(conf, 'options'), 'runuser'), undefined);
});

test('given a recordings path Asterisk does not write to, when rendering, then it is refused naming paths.recordings', async (t) => {
  const site = await demoSite();
  const error = t.throws(() => renderAsteriskConfig({ site, tenants: [], ariPassword: ARI_PASSWORD, paths: { ...PATHS, recordings: '/srv/recordings' } }));
  t.regex(error.message, /paths\.recordings/);
});
