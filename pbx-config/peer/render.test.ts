import test from 'ava';
import { parseIni, section, value, values } from '../testing/parse-ini.js';
import { renderMusicOnHold } from '../render/musiconhold.js';
import { UnsafeConfigValueError } from '../render/safe.js';
import { type PeerSettings, PEER_MODULES, PEER_QUEUE, PEER_RECORDING_FORMAT, renderPeerConfig } from './render.js';

const settings = (over: Partial<PeerSettings> = {}): PeerSettings => ({
  etcDir: '/etc/asterisk-peer', stateDir: '/var/lib/ccapp-peer', sip: { bindAddress: '127.0.0.1', port: 5070 },
  rtp: { start: 20000, end: 23999 }, trunkSource: '127.0.0.2', did: '33999000001', prompt: '/var/lib/ccapp/sounds/builtin/fr/language-menu',
  key: '2', keyTimeoutSeconds: 5,
  agents: [{ username: 'agent001', password: 'secret-one' }, { username: 'agent002', password: 'secret-two' }],
  queue: { ringSeconds: 15, retrySeconds: 1, wrapupSeconds: 0 },
  ...over,
});

function file(name: string, over: Partial<PeerSettings> = {}) {
  const text = renderPeerConfig(settings(over))[name];
  if (text === undefined) throw new Error(`${name} was not rendered`);
  return parseIni(text);
}

test('given peer settings, when rendered, then every directory Asterisk writes to is the peer\'s own', (t) => {
  const dirs = section(file('asterisk.conf'), 'directories');
  t.is(value(dirs, 'astetcdir'), '/etc/asterisk-peer');
  for (const [key, dir] of [['astrundir', 'run'], ['astspooldir', 'spool'], ['astdbdir', 'db'], ['astlogdir', 'log'], ['astcachedir', 'cache']]) {
    t.is(value(dirs, key as string), `/var/lib/ccapp-peer/${dir}`, key);
  }
  t.is(value(dirs, 'astmoddir'), '/usr/lib/x86_64-linux-gnu/asterisk/modules', 'the modules are the appliance\'s');
});

test('given peer settings, when rendered, then only the listed modules load: queue, recording, registrar, no ARI', (t) => {
  const modules = section(file('modules.conf'), 'modules');
  t.is(value(modules, 'autoload'), 'no');
  const loads = values(modules, 'load');
  t.deepEqual(loads, PEER_MODULES.map((m) => `${m}.so`));
  for (const m of ['app_queue.so', 'app_mixmonitor.so', 'res_pjsip_registrar.so', 'res_pjsip_authenticator_digest.so', 'pbx_config.so']) t.true(loads.includes(m), m);
  for (const m of ['res_ari.so', 'app_stasis.so', 'res_http_websocket.so']) t.false(loads.includes(m), m);
});

test('given two agents, when pjsip.conf is rendered, then the trunk is identified by address and each agent by user name with digest auth', (t) => {
  const pjsip = file('pjsip.conf');
  t.is(value(section(pjsip, 'transport-udp', 'transport'), 'bind'), '127.0.0.1:5070');
  t.is(value(section(pjsip, 'trunk', 'endpoint'), 'identify_by'), 'ip');
  t.deepEqual(values(section(pjsip, 'trunk-identify', 'identify'), 'match'), ['127.0.0.2']);
  const agent = section(pjsip, 'agent002', 'endpoint');
  t.is(value(agent, 'identify_by'), 'username');
  t.is(value(agent, 'auth'), 'agent002-auth');
  t.is(value(section(pjsip, 'agent002-auth', 'auth'), 'password'), 'secret-two');
  t.is(value(section(pjsip, 'agent002', 'aor'), 'max_contacts'), '1');
});

test('given peer settings, when extensions.conf is rendered, then the DID answers, plays the prompt, and the key names the recording and queues', (t) => {
  const dialplan = file('extensions.conf');
  t.deepEqual(values(section(dialplan, 'from-trunk'), 'exten').slice(0, 1), ['33999000001,1,Answer()']);
  const menu = section(dialplan, 'ivr-menu');
  t.deepEqual(values(menu, 'exten'), [
    's,1,Background(/var/lib/ccapp/sounds/builtin/fr/language-menu)',
    '2,1,Set(MONITOR_FILENAME=/var/lib/ccapp-peer/spool/recording/${UNIQUEID})',
    'i,1,Hangup()', 't,1,Hangup()',
  ]);
  t.true(values(menu, 'same').includes(`n,Queue(${PEER_QUEUE})`));
  t.false(values(menu, 'exten').concat(values(menu, 'same')).some((v) => v.includes('MixMonitor(')), 'nothing records before an agent answers');
});

test('given peer settings, when rendered, then the queue records the talk in wav (app_queue starts MixMonitor on the answer) and plays the appliance\'s hold music', (t) => {
  const queue = section(file('queues.conf'), PEER_QUEUE);
  t.is(value(queue, 'monitor-format'), PEER_RECORDING_FORMAT);
  t.is(value(queue, 'musicclass'), 'default');
  t.is(renderPeerConfig(settings())['musiconhold.conf'], renderMusicOnHold(), 'the very musiconhold.conf of the appliance');
  t.true(PEER_MODULES.includes('format_gsm') && PEER_MODULES.includes('codec_gsm'), 'the appliance\'s hold music is GSM');
});

test('given two agents, when queues.conf is rendered, then the queue rings the longest idle, never one on a call, both as members', (t) => {
  const queue = section(file('queues.conf'), PEER_QUEUE);
  t.is(value(queue, 'strategy'), 'leastrecent');
  t.is(value(queue, 'ringinuse'), 'no');
  t.is(value(queue, 'timeout'), '15');
  t.is(value(queue, 'wrapuptime'), '0');
  t.deepEqual(values(queue, 'member'), ['PJSIP/agent001,0,agent001,PJSIP/agent001', 'PJSIP/agent002,0,agent002,PJSIP/agent002']);
});

test('given values that would inject config or dialplan, when rendered, then rendering refuses, naming the field', (t) => {
  t.is(t.throws(() => renderPeerConfig(settings({ did: '123,1,System(x)' })), { instanceOf: UnsafeConfigValueError })?.message.includes('did'), true);
  const e = t.throws(() => renderPeerConfig(settings({ agents: [{ username: 'a1', password: 'x;y' }] })), { instanceOf: UnsafeConfigValueError });
  t.true(e?.message.includes('agents.0.password'));
  t.false(e?.message.includes('x;y'), 'a secret is never echoed');
  t.throws(() => renderPeerConfig(settings({ key: '22' })), { message: /key/ });
  t.throws(() => renderPeerConfig(settings({ agents: [] })), { message: /without agents/ });
  t.throws(() => renderPeerConfig(settings({ rtp: { start: 30000, end: 20000 } })), { message: /rtp.start/ });
});
