/**
 * Variance, attainment, status, growth, run rate and required rate (functions.md catalogue).
 *
 * Arguments are plain numbers already coerced by the caller; errors come back as ErrorValue,
 * never thrown. Argument problems are checked first, leftmost first (dates out of range,
 * bad weights, bad direction/per), then the catalogue's rules in their order. A result too
 * large for a double (±Infinity) is #NUM!, as in Excel.
 */
import { excelError, geTol, isError, leTol, type ErrorValue } from "./errors";
import { checkWeights, daySerials, dayWeightSum, finiteResult, type Weights } from "./phasing";

/** Which way is good: higher-is-better (revenue) or lower-is-better (cost). */
export type Direction = "higher" | "lower";

/** The unit of PLAN.REQUIRED's rate. */
export type Per = "day" | "week" | "month";

/** PLAN.STATUS's answer. */
export type TrackStatus = "On track" | "At risk" | "Off track";

/** Days per unit of PLAN.REQUIRED: a month is 365.25 / 12 days. */
export const PER_DAYS: Readonly<Record<Per, number>> = { day: 1, week: 7, month: 365.25 / 12 };

const HIGHER_WORDS = new Set(["higher", "1", "高", "越高越好"]);
const LOWER_WORDS = new Set(["lower", "-1", "低", "越低越好"]);

/** Reads a direction cell: blank/"higher"/1/高/越高越好 → higher, "lower"/-1/低/越低越好 → lower, else #VALUE!. */
export function parseDirection(v: unknown): Direction | ErrorValue {
  if (isError(v)) return v;
  if (v === null || v === undefined) return "higher";
  if (typeof v === "number") {
    if (v === 1) return "higher";
    if (v === -1) return "lower";
  } else if (typeof v === "string") {
    const s = v.trim().toLowerCase();
    if (s === "" || HIGHER_WORDS.has(s)) return "higher";
    if (LOWER_WORDS.has(s)) return "lower";
  }
  return excelError("#VALUE!", "finance.badDirection", { value: String(v) });
}

/** Reads a per cell: blank/"day"/天 → day, "week"/周 → week, "month"/月 → month (case-insensitive), else #VALUE!. */
export function parsePer(v: unknown): Per | ErrorValue {
  if (isError(v)) return v;
  if (v === null || v === undefined) return "day";
  if (typeof v === "string") {
    const s = v.trim().toLowerCase();
    if (s === "" || s === "day" || s === "天") return "day";
    if (s === "week" || s === "周") return "week";
    if (s === "month" || s === "月") return "month";
  }
  return excelError("#VALUE!", "finance.badPer", { value: String(v) });
}

/** #VALUE! unless dir is a Direction (guards callers that skip parseDirection). */
function badDirection(dir: Direction): ErrorValue | null {
  return dir === "higher" || dir === "lower" ? null : excelError("#VALUE!", "finance.badDirection", { value: String(dir) });
}

/** PLAN.VARIANCE: actual − target (higher) or target − actual (lower); positive is always favorable. */
export function variance(actual: number, target: number, dir: Direction = "higher"): number | ErrorValue {
  const bad = badDirection(dir);
  if (bad) return bad;
  return finiteResult(dir === "higher" ? actual - target : target - actual);
}

/** PLAN.VARIANCEPCT: variance / |target|; target 0 → #DIV/0!. */
export function variancePct(actual: number, target: number, dir: Direction = "higher"): number | ErrorValue {
  const bad = badDirection(dir);
  if (bad) return bad;
  if (target === 0) return excelError("#DIV/0!", "finance.targetZero");
  const v = variance(actual, target, dir);
  return isError(v) ? v : finiteResult(v / Math.abs(target));
}

/** PLAN.ATTAINMENT: actual / target; target 0 → #DIV/0!, target < 0 → #NUM!. */
export function attainment(actual: number, target: number): number | ErrorValue {
  if (target === 0) return excelError("#DIV/0!", "finance.targetZero");
  if (target < 0) return excelError("#NUM!", "finance.targetNegative");
  return finiteResult(actual / target);
}

/** Classifies a pace r = actual/target as PLAN.STATUS does (1e-9 relative tolerance at the thresholds). */
export function statusFromPace(pace: number, dir: Direction, atRisk: number): TrackStatus {
  // An overflowed ratio is far past every threshold (the tolerant comparisons can't see that: ∞ ≤ 1 + ∞).
  if (pace === Number.POSITIVE_INFINITY) return dir === "lower" ? "Off track" : "On track";
  if (pace === Number.NEGATIVE_INFINITY) return dir === "lower" ? "On track" : "Off track";
  if (dir === "lower") {
    if (leTol(pace, 1)) return "On track";
    if (leTol(pace, 2 - atRisk)) return "At risk";
    return "Off track";
  }
  if (geTol(pace, 1)) return "On track";
  if (geTol(pace, atRisk)) return "At risk";
  return "Off track";
}

/** PLAN.STATUS: "On track" / "At risk" / "Off track" by r = actual/target; atRisk ∉ (0, 1] → #NUM!, target 0 → #DIV/0!, < 0 → #NUM!. */
export function status(actual: number, target: number, dir: Direction = "higher", atRisk = 0.9): TrackStatus | ErrorValue {
  const bad = badDirection(dir);
  if (bad) return bad;
  if (!(atRisk > 0 && atRisk <= 1)) return excelError("#NUM!", "finance.atRiskRange", { value: String(atRisk) });
  if (target === 0) return excelError("#DIV/0!", "finance.targetZero");
  if (target < 0) return excelError("#NUM!", "finance.targetNegative");
  return statusFromPace(actual / target, dir, atRisk);
}

/** PLAN.GROWTH: target / baseline − 1; baseline 0 → #DIV/0!, baseline < 0 → #NUM!. */
export function growth(target: number, baseline: number): number | ErrorValue {
  if (baseline === 0) return excelError("#DIV/0!", "finance.baselineZero");
  if (baseline < 0) return excelError("#NUM!", "finance.baselineNegative");
  return finiteResult(target / baseline - 1);
}

/** PLAN.RUNRATE: actualToDate × W(start..end) / W(start..min(asOf, end)); asOf < start → #N/A, zero elapsed weight → #DIV/0!. */
export function runRate(actualToDate: number, start: number, end: number, asOf: number, weights: Weights = null): number | ErrorValue {
  const days = daySerials(start, end, asOf);
  if (isError(days)) return days;
  const wErr = checkWeights(weights);
  if (wErr) return wErr;
  const [s, e, a] = days as [number, number, number];
  if (a < s) return excelError("#N/A", "finance.asOfBeforeStart");
  const c = Math.min(a, e);
  // end < start leaves no elapsed day (the catalogue has no separate rule): zero elapsed weight.
  const elapsed = dayWeightSum(s, c, weights);
  if (!(elapsed > 0)) return excelError("#DIV/0!", "finance.zeroElapsedWeight");
  if (c === e) return finiteResult(actualToDate); // the whole window has elapsed
  const whole = dayWeightSum(s, e, weights);
  let x = (actualToDate * whole) / elapsed;
  if (!Number.isFinite(x)) x = actualToDate * (whole / elapsed);
  return finiteResult(x);
}

/** PLAN.REQUIRED: (target − actualToDate) × unit / remaining days, remaining = end − max(asOf, start − 1); ≤ 0 → #N/A. */
export function required(
  actualToDate: number,
  target: number,
  start: number,
  end: number,
  asOf: number,
  per: Per = "day",
): number | ErrorValue {
  const days = daySerials(start, end, asOf);
  if (isError(days)) return days;
  const unit = Object.prototype.hasOwnProperty.call(PER_DAYS, per) ? PER_DAYS[per] : undefined;
  if (unit === undefined) return excelError("#VALUE!", "finance.badPer", { value: String(per) });
  const [s, e, a] = days as [number, number, number];
  const remaining = e - Math.max(a, s - 1);
  if (remaining <= 0) return excelError("#N/A", "finance.noDaysLeft");
  return finiteResult(((target - actualToDate) * unit) / remaining);
}
