// Reads SIPp's -trace_shortmsg files (one line per SIP message sent or received, with a
// microsecond wall-clock timestamp) into per-call timelines: the callers' (INVITE sent, 200
// received, key acknowledged) and the agents' phones' (INVITE received for which agent,
// answered, call over).

export interface SipLine {
  /** Seconds since the epoch. */
  t: number;
  dir: 'S' | 'R';
  callId: string;
  cseq: number;
  method: string;
  /** The start line: a request line or a status line. */
  first: string;
}

export function parseShortMessages(text: string): SipLine[] {
  const out: SipLine[] = [];
  for (const line of text.split('\n')) {
    // date, time, epoch, S|R, call id, "CSeq:<n> <method>", start line
    const f = line.split('\t');
    if (f.length < 7 || (f[3] !== 'S' && f[3] !== 'R')) continue;
    const cseq = /^CSeq:\s*(\d+)\s+(\S+)/.exec(f[5] ?? '');
    if (!cseq?.[2]) continue;
    out.push({ t: Number(f[2]), dir: f[3], callId: f[4] ?? '', cseq: Number(cseq[1]), method: cseq[2], first: f[6] ?? '' });
  }
  return out;
}

const isResponse = (l: SipLine, code: string): boolean => l.first.startsWith(`SIP/2.0 ${code}`);

export interface CallerCall {
  callId: string;
  inviteAt: number;
  okAt?: number;
  /** When the server acknowledged the last key (200 to the last INFO): the call is on its way to the queue. */
  queuedAt?: number;
  /** The CSeq of the INFO that queuedAt answers. */
  lastKeyCseq?: number;
  /** The final response to the INVITE (200, or a refusal such as 503 or 486). */
  finalCode?: number;
  /** Who hung up, once the BYE got its 200: the caller (its BYE answered) or the server. */
  endedBy?: 'caller' | 'server';
}

/** The status code of a response line, or undefined for a request. */
const statusOf = (l: SipLine): number | undefined => {
  const m = /^SIP\/2\.0 (\d{3})/.exec(l.first);
  return m ? Number(m[1]) : undefined;
};

export function callerCalls(lines: readonly SipLine[]): CallerCall[] {
  const calls = new Map<string, CallerCall>();
  for (const l of lines) {
    let c = calls.get(l.callId);
    if (!c) {
      if (!(l.dir === 'S' && l.method === 'INVITE')) continue;
      c = { callId: l.callId, inviteAt: l.t };
      calls.set(l.callId, c);
    }
    if (l.dir === 'R' && l.method === 'INVITE' && isResponse(l, '200')) c.okAt ??= l.t;
    const status = statusOf(l);
    if (l.dir === 'R' && l.method === 'INVITE' && status !== undefined && status >= 200) c.finalCode ??= status;
    if (l.method === 'BYE' && status === 200) c.endedBy ??= l.dir === 'R' ? 'caller' : 'server';
    if (l.dir === 'R' && l.method === 'INFO' && isResponse(l, '200') && l.cseq > (c.lastKeyCseq ?? 0)) {
      c.queuedAt = l.t;
      c.lastKeyCseq = l.cseq;
    }
  }
  return [...calls.values()];
}

export interface AgentCall {
  callId: string;
  agent: string;
  /** The phone rings. */
  inviteAt: number;
  answeredAt?: number;
  /** Its call is over: the 200 to the BYE, sent or received. */
  freeAt?: number;
  cancelled: boolean;
}

export function agentCalls(lines: readonly SipLine[]): AgentCall[] {
  const calls = new Map<string, AgentCall>();
  for (const l of lines) {
    let c = calls.get(l.callId);
    if (!c) {
      const agent = l.dir === 'R' && l.method === 'INVITE' ? /^INVITE sip:([^@;]+)@/.exec(l.first)?.[1] : undefined;
      if (!agent) continue;
      c = { callId: l.callId, agent, inviteAt: l.t, cancelled: false };
      calls.set(l.callId, c);
    }
    if (l.dir === 'S' && l.method === 'INVITE' && isResponse(l, '200')) c.answeredAt ??= l.t;
    if (l.method === 'CANCEL') c.cancelled = true;
    if (l.method === 'BYE' && isResponse(l, '200')) c.freeAt ??= l.t;
  }
  return [...calls.values()];
}
