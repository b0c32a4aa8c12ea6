// Who makes an administrative change, as the services need it: the role that bounds what they
// may give, the readable actor and the author ids the audit log keeps, and the request (if any)
// whose address and path go with the audit row. A request's identity or the CLI (run as root
// inside the appliance, with an operator_admin's reach).
import { userInfo } from 'node:os';
import type { Request } from '@hapi/hapi';
import { authorOf, identityOf, type Author } from '../auth/credentials.js';
import type { Role } from '../auth/roles.js';
import type { TenantRef } from '../auth/tenant-access.js';

export interface Acting {
  role: Role;
  /** "user 7 (marie)", "token 3 (provisioning)", "cli (root)". */
  actor: string;
  /** The acting user or token; both null for the CLI. */
  author: Author;
  request?: Request;
}

/**
 * Which users or tokens a call addresses: one tenant's (a URL's {tenant}), or the outsourcer's
 * own staff (null: the /api/staff/... routes, and `--tenant -` on the command line).
 */
export type Scope = TenantRef | null;

export function actingOf(request: Request): Acting {
  const identity = identityOf(request);
  return { role: identity.role, actor: identity.actor, author: authorOf(identity), request };
}

export function cliActing(): Acting {
  let who = 'unknown';
  try {
    who = userInfo().username;
  } catch {
    // No passwd entry for the uid: the actor stays "cli (unknown)".
  }
  return { role: 'operator_admin', actor: `cli (${who})`, author: { userId: null, tokenId: null } };
}
