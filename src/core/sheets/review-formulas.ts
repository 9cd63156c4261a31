/**
 * The native formulas of a review sheet (review.md "The review sheet"): the live Actual
 * over PlanActuals, and the derived columns computed from the row's own cells. Only
 * functions every spreadsheet knows (SUMPRODUCT, DATE, IF, ABS): never PLAN.*, XLOOKUP or
 * LET, so LibreOffice 7.4 and a colleague without the add-in compute the same numbers.
 */
import { excelStored } from "../cells";
import { ymdFromSerial } from "../dates";
import { REL_TOL } from "../errors";
import type { Direction } from "../variance";
import type { ConditionValue, ReviewCondition } from "../review/types";
import { escapeColumnName } from "./columns";

/** Excel's limit on one text constant inside a formula. */
const MAX_TEXT_CONSTANT = 255;

/** Characters after which a structured-reference column name needs its own brackets (`T[[Order date]]`). */
const NEEDS_BRACKETS = /[\s,:.[\]#'"{}$^&*+=\-<>/]/;

/** A whole-column structured reference: `PlanActuals[Metric]`, `PlanActuals[[Order date]]`; `[`, `]`, `#`, `'` escaped with `'`. */
export function structuredColumn(table: string, column: string): string {
  const name = escapeColumnName(column);
  return NEEDS_BRACKETS.test(column) ? `${table}[[${name}]]` : `${table}[${name}]`;
}

/**
 * A text constant: `"…"` with `"` doubled. Text longer than Excel's 255-character limit for
 * one constant is joined from pieces (`"…"&"…"`), never cutting a surrogate pair.
 */
export function textConstant(s: string): string {
  const pieces: string[] = [];
  let i = 0;
  while (i < s.length || pieces.length === 0) {
    let j = Math.min(i + MAX_TEXT_CONSTANT, s.length);
    const code = s.charCodeAt(j - 1);
    if (j < s.length && code >= 0xd800 && code <= 0xdbff) j--; // keep a surrogate pair together
    pieces.push(`"${s.slice(i, j).replace(/"/g, '""')}"`);
    i = j;
  }
  return pieces.join("&");
}

/**
 * A number constant as Excel reads it back to the same value (`1E+21`, `-5`, `0.1`). A
 * subnormal (below Excel's smallest positive number, 2.2251E-308) is written `0`: Excel
 * stores such a number as 0, and LibreOffice reads `7E-323` as #VALUE!.
 */
export function numberConstant(n: number): string {
  return String(excelStored(n)).toUpperCase();
}

/** A condition value as a formula constant: text quoted, a number as a number, a boolean as TRUE/FALSE. */
export function valueConstant(v: ConditionValue): string {
  if (typeof v === "string") return textConstant(v);
  if (typeof v === "number") return numberConstant(v);
  return v ? "TRUE" : "FALSE";
}

/** `DATE(y,m,d)` of a serial day. */
export function dateCall(serial: number): string {
  const { y, m, d } = ymdFromSerial(serial);
  return `DATE(${y},${m},${d})`;
}

/**
 * The live Actual of a goal:
 * `=SUMPRODUCT((PlanActuals[Metric]="Revenue")*(PlanActuals[Region]="East")*(PlanActuals[Date]>=DATE(2026,7,1))*(PlanActuals[Date]<DATE(2026,8,16)),PlanActuals[Value])`
 * with one condition per goal condition, `from` the first day and `toExclusive` the day after
 * the last elapsed day. `headers` maps PlanActuals keys to the table's real header text; a
 * condition on a column the table lacks can never hold and is written as the factor 0.
 */
export function actualFormula(
  conditions: readonly ReviewCondition[],
  headers: Readonly<Record<string, string>>,
  from: number,
  toExclusive: number,
  table = "PlanActuals",
): string {
  const col = (key: string) => structuredColumn(table, headers[key] ?? key);
  const factors = conditions.map((c) => (headers[c.key] === undefined ? "0" : `(${col(c.key)}=${valueConstant(c.value)})`));
  const date = col("Date");
  factors.push(`(${date}>=${dateCall(from)})`, `(${date}<${dateCall(toExclusive)})`);
  return `=SUMPRODUCT(${factors.join("*")},${col("Value")})`;
}

/** The pace thresholds of PLAN.STATUS with the 1e-9 relative tolerance folded in, for native formulas. */
export interface StatusThresholds {
  /** higher: pace ≥ this is On track; ≥ atRisk is At risk. */
  higherOnTrack: number;
  higherAtRisk: number;
  /** lower: pace ≤ this is On track; ≤ atRiskLower is At risk. */
  lowerOnTrack: number;
  lowerAtRisk: number;
}

/**
 * Thresholds equivalent to `statusFromPace` (geTol/leTol): for b > 0, p ≥ b − 1e-9·max(|p|, b)
 * holds exactly when p ≥ b − 1e-9·b, and p ≤ b + 1e-9·max(|p|, b) exactly when p ≤ b / (1 − 1e-9).
 */
export function statusThresholds(atRisk: number): StatusThresholds {
  const ge = (b: number) => b - REL_TOL * b;
  const le = (b: number) => b / (1 - REL_TOL);
  return { higherOnTrack: ge(1), higherAtRisk: ge(atRisk), lowerOnTrack: le(1), lowerAtRisk: le(2 - atRisk) };
}

/** The words the Status formula writes, in the sheet's language. */
export interface StatusWords {
  onTrack: string;
  atRisk: string;
  offTrack: string;
}

/** Column letters of the goal table's number columns, for the derived formulas of one row. */
export interface RowCells {
  targetPeriod: string;
  targetToDate: string;
  actual: string;
  variance: string;
}

/** The derived formulas of a goal row (Variance, Variance %, Attainment, Forecast, Remaining, Status) from its own cells. */
export function derivedFormulas(
  c: RowCells,
  dir: Direction,
  atRisk: number,
  words: StatusWords,
): { variance: string; variancePct: string; attainment: string; forecast: string; remaining: string; status: string } {
  const { targetPeriod: F, targetToDate: G, actual: H, variance: I } = c;
  const th = statusThresholds(atRisk);
  const [on, risk, off] = [textConstant(words.onTrack), textConstant(words.atRisk), textConstant(words.offTrack)];
  const pace = `${H}/${G}`;
  const k = (x: number) => numberConstant(Number(x.toPrecision(15))); // Excel reads 15 significant digits
  const byPace =
    dir === "lower"
      ? `IF(${pace}<=${k(th.lowerOnTrack)},${on},IF(${pace}<=${k(th.lowerAtRisk)},${risk},${off}))`
      : `IF(${pace}>=${k(th.higherOnTrack)},${on},IF(${pace}>=${k(th.higherAtRisk)},${risk},${off}))`;
  return {
    variance: dir === "lower" ? `=${G}-${H}` : `=${H}-${G}`,
    variancePct: `=IF(${G}=0,"",${I}/ABS(${G}))`,
    attainment: `=IF(${F}>0,${H}/${F},"")`,
    forecast: `=IF(${G}>0,${H}*${F}/${G},${F}+(${H}-${G}))`,
    remaining: `=${F}-${H}`,
    status: `=IF(${G}>0,${byPace},IF(${G}=0,${on},IF(${I}>=0,${on},${off})))`,
  };
}
