// Malformed but routable INVITEs, as a misbehaving carrier sends them: from the trunk's address
// (127.0.0.2), to a real DID, each broken in its own way (bytes that are not UTF-8 in the caller's
// name or number, control characters, a body shorter or longer than its Content-Length, SDP that
// is garbage or offers no usable codec, no SDP at all, headers of several kilobytes, Max-Forwards
// exhausted...). Nothing here answers the appliance: no ACK, no BYE, as a broken peer would not.
import { randomUUID } from 'node:crypto';
import { createSocket } from 'node:dgram';

const SDP = (port: number, codecs = '8', extra = ''): string => ['v=0', `o=- ${port} ${port} IN IP4 127.0.0.2`, 's=-', 'c=IN IP4 127.0.0.2', 't=0 0', `m=audio ${port} RTP/AVP ${codecs}`, 'a=rtpmap:8 PCMA/8000', extra].filter(Boolean).join('\r\n') + '\r\n';

interface Variant {
  name: string;
  /** Raw bytes of the display name of From (may be invalid UTF-8). */
  display?: Buffer;
  user?: string;
  body?: string;
  contentLength?: (actual: number) => number;
  extraHeaders?: string[];
  maxForwards?: number;
}

const VARIANTS: Variant[] = [
  { name: 'invalid UTF-8 in the display name', display: Buffer.from([0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22]) },
  { name: 'overlong UTF-8 in the display name', display: Buffer.from([0x22, 0xc0, 0xaf, 0xe0, 0x80, 0xaf, 0x22]) },
  { name: 'control characters in the display name', display: Buffer.from('"a\u0001b\u0007c\u001b[2J"') },
  { name: 'escaped invalid UTF-8 in the caller number', user: '06%FF%FE1234' },
  { name: 'a caller number of 300 digits', user: '0'.repeat(300) },
  { name: 'quotes and backslashes in the caller number', user: '06\\"12' },
  { name: 'a body longer than its Content-Length', contentLength: (n) => Math.max(0, n - 40) },
  { name: 'a Content-Length beyond the body', contentLength: (n) => n + 500 },
  { name: 'garbage SDP', body: 'v=banana\r\nm=audio x y z\r\n\u00ff\u00fe\r\n' },
  { name: 'no codec in common', body: SDP(0, '99', 'a=rtpmap:99 FOO/8000') },
  { name: 'no SDP at all (a late offer)', body: '' },
  { name: 'a header of 6 kB', extraHeaders: [`Subject: ${'x'.repeat(6000)}`] },
  { name: 'Max-Forwards exhausted', maxForwards: 0 },
  { name: 'a duplicated Call-ID and CSeq', extraHeaders: ['CSeq: 7 INVITE', 'Call-ID: duplicate'] },
  { name: 'an unknown required extension', extraHeaders: ['Require: x-nonexistent'] },
  { name: 'RTP port 0 and an IPv6 address in IPv4 SDP', body: SDP(0).replace('c=IN IP4 127.0.0.2', 'c=IN IP4 ::1') },
];

export const MALFORMED_VARIANTS = VARIANTS.length;

function invite(v: Variant, did: string, localPort: number, seq: number): Buffer {
  const callId = `${randomUUID()}@malformed`;
  const body = Buffer.from(v.body ?? SDP(20000 + (seq % 2000) * 2), 'latin1');
  const from = Buffer.concat([Buffer.from('From: '), v.display ?? Buffer.from('"Malformed"'), Buffer.from(` <sip:${v.user ?? `0699${String(seq).padStart(6, '0')}`}@127.0.0.2>;tag=${seq}x\r\n`)]);
  const head = [
    `INVITE sip:${did}@127.0.0.1:5060 SIP/2.0`,
    `Via: SIP/2.0/UDP 127.0.0.2:${localPort};branch=z9hG4bK-${randomUUID()};rport`,
    `Max-Forwards: ${v.maxForwards ?? 70}`,
    `To: <sip:${did}@127.0.0.1>`,
    `Call-ID: ${callId}`,
    `CSeq: 1 INVITE`,
    `Contact: <sip:malformed@127.0.0.2:${localPort}>`,
    ...(v.extraHeaders ?? []),
    ...(body.length ? ['Content-Type: application/sdp'] : []),
    `Content-Length: ${v.contentLength ? v.contentLength(body.length) : body.length}`,
  ].join('\r\n');
  const [first, ...rest] = head.split('\r\n');
  return Buffer.concat([Buffer.from(`${first}\r\n`), from, Buffer.from(`${rest.join('\r\n')}\r\n\r\n`), body]);
}

/**
 * Sends `count` malformed INVITEs to `did`, cycling through the variants, `perSecond` a second,
 * from 127.0.0.2:`localPort`; resolves with how many were sent and how many responses came back.
 */
export async function sendMalformedInvites(did: string, count: number, perSecond: number, localPort: number): Promise<{ sent: number; responses: number; finals: Record<string, number> }> {
  const socket = createSocket('udp4');
  let responses = 0;
  const finals: Record<string, number> = {};
  socket.on('message', (msg) => {
    responses++;
    const status = /^SIP\/2\.0 (\d{3})/.exec(msg.toString('latin1'))?.[1];
    if (status && Number(status) >= 200) finals[status] = (finals[status] ?? 0) + 1;
  });
  await new Promise<void>((resolve, reject) => { socket.once('error', reject); socket.bind(localPort, '127.0.0.2', () => resolve()); });
  try {
    for (let i = 0; i < count; i++) {
      const v = VARIANTS[i % VARIANTS.length] as Variant;
      const packet = invite(v, did, localPort, i);
      await new Promise<void>((resolve, reject) => socket.send(packet, 5060, '127.0.0.1', (err) => (err ? reject(err) : resolve())));
      // The burst's pace (a carrier's send rate), not a wait for an outcome.
      await new Promise((r) => setTimeout(r, 1000 / perSecond));
    }
    // Responses are only counted for the log (a malformed INVITE may get none at all, so there
    // is no outcome to poll for): the socket stays open a moment for the last ones.
    await new Promise((r) => setTimeout(r, 2000));
  } finally {
    socket.close();
  }
  return { sent: count, responses, finals };
}
