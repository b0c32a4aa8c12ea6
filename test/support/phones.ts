// Agents' desk phones simulated with SIPp: a phone registers with its generated credentials
// (test/sipp/phone-register.xml), then a SIPp UAS on the same address answers, ignores or
// refuses the calls the ACD places, logging the time of each INVITE, answer and BYE.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from './appliance.js';
import { OK_TO_REQUEST, rtpStream, SDP_BODY, STREAMED_SDP_BODY } from './sipp-sdp.js';

export interface PhoneAccount {
  sipUsername: string;
  sipPassword: string;
  /** Where the phone listens: a loopback address of its own, and a port. */
  ip: string;
  port: number;
}

/** A phone that rings for ringMs then answers (and hangs up after talkMs, or waits for the BYE), lets it ring, or answers busy. */
export type PhoneBehaviour =
  | { kind: 'answer'; ringMs?: number; talkMs?: number; /** Keys sent by SIP INFO once answered, each this long after the previous step. */ keys?: { key: string; afterMs: number }[];
    /** Puts the call on hold this long after the keys, and takes it back after forMs. */ hold?: { afterMs: number; forMs: number };
    /** A raw A-law file the phone streams once answered. */ stream?: string }
  | { kind: 'ignore' }
  | { kind: 'busy' };

function sipp(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('sipp', args, { maxBuffer: 8 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err && typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : err ? -1 : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Registers the phone's contact (expires 0: unregisters); throws with SIPp's output when refused. */
export async function registerPhone(p: PhoneAccount, expires = 300): Promise<void> {
  const run = await sipp([
    '127.0.0.1:5060', '-sf', join(REPO, 'test/sipp/phone-register.xml'), '-s', p.sipUsername, '-au', p.sipUsername, '-ap', p.sipPassword,
    '-key', 'expires', String(expires), '-i', p.ip, '-p', String(p.port), '-m', '1', '-nostdin', '-timeout', '20s', '-timeout_error',
  ]);
  if (run.code !== 0) throw new Error(`REGISTER of ${p.sipUsername} failed (sipp exit ${run.code}): ${run.stderr.slice(-2000)}`);
}

/** The phone dials a feature code; resolves with SIPp's exit code (0: answered, then hung up by the app). */
export async function dialFeatureCode(p: PhoneAccount, code: string): Promise<number> {
  const run = await sipp([
    '127.0.0.1:5060', '-sf', join(REPO, 'test/sipp/phone-dials-feature-code.xml'), '-s', code, '-key', 'user', p.sipUsername,
    '-au', p.sipUsername, '-ap', p.sipPassword, '-i', p.ip, '-p', String(p.port), '-mi', p.ip, '-mp', '24000',
    '-m', '1', '-nostdin', '-timeout', '20s', '-timeout_error',
  ]);
  return run.code;
}

const reply = (status: string, extra = ''): string => `  <send><![CDATA[
      SIP/2.0 ${status}
      [last_Via:]
      [last_From:]
      [last_To:];tag=[pid]SIPpTag01[call_number]
      [last_Call-ID:]
      ${extra || '[last_CSeq:]'}
      Contact: <sip:[local_ip]:[local_port];transport=[transport]>
      Content-Length: 0
  ]]></send>
`;

const sdp200 = (sdp: string): string => `  <send retrans="500"><![CDATA[
      SIP/2.0 200 OK
      [last_Via:]
      [last_From:]
      [last_To:];tag=[pid]SIPpTag01[call_number]
      [last_Call-ID:]
      [last_CSeq:]
      Contact: <sip:[local_ip]:[local_port];transport=[transport]>
${sdp}
  ]]></send>
`;


/** A request the phone sends in the call's dialog (it answered: the From is the INVITE's To). */
const inDialog = (method: string, cseq: number, body: string, extra = ''): string => `  <send${method === 'ACK' ? '' : ' retrans="500"'}><![CDATA[
      ${method} [$contact] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: [$callee];tag=[pid]SIPpTag01[call_number]
      To: [$caller]
      Call-ID: [call_id]
      CSeq: ${cseq} ${method}
      Max-Forwards: 70${extra ? `\n      ${extra}` : ''}
${body}
  ]]></send>
`;

const log = (what: string): string => `<action><log message="[timestamp] ${what} [call_id]"/></action>`;

export function phoneScenario(b: PhoneBehaviour): string {
  const invite = `  <recv request="INVITE"><action>
      <ereg regexp="[^ ].*" search_in="hdr" header="From:" assign_to="caller"/>
      <ereg regexp="[^ ].*" search_in="hdr" header="To:" assign_to="callee"/>
      <ereg regexp="sip:[^>]*" search_in="hdr" header="Contact:" assign_to="contact"/>
      <ereg regexp="([0-9]+)" search_in="hdr" header="CSeq:" assign_to="junk,cseq"/>
      <ereg regexp=".*" search_in="hdr" header="X-CCAPP-Call-Id:" check_it="false" assign_to="ccid"/>
      <ereg regexp=".*" search_in="hdr" header="X-CCAPP-Context:" check_it="false" assign_to="context"/>
      <log message="[timestamp] INVITE [call_id] [$ccid] [$context]"/></action></recv>
  <Reference variables="junk,caller,callee,cseq,contact"/>
`;
  let body: string;
  if (b.kind === 'busy') {
    body = `${reply('486 Busy Here')}  <recv request="ACK"/>\n`;
  } else if (b.kind === 'ignore') {
    body = `${reply('180 Ringing')}  <recv request="CANCEL">${log('CANCELLED')}</recv>
${reply('200 OK')}${reply('487 Request Terminated', 'CSeq: [$cseq] INVITE')}  <recv request="ACK"/>\n`;
  } else {
    // Requests the phone sends in the dialog, numbered in order: keys, hold and resume, the hang-up.
    let cseq = 0;
    const keys = (b.keys ?? []).map((k) => {
      if (!/^[0-9*#]$/.test(k.key)) throw new Error(`not a DTMF key: ${k.key}`);
      return `  <pause milliseconds="${k.afterMs}"/>
${inDialog('INFO', ++cseq, `      Content-Type: application/dtmf-relay
      Content-Length: [len]

      Signal=${k.key}
      Duration=160`)}  <recv response="200">${log('KEY-SENT')}</recv>
`;
    }).join('');
    // Hold: a re-INVITE offering sendonly (as desk phones do), then one offering sendrecv again.
    const reInvite = (direction: 'sendonly' | 'sendrecv', what: string): string => {
      const n = ++cseq;
      return `${inDialog('INVITE', n, SDP_BODY.replace('o=sipp 1 1', `o=sipp 1 ${n + 1}`).replace('a=sendrecv', `a=${direction}`), 'Contact: <sip:[local_ip]:[local_port];transport=[transport]>')}  <recv response="100" optional="true"/>
  <recv response="200">${log(what)}</recv>
${inDialog('ACK', n, '      Content-Length: 0')}`;
    };
    const hold = b.hold ? `  <pause milliseconds="${b.hold.afterMs}"/>\n${reInvite('sendonly', 'HELD')}  <pause milliseconds="${b.hold.forMs}"/>\n${reInvite('sendrecv', 'RESUMED')}` : '';
    const end = b.talkMs === undefined
      ? `  <recv request="BYE">${log('BYE-RECEIVED')}</recv>\n${OK_TO_REQUEST}`
      : `  <pause milliseconds="${b.talkMs}"/>
${inDialog('BYE', ++cseq, '      Content-Length: 0')}  <recv response="200">${log('BYE-SENT')}</recv>\n`;
    body = `${reply('180 Ringing')}  <pause milliseconds="${b.ringMs ?? 200}"/>\n${sdp200(b.stream ? STREAMED_SDP_BODY : SDP_BODY)}  <recv request="ACK">${log('ANSWERED')}</recv>\n${b.stream ? rtpStream(b.stream) : ''}${keys}${hold}${end}`;
  }
  return `<?xml version="1.0" encoding="UTF-8" ?>
<!DOCTYPE scenario SYSTEM "sipp.dtd">
<scenario name="phone-${b.kind}">
${invite}${body}</scenario>
`;
}

/** `extra`: for an INVITE, the app's call id and context headers when it sent them (overflow to a number). */
export interface PhoneLogLine { what: string; at: Date; sipCallId: string; extra: string[] }

export class RunningPhone {
  readonly done: Promise<number>;
  private readonly child: ChildProcess;

  constructor(readonly account: PhoneAccount, private readonly logFile: string, args: string[]) {
    this.child = spawn('sipp', args, { stdio: 'ignore' });
    this.done = new Promise((resolve) => this.child.on('exit', (code) => resolve(code ?? -1)));
  }

  /** What the phone saw so far: INVITE, ANSWERED, CANCELLED, BYE-RECEIVED, BYE-SENT with their times. */
  lines(): PhoneLogLine[] {
    let text = '';
    try { text = readFileSync(this.logFile, 'utf8'); } catch { return []; }
    // SIPp prefixes each line with its local date and time; [timestamp] is epoch seconds.microseconds.
    return text.split('\n').flatMap((l) => {
      const m = /(\d{9,}\.\d+) (\S+) (\S+)(.*)$/.exec(l);
      return m ? [{ at: new Date(Number(m[1]) * 1000), what: m[2] ?? '', sipCallId: m[3] ?? '', extra: (m[4] ?? '').trim().split(/\s+/).filter(Boolean) }] : [];
    });
  }

  count(what: string): number {
    return this.lines().filter((l) => l.what === what).length;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null) this.child.kill('SIGTERM');
    await this.done;
  }
}

/** Starts the phone's UAS for up to `calls` calls; stop() ends it. */
export function startPhone(p: PhoneAccount, b: PhoneBehaviour, calls = 1): RunningPhone {
  return spawnPhone(RunningPhone, p, phoneScenario(b), calls);
}

/** Runs SIPp as a UAS with this scenario on the phone's address (a RunningPhone or a subclass of it). */
export function spawnPhone<T extends RunningPhone>(Phone: new (account: PhoneAccount, logFile: string, args: string[]) => T, p: PhoneAccount, scenarioXml: string, calls: number, mediaBase = 20000): T {
  const dir = mkdtempSync(join(tmpdir(), 'ccapp-phone-'));
  const scenario = join(dir, 'phone.xml');
  writeFileSync(scenario, scenarioXml);
  const logFile = join(dir, 'log.txt');
  return new Phone(p, logFile, [
    '127.0.0.1:5060', '-sf', scenario, '-i', p.ip, '-p', String(p.port), '-mi', p.ip, '-mp', String(mediaBase + (p.port % 1000) * 4),
    '-m', String(calls), '-nostdin', '-trace_logs', '-log_file', logFile, '-trace_msg', '-message_file', join(dir, 'messages.txt'), '-timeout', '600s',
  ]);
}
