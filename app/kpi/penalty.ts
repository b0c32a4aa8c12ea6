// Contract penalties of the two reference tenants, as pure functions of measured figures.
// Amounts: the landlord's in euros excl. VAT (as its invoice), rounded to the cent; the utility's
// in dirhams. Durations in ms. Nothing here reads a clock.
import { zonedToInstant } from '../../ivr/calendar/zoned.js';
import type { Ratio } from './stats.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const cents = (x: number): number => Math.round(x * 100) / 100;

// ---- Landlord (Habitat 70), tender article 21 "Pénalités" -------------------------------------

/** "Objectif : T > 85 %" for QS1 and for QS2. */
export const LANDLORD_QS_TARGET = 0.85;

export interface GapPenalty {
  /** Points below the target ("Ecart = 85 - 75 = 10 %"); 0 at or above it, or without calls. */
  gapPoints: number;
  /** The penalty: gapPoints % of the month's invoice ("une pénalité de 10 % du montant de la facture"). */
  amount: number;
}

/**
 * "Ecart par rapport à l'objectif ... constaté sur le mois de mars : objectif T > 85 %, T mesuré à
 * 75 %, écart = 85 - 75 = 10 %. P : une pénalité de 10 % du montant de la facture du mois de mars
 * sera appliquée en avril." The measured rate is used as computed (not rounded to whole points);
 * the gap is cleaned of floating-point noise at 1e-6 point.
 */
export function qualityGapPenalty(rate: Ratio, monthInvoice: number, target = LANDLORD_QS_TARGET): GapPenalty {
  if (rate === null) return { gapPoints: 0, amount: 0 };
  const gapPoints = Math.max(0, Math.round((target - rate) * 100 * 1e6) / 1e6);
  return { gapPoints, amount: cents((monthInvoice * gapPoints) / 100) };
}

/** Both quality penalties of one month (QS1 and QS2 are penalised separately, then added). */
export function landlordMonthlyQualityPenalty(m: { qs1: Ratio; qs2: Ratio; monthInvoice: number }): { qs1: GapPenalty; qs2: GapPenalty; total: number } {
  const qs1 = qualityGapPenalty(m.qs1, m.monthInvoice);
  const qs2 = qualityGapPenalty(m.qs2, m.monthInvoice);
  return { qs1, qs2, total: cents(qs1.amount + qs2.amount) };
}

/** "Il sera toléré que le service de prise d'appels puisse être interrompu pendant une durée de 3 heures." */
export const LANDLORD_TOLERATED_INTERRUPTION_MS = 3 * HOUR;
/** A half day of a round-the-clock service (daytime overflow, then astreinte): 12 h. */
export const HALF_DAY_MS = 12 * HOUR;

/** "P = montant de la pénalité par ½ journée, M = montant du marché annuel HT, P = (M/365) x 0,5." */
export function landlordHalfDayPenalty(annualAmount: number): number {
  return cents((annualAmount / 365) * 0.5);
}

/**
 * Half-day penalties for one interruption:
 * - up to 3 h: tolerated, 0;
 * - "> 3 heures et < à une demi-journée": the flat rate of one half day, 1 (12 h exactly too);
 * - "Au-delà et dans le cas d'une interruption sur une journée complète, une pénalité de 2x2
 *   demi-journées": more than 12 h, up to a day: 4;
 * - longer (the tender stops at a day): 4 per day begun.
 */
export function landlordInterruptionHalfDays(durationMs: number): number {
  if (!(durationMs > LANDLORD_TOLERATED_INTERRUPTION_MS)) return 0;
  if (durationMs <= HALF_DAY_MS) return 1;
  return 4 * Math.ceil(durationMs / (2 * HALF_DAY_MS));
}

/** Penalty for a month's interruptions, each judged on its own. */
export function landlordInterruptionPenalty(durationsMs: readonly number[], annualAmount: number): { halfDays: number; amount: number } {
  const halfDays = durationsMs.reduce((n, d) => n + landlordInterruptionHalfDays(d), 0);
  return { halfDays, amount: cents(halfDays * landlordHalfDayPenalty(annualAmount)) };
}

// ---- Utility (Redal), tender article 6 "Pénalités" ---------------------------------------------

/** "2 000 DH par interruption inférieure ou égale à 30 minutes ... et 5 000 DH par interruption supérieure à 30 minutes". */
export const UTILITY_SHORT_INTERRUPTION_DH = 2_000;
export const UTILITY_LONG_INTERRUPTION_DH = 5_000;
export const UTILITY_SHORT_INTERRUPTION_MAX_MS = 30 * MINUTE;
/** "1 000 DH pour chaque retard de transmission ou non transmission des différents Reporting et Rapports". */
export const UTILITY_LATE_REPORT_DH = 1_000;

/** One interruption of the service (the centre unreachable); 0 for a non-positive duration. */
export function utilityInterruptionPenalty(durationMs: number): number {
  if (!(durationMs > 0)) return 0;
  return durationMs <= UTILITY_SHORT_INTERRUPTION_MAX_MS ? UTILITY_SHORT_INTERRUPTION_DH : UTILITY_LONG_INTERRUPTION_DH;
}

export interface ReportDelivery {
  name: string;
  /** The deadline (exclusive: delivered at `due` or later is late). */
  due: Date;
  deliveredAt: Date | null;
}

/** Reports delivered late, or not delivered while their deadline has passed at `asOf`. */
export function lateReports(reports: readonly ReportDelivery[], asOf: Date): ReportDelivery[] {
  return reports.filter((r) => (r.deliveredAt ? r.deliveredAt.getTime() >= r.due.getTime() : asOf.getTime() >= r.due.getTime()));
}

/**
 * Deadline of the monthly report: "au plus tard le 10ème jour du mois suivant", i.e. the end of
 * the 10th of the next month on the utility's wall clock (Africa/Casablanca).
 */
export function utilityMonthlyReportDue(year: number, month: number, timezone = 'Africa/Casablanca'): Date {
  const next = month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
  return zonedToInstant({ ...next, day: 11, hour: 0, minute: 0 }, timezone);
}

export interface UtilityPenalties {
  interruptions: { short: number; long: number; amount: number };
  lateReports: { names: string[]; amount: number };
  total: number;
}

export function utilityPenalties(p: { interruptionsMs: readonly number[]; reports: readonly ReportDelivery[]; asOf: Date }): UtilityPenalties {
  const real = p.interruptionsMs.filter((d) => d > 0);
  const short = real.filter((d) => d <= UTILITY_SHORT_INTERRUPTION_MAX_MS).length;
  const interruptions = { short, long: real.length - short, amount: real.reduce((s, d) => s + utilityInterruptionPenalty(d), 0) };
  const late = lateReports(p.reports, p.asOf);
  const reports = { names: late.map((r) => r.name), amount: late.length * UTILITY_LATE_REPORT_DH };
  return { interruptions, lateReports: reports, total: interruptions.amount + reports.amount };
}
