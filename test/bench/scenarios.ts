// Fills the SIPp scenario templates of test/bench/sipp/ ({{name}} placeholders) and writes them
// into a run's directory. A placeholder left unfilled, or a value that is not given, is an error.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OK_TO_REQUEST } from '../support/sipp-sdp.js';
import { REFUSAL_CODES } from './stats.js';

const SIPP_DIR = fileURLToPath(new URL('./sipp/', import.meta.url));

export function fillTemplate(text: string, values: Record<string, string | number>): string {
  const used = new Set<string>();
  const out = text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`SIPp template: no value for {{${name}}}`);
    used.add(name);
    return String(v);
  });
  const unused = Object.keys(values).filter((k) => !used.has(k));
  if (unused.length) throw new Error(`SIPp template: values never used: ${unused.join(', ')}`);
  return out;
}

/** Audio for the whole call: an endless loop of a raw A-law file, or nothing. */
export const mediaAction = (alawFile: string | undefined): string =>
  alawFile ? `<exec rtp_stream="${alawFile},-1,8,PCMA/8000"/>` : '';

/** The start of a request from the caller within its call. */
const request = (method: string, cseq: number): string => `<send retrans="500"><![CDATA[
      ${method} [next_url] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: "bench" <sip:0612345678@[local_ip]:[local_port]>;tag=[pid]Bench[call_number]
      To: <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
      [routes]
      Call-ID: [call_id]
      CSeq: ${cseq} ${method}
      Max-Forwards: 70`;

const pressKey = (key: string, cseq: number, delayMs: number): string => `<pause milliseconds="${delayMs}"/>
  ${request('INFO', cseq)}
      Content-Type: application/dtmf-relay
      Content-Length: [len]

      Signal=${key}
      Duration=160
  ]]></send>
  <recv response="200"/>`;

// The callers of a step hang up in turn from one instant on, `spacingMs` apart in call order
// (never all at once, which no contact centre sees): the pause lasts until the caller's turn.
const pauseUntil = (epochMs: number, spacingMs: number): string => `<nop>
    <action>
      <gettimeofday assign_to="now_s,now_us"/>
      <multiply assign_to="now_s" value="1000"/>
      <divide assign_to="now_us" value="1000"/>
      <add assign_to="now_s" variable="now_us"/>
      <assignstr assign_to="turn_s" value="[call_number]"/>
      <todouble assign_to="turn" variable="turn_s"/>
      <multiply assign_to="turn" value="${spacingMs}"/>
      <assign assign_to="hold" value="${Math.round(epochMs)}"/>
      <add assign_to="hold" variable="turn"/>
      <subtract assign_to="hold" variable="now_s"/>
      <test assign_to="late" variable="hold" compare="less_than" value="1"/>
    </action>
  </nop>
  <nop condexec="late"><action><assign assign_to="hold" value="1"/></action></nop>
  <pause variable="hold"/>`;

const callerHangsUp = (pause: string, cseq: number): string => `${pause}
  ${request('BYE', cseq)}
      Content-Length: 0
  ]]></send>
  <recv response="200"/>`;

// The agent hangs up: the server's BYE ends the call. If it has not come in time, hang up and
// fail the call (by waiting 1 ms for a request that never comes: a timeout is a failed call).
const callerWaitsForBye = (holdMs: number, cseq: number): string => `<recv request="BYE" timeout="${holdMs}" ontimeout="gave-up"/>
${OK_TO_REQUEST}  <nop next="end"/>
  <label id="gave-up"/>
  ${callerHangsUp('', cseq)}
  <recv request="NEVER" timeout="1"/>
  <label id="end"/>`;

/** caller.xml's messages before the refusals: the INVITE, then 100, 180 and 183 (optional). */
const MESSAGES_BEFORE_REFUSALS = 4;

/**
 * A refusal of the INVITE (REFUSAL_CODES) jumps to its ACK, which ends the call. The ACK of a
 * non-2xx final response belongs to the INVITE's transaction: same branch, which SIPp's
 * [branch-N] gives as the branch of the message N places before (labels are not messages).
 */
export function refusalElements(codes: readonly number[] = REFUSAL_CODES): { refusals: string; refusedAck: string } {
  const ackIndex = MESSAGES_BEFORE_REFUSALS + codes.length + 1;
  return {
    refusals: codes.map((code) => `<recv response="${code}" optional="true" next="refused"/>`).join('\n  '),
    refusedAck: `<label id="refused"/>
  <send><![CDATA[
      ACK sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch-${ackIndex}]
      From: "bench" <sip:0612345678@[local_ip]:[local_port]>;tag=[pid]Bench[call_number]
      To: <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
      Call-ID: [call_id]
      CSeq: 1 ACK
      Max-Forwards: 70
      Content-Length: 0
  ]]></send>
  <nop next="done"/>`,
  };
}

export interface CallerParams {
  /** The IVR keys, in order; the last one leads to the queue. */
  keys: readonly string[];
  keyDelayMs: number;
  /** Caller hangs up after this long past the key; or, with waitForBye, gives up after it. */
  holdMs: number;
  /** Instead of holdMs: the callers hang up in turn from this instant (ms since the epoch) on. */
  hangUpAt?: { epochMs: number; spacingMs: number };
  waitForBye: boolean;
  alawFile: string | undefined;
}

export interface AgentParams {
  ringMs: number;
  /** 0: the caller hangs up; otherwise the agent hangs up after this long on average (+-50 %). */
  agentTalkMs: number;
  alawFile: string | undefined;
}

function write(dir: string, template: string, name: string, values: Record<string, string | number>): string {
  const path = join(dir, name);
  writeFileSync(path, fillTemplate(readFileSync(join(SIPP_DIR, template), 'utf8'), values));
  return path;
}

export function writeCallerScenario(dir: string, name: string, p: CallerParams): string {
  if (!p.keys.length) throw new Error('a caller needs at least one key to reach the queue');
  for (const key of p.keys) if (!/^[0-9*#]$/.test(key)) throw new Error(`not a DTMF key: ${key}`);
  const bye = p.keys.length + 2;
  return write(dir, 'caller.xml', name, {
    ...refusalElements(),
    media: mediaAction(p.alawFile),
    keys: p.keys.map((key, i) => pressKey(key, i + 2, p.keyDelayMs)).join('\n  '),
    ending: p.waitForBye ? callerWaitsForBye(p.holdMs, bye)
      : callerHangsUp(p.hangUpAt ? pauseUntil(p.hangUpAt.epochMs, p.hangUpAt.spacingMs) : `<pause milliseconds="${p.holdMs}"/>`, bye),
  });
}

export function writeAgentScenario(dir: string, name: string, p: AgentParams): string {
  return write(dir, 'agent-answers.xml', name, {
    ringMs: p.ringMs, talkMinMs: Math.round(p.agentTalkMs / 2), talkMaxMs: Math.round(p.agentTalkMs * 1.5), media: mediaAction(p.alawFile),
    whoHangsUp: p.agentTalkMs > 0 ? '<nop next="agent-hangs-up"/>' : '',
  });
}

export function writeRegisterScenario(dir: string): string {
  return write(dir, 'agent-register.xml', 'agent-register.xml', {});
}
