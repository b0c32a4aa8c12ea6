// Fills the SIPp scenario templates of test/bench/sipp/ ({{name}} placeholders) and writes them
// into a run's directory. A placeholder left unfilled, or a value that is not given, is an error.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

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

const callerHangsUp = (pause: string): string => `${pause}
  <send retrans="500"><![CDATA[
      BYE [next_url] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: "bench" <sip:0612345678@[local_ip]:[local_port]>;tag=[pid]Bench[call_number]
      To: <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
      [routes]
      Call-ID: [call_id]
      CSeq: 3 BYE
      Max-Forwards: 70
      Content-Length: 0
  ]]></send>
  <recv response="200"/>`;

// The agent hangs up: the server's BYE ends the call. If it has not come in time, hang up and
// fail the call (by waiting 1 ms for a request that never comes: a timeout is a failed call).
const callerWaitsForBye = (holdMs: number): string => `<recv request="BYE" timeout="${holdMs}" ontimeout="gave-up"/>
  <send><![CDATA[
      SIP/2.0 200 OK
      [last_Via:]
      [last_From:]
      [last_To:]
      [last_Call-ID:]
      [last_CSeq:]
      Content-Length: 0
  ]]></send>
  <nop next="end"/>
  <label id="gave-up"/>
  ${callerHangsUp('')}
  <recv request="NEVER" timeout="1"/>
  <label id="end"/>`;

export interface CallerParams {
  key: string;
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
  if (!/^[0-9*#]$/.test(p.key)) throw new Error(`not a DTMF key: ${p.key}`);
  return write(dir, 'caller.xml', name, {
    key: p.key, keyDelayMs: p.keyDelayMs, media: mediaAction(p.alawFile),
    ending: p.waitForBye ? callerWaitsForBye(p.holdMs)
      : callerHangsUp(p.hangUpAt ? pauseUntil(p.hangUpAt.epochMs, p.hangUpAt.spacingMs) : `<pause milliseconds="${p.holdMs}"/>`),
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
