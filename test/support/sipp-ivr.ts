// Writes a SIPp caller scenario for an IVR walk: INVITE a DID, then press keys (RFC 4733 events
// replayed from the pcaps sip-tester ships, or SIP INFO), then either receive the appliance's BYE
// or, if it has not come after `holdMs`, hang up as a caller waiting in a queue would.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OK_TO_REQUEST, rtpStream, SDP_BODY, STREAMED_SDP_BODY } from './sipp-sdp.js';

export interface Key {
  key: string;
  via?: 'rfc4733' | 'info';
  /** Wait before pressing it (after the call is answered, or after the previous key). */
  afterMs?: number;
}

const PCAP_NAME: Record<string, string> = { '*': 'star', '#': 'pound' };
const pcapFor = (key: string): string => `/usr/share/sip-tester/dtmf_2833_${PCAP_NAME[key] ?? key}.pcap`;

/** The caller's number unless a walk gives its own (concurrent walks tell their calls apart by it). */
export const DEFAULT_CALLER = '0612345678';

const headers = (method: string, cseq: number, caller = DEFAULT_CALLER): string => `
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: "SIPp caller" <sip:${caller}@[local_ip]:[local_port]>;tag=[pid]SIPpTag09[call_number]
      To: <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
      Call-ID: [call_id]
      CSeq: ${cseq} ${method}
      Contact: <sip:${caller}@[local_ip]:[local_port]>
      Max-Forwards: 70`;

function pressKey(k: Key, cseq: number, caller: string): string {
  const pause = `  <pause milliseconds="${k.afterMs ?? 400}"/>\n`;
  if (!/^[0-9*#]$/.test(k.key)) throw new Error(`not a DTMF key: ${k.key}`);
  if (k.via === 'info') {
    return `${pause}  <send><![CDATA[
      INFO sip:[service]@[remote_ip]:[remote_port] SIP/2.0${headers('INFO', cseq, caller)}
      Content-Type: application/dtmf-relay
      Content-Length: [len]

      Signal=${k.key}
      Duration=160
    ]]></send>
  <recv response="200"/>
`;
  }
  return `${pause}  <nop><action><exec play_pcap_audio="${pcapFor(k.key)}"/></action></nop>\n`;
}

/** `stream`: a raw A-law file the caller sends for the whole call (keys then go by SIP INFO only). */
export function ivrCallerScenario(keys: readonly Key[], holdMs: number, caller = DEFAULT_CALLER, stream?: string): string {
  if (stream && keys.some((k) => k.via !== 'info')) throw new Error('a streaming caller sends its keys by SIP INFO (one RTP source per call)');
  const byeCseq = keys.length + 2;
  return `<?xml version="1.0" encoding="UTF-8" ?>
<!DOCTYPE scenario SYSTEM "sipp.dtd">
<scenario name="uac-ivr-walk">
  <send retrans="500"><![CDATA[
      INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0${headers('INVITE', 1, caller).replace('[peer_tag_param]', '')}
${stream ? STREAMED_SDP_BODY : SDP_BODY}
  ]]></send>
  <recv response="100" optional="true"/>
  <recv response="180" optional="true"/>
  <recv response="183" optional="true"/>
  <recv response="200" rtd="true"/>
  <send><![CDATA[
      ACK sip:[service]@[remote_ip]:[remote_port] SIP/2.0${headers('ACK', 1, caller)}
      Content-Length: 0
  ]]></send>
${stream ? rtpStream(stream) : ''}${keys.map((k, i) => pressKey(k, i + 2, caller)).join('')}
  <recv request="BYE" timeout="${holdMs}" ontimeout="1"/>
${OK_TO_REQUEST}  <nop next="2"/>
  <label id="1"/>
  <send retrans="500"><![CDATA[
      BYE sip:[service]@[remote_ip]:[remote_port] SIP/2.0${headers('BYE', byeCseq, caller)}
      Content-Length: 0
  ]]></send>
  <recv response="200"/>
  <label id="2"/>
</scenario>
`;
}

/** Writes the scenario to a temporary file and returns its path. */
export function writeScenario(xml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ccapp-sipp-'));
  const path = join(dir, 'uac-ivr-walk.xml');
  writeFileSync(path, xml);
  return path;
}
