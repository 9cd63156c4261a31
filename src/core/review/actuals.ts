/**
 * An index over PlanActuals that answers "the sum of the actuals that count for this goal
 * between these two days" in logarithmic time, so a review costs goals + actuals, not
 * their product (review.md "Which actuals count for a goal").
 *
 * Matching is Excel's `=` between two cells (excelEqualityKey in cells.ts): texts equal
 * ignoring case one character at a time (no trimming, no wildcards), numbers to 15
 * significant digits (a subnormal is 0), booleans by value, a text never equals a number,
 * and an empty cell equals "", 0 and FALSE. Each cell gets an equality class; the rows are sorted
 * by day once, then grouped by the classes of the columns a goal constrains (one grouping
 * per combination of constrained columns). Each group keeps its days sorted beside a
 * segment tree of its values, so a goal's sum is a binary search for its day bounds and a
 * range query that adds up subtotals of that range only (its rounding is that of adding up
 * the range itself, not a difference of large running totals).
 *
 * The index is columnar: one pass over the rows turns Date, Value and each condition column
 * into typed arrays (whole days as ranks among the distinct days, values, class ids), with
 * no object per row; sorting by day is a counting sort when the days span a modest range.
 * Sums are asked in a batch (`sums`): each grouping is built once, column by column on
 * those arrays, and lays out only the groups some query reads, so a million actuals cost a
 * few passes over flat arrays and little memory beyond them.
 *
 * Day bounds are whole days: an actual dated d counts on first ≤ d < last + 1, so 23:00 on
 * the last day counts and 00:00 the day after does not, exactly as the sheet's
 * `Date>=DATE(first)` and `Date<DATE(last + 1)` do.
 */
import { BLANK_KEY, type CellValue, excelEqualityKey, excelStored } from "../cells";
import type { ConditionValue, DimensionKey, ReviewCondition } from "./types";

/** The keys of the actual cells a goal value equals: its own class, plus an empty cell for 0 and FALSE (Excel: blank = 0, blank = FALSE; a subnormal is 0). */
export function matchingKeys(v: ConditionValue): string[] {
  const k = excelEqualityKey(v)!;
  return (typeof v === "number" && excelStored(v) === 0) || v === false ? [k, BLANK_KEY] : [k];
}

/** True when Excel's `=` holds between an actual's cell and a goal's condition value. */
export function excelEquals(actual: CellValue | undefined, goal: ConditionValue): boolean {
  const k = excelEqualityKey(actual);
  return k !== null && matchingKeys(goal).includes(k);
}

/** Columns that conditions may name, in bit order. */
const CONDITION_KEYS: readonly ("Metric" | DimensionKey)[] = ["Metric", "Region", "Product", "Segment", "Rep"];

/** The key of the class of error cells: no condition value has it (excelEqualityKey gives errors none), so they match nothing. */
const ERROR = "\u0002";

/** Row class ids: 8 bits wide while a column has at most 256 classes, then 16, then 32. */
type Ids = Uint8Array | Uint16Array | Int32Array;

/**
 * One condition column's cells as equality class ids (0, 1, 2 … as met), in a typed array.
 * Each distinct text is lower-cased once and each distinct number formatted once: a cell
 * that repeats the previous row's text, or one already met, costs a comparison or a map
 * look-up, not a new string.
 */
class ColumnClasses {
  /** Equality key (excelEqualityKey, or ERROR) → class id. */
  readonly classes = new Map<string, number>();
  ids: Ids;
  private readonly texts = new Map<string, number>();
  private readonly numbers = new Map<number, number>();
  private lastText: string | null = null;
  private lastTextId = -1;
  private blank = -1;
  private yes = -1;
  private no = -1;
  private error = -1;

  constructor(capacity: number) {
    this.ids = new Uint8Array(capacity);
  }

  /** Stores the class of cell `v` as row j's. */
  set(j: number, v: CellValue | undefined): void {
    const id = this.of(v);
    if (id > 0xff && !(this.ids instanceof Int32Array) && (id > 0xffff || this.ids instanceof Uint8Array)) {
      const wide = id > 0xffff ? new Int32Array(this.ids.length) : new Uint16Array(this.ids.length);
      wide.set(this.ids);
      this.ids = wide;
    }
    this.ids[j] = id;
  }

  private of(v: CellValue | undefined): number {
    if (typeof v === "string") {
      if (v === this.lastText) return this.lastTextId;
      let id = this.texts.get(v);
      if (id === undefined) this.texts.set(v, (id = this.classOf(excelEqualityKey(v))));
      this.lastText = v;
      this.lastTextId = id;
      return id;
    }
    if (v === null || v === undefined) return this.blank >= 0 ? this.blank : (this.blank = this.classOf(BLANK_KEY));
    if (typeof v === "number") {
      // A Map key compares -0 and 0 as one (SameValueZero), as Excel's `=` does; NaN and ±∞ are errors.
      let id = this.numbers.get(v);
      if (id === undefined) this.numbers.set(v, (id = this.classOf(excelEqualityKey(v))));
      return id;
    }
    if (v === true) return this.yes >= 0 ? this.yes : (this.yes = this.classOf("b1"));
    if (v === false) return this.no >= 0 ? this.no : (this.no = this.classOf("b0"));
    return this.error >= 0 ? this.error : (this.error = this.classOf(null));
  }

  private classOf(k: string | null): number {
    const key = k ?? ERROR;
    let id = this.classes.get(key);
    if (id === undefined) this.classes.set(key, (id = this.classes.size));
    return id;
  }
}

/**
 * One step of a grouping: after its column, a row's group is the number given to the pair
 * (group before the column, class id in the column), read at `previous · radix + id` in a
 * dense array when that space is small, else in a map; −1 when no query asks for the pair.
 */
interface GroupStep {
  radix: number;
  dense: Int32Array | null;
  sparse: Map<number, number> | null;
}

/** First index i in lo…hi−1 with a[i] ≥ x (hi when none). */
function lowerBound(a: Float64Array | Ids, lo: number, hi: number, x: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A group's segment tree over `size` leaves (its values in day order), stored thinly: node i
 * adds its children 2i and 2i + 1, nodes size … 2·size − 1 are the leaves, and only nodes
 * below `cut` (those over about eight leaves or more) are kept; a node under them is added up
 * from its leaves when asked, in the same order, so every node has the value a full tree's
 * would. The tree takes about 9 bytes a row instead of 16, and a query at most a few dozen
 * more additions.
 */
interface Tree {
  leaves: Float64Array;
  /** Group g's leaf i at leaves[leafBase + i]. */
  leafBase: number;
  top: Float64Array;
  /** Kept node i (1 ≤ i < cut) at top[topBase + i]. */
  topBase: number;
  size: number;
  cut: number;
}

/** Nodes below size >> THIN_LEVELS are kept. */
const THIN_LEVELS = 3;

/**
 * Writes node i's value to s[depth]: a kept node or a leaf as stored, another as the sum of
 * its children. Values pass through the typed slots of `s` rather than as returned numbers,
 * which V8 would box one by one.
 */
function nodeInto(t: Tree, i: number, s: Float64Array, depth: number): void {
  if (i >= t.size) s[depth] = t.leaves[t.leafBase + i - t.size]!;
  else if (i < t.cut) s[depth] = t.top[t.topBase + i]!;
  else {
    nodeInto(t, 2 * i, s, depth + 1);
    const left = s[depth + 1]!;
    nodeInto(t, 2 * i + 1, s, depth + 1);
    s[depth] = left + s[depth + 1]!;
  }
}

/** The sum of leaves lo…hi−1 of a tree; `s` is scratch for nodeInto (64 slots: deeper than any tree). */
function rangeSum(t: Tree, lo: number, hi: number, s: Float64Array): number {
  let left = 0;
  let right = 0;
  let l = lo + t.size;
  let r = hi + t.size;
  while (l < r) {
    if (l & 1) {
      nodeInto(t, l++, s, 0);
      left += s[0]!;
    }
    if (r & 1) {
      nodeInto(t, --r, s, 0);
      right = s[0]! + right;
    }
    l >>= 1;
    r >>= 1;
  }
  return left + right;
}

/** Largest span of days (max − min + 1) sorted by counting, beside twice the row count: the counts stay modest. */
const COUNTING_SPAN = 1 << 20;

/** Whole days put in order: see dayOrder. */
export interface DayOrder {
  /** Positions sorted by day, ties in position order; null when `days` is in that order already. */
  order: Uint32Array | null;
  /** The distinct days, ascending. */
  distinct: Float64Array;
  /** Each position's day as its index in `distinct` (16 bits wide while there are at most 65,536 distinct days). */
  ranks: Uint16Array | Int32Array;
}

/**
 * Sorts whole `days` ascending, ties in index order, and ranks them among the distinct days.
 * A counting sort when the days span at most max(COUNTING_SPAN, 2n) days (any plan's dates
 * do); else whole days packed with their index into one exact double and sorted natively
 * when they fit; else a comparison sort.
 */
export function dayOrder(days: Int32Array | Float64Array): DayOrder {
  const n = days.length;
  let sorted = true;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const d = days[i]!;
    if (i > 0 && d < days[i - 1]!) sorted = false;
    if (d < min) min = d;
    if (d > max) max = d;
  }
  const span = n === 0 ? 0 : max - min + 1;
  if (!sorted && span <= Math.max(COUNTING_SPAN, 2 * n)) {
    // Counts per day, then each day's first position and its rank among the days present.
    const start = new Int32Array(span + 1);
    for (let i = 0; i < n; i++) start[days[i]! - min + 1]!++;
    const rankOf = new Int32Array(span);
    const distinct: number[] = [];
    for (let k = 0; k < span; k++) {
      if (start[k + 1]! > 0) distinct.push(min + k);
      rankOf[k] = distinct.length - 1;
      start[k + 1]! += start[k]!;
    }
    const order = new Uint32Array(n);
    const ranks = distinct.length <= 0x10000 ? new Uint16Array(n) : new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const k = days[i]! - min;
      order[start[k]!++] = i;
      ranks[i] = rankOf[k]!;
    }
    return { order, distinct: Float64Array.from(distinct), ranks };
  }
  let order: Uint32Array | null = null;
  if (!sorted) {
    order = new Uint32Array(n);
    const bits = Math.max(1, Math.ceil(Math.log2(n + 1)));
    const scale = 2 ** bits;
    if (span * scale < 2 ** 53) {
      const packed = new Float64Array(n);
      for (let i = 0; i < n; i++) packed[i] = (days[i]! - min) * scale + i;
      packed.sort();
      for (let i = 0; i < n; i++) order[i] = packed[i]! % scale;
    } else {
      const all = Array.from({ length: n }, (_, i) => i).sort((a, b) => days[a]! - days[b]! || a - b);
      for (let i = 0; i < n; i++) order[i] = all[i]!;
    }
  }
  // Ranks met in day order.
  const distinct: number[] = [];
  const rank = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    const r = order ? order[j]! : j;
    const d = days[r]!;
    if (distinct.length === 0 || distinct[distinct.length - 1] !== d) distinct.push(d);
    rank[r] = distinct.length - 1;
  }
  return { order, distinct: Float64Array.from(distinct), ranks: distinct.length <= 0x10000 ? Uint16Array.from(rank) : rank };
}

/** One sum asked of the index: actuals matching every condition, dated firstDay … lastDay (whole days). */
export interface ActualsQuery {
  conditions: readonly ReviewCondition[];
  firstDay: number;
  lastDay: number;
}

/** A query ready for a grouping: the class ids each grouped column may hold, and its day ranks lo … hi − 1. */
interface Planned {
  at: number;
  wanted: number[][];
  lo: number;
  hi: number;
}

/** Sums of counted actuals by goal conditions and day range. */
export class ActualsIndex {
  /** Whole-day serial of the latest actual with a numeric Date and Value, or null. */
  readonly latest: number | null;
  /** Number of counted rows: rows whose Date and Value are numbers. */
  private readonly n: number;
  /** The distinct whole days of the counted rows, ascending; a row's day is held as its rank here. */
  private readonly distinctDays: Float64Array;
  /** Per counted row, in row order: its day's rank and its value. */
  private readonly ranks: Uint16Array | Int32Array;
  private readonly values: Float64Array;
  /** Counted rows in day order (ties in row order): positions in the arrays above (null: already so). */
  private readonly order: Uint32Array | null;
  /** Per condition column present in the table: each counted row's class id, in row order. */
  private readonly ids = new Map<string, Ids>();
  private readonly classes = new Map<string, Map<string, number>>();

  /**
   * Indexes the data rows of PlanActuals (each an array of cells, as RawTable.rows holds
   * them); `index` maps column keys to cell positions. Rows without a numeric Date and
   * Value never count, so blank rows need no filtering.
   */
  constructor(rows: readonly (readonly CellValue[])[], index: Readonly<Record<string, number>>) {
    const di = index.Date;
    const vi = index.Value;
    const m = di === undefined || vi === undefined ? 0 : rows.length;
    const keys = CONDITION_KEYS.filter((k) => index[k] !== undefined);
    const at = keys.map((k) => index[k]!);
    const cols = keys.map(() => new ColumnClasses(m));
    // Whole days in 32 bits (any spreadsheet date), in 64 once one does not fit.
    let days: Int32Array | Float64Array = new Int32Array(m);
    const values = new Float64Array(m);
    // One pass in row order: each row's cells are read once, while they are in cache.
    let n = 0;
    for (let i = 0; i < m; i++) {
      const c = rows[i]!;
      const d = c[di!];
      const v = c[vi!];
      // Only a number is a date and a value here: text dates and text values never count (D1, D2).
      if (typeof d !== "number" || !Number.isFinite(d) || typeof v !== "number" || !Number.isFinite(v)) continue;
      const day = Math.floor(d) + 0; // + 0: a Date of -0 is day 0
      if ((day | 0) !== day && days instanceof Int32Array) days = Float64Array.from(days);
      days[n] = day;
      values[n] = excelStored(v); // a subnormal Value is 0 in a cell
      for (let k = 0; k < at.length; k++) cols[k]!.set(n, c[at[k]!]);
      n++;
    }
    this.n = n;
    this.values = values.subarray(0, n);
    keys.forEach((k, i) => {
      this.ids.set(k, cols[i]!.ids.subarray(0, n));
      this.classes.set(k, cols[i]!.classes);
    });
    const { order, distinct, ranks } = dayOrder(days.subarray(0, n));
    this.order = order;
    this.ranks = ranks;
    this.distinctDays = distinct;
    this.latest = distinct.length > 0 ? distinct[distinct.length - 1]! : null;
  }

  /** Number of rows whose Date and Value are numbers. */
  get size(): number {
    return this.n;
  }

  /**
   * The sum of the Values of the actuals matching every condition whose Date falls on a day
   * firstDay … lastDay (whole days; time of day ignored, so firstDay ≤ Date < lastDay + 1).
   * A condition on a column the table lacks matches nothing. A batch of one: many sums go
   * through `sums`, which groups the rows once for all of them.
   */
  sum(conditions: readonly ReviewCondition[], firstDay: number, lastDay: number): number {
    return this.sums([{ conditions, firstDay, lastDay }])[0]!;
  }

  /**
   * The sums of many queries (each as `sum`), at once: each combination of constrained
   * columns is grouped once, and only the groups some query reads get a segment tree.
   */
  sums(queries: readonly ActualsQuery[]): Float64Array {
    const out = new Float64Array(queries.length);
    if (this.n === 0) return out;
    // Queries by the combination of columns they constrain (a bit mask over CONDITION_KEYS).
    const byMask = new Map<number, Planned[]>();
    queries.forEach((q, at) => {
      if (q.lastDay < q.firstDay) return;
      let mask = 0;
      const wanted = new Map<string, number[]>();
      for (const c of q.conditions) {
        const classes = this.classes.get(c.key);
        if (!classes) return;
        const ids = matchingKeys(c.value).flatMap((k) => {
          const id = classes.get(k);
          return id === undefined ? [] : [id];
        });
        const prior = wanted.get(c.key);
        // Two conditions on one column: both must hold.
        const both = prior ? prior.filter((x) => ids.includes(x)) : ids;
        if (both.length === 0) return;
        wanted.set(c.key, both);
        mask |= 1 << CONDITION_KEYS.indexOf(c.key);
      }
      const lo = lowerBound(this.distinctDays, 0, this.distinctDays.length, Math.ceil(q.firstDay));
      const hi = lowerBound(this.distinctDays, lo, this.distinctDays.length, Math.floor(q.lastDay) + 1);
      if (hi <= lo) return;
      const planned = { at, wanted: CONDITION_KEYS.filter((_, b) => mask & (1 << b)).map((k) => wanted.get(k)!), lo, hi };
      const list = byMask.get(mask);
      if (list) list.push(planned);
      else byMask.set(mask, [planned]);
    });
    const groupOf = new Int32Array(this.n);
    for (const [mask, planned] of byMask) {
      this.answer(CONDITION_KEYS.filter((_, b) => mask & (1 << b)), planned, groupOf, out);
    }
    return out;
  }

  /**
   * Groups the rows by the classes of `columns` and writes the answers of `planned` to `out`.
   * Only the groups the queries ask for are numbered (in the order the queries name them), so
   * a row outside them drops out at its first column no query wants. `groupOf` is scratch
   * space, one entry per counted row.
   */
  private answer(columns: readonly string[], planned: readonly Planned[], groupOf: Int32Array, out: Float64Array): void {
    const n = this.n;
    // The groups of each query, column by column (earlier columns vary slowest), as step tables.
    const steps: GroupStep[] = [];
    let reads: number[][] = planned.map(() => [0]);
    let count = 1;
    columns.forEach((col, i) => {
      const radix = Math.max(1, this.classes.get(col)!.size);
      // count and radix are at most a few million: the key space fits a double exactly.
      const space = count * radix;
      const dense = space <= Math.max(1 << 16, 4 * n) ? new Int32Array(space).fill(-1) : null;
      const sparse = dense ? null : new Map<number, number>();
      let next = 0;
      reads = reads.map((found, q) => {
        const groups: number[] = [];
        for (const prev of found) {
          for (const id of planned[q]!.wanted[i]!) {
            const key = prev * radix + id;
            let gi = dense ? dense[key]! : (sparse!.get(key) ?? -1);
            if (gi < 0) {
              gi = next++;
              if (dense) dense[key] = gi;
              else sparse!.set(key, gi);
            }
            groups.push(gi);
          }
        }
        return groups;
      });
      steps.push({ radix, dense, sparse });
      count = next;
    });
    // Each row's group (−1: in none asked for; an error cell is in none), one column at a time, and the groups' sizes.
    groupOf.fill(0);
    columns.forEach((col, i) => {
      const ids = this.ids.get(col)!;
      const { radix, dense, sparse } = steps[i]!;
      if (dense) {
        for (let j = 0; j < n; j++) {
          const g = groupOf[j]!;
          if (g >= 0) groupOf[j] = dense[g * radix + ids[j]!]!;
        }
      } else {
        for (let j = 0; j < n; j++) {
          const g = groupOf[j]!;
          if (g >= 0) groupOf[j] = sparse!.get(g * radix + ids[j]!) ?? -1;
        }
      }
    });
    const offset = new Int32Array(count + 1);
    for (let j = 0; j < n; j++) {
      const g = groupOf[j]!;
      if (g >= 0) offset[g + 1]!++;
    }
    // Groups laid out one after another, each in day order (a stable counting sort by group).
    for (let g = 0; g < count; g++) offset[g + 1]! += offset[g]!;
    const total = offset[count]!;
    const days = this.ranks instanceof Uint16Array ? new Uint16Array(total) : new Int32Array(total);
    const leaves = new Float64Array(total);
    const fill = offset.slice(0, count);
    const order = this.order;
    for (let j = 0; j < n; j++) {
      const r = order ? order[j]! : j;
      const g = groupOf[r]!;
      if (g < 0) continue;
      const p = fill[g]!++;
      days[p] = this.ranks[r]!;
      leaves[p] = this.values[r]!;
    }
    // Each group's nodes bottom-up, as a full tree would add them (in `inner`, one group at a time); the top ones are kept.
    const topOffset = new Int32Array(count + 1);
    let largest = 0;
    for (let g = 0; g < count; g++) {
      const size = offset[g + 1]! - offset[g]!;
      topOffset[g + 1] = topOffset[g]! + (size >> THIN_LEVELS);
      largest = Math.max(largest, size);
    }
    const top = new Float64Array(topOffset[count]!);
    const inner = new Float64Array(largest);
    const trees: Tree[] = [];
    for (let g = 0; g < count; g++) {
      const size = offset[g + 1]! - offset[g]!;
      const t: Tree = { leaves, leafBase: offset[g]!, top, topBase: topOffset[g]!, size, cut: size >> THIN_LEVELS };
      const leaf = t.leafBase - size;
      for (let i = size - 1; i >= 1; i--) {
        const a = 2 * i;
        inner[i] = (a >= size ? leaves[leaf + a]! : inner[a]!) + (a + 1 >= size ? leaves[leaf + a + 1]! : inner[a + 1]!);
      }
      if (t.cut > 1) top.set(inner.subarray(1, t.cut), t.topBase + 1);
      trees.push(t);
    }
    const slots = new Float64Array(64);
    planned.forEach((p, k) => {
      let sum = 0;
      for (const g of reads[k]!) {
        const start = offset[g]!;
        const end = offset[g + 1]!;
        const lo = lowerBound(days, start, end, p.lo);
        const hi = lowerBound(days, lo, end, p.hi);
        if (hi > lo) sum += rangeSum(trees[g]!, lo - start, hi - start, slots);
      }
      out[p.at] = sum;
    });
  }
}
