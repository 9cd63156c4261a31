/**
 * An index over PlanActuals that answers "the sum of the actuals that count for this goal
 * between these two days" in logarithmic time, so a review costs goals + actuals, not
 * their product (review.md "Which actuals count for a goal").
 *
 * Matching is Excel's `=` between two cells: texts equal ignoring case (no trimming, no
 * wildcards), numbers by value, booleans by value, a text never equals a number, and an
 * empty cell equals "", 0 and FALSE. Each cell gets an equality class; the rows are sorted
 * by day once, then grouped by the classes of the columns a goal constrains (one grouping
 * per combination of constrained columns, built on first use). Each group keeps its days
 * sorted beside a segment tree of its values, so a goal's sum is a binary search for its
 * day bounds and a range query that adds up subtotals of that range only (its rounding is
 * that of adding up the range itself, not a difference of large running totals).
 *
 * Day bounds are whole days: an actual dated d counts on first ≤ d < last + 1, so 23:00 on
 * the last day counts and 00:00 the day after does not, exactly as the sheet's
 * `Date>=DATE(first)` and `Date<DATE(last + 1)` do.
 */
import type { CellValue } from "../cells";
import type { BoundRow } from "../schema";
import type { ConditionValue, DimensionKey, ReviewCondition } from "./types";

/** The key of an empty cell (no text key starts with a control character). */
const BLANK = "\u0001";

/** The Excel `=` equality class of a cell: equal cells have equal keys; null for an error (equals nothing). */
export function equalityKey(v: CellValue | undefined): string | null {
  if (v === null || v === undefined) return BLANK;
  if (typeof v === "string") return `s${v.toLowerCase()}`;
  if (typeof v === "number") return Number.isFinite(v) ? `n${String(v)}` : null; // String(-0) is "0", as Excel's -0 = 0
  if (typeof v === "boolean") return v ? "b1" : "b0";
  return null;
}

/** The keys of the actual cells a goal value equals: its own class, plus an empty cell for 0 and FALSE (Excel: blank = 0, blank = FALSE). */
export function matchingKeys(v: ConditionValue): string[] {
  const k = equalityKey(v)!;
  return v === 0 || v === false ? [k, BLANK] : [k];
}

/** True when Excel's `=` holds between an actual's cell and a goal's condition value. */
export function excelEquals(actual: CellValue | undefined, goal: ConditionValue): boolean {
  const k = equalityKey(actual);
  return k !== null && matchingKeys(goal).includes(k);
}

/** Columns that conditions may name, in bit order. */
const CONDITION_KEYS: readonly ("Metric" | DimensionKey)[] = ["Metric", "Region", "Product", "Segment", "Rep"];

/** The rows grouped by the classes of some columns, each group contiguous and sorted by day. */
interface Grouping {
  /** Whether composite keys are numbers (mixed radix over the class counts) or text. */
  numeric: boolean;
  /** Composite class key → group number, as an array indexed by a numeric key when the key space is small, else a map. */
  dense: Int32Array | null;
  groups: Map<number | string, number>;
  /** Group g occupies positions offset[g] … offset[g + 1] − 1 of `days`. */
  offset: Int32Array;
  days: Float64Array;
  /** Group g's segment tree occupies tree[2·offset[g] … 2·offset[g + 1]): leaf i at 2·offset + size + i. */
  tree: Float64Array;
}

/** First index i in lo…hi−1 with a[i] ≥ x (hi when none). */
function lowerBound(a: Float64Array, lo: number, hi: number, x: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The sum of leaves lo…hi−1 of the segment tree of `n` leaves stored from `base`. */
function rangeSum(tree: Float64Array, base: number, n: number, lo: number, hi: number): number {
  let left = 0;
  let right = 0;
  let l = lo + n;
  let r = hi + n;
  while (l < r) {
    if (l & 1) left += tree[base + l++]!;
    if (r & 1) right = tree[base + --r]! + right;
    l >>= 1;
    r >>= 1;
  }
  return left + right;
}

/**
 * The order that sorts `days` ascending, ties in index order. Whole days are packed with
 * their index into one exact double and sorted natively when they fit; otherwise a
 * comparison sort.
 */
function sortOrder(days: Float64Array): Uint32Array {
  const n = days.length;
  const order = new Uint32Array(n);
  let sorted = true;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    order[i] = i;
    const d = days[i]!;
    if (i > 0 && d < days[i - 1]!) sorted = false;
    if (d < min) min = d;
    if (d > max) max = d;
  }
  if (sorted) return order;
  const bits = Math.max(1, Math.ceil(Math.log2(n + 1)));
  const scale = 2 ** bits;
  if ((max - min + 1) * scale < 2 ** 53) {
    const packed = new Float64Array(n);
    for (let i = 0; i < n; i++) packed[i] = (days[i]! - min) * scale + i;
    packed.sort();
    for (let i = 0; i < n; i++) order[i] = packed[i]! % scale;
    return order;
  }
  return Uint32Array.from(Array.from(order).sort((a, b) => days[a]! - days[b]! || a - b));
}

/** Sums of counted actuals by goal conditions and day range. */
export class ActualsIndex {
  /** Whole-day serial of the latest actual with a numeric Date and Value, or null. */
  readonly latest: number | null;
  /** Rows whose Date and Value are numbers, sorted by day (ties in row order): their day and value. */
  private readonly days: Float64Array;
  private readonly values: Float64Array;
  /** Per condition column present in the table: each sorted row's class id (−1: an error, equals nothing). */
  private readonly ids = new Map<string, Int32Array>();
  private readonly classes = new Map<string, Map<string, number>>();
  private readonly groupings = new Map<number, Grouping>();

  /** Indexes the rows of a bound PlanActuals table; `index` maps column keys to cell positions. */
  constructor(rows: readonly BoundRow[], index: Readonly<Record<string, number>>) {
    const di = index.Date;
    const vi = index.Value;
    const kept: number[] = [];
    if (di !== undefined && vi !== undefined) {
      for (let i = 0; i < rows.length; i++) {
        const c = rows[i]!.cells;
        const d = c[di];
        const v = c[vi];
        // Only a number is a date and a value here: text dates and text values never count (D1, D2).
        if (typeof d === "number" && Number.isFinite(d) && typeof v === "number" && Number.isFinite(v)) kept.push(i);
      }
    }
    // Columns are read in row order (rows are scattered objects: sequential reads stay in cache), then permuted.
    const n = kept.length;
    const rawDays = new Float64Array(n);
    const rawValues = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      const c = rows[kept[j]!]!.cells;
      rawDays[j] = Math.floor(c[di!] as number);
      rawValues[j] = c[vi!] as number;
    }
    const order = sortOrder(rawDays);
    this.days = new Float64Array(n);
    this.values = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      const o = order[j]!;
      this.days[j] = rawDays[o]!;
      this.values[j] = rawValues[o]!;
    }
    this.latest = n > 0 ? this.days[n - 1]! : null;

    for (const key of CONDITION_KEYS) {
      const ci = index[key];
      if (ci === undefined) continue;
      const classes = new Map<string, number>();
      const byText = new Map<string, number>(); // raw text → id, so each distinct text is lower-cased once
      const rawIds = new Int32Array(n);
      const classOf = (k: string | null): number => {
        if (k === null) return -1;
        let id = classes.get(k);
        if (id === undefined) classes.set(k, (id = classes.size));
        return id;
      };
      let lastText: string | null = null;
      let lastId = -1;
      for (let j = 0; j < n; j++) {
        const v = rows[kept[j]!]!.cells[ci];
        if (typeof v === "string") {
          if (v === lastText) {
            rawIds[j] = lastId;
            continue;
          }
          let id = byText.get(v);
          if (id === undefined) byText.set(v, (id = classOf(equalityKey(v))));
          rawIds[j] = id;
          lastText = v;
          lastId = id;
        } else rawIds[j] = classOf(equalityKey(v));
      }
      const ids = new Int32Array(n);
      for (let j = 0; j < n; j++) ids[j] = rawIds[order[j]!]!;
      this.ids.set(key, ids);
      this.classes.set(key, classes);
    }
  }

  /** Number of rows whose Date and Value are numbers. */
  get size(): number {
    return this.days.length;
  }

  /**
   * The sum of the Values of the actuals matching every condition whose Date falls on a day
   * firstDay … lastDay (whole days; time of day ignored, so firstDay ≤ Date < lastDay + 1).
   * A condition on a column the table lacks matches nothing.
   */
  sum(conditions: readonly ReviewCondition[], firstDay: number, lastDay: number): number {
    if (lastDay < firstDay || this.days.length === 0) return 0;
    let mask = 0;
    const wanted = new Map<string, number[]>();
    for (const c of conditions) {
      const classes = this.classes.get(c.key);
      if (!classes) return 0;
      const ids = matchingKeys(c.value).flatMap((k) => {
        const id = classes.get(k);
        return id === undefined ? [] : [id];
      });
      const prior = wanted.get(c.key);
      // Two conditions on one column: both must hold.
      const both = prior ? prior.filter((x) => ids.includes(x)) : ids;
      if (both.length === 0) return 0;
      wanted.set(c.key, both);
      mask |= 1 << CONDITION_KEYS.indexOf(c.key);
    }
    const columns = CONDITION_KEYS.filter((_, b) => mask & (1 << b));
    const g = this.grouping(mask, columns);
    const radices = columns.map((c) => this.classes.get(c)!.size);
    let keys: (number | string)[] = [g.numeric ? 0 : ""];
    columns.forEach((col, i) => {
      const ids = wanted.get(col)!;
      keys = keys.flatMap((k) => ids.map((id) => (typeof k === "string" ? `${k}${id},` : k * radices[i]! + id)));
    });
    const from = Math.ceil(firstDay);
    const to = Math.floor(lastDay) + 1;
    let total = 0;
    for (const k of keys) {
      const gi = g.dense ? (g.dense[k as number] ?? -1) : (g.groups.get(k) ?? -1);
      if (gi < 0) continue;
      const start = g.offset[gi]!;
      const end = g.offset[gi + 1]!;
      const lo = lowerBound(g.days, start, end, from);
      const hi = lowerBound(g.days, lo, end, to);
      if (hi > lo) total += rangeSum(g.tree, 2 * start, end - start, lo - start, hi - start);
    }
    return total;
  }

  /** The grouping of rows by the classes of `columns` (built once per combination of columns). */
  private grouping(mask: number, columns: readonly string[]): Grouping {
    const found = this.groupings.get(mask);
    if (found) return found;
    const n = this.days.length;
    const cols = columns.map((c) => this.ids.get(c)!);
    const radices = columns.map((c) => this.classes.get(c)!.size);
    // A composite key as one number when the product of the class counts fits exactly, else as text.
    const space = radices.reduce((p, r) => p * Math.max(1, r), 1);
    const numeric = space < 2 ** 52;
    const dense = numeric && space <= Math.max(1 << 16, 4 * n) ? new Int32Array(space).fill(-1) : null;
    const groups = new Map<number | string, number>();
    const groupOf = new Int32Array(n);
    const sizes: number[] = [];
    for (let j = 0; j < n; j++) {
      let key: number | string = numeric ? 0 : "";
      let ok = true;
      for (let c = 0; c < cols.length; c++) {
        const id = cols[c]![j]!;
        if (id < 0) {
          ok = false;
          break;
        }
        key = numeric ? (key as number) * radices[c]! + id : `${key as string}${id},`;
      }
      if (!ok) {
        groupOf[j] = -1;
        continue;
      }
      let gi = dense ? dense[key as number]! : (groups.get(key) ?? -1);
      if (gi < 0) {
        gi = sizes.length;
        if (dense) dense[key as number] = gi;
        else groups.set(key, gi);
        sizes.push(0);
      }
      groupOf[j] = gi;
      sizes[gi]!++;
    }
    const offset = new Int32Array(sizes.length + 1);
    for (let gi = 0; gi < sizes.length; gi++) offset[gi + 1] = offset[gi]! + sizes[gi]!;
    const total = offset[sizes.length]!;
    const days = new Float64Array(total);
    const tree = new Float64Array(2 * total);
    const fill = offset.slice(0, sizes.length);
    for (let j = 0; j < n; j++) {
      const gi = groupOf[j]!;
      if (gi < 0) continue;
      const p = fill[gi]!++;
      days[p] = this.days[j]!;
      const size = sizes[gi]!;
      const start = offset[gi]!;
      tree[2 * start + size + (p - start)] = this.values[j]!;
    }
    for (let gi = 0; gi < sizes.length; gi++) {
      const size = sizes[gi]!;
      const base = 2 * offset[gi]!;
      for (let i = size - 1; i >= 1; i--) tree[base + i] = tree[base + 2 * i]! + tree[base + 2 * i + 1]!;
    }
    const grouping = { numeric, dense, groups, offset, days, tree };
    this.groupings.set(mask, grouping);
    return grouping;
  }
}
