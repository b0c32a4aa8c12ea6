// The caps on outbound legs at once: per tenant and per agent, leases released exactly once.
import test from 'ava';
import { Lease, OutboundLimiter } from './limiter.js';

const LIMITS = { tenant: 3, perAgent: 2 };

test('given a tenant at its cap, when one more leg is asked for, then tenant_limit; once a leg ends, it is granted', (t) => {
  const limiter = new OutboundLimiter();
  const leases = [limiter.acquire('energie', null, LIMITS), limiter.acquire('energie', 'a1', LIMITS), limiter.acquire('energie', 'a2', LIMITS)];
  t.true(leases.every((l) => l instanceof Lease));
  t.is(limiter.liveFor('energie'), 3);
  t.is(limiter.acquire('energie', null, LIMITS), 'tenant_limit');
  t.true(limiter.acquire('habitat', null, LIMITS) instanceof Lease, 'other tenants are counted apart');
  (leases[0] as Lease).release();
  t.true(limiter.acquire('energie', null, LIMITS) instanceof Lease);
});

test('given an agent at their cap, when one more leg is asked for them, then agent_limit, while other agents still get legs', (t) => {
  const limiter = new OutboundLimiter();
  const first = limiter.acquire('energie', 'a1', LIMITS) as Lease;
  limiter.acquire('energie', 'a1', LIMITS);
  t.is(limiter.acquire('energie', 'a1', LIMITS), 'agent_limit');
  t.true(limiter.acquire('energie', 'a2', LIMITS) instanceof Lease);
  first.release();
  t.is(limiter.liveForAgent('a1'), 1);
  t.is(limiter.liveFor('energie'), 2);
});

test('given a lease, when released twice, then it counts down once', (t) => {
  const limiter = new OutboundLimiter();
  const a = limiter.acquire('energie', 'a1', LIMITS) as Lease;
  const b = limiter.acquire('energie', 'a1', LIMITS) as Lease;
  a.release();
  a.release();
  t.false(a.live);
  t.true(b.live);
  t.is(limiter.liveFor('energie'), 1);
  t.is(limiter.liveForAgent('a1'), 1);
  b.release();
  t.is(limiter.liveFor('energie'), 0);
  t.is(limiter.liveForAgent('a1'), 0);
});

test('given a consultation handed over, when its agent is detached, then the leg counts for the tenant only', (t) => {
  const limiter = new OutboundLimiter();
  const lease = limiter.acquire('energie', 'a1', LIMITS) as Lease;
  lease.detachAgent();
  lease.detachAgent();
  t.is(lease.agentId, null);
  t.is(limiter.liveForAgent('a1'), 0);
  t.is(limiter.liveFor('energie'), 1);
  lease.release();
  t.is(limiter.liveFor('energie'), 0);
  t.is(limiter.liveForAgent('a1'), 0, 'never below zero');
});

test('given legs found after a restart, when adopted, then they count even past the cap', (t) => {
  const limiter = new OutboundLimiter();
  for (let i = 0; i < 4; i++) limiter.adopt('energie', 'a1');
  t.is(limiter.liveFor('energie'), 4);
  t.is(limiter.acquire('energie', null, LIMITS), 'tenant_limit');
});
