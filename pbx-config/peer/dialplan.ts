// The peer's call logic, in Asterisk's own terms: extensions.conf answers the DID, plays the
// prompt waiting for one key, then queues the call with app_queue; queues.conf holds the one
// queue with every agent as a static member, rung one at a time, longest idle first
// (leastrecent), never while on a call (ringinuse=no). The queue records the call itself
// (monitor-format): app_queue starts MixMonitor on the caller once an agent has answered, with
// its `b` option (only while bridged), so the peer records the talk alone, as ours does, not the
// prompt and the wait in the queue. Asterisk 22 still has monitor-format (res_monitor went in
// 21, and with it every monitor-type but MixMonitor); MONITOR_FILENAME names the file, without
// its extension (app_queue adds `.<monitor-format>`).
import { type Line, renderIni } from '../render/ini.js';
import { safe, safeInt } from '../render/safe.js';
import { PEER_AGENT_CONTEXT, PEER_TRUNK_CONTEXT } from './pjsip.js';
import { type PeerSettings, peerDirs } from './settings.js';

export const PEER_QUEUE = 'bench';
/** The recordings' format: ours records its calls' bridges in wav too. */
export const PEER_RECORDING_FORMAT = 'wav';
const MENU_CONTEXT = 'ivr-menu';

export function renderPeerExtensions(s: PeerSettings): string {
  const did = safe('did', s.did);
  if (!/^[0-9]+$/.test(did)) throw new Error(`pbx-config: refusing to render did: ${JSON.stringify(did)} is not digits only`);
  const key = safe('key', s.key);
  if (!/^[0-9]$/.test(key)) throw new Error(`pbx-config: refusing to render key: ${JSON.stringify(key)} is not one digit`);
  const prompt = safe('prompt', s.prompt, 'path');
  const recordings = safe('stateDir', peerDirs(s).recordings, 'path');
  const menu: Line[] = [
    ['exten', '=>', `s,1,Background(${prompt})`],
    ['same', '=>', `n,WaitExten(${safeInt('keyTimeoutSeconds', s.keyTimeoutSeconds, 1, 60)})`],
    ['exten', '=>', `${key},1,Set(MONITOR_FILENAME=${recordings}/\${UNIQUEID})`],
    ['same', '=>', `n,Queue(${PEER_QUEUE})`],
    ['same', '=>', 'n,Hangup()'],
    { comment: 'another key, or none in time: goodbye' },
    ['exten', '=>', 'i,1,Hangup()'],
    ['exten', '=>', 't,1,Hangup()'],
  ];
  return renderIni([
    { name: 'general', lines: [['static', 'yes'], ['writeprotect', 'yes'], ['autofallthrough', 'yes']] },
    {
      name: PEER_TRUNK_CONTEXT,
      lines: [
        ['exten', '=>', `${did},1,Answer()`],
        ['same', '=>', `n,Goto(${MENU_CONTEXT},s,1)`],
        { comment: 'any other number: unallocated (SIP 404)' },
        ['exten', '=>', '_X.,1,Hangup(1)'],
      ],
    },
    { name: MENU_CONTEXT, lines: menu },
    { name: PEER_AGENT_CONTEXT, lines: [['exten', '=>', '_X.,1,Hangup(1)']] },
  ]);
}

export function renderPeerQueues(s: PeerSettings): string {
  const q = s.queue;
  const members: Line[] = s.agents.map((a, i) => {
    const name = safe(`agents.${i}.username`, a.username);
    return ['member', '=>', `PJSIP/${name},0,${name},PJSIP/${name}`];
  });
  return renderIni([
    { name: 'general', lines: [['persistentmembers', 'no'], ['shared_lastcall', 'no'], ['log_membername_as_agent', 'yes']] },
    {
      name: PEER_QUEUE,
      lines: [
        ['strategy', 'leastrecent'],
        ['ringinuse', 'no'],
        ['autofill', 'yes'],
        ['timeout', safeInt('queue.ringSeconds', q.ringSeconds, 1, 600)],
        ['retry', safeInt('queue.retrySeconds', q.retrySeconds, 1, 600)],
        ['wrapuptime', safeInt('queue.wrapupSeconds', q.wrapupSeconds, 0, 600)],
        { comment: 'the hold music of the appliance: its default class (ours names no class for a waiting caller)' },
        ['musicclass', 'default'],
        { comment: 'records from the agent\'s answer on, MixMonitor with its b option (bridged audio only)' },
        ['monitor-format', PEER_RECORDING_FORMAT],
        ['announce-frequency', 0],
        ['periodic-announce-frequency', 0],
        ['announce-position', 'no'],
        ['announce-holdtime', 'no'],
        ['reportholdtime', 'no'],
        ['setinterfacevar', 'no'],
        ...members,
      ],
    },
  ]);
}
