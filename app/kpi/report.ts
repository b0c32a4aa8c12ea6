// What computeKpis returns, field by field, with the definition each figure follows. The two
// tenders' wording is quoted (translated) where a figure answers one of their clauses.
import type { Bucket, BucketKind } from './buckets.js';
import type { Ratio } from './stats.js';

export interface KpiOptions {
  /** Period [from, to): a call counts when its bucket instant (below) falls inside. */
  from: Date;
  to: Date;
  bucket: BucketKind;
  /** The tenant's IANA zone ('Europe/Paris', 'Africa/Casablanca'): bucket bounds follow its wall clock. */
  timezone: string;
  /** Service-level threshold, 20 by default (utility); 40 for the landlord. */
  serviceLevelSeconds?: number;
  /**
   * - absent: the whole tenant, one row per bucket, counted per call (as `line`);
   * - `line`: per call: a call is offered once to its line, however many queues it went through;
   *   its wait runs from its first queue.entered to its first agent.answered;
   * - `queue`: per queue visit: a call that overflows from A to B is offered in A (overflowed)
   *   and in B (with the wait in B only), so queue rows add up to more than line rows;
   * - `agent`: per agent (AgentKpiRow).
   */
  groupBy?: 'queue' | 'agent' | 'line';
}

/** Options for queue, line or tenant-wide rows (KpiRow). */
export type CallKpiOptions = KpiOptions & { groupBy?: 'queue' | 'line' };
/** Options for per-agent rows (AgentKpiRow). */
export type AgentKpiOptions = KpiOptions & { groupBy: 'agent' };

/**
 * One group in one bucket. The unit is a queue visit (groupBy queue) or a call (otherwise); it
 * is counted in the bucket of its queue.entered (its first one, per call), and an IVR abandon in
 * the bucket of its call.arrived. `offered` counts every unit, live ones included; every ratio is
 * over FINISHED units (`offered - inProgress`), so a call still waiting weighs nowhere yet.
 * Invariant: offered = answered + abandoned.inQueueUnder5s + abandoned.inQueue + dropped
 *                      + overflowed + callbacks + inProgress.
 */
export interface KpiRow {
  /** Queue or line slug; null for the whole tenant. */
  group: string | null;
  bucket: Bucket;
  /** Entered a queue ("appels présentés", "appels reçus/entrants"). IVR abandons are not offered. */
  offered: number;
  /** Taken by an agent (agent.answered; call.answered is the IVR picking up, not an agent). */
  answered: number;
  /** Answered with wait <= serviceLevelSeconds ("ne dépassant pas les 20 secondes": 20.000 s is within). */
  answeredWithinThreshold: number;
  /** answeredWithinThreshold / (offered - inProgress): abandons, even short ones, count against it. */
  serviceLevel: Ratio;
  abandoned: {
    /** The caller hung up in the IVR / welcome message, before any queue (line and tenant rows only). */
    inIvr: number;
    /** The caller hung up less than 5 s after entering the queue (4.999 s: yes; 5.000 s: no). */
    inQueueUnder5s: number;
    /** The caller hung up after waiting 5 s or more (agent ringing included). */
    inQueue: number;
  };
  /** The app hung up a waiting call (failure, shutdown): lost, but not an abandon. */
  dropped: number;
  /** Left for the overflow target: per queue, every overflow out; per call, only overflows that
   *  left the appliance (to a number, or to a queue the call never entered). */
  overflowed: number;
  /** The caller asked to be called back and hung up (callback.requested). */
  callbacks: number;
  /** Still waiting in a live call. */
  inProgress: number;
  /** Answered on the first offer, made < 1 s after entering the queue: an agent was free, the
   *  caller only heard the ring ("appels traités sans attente"). */
  answeredWithoutWait: number;
  /** Every other answered call ("traités avec attente"). */
  answeredWithWait: number;
  /** answeredWithoutWait / answered, answeredWithWait / answered. */
  withoutWaitRate: Ratio;
  withWaitRate: Ratio;
  /** "Nombre d'appels décrochés par un opérateur avant 10 secondes": wait < 10 s (strictly). */
  answeredBefore10s: number;
  /** Mean wait of answered units (speed of answer; the utility's "vitesse moyenne de réponse"). */
  averageWaitMs: number | null;
  /** Longest finished wait, answered or not ("durée maximum de l'attente"). */
  maxWaitMs: number | null;
  /** Mean talk (agent.answered → agent.hangup / transfer / call.hangup) of answered units. */
  averageTalkMs: number | null;
  /** AHT / DMT: mean of talk + wrap-up (→ agent.wrapup_ended; talk alone if none recorded). */
  averageHandleMs: number | null;
  longestTalkMs: number | null;
  /** Utility's "taux de prise" / landlord's "taux d'efficacité": answered / (offered - inProgress). */
  pickUpRate: Ratio;
  /** Utility's "taux des appels abandonnés" (<= 5 %): (inQueueUnder5s + inQueue) / (offered - inProgress).
   *  IVR abandons are not in it (they were never offered). */
  abandonRate: Ratio;
  /**
   * Landlord, QS1 "Taux de qualité de service" = (N40 / N) x 100, "N40 = number of calls whose
   * waiting time is less than 40 seconds, N = total number of calls"; target: always above 85 %.
   * Read as: N40 = calls answered by an agent with wait < 40 s (strictly: "inférieur à"; a call
   * never answered has no waiting time that ends in service); N = offered - inProgress (calls that
   * reached a queue: hang-ups during the welcome message are not calls handled, as in the tender's
   * "abandons (hors abandon sur message d'accueil)"). Immediate hang-ups stay in N: the tender
   * excludes them only from QS2. Always 40 s, whatever serviceLevelSeconds says.
   */
  qs1: { n40: number; n: number; rate: Ratio };
  /**
   * Landlord, QS2 "Taux de décroché" = (NR / N) x 100, "NR = number of calls received (excluding
   * immediate hang-ups), N = total number of calls"; target: always above 85 %.
   * Read as: NR = calls answered by an agent; N = offered - inProgress - inQueueUnder5s: an
   * immediate hang-up (< 5 s in the queue) is left out of the base, which is the only reading in
   * which the tender's exclusion changes anything. (answered / all offered is pickUpRate.)
   */
  qs2: { nr: number; n: number; rate: Ratio };
}

/** One agent in one bucket; an offer counts in the bucket of its agent.offered. */
export interface AgentKpiRow {
  agent: string;
  bucket: Bucket;
  /** Distribution attempts (agent.offered; an agent.answered without an offer counts as one). */
  offered: number;
  /** Offers the agent answered ("appels pris"). */
  taken: number;
  /** Offers that rang out or were refused (agent.no_answer). */
  noAnswer: number;
  /** Taken calls whose talk has ended ("appels traités"). */
  handled: number;
  averageTalkMs: number | null;
  /** AHT: talk + wrap-up of handled calls. */
  averageHandleMs: number | null;
  /** "Appel le plus long ... par chargé clientèle". */
  longestTalkMs: number | null;
}
