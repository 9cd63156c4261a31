/**
 * Day weights and phasing (functions.md "Day weights", PLAN.PRORATE, PLAN.PHASE).
 *
 * A day of month m weighs `weights[m] / daysInMonth(m)`; with no weights every day weighs 1.
 * `W(a..b)` is the sum of day weights over the inclusive range. It is computed from whole
 * months (and whole years) plus the two partial months at the ends, so it costs O(1) in the
 * length of the range, and a whole month adds its weight exactly as typed.
 *
 * Core functions take plain numbers that the caller's coercion layer has already checked;
 * they still guard their inputs (a date outside 61..2958465 → #NUM!, bad weights → #VALUE!)
 * so that nothing here ever throws or returns a non-finite number.
 */
import { daysInMonth, MAX_DATE_SERIAL, MIN_DATE_SERIAL, monthEndSerial, monthStartSerial, ymdFromSerial } from "./dates";
import { excelError, isError, type ErrorValue } from "./errors";

/** Twelve non-negative monthly weights (Jan … Dec), or null for "every day weighs 1". */
export type Weights = readonly number[] | null;

/** One row of PLAN.PHASE: the first day of a calendar month and that month's amount. */
export type PhaseRow = [monthStart: number, amount: number];

/** Checks a 12-cell weights range: exactly 12 cells, none negative (or non-finite), else #VALUE!. */
export function validateWeights(values: number[]): number[] | ErrorValue {
  if (values.length !== 12) return excelError("#VALUE!", "finance.weightsShape", { count: values.length });
  for (let i = 0; i < 12; i++) {
    const v = values[i]!;
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
      return excelError("#VALUE!", "finance.weightsNegative", { month: i + 1, value: String(v) });
    }
  }
  return values.slice();
}

/** The weights argument problem, if any (null weights are always fine). */
export function checkWeights(weights: Weights): ErrorValue | null {
  if (weights === null) return null;
  const v = validateWeights(weights as number[]);
  return isError(v) ? v : null;
}

/** A date argument as a whole-day serial (time of day dropped), or #NUM! outside 1900-03-01 … 9999-12-31. */
export function daySerial(x: number): number | ErrorValue {
  if (typeof x !== "number" || !Number.isFinite(x)) return excelError("#NUM!", "finance.dateOutOfRange");
  const d = Math.floor(x);
  return d >= MIN_DATE_SERIAL && d <= MAX_DATE_SERIAL ? d : excelError("#NUM!", "finance.dateOutOfRange");
}

/** Checks date arguments left to right: their whole-day serials, or the first one's #NUM!. */
export function daySerials(...xs: number[]): number[] | ErrorValue {
  const out: number[] = [];
  for (const x of xs) {
    const d = daySerial(x);
    if (isError(d)) return d;
    out.push(d);
  }
  return out;
}

/** A finite result as is (−0 as 0); an overflow (±Infinity or NaN) as #NUM!, as Excel does. */
export function finiteResult(x: number): number | ErrorValue {
  if (!Number.isFinite(x)) return excelError("#NUM!", "finance.overflow");
  return x === 0 ? 0 : x;
}

/** Weight of days d1..d2 (1-based, inclusive, d1 ≤ d2) of month m of year y; a whole month is weights[m] exactly. */
function monthPart(y: number, m: number, d1: number, d2: number, weights: readonly number[]): number {
  const w = weights[m - 1] ?? Number.NaN;
  const dim = daysInMonth(y, m);
  const days = d2 - d1 + 1;
  return days === dim ? w : (days * w) / dim;
}

// a and b must be date serials 61..2958465 (fractions are dropped); otherwise a non-empty range gives NaN.
/** W(a..b): the sum of day weights over a..b inclusive (0 when b < a), in O(1) months of work. */
export function dayWeightSum(a: number, b: number, weights: Weights = null): number {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return Number.NaN;
  const s = Math.floor(a);
  const e = Math.floor(b);
  if (e < s) return 0; // an empty range weighs 0 wherever it is
  if (s < MIN_DATE_SERIAL || e > MAX_DATE_SERIAL) return Number.NaN;
  if (weights === null) return e - s + 1;
  const A = ymdFromSerial(s);
  const B = ymdFromSerial(e);
  if (A.y === B.y && A.m === B.m) return monthPart(A.y, A.m, A.d, B.d, weights);

  let sum = monthPart(A.y, A.m, A.d, daysInMonth(A.y, A.m), weights);
  let y = A.y;
  let m = A.m + 1;
  if (m > 12) {
    y++;
    m = 1;
  }
  if (y < B.y) {
    for (; m <= 12; m++) sum += weights[m - 1] ?? Number.NaN;
    const fullYears = B.y - y - 1;
    if (fullYears > 0) {
      let year = 0;
      for (let i = 0; i < 12; i++) year += weights[i] ?? Number.NaN;
      sum += fullYears * year;
    }
    y = B.y;
    m = 1;
  }
  for (; m < B.m; m++) sum += weights[m - 1] ?? Number.NaN;
  sum += monthPart(B.y, B.m, 1, B.d, weights);
  return sum;
}

/** total × wo / wt, left to right as Excel would; falls back to total × (wo / wt) if the product overflows. */
function share(total: number, wo: number, wt: number): number | ErrorValue {
  let x = (total * wo) / wt;
  if (!Number.isFinite(x)) x = total * (wo / wt);
  return finiteResult(x);
}

/** The part of total (spread over s..e, weight wt > 0) on os..oe ⊆ s..e; the whole range gives total exactly. */
function shareOf(total: number, s: number, e: number, os: number, oe: number, wt: number, weights: Weights): number | ErrorValue {
  if (os === s && oe === e) return finiteResult(total);
  return share(total, dayWeightSum(os, oe, weights), wt);
}

/** PLAN.PRORATE: total × W(overlap) / W(start..end), overlap = max(start, windowStart)..min(end, windowEnd). */
export function prorate(
  total: number,
  start: number,
  end: number,
  windowStart: number,
  windowEnd: number,
  weights: Weights = null,
): number | ErrorValue {
  // Argument problems first, leftmost first: dates out of range, then the weights' shape.
  const days = daySerials(start, end, windowStart, windowEnd);
  if (isError(days)) return days;
  const wErr = checkWeights(weights);
  if (wErr) return wErr;
  const [s, e, ws, we] = days as [number, number, number, number];
  // Then the catalogue's rules in their order.
  if (e < s) return excelError("#NUM!", "finance.endBeforeStart");
  if (we < ws) return excelError("#NUM!", "finance.windowEndBeforeStart");
  const os = Math.max(s, ws);
  const oe = Math.min(e, we);
  if (oe < os) return 0;
  const wt = dayWeightSum(s, e, weights);
  if (!(wt > 0)) return excelError("#DIV/0!", "finance.zeroWeight");
  return shareOf(total, s, e, os, oe, wt, weights);
}

// Each amount is exactly PLAN.PRORATE(total, start, end, monthStart, monthEnd, weights)
// (zero-weight months included, as 0), so a month of PHASE always agrees with PRORATE and
// with the review's Target (period). The amounts therefore sum to total up to floating-point
// rounding (relative error ~1e-16 per month, far below 1e-9); no month is adjusted to absorb
// it. end < start → #NUM!; W(start..end) = 0 → a single #DIV/0! (every month would be one).
/** PLAN.PHASE: rows [monthStart, PRORATE(total, start, end, month)] for each calendar month touched. */
export function phase(total: number, start: number, end: number, weights: Weights = null): PhaseRow[] | ErrorValue {
  const days = daySerials(start, end);
  if (isError(days)) return days;
  const wErr = checkWeights(weights);
  if (wErr) return wErr;
  const [s, e] = days as [number, number];
  if (e < s) return excelError("#NUM!", "finance.endBeforeStart");
  const wt = dayWeightSum(s, e, weights);
  if (!(wt > 0)) return excelError("#DIV/0!", "finance.zeroWeight");

  const rows: PhaseRow[] = [];
  const A = ymdFromSerial(s);
  const B = ymdFromSerial(e);
  let y = A.y;
  let m = A.m;
  while (y < B.y || (y === B.y && m <= B.m)) {
    const ms = monthStartSerial(y, m);
    const me = monthEndSerial(y, m);
    const amount = shareOf(total, s, e, Math.max(s, ms), Math.min(e, me), wt, weights);
    if (isError(amount)) return amount; // cannot happen for a finite total: |amount| ≤ |total|
    rows.push([ms, amount]);
    if (m === 12) {
      y++;
      m = 1;
    } else m++;
  }
  return rows;
}
