// The site: one appliance host (primary or backup) with its SIP trunks and the ARI account our
// app uses. Validated at start-up; every problem is reported with its field path.
import { z } from 'zod';

const port = z.number().int().min(1).max(65535);
const name = z.string().regex(/^[a-z][a-z0-9-]{1,31}$/, 'lower-case letters, digits and dashes, starting with a letter');

export const TrunkSchema = z.object({
  /** PJSIP endpoint name of the carrier trunk. */
  name,
  /** Addresses (or CIDR blocks) the carrier's INVITEs come from; the trunk is identified by them. */
  sourceAddresses: z.array(z.union([z.ipv4(), z.cidrv4()])).min(1),
  /** Where we send calls for this trunk (outbound, transfers, overflow to an external number). */
  host: z.ipv4(),
  port: port.default(5060),
  codecs: z.array(z.enum(['alaw', 'ulaw', 'g722'])).min(1).default(['alaw', 'ulaw']),
});

export const SiteSchema = z.object({
  name,
  role: z.enum(['primary', 'backup']).default('primary'),
  /** Country of the data residency (FR or MA). */
  country: z.enum(['FR', 'MA']),
  hostname: z.string().regex(/^[a-z0-9][a-z0-9.-]{0,252}$/),
  sip: z.object({
    bindAddress: z.ipv4(),
    port: port.default(5060),
    rtpStart: port.default(10000),
    rtpEnd: port.default(13999),
  }).refine((s) => s.rtpStart < s.rtpEnd, { message: 'rtpStart must be below rtpEnd', path: ['rtpStart'] }),
  http: z.object({
    /** Asterisk's HTTP server (ARI); loopback only. */
    bindAddress: z.ipv4().refine((a) => a.startsWith('127.'), 'must be a loopback address'),
    port: port.default(8088),
  }),
  ari: z.object({
    /** The password is a secret: it lives in secrets.json (see app/config), never here. */
    username: z.string().regex(/^[a-z][a-z0-9_]{2,31}$/)
      // ari.conf names the user's section after it; [general] is ARI's own settings.
      .refine((u) => u !== 'general', 'must not be "general" (reserved by ari.conf)'),
    app: z.string().regex(/^[a-z][a-z0-9-]{1,31}$/).default('ccapp'),
  }),
  trunks: z.array(TrunkSchema).min(1),
}).superRefine((site, ctx) => {
  const { port, rtpStart, rtpEnd } = site.sip;
  if (port >= rtpStart && port <= rtpEnd) {
    ctx.addIssue({ code: 'custom', path: ['sip', 'port'], message: `must lie outside the RTP range ${rtpStart}-${rtpEnd}` });
  }
  // A trunk is identified by the address its INVITEs come from: one address, one trunk.
  const names = new Set<string>();
  const sources = new Map<string, string>();
  site.trunks.forEach((t, i) => {
    if (names.has(t.name)) ctx.addIssue({ code: 'custom', path: ['trunks', i, 'name'], message: `duplicate trunk name "${t.name}"` });
    names.add(t.name);
    t.sourceAddresses.forEach((a, j) => {
      const owner = sources.get(a);
      if (owner !== undefined) ctx.addIssue({ code: 'custom', path: ['trunks', i, 'sourceAddresses', j], message: `${a} already identifies trunk "${owner}"` });
      else sources.set(a, t.name);
    });
  });
});

export type Site = z.infer<typeof SiteSchema>;
export type Trunk = z.infer<typeof TrunkSchema>;
