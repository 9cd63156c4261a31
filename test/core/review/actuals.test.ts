/**
 * The columnar actuals index on its own: the day order it sorts by, its sums against a direct
 * reference (Excel's `=` per cell, whole-day bounds), batches against single queries, and the
 * wide paths (more than 65,536 classes in a column, or distinct days) that small plans never take.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { type CellValue, excelStored } from "../../../src/core/cells";
import { excelError } from "../../../src/core/errors";
import { ActualsIndex, type ActualsQuery, dayOrder, excelEquals } from "../../../src/core/review/actuals";
import type { ConditionValue, ReviewCondition } from "../../../src/core/review/types";
import { TABLES } from "../../../src/core/schema";
import { d, plan, review } from "./plan";

const KEYS = TABLES.PlanActuals.columns.map((c) => c.key);
const INDEX: Record<string, number> = Object.fromEntries(KEYS.map((k, i) => [k, i]));
const DIMS = ["Metric", "Region", "Product", "Segment", "Rep"] as const;

/** A PlanActuals row (every column, in table order) from the cells given. */
function row(cells: Record<string, CellValue>): CellValue[] {
  return KEYS.map((k) => cells[k] ?? null);
}

/** The sum by the definition: every row, Excel's `=` on each condition, firstDay ≤ Date < lastDay + 1 (whole days). */
function direct(rows: readonly CellValue[][], q: ActualsQuery): number {
  let sum = 0;
  for (const r of rows) {
    const date = r[INDEX.Date!];
    const value = r[INDEX.Value!];
    if (typeof date !== "number" || !Number.isFinite(date) || typeof value !== "number" || !Number.isFinite(value)) continue;
    if (Math.floor(date) < Math.ceil(q.firstDay) || Math.floor(date) > Math.floor(q.lastDay)) continue;
    if (q.conditions.every((c) => excelEquals(r[INDEX[c.key]!], c.value))) sum += excelStored(value);
  }
  return sum;
}

describe("dayOrder", () => {
  // Whole days from a narrow range (counting sort), a wide one (packed sort) and an absurd one (comparison sort).
  const days = fc.oneof(
    fc.array(fc.integer({ min: 46_000, max: 46_400 }), { maxLength: 300 }),
    fc.array(fc.constantFrom(-3e9, -1, 0, 5, 3e9, 4e9), { maxLength: 100 }),
    fc.array(fc.constantFrom(-1e300, -2, 7, 1e15, 1e300), { maxLength: 100 }),
    fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 100 }).map((a) => a.sort((x, y) => x - y)),
  );

  it("orders days ascending, ties in index order, and ranks them among the distinct days", () => {
    fc.assert(
      fc.property(days, (list) => {
        const input = Float64Array.from(list);
        const { order, distinct, ranks } = dayOrder(input);
        const expected = list.map((_, i) => i).sort((a, b) => list[a]! - list[b]! || a - b);
        expect(order ? Array.from(order) : list.map((_, i) => i)).toEqual(expected);
        expect(Array.from(distinct)).toEqual([...new Set(list)].sort((a, b) => a - b));
        list.forEach((day, i) => expect(distinct[ranks[i]!]).toBe(day));
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it("leaves days already in order unpermuted", () => {
    expect(dayOrder(Float64Array.from([1, 1, 2, 9])).order).toBeNull();
    expect(dayOrder(Float64Array.from([2, 1])).order).not.toBeNull();
  });
});

describe("ActualsIndex", () => {
  // Cells that exercise Excel's `=`: case, spaces, text beside numbers, 0 and FALSE beside blanks, -0, errors.
  const POOL: CellValue[] = ["East", "east", "EAST", " East", "", 0, -0, 123, "123", true, false, null, excelError("#N/A")];
  const cell = fc.constantFrom<CellValue>(...POOL);
  const goalValue = fc.constantFrom<ConditionValue>("East", "east", " East", "", 0, 123, "123", true, false);
  const rowArb = fc.record({
    Date: fc.oneof(
      { arbitrary: fc.integer({ min: 100, max: 140 }).map((x): CellValue => x), weight: 5 },
      { arbitrary: fc.double({ min: 100, max: 140, noNaN: true }).map((x): CellValue => x), weight: 2 },
      { arbitrary: fc.constantFrom<CellValue>("2026-07-01", null, true, Number.NaN, excelError("#VALUE!")), weight: 1 },
    ),
    // Whole values: the direct sum and the index's segment tree then add exactly, in any order.
    Value: fc.oneof({ arbitrary: fc.integer({ min: -1000, max: 1000 }).map((x): CellValue => x), weight: 6 }, { arbitrary: fc.constantFrom<CellValue>("42", null, Infinity), weight: 1 }),
    Metric: cell, Region: cell, Product: cell, Segment: cell, Rep: cell,
  });
  const queryArb = fc.record({
    conditions: fc.array(fc.record({ key: fc.constantFrom(...DIMS), value: goalValue }), { maxLength: 4 }),
    firstDay: fc.oneof(fc.integer({ min: 95, max: 145 }), fc.double({ min: 95, max: 145, noNaN: true })),
    length: fc.double({ min: -3, max: 40, noNaN: true }),
  }).map((q): ActualsQuery => ({ conditions: q.conditions as ReviewCondition[], firstDay: q.firstDay, lastDay: q.firstDay + q.length }));

  it("sums what a direct pass over the rows sums, and a batch answers as each query alone", () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 150 }), fc.array(queryArb, { minLength: 1, maxLength: 12 }), (cells, queries) => {
        const rows = cells.map(row);
        const index = new ActualsIndex(rows, INDEX);
        const batch = index.sums(queries);
        queries.forEach((q, i) => {
          expect(batch[i]).toBe(direct(rows, q));
          expect(Object.is(index.sum(q.conditions, q.firstDay, q.lastDay), batch[i])).toBe(true);
        });
      }),
      { numRuns: 400, seed: 20260815 },
    );
  });

  it("adds a range as a full segment tree over the group's rows in day order does, to the last bit", () => {
    // The rounding contract: subtotals of the range only, never a difference of running totals.
    const reference = (days: number[], values: number[], first: number, last: number): number => {
      const order = days.map((_, i) => i).sort((a, b) => days[a]! - days[b]! || a - b);
      const size = order.length;
      const tree = new Float64Array(2 * size);
      order.forEach((r, i) => (tree[size + i] = excelStored(values[r]!))); // as a cell holds it: a subnormal is 0
      for (let i = size - 1; i >= 1; i--) tree[i] = tree[2 * i]! + tree[2 * i + 1]!;
      let l = order.findIndex((r) => days[r]! >= first);
      let r = order.findIndex((x) => days[x]! > last);
      if (l < 0) l = size;
      if (r < 0) r = size;
      let left = 0;
      let right = 0;
      for (l += size, r += size; l < r; l >>= 1, r >>= 1) {
        if (l & 1) left += tree[l++]!;
        if (r & 1) right = tree[--r]! + right;
      }
      return left + right;
    };
    fc.assert(
      fc.property(
        // Any count of rows, or a power of two (whose root a range over every day reads).
        fc.oneof(fc.integer({ min: 1, max: 400 }), fc.constantFrom(16, 32, 64, 128, 256)).chain((n) =>
          fc.array(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.double({ min: -1e6, max: 1e6, noNaN: true })), { minLength: n, maxLength: n })),
        fc.array(fc.oneof(fc.tuple(fc.integer({ min: -2, max: 62 }), fc.integer({ min: 0, max: 64 })), fc.constant<[number, number]>([0, 60])), { minLength: 1, maxLength: 10 }),
        (pairs, ranges) => {
          const rows = pairs.map(([day, value]) => row({ Date: day, Value: value, Metric: "M" }));
          const index = new ActualsIndex(rows, INDEX);
          const sums = index.sums(ranges.map(([first, length]) => ({ conditions: [{ key: "Metric", value: "m" }], firstDay: first, lastDay: first + length })));
          ranges.forEach(([first, length], i) => {
            const expected = reference(pairs.map((p) => p[0]), pairs.map((p) => p[1]), first, first + length);
            expect(Object.is(sums[i], expected), `${sums[i]} vs ${expected}`).toBe(true);
          });
        },
      ),
      { numRuns: 300, seed: 99 },
    );
  });

  it("counts only rows whose Date and Value are numbers, and knows the latest such day", () => {
    const rows = [
      row({ Date: 10.75, Value: 1, Metric: "M" }),
      row({ Date: 12, Value: "2", Metric: "M" }),
      row({ Date: "13", Value: 4, Metric: "M" }),
      row({ Date: 11, Value: 8, Metric: "M" }),
      [],
    ];
    const index = new ActualsIndex(rows, INDEX);
    expect(index.size).toBe(2);
    expect(index.latest).toBe(11);
    expect(index.sum([{ key: "Metric", value: "m" }], 10, 11)).toBe(9);
    expect(index.sum([], 10, 10)).toBe(1);
    expect(index.sum([], 11, 10)).toBe(0);
    expect(new ActualsIndex([], INDEX).latest).toBeNull();
  });

  it("takes days beyond 32 bits and spans beyond a counting sort", () => {
    const rows = [5, 3e9, 1e300, -4e9, 5.5].map((day, i) => row({ Date: day, Value: 2 ** i, Metric: "M" }));
    const index = new ActualsIndex(rows, INDEX);
    expect(index.latest).toBe(1e300);
    expect(index.sum([], 0, 4e9)).toBe(1 + 2 + 16);
    expect(index.sum([{ key: "Metric", value: "M" }], -5e9, 4)).toBe(8);
    expect(index.sum([], 3e9, 2e300)).toBe(2 + 4);
  });

  it("columns of more than 256 and more than 65,536 distinct texts, over more than 65,536 distinct days", () => {
    const n = 70_000;
    const rows = Array.from({ length: n }, (_, i) =>
      row({ Date: n - i, Value: i, Metric: "M", Rep: `Rep ${i % 66_000}`, Region: i % 2 === 0 ? "E" : null, Product: `P${i % 300}` }));
    const index = new ActualsIndex(rows, INDEX);
    const queries: ActualsQuery[] = [
      { conditions: [{ key: "Rep", value: "rep 65999" }], firstDay: 1, lastDay: n },
      { conditions: [{ key: "Rep", value: "REP 7" }, { key: "Region", value: "e" }], firstDay: 1, lastDay: n },
      { conditions: [{ key: "Metric", value: "m" }], firstDay: 100, lastDay: 69_000 },
      { conditions: [{ key: "Region", value: 0 }], firstDay: 66_000, lastDay: n + 5 },
      { conditions: [{ key: "Product", value: "p299" }, { key: "Rep", value: "Rep 599" }], firstDay: 1, lastDay: n },
      { conditions: [{ key: "Product", value: "P7" }], firstDay: 5_000, lastDay: 60_000 },
    ];
    const sums = index.sums(queries);
    queries.forEach((q, i) => expect(sums[i]).toBe(direct(rows, q)));
    expect(sums[0]).toBe(65_999);
    expect(index.latest).toBe(n);
  });
});

describe("the engine's actuals rows", () => {
  it("a row whose only cells are formula Date and Value is a blank row of the table, as bindTable has it", () => {
    const tables = plan({
      targets: [{ GoalID: "G-001", Metric: "Revenue", Target: 100, Start: d(2026, 7, 1), End: d(2026, 9, 30) }],
      actuals: [
        { Date: d(2026, 7, 2), Value: 5, Metric: "Revenue" },
        { Date: d(2026, 7, 3), Value: 7 },
      ],
    });
    const formulas = tables.PlanActuals!.headers.map((_, i) => KEYS[i] === "Date" || KEYS[i] === "Value");
    const withFormulas = { ...tables, PlanActuals: { ...tables.PlanActuals!, formulaColumns: formulas } };
    const opts = { period: "2026-Q3", asOf: d(2026, 7, 31) };
    expect(review(tables, opts).freshness.latestActual).toBe(d(2026, 7, 3));
    expect(review(withFormulas, opts).freshness.latestActual).toBe(d(2026, 7, 2));
    expect(review(withFormulas, opts).goals[0]!.actual).toBe(5);
  });
});
