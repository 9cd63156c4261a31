/**
 * The one argument-coercion layer of the PLAN.* functions (functions.md "Conventions"):
 * ranges and broadcasting, blanks, text, dates, directions. Every function goes through it,
 * so a blank, a text date or a bad range means the same thing everywhere.
 */
import { type CellValue } from "../core/cells";
import { type ErrorValue, excelError, isError } from "../core/errors";
import { MAX_DATE_SERIAL, MIN_DATE_SERIAL, parseTextDate } from "../core/dates";

/** What Excel (or the CLI) hands a function for one argument: a value, a range, or null when omitted. */
export type Arg = CellValue | CellValue[][] | undefined;
/** What a function gives back: a value, or a 2-D array whose elements may be errors. */
export type Result = CellValue | CellValue[][];

/** True when an argument was given as a range (a 2-D array). */
function isRange(a: Arg): a is CellValue[][] {
  return Array.isArray(a);
}

/** A cell Excel hands over for an empty cell: null, undefined or "". */
export function isEmptyArg(v: CellValue | undefined): boolean {
  return v === null || v === undefined || v === "";
}

/** The single value of an argument: a 1×1 range is its cell; a larger range is a shape error. */
export function scalar(a: Arg, name: string): CellValue {
  if (!isRange(a)) return a ?? null;
  if (a.length === 1 && a[0]!.length === 1) return a[0]![0] ?? null;
  if (a.length === 0 || a[0]!.length === 0) return null;
  return excelError("#VALUE!", "fn.err.notSingleCell", { arg: name });
}

/** A number argument: blank is 0 and TRUE/FALSE are 1/0, as in Excel arithmetic; text is #VALUE!. */
export function toNumber(v: CellValue, name: string): number | ErrorValue {
  if (typeof v === "number") return Number.isFinite(v) ? v : excelError("#NUM!", "fn.err.notFinite", { arg: name });
  if (isEmptyArg(v)) return 0;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (isError(v)) return v;
  return excelError("#VALUE!", "fn.err.notNumber", { arg: name, value: String(v) });
}

/**
 * A date argument: a serial (time of day dropped) or text in `YYYY-M-D`, `YYYY/M/D` or
 * `YYYY年M月D日` form; must be a whole day 1900-03-01 … 9999-12-31 (serial 61 … 2958465).
 */
export function toDate(v: CellValue, name: string): number | ErrorValue {
  let serial: number;
  if (typeof v === "string" && v.trim() !== "") {
    const parsed = parseTextDate(v);
    if (parsed === null) return excelError("#VALUE!", "fn.err.notDate", { arg: name, value: v });
    serial = parsed;
  } else {
    const n = toNumber(v, name);
    if (isError(n)) return n;
    serial = Math.floor(n);
  }
  if (serial < MIN_DATE_SERIAL || serial > MAX_DATE_SERIAL) return excelError("#NUM!", "fn.err.dateRange", { arg: name });
  return serial;
}

/** Shape of an argument: rows × columns (a plain value is 1 × 1). */
function shapeOf(a: Arg): [number, number] {
  return isRange(a) ? [a.length, a[0]?.length ?? 0] : [1, 1];
}

/** Reads one cell of an argument into the type a function computes with, or an error. */
export type Coercer<T> = (v: CellValue) => T | ErrorValue;

/**
 * Applies `compute` element by element (functions.md "Element-wise"): when any argument is a
 * range of more than one cell the result has that shape; single cells broadcast; two
 * multi-cell ranges of different shapes are #VALUE!. Each element's arguments are coerced left
 * to right, so the leftmost bad argument gives that element's error; an error in one element
 * stays in that element. A broadcast argument is coerced once, not once per element.
 */
export function elementwise<T extends unknown[]>(
  args: readonly Arg[],
  coercers: { [K in keyof T]: Coercer<T[K]> },
  compute: (...vals: T) => CellValue,
): Result {
  let rows = 1;
  let cols = 1;
  let multi = false;
  for (const a of args) {
    const [r, c] = shapeOf(a);
    if (r * c === 1) continue;
    if (r * c === 0) return excelError("#VALUE!", "fn.err.emptyRange");
    if (multi && (r !== rows || c !== cols)) return excelError("#VALUE!", "fn.err.shapeMismatch", { a: `${rows}×${cols}`, b: `${r}×${c}` });
    rows = r;
    cols = c;
    multi = true;
  }
  const n = args.length;
  const cs = coercers as unknown as Coercer<unknown>[];
  // Per argument: the range when it spans the result, else its single value coerced once.
  const ranges = args.map((a) => (isRange(a) && a.length * (a[0]?.length ?? 0) > 1 ? a : null));
  const singles = args.map((a, i) => (ranges[i] ? null : cs[i]!(isRange(a) ? (a[0]?.[0] ?? null) : (a ?? null))));
  const vals: unknown[] = new Array(n);
  const one = (r: number, c: number): CellValue => {
    for (let i = 0; i < n; i++) {
      const rg = ranges[i];
      const v = rg ? cs[i]!(rg[r]![c] ?? null) : singles[i];
      if (isError(v)) return v;
      vals[i] = v;
    }
    return compute(...(vals as T));
  };
  if (!multi) return one(0, 0);
  const out: CellValue[][] = new Array(rows);
  for (let r = 0; r < rows; r++) {
    const row: CellValue[] = new Array(cols);
    for (let c = 0; c < cols; c++) row[c] = one(r, c);
    out[r] = row;
  }
  return out;
}

/** All cells of a range, row by row (a plain value is one cell). */
export function flatten(a: Arg): CellValue[] {
  if (!isRange(a)) return [a ?? null];
  const out: CellValue[] = [];
  for (const row of a) for (const v of row) out.push(v ?? null);
  return out;
}

/** True when the argument was omitted (null, undefined, or an empty cell/range). */
export function omitted(a: Arg): boolean {
  if (!isRange(a)) return isEmptyArg(a);
  return a.length === 0 || (a.length === 1 && a[0]!.length === 1 && isEmptyArg(a[0]![0]));
}

/**
 * A weights argument (functions.md "Day weights"): omitted → null (every day weighs 1);
 * else a 12-cell row or column of non-negative numbers (a blank cell weighs 0).
 */
export function toWeights(a: Arg): readonly number[] | null | ErrorValue {
  if (omitted(a)) return null;
  const [r, c] = shapeOf(a);
  if (!((r === 1 && c === 12) || (r === 12 && c === 1))) return excelError("#VALUE!", "fn.err.weightsShape", { shape: `${r}×${c}` });
  const cells = flatten(a);
  const out: number[] = new Array(12);
  for (let i = 0; i < 12; i++) {
    const v = cells[i] ?? null;
    if (isError(v)) return v;
    if (typeof v === "string" && v !== "") return excelError("#VALUE!", "fn.err.weightsText", { month: i + 1 });
    const n = typeof v === "number" ? v : typeof v === "boolean" ? (v ? 1 : 0) : 0;
    if (!(n >= 0) || !Number.isFinite(n)) return excelError("#VALUE!", "fn.err.weightsNegative", { month: i + 1 });
    out[i] = n;
  }
  return out;
}

/** Returns the first error among values, or null. */
export function firstError(...vals: unknown[]): ErrorValue | null {
  for (const v of vals) if (isError(v)) return v;
  return null;
}

/** The arithmetic of the element-wise functions' fast lane (x: first argument, y: second). */
export type PairOp = "x-y" | "y-x" | "(x-y)/|y|" | "(y-x)/|y|" | "x/y if y>0" | "x/y-1 if y>0";
const PAIR_OPS: readonly PairOp[] = ["x-y", "y-x", "(x-y)/|y|", "(y-x)/|y|", "x/y if y>0", "x/y-1 if y>0"];

/** One element of a pair op (by its index in PAIR_OPS); NaN or ±Infinity where the general path must decide. */
function pairOp(op: number, x: number, y: number): number {
  switch (op) {
    case 0:
      return x - y;
    case 1:
      return y - x;
    case 2:
      return (x - y) / Math.abs(y);
    case 3:
      return (y - x) / Math.abs(y);
    case 4:
      return y > 0 ? x / y : NaN;
    default:
      return y > 0 ? x / y - 1 : NaN;
  }
}

/**
 * The fast lane of an element-wise function of two numeric arguments (the others single
 * cells, already read): where both cells are numbers and `op` gives a finite number, that is
 * the element; every other element (text, blanks, errors, zero divisors) goes through `slow`,
 * the general path, so results are identical. Null when a and b don't both fit (then the
 * caller takes the general path for everything). The arithmetic is a switch on a small integer
 * rather than a callback, and two ranges get a loop of their own, so it runs near a bare loop.
 */
export function numericPairFast(a: Arg, b: Arg, opName: PairOp, slow: (r: number, c: number) => CellValue): CellValue[][] | null {
  const op = PAIR_OPS.indexOf(opName);
  const ra = isRange(a) && a.length * (a[0]?.length ?? 0) > 1 ? a : null;
  const rb = isRange(b) && b.length * (b[0]?.length ?? 0) > 1 ? b : null;
  const shape = ra ?? rb;
  if (!shape) return null;
  const rows = shape.length;
  const cols = shape[0]!.length;
  if (ra && rb && (rb.length !== rows || rb[0]!.length !== cols)) return null;
  if ((ra && ra.some((row) => row.length !== cols)) || (rb && rb.some((row) => row.length !== cols))) return null;
  const sa = ra ? null : isRange(a) ? (a[0]?.[0] ?? null) : (a ?? null);
  const sb = rb ? null : isRange(b) ? (b[0]?.[0] ?? null) : (b ?? null);
  const out: CellValue[][] = new Array(rows);
  if (ra && rb) {
    for (let r = 0; r < rows; r++) {
      const rowA = ra[r]!;
      const rowB = rb[r]!;
      const row: CellValue[] = new Array(cols);
      for (let c = 0; c < cols; c++) {
        const x = rowA[c];
        const y = rowB[c];
        if (typeof x === "number" && typeof y === "number") {
          const v = pairOp(op, x, y);
          row[c] = v - v === 0 ? v : slow(r, c); // v − v is 0 only for finite v
        } else {
          row[c] = slow(r, c);
        }
      }
      out[r] = row;
    }
    return out;
  }
  for (let r = 0; r < rows; r++) {
    const rowA = ra ? ra[r]! : null;
    const rowB = rb ? rb[r]! : null;
    const row: CellValue[] = new Array(cols);
    for (let c = 0; c < cols; c++) {
      const x = rowA ? rowA[c] : sa;
      const y = rowB ? rowB[c] : sb;
      if (typeof x === "number" && typeof y === "number") {
        const v = pairOp(op, x, y);
        row[c] = v - v === 0 ? v : slow(r, c);
      } else {
        row[c] = slow(r, c);
      }
    }
    out[r] = row;
  }
  return out;
}
