/**
 * The PLAN.* catalogue (../shared/spec/functions.md): each function's arguments and its
 * implementation over Excel-shaped arguments. The JSDoc wrappers in functions.ts (what Excel
 * registers) and the CLI's `fn` command both call these, so a cell and the terminal agree.
 */
import { type CellValue } from "../core/cells";
import { type ErrorValue, excelError, isError } from "../core/errors";
import * as fin from "../core/variance";
import { phase, prorate } from "../core/phasing";
import { pvm } from "../core/pvm";
import { fiscalStartMonthError, parsePeriod } from "../core/periods";
import { planSmart, planSmartGaps } from "./smart-functions";
export { planSmart, planSmartGaps };
import { type Arg, type Coercer, type Result, elementwise, flatten, numericPairFast, omitted, type PairOp, scalar, toDate, toNumber, toWeights } from "./coerce";

const num = (name: string): Coercer<number> => (v) => toNumber(v, name);
const dir: Coercer<fin.Direction> = (v) => (v === "" ? "higher" : fin.parseDirection(v));

/** Unwraps a core result: a number, a text, or an error value. */
type Out = number | string | ErrorValue;
const cell = (x: Out): CellValue => x;

/** A scalar argument coerced, or the first error met (arguments are checked left to right). */
function scalars<T extends unknown[]>(args: readonly Arg[], names: readonly string[], coercers: { [K in keyof T]: Coercer<T[K]> }): T | ErrorValue {
  const out: unknown[] = [];
  const cs = coercers as unknown as Coercer<unknown>[];
  for (let i = 0; i < cs.length; i++) {
    const v = scalar(args[i], names[i]!);
    if (isError(v)) return v;
    const c = cs[i]!(v);
    if (isError(c)) return c;
    out.push(c);
  }
  return out as T;
}

/** Optional argument: the default when omitted (null, blank), else coerced. */
function opt<T>(c: Coercer<T>, dflt: T): Coercer<T> {
  return (v) => (v === null || v === undefined || v === "" ? dflt : c(v));
}
const date = (name: string): Coercer<number> => (v) => toDate(v, name);

/** The single value of an argument that is not a multi-cell range, else undefined. */
function singleCell(a: Arg): CellValue | undefined {
  if (!Array.isArray(a)) return a ?? null;
  return a.length === 1 && a[0]!.length === 1 ? (a[0]![0] ?? null) : undefined;
}

/**
 * An element-wise function of (actual, target[, direction]) with a numeric fast lane: the
 * general path decides every element that is not two plain numbers with a finite result.
 */
function pairwise(
  actual: Arg,
  target: Arg,
  direction: Arg | null,
  general: () => Result,
  opFor: (d: fin.Direction) => PairOp,
): Result {
  const d0 = direction === null ? "higher" : singleCell(direction);
  if (d0 !== undefined) {
    const d = dir(d0);
    if (!isError(d)) {
      let all: Result | null = null; // computed at most once, only if some element needs it
      const slow = (r: number, c: number): CellValue => {
        all ??= general();
        return Array.isArray(all) ? all[r]![c]! : all;
      };
      const fast = numericPairFast(actual, target, opFor(d), slow);
      if (fast) return fast;
    }
  }
  return general();
}

export function planVariance(actual: Arg, target: Arg, direction?: Arg): Result {
  const general = () =>
    elementwise<[number, number, fin.Direction]>([actual, target, direction], [num("actual"), num("target"), dir], (a, t, d) => cell(fin.variance(a, t, d)));
  return pairwise(actual, target, direction ?? null, general, (d) => (d === "lower" ? "y-x" : "x-y"));
}

export function planVariancePct(actual: Arg, target: Arg, direction?: Arg): Result {
  const general = () =>
    elementwise<[number, number, fin.Direction]>([actual, target, direction], [num("actual"), num("target"), dir], (a, t, d) => cell(fin.variancePct(a, t, d)));
  // A zero target gives ±Infinity or NaN here, which sends that element to the general path (#DIV/0!).
  return pairwise(actual, target, direction ?? null, general, (d) => (d === "lower" ? "(y-x)/|y|" : "(x-y)/|y|"));
}

export function planAttainment(actual: Arg, target: Arg): Result {
  const general = () => elementwise<[number, number]>([actual, target], [num("actual"), num("target")], (a, t) => cell(fin.attainment(a, t)));
  return pairwise(actual, target, null, general, () => "x/y if y>0");
}

export function planStatus(actual: Arg, target: Arg, direction?: Arg, atRisk?: Arg): Result {
  return elementwise<[number, number, fin.Direction, number]>(
    [actual, target, direction, atRisk],
    [num("actual"), num("target"), dir, opt(num("atRisk"), 0.9)],
    (a, t, d, r) => cell(fin.status(a, t, d, r)),
  );
}

export function planGrowth(target: Arg, baseline: Arg): Result {
  const general = () => elementwise<[number, number]>([target, baseline], [num("target"), num("baseline")], (t, b) => cell(fin.growth(t, b)));
  return pairwise(target, baseline, null, general, () => "x/y-1 if y>0");
}

export function planProrate(total: Arg, start: Arg, end: Arg, windowStart: Arg, windowEnd: Arg, weights?: Arg): Result {
  const s = scalars<[number, number, number, number, number]>(
    [total, start, end, windowStart, windowEnd],
    ["total", "start", "end", "windowStart", "windowEnd"],
    [num("total"), date("start"), date("end"), date("windowStart"), date("windowEnd")],
  );
  if (isError(s)) return s;
  const w = toWeights(weights);
  if (isError(w)) return w;
  return cell(prorate(s[0], s[1], s[2], s[3], s[4], w));
}

export function planPhase(total: Arg, start: Arg, end: Arg, weights?: Arg): Result {
  const s = scalars<[number, number, number]>([total, start, end], ["total", "start", "end"], [num("total"), date("start"), date("end")]);
  if (isError(s)) return s;
  const w = toWeights(weights);
  if (isError(w)) return w;
  const rows = phase(s[0], s[1], s[2], w);
  return isError(rows) ? rows : rows.map(([m, amount]) => [m, amount]);
}

export function planRunRate(actualToDate: Arg, start: Arg, end: Arg, asOf: Arg, weights?: Arg): Result {
  const s = scalars<[number, number, number, number]>(
    [actualToDate, start, end, asOf],
    ["actualToDate", "start", "end", "asOf"],
    [num("actualToDate"), date("start"), date("end"), date("asOf")],
  );
  if (isError(s)) return s;
  const w = toWeights(weights);
  if (isError(w)) return w;
  return cell(fin.runRate(s[0], s[1], s[2], s[3], w));
}

export function planRequired(actualToDate: Arg, target: Arg, start: Arg, end: Arg, asOf: Arg, per?: Arg): Result {
  const s = scalars<[number, number, number, number, number, fin.Per]>(
    [actualToDate, target, start, end, asOf, per],
    ["actualToDate", "target", "start", "end", "asOf", "per"],
    [num("actualToDate"), num("target"), date("start"), date("end"), date("asOf"), (v) => (v === "" ? "day" : fin.parsePer(v))],
  );
  if (isError(s)) return s;
  return cell(fin.required(s[0], s[1], s[2], s[3], s[4], s[5]));
}

/** The numbers of a PVM range, one cell per product. */
function pvmColumn(a: Arg, name: string): number[] | ErrorValue {
  const out: number[] = [];
  for (const v of flatten(a)) {
    const n = toNumber(v, name);
    if (isError(n)) return n;
    out.push(n);
  }
  return out;
}

export function planPvm(actualPrice: Arg, actualVolume: Arg, targetPrice: Arg, targetVolume: Arg): Result {
  const args: [Arg, string][] = [[actualPrice, "actualPrice"], [actualVolume, "actualVolume"], [targetPrice, "targetPrice"], [targetVolume, "targetVolume"]];
  const shape = (a: Arg) => (Array.isArray(a) ? `${a.length}×${a[0]?.length ?? 0}` : "1×1");
  const first = shape(actualPrice);
  const cols: number[][] = [];
  for (const [a, name] of args) {
    if (shape(a) !== first) return excelError("#VALUE!", "fn.err.pvmShape");
    const c = pvmColumn(a, name);
    if (isError(c)) return c;
    cols.push(c);
  }
  const r = pvm(cols[0]!, cols[1]!, cols[2]!, cols[3]!);
  return isError(r) ? r : [[r[0], r[1], r[2]]];
}

/** PERIODSTART / PERIODEND: the period is read first (#VALUE!), then the fiscal start month (#NUM!). */
function periodBound(which: "start" | "end", period: Arg, fiscalStartMonth?: Arg): Result {
  const p = scalar(period, "period");
  if (isError(p)) return p;
  if (typeof p !== "string" && typeof p !== "number") return excelError("#VALUE!", "periods.invalid", { input: p === null ? "" : String(p) });
  const fRaw = scalar(fiscalStartMonth, "fiscalStartMonth");
  if (isError(fRaw)) return fRaw;
  const f = omitted(fRaw) ? 1 : toNumber(fRaw, "fiscalStartMonth");
  if (isError(f)) return f;
  const syntaxOnly = parsePeriod(p, { fiscalStartMonth: 1, allowToDate: false });
  if (isError(syntaxOnly)) return syntaxOnly;
  const badF = fiscalStartMonthError(f);
  if (badF) return badF;
  const r = parsePeriod(p, { fiscalStartMonth: f, allowToDate: false });
  return isError(r) ? r : which === "start" ? r.start : r.end;
}

export function planPeriodStart(period: Arg, fiscalStartMonth?: Arg): Result {
  return periodBound("start", period, fiscalStartMonth);
}

export function planPeriodEnd(period: Arg, fiscalStartMonth?: Arg): Result {
  return periodBound("end", period, fiscalStartMonth);
}

/** A catalogue entry: the Excel name (without `PLAN.`), its parameters, and the implementation. */
export interface FunctionEntry {
  name: string;
  params: readonly { name: string; optional: boolean }[];
  impl: (...args: Arg[]) => Result;
}

const p = (name: string, optional = false) => ({ name, optional });

const SMART_PARAMS = [p("goal"), p("metric"), p("target"), p("baseline"), p("start"), p("end"), p("objective"), p("maxGrowth", true), p("direction", true)];

/** The 14 PLAN.* functions, in the order of functions.md. */
export const PLAN_FUNCTIONS: readonly FunctionEntry[] = [
  { name: "VARIANCE", params: [p("actual"), p("target"), p("direction", true)], impl: planVariance },
  { name: "VARIANCEPCT", params: [p("actual"), p("target"), p("direction", true)], impl: planVariancePct },
  { name: "ATTAINMENT", params: [p("actual"), p("target")], impl: planAttainment },
  { name: "STATUS", params: [p("actual"), p("target"), p("direction", true), p("atRisk", true)], impl: planStatus },
  { name: "GROWTH", params: [p("target"), p("baseline")], impl: planGrowth },
  { name: "PRORATE", params: [p("total"), p("start"), p("end"), p("windowStart"), p("windowEnd"), p("weights", true)], impl: planProrate },
  { name: "PHASE", params: [p("total"), p("start"), p("end"), p("weights", true)], impl: planPhase },
  { name: "RUNRATE", params: [p("actualToDate"), p("start"), p("end"), p("asOf"), p("weights", true)], impl: planRunRate },
  { name: "REQUIRED", params: [p("actualToDate"), p("target"), p("start"), p("end"), p("asOf"), p("per", true)], impl: planRequired },
  { name: "PVM", params: [p("actualPrice"), p("actualVolume"), p("targetPrice"), p("targetVolume")], impl: planPvm },
  { name: "PERIODSTART", params: [p("period"), p("fiscalStartMonth", true)], impl: planPeriodStart },
  { name: "PERIODEND", params: [p("period"), p("fiscalStartMonth", true)], impl: planPeriodEnd },
  { name: "SMART", params: SMART_PARAMS, impl: planSmart },
  { name: "SMARTGAPS", params: SMART_PARAMS, impl: planSmartGaps },
];

/** The catalogue entry for a name, case-insensitive, with or without the `PLAN.` prefix. */
export function findFunction(name: string): FunctionEntry | undefined {
  const n = name.trim().toUpperCase().replace(/^PLAN\./, "");
  return PLAN_FUNCTIONS.find((f) => f.name === n);
}
