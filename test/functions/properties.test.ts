/** Property tests over the PLAN.* catalogue: identities the spec implies, and "never throws". */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import * as cat from "../../src/functions/catalog";
import type { Arg, Result } from "../../src/functions/coerce";
import { elementwise, toNumber } from "../../src/functions/coerce";
import { excelError, isError } from "../../src/core/errors";
import * as fin from "../../src/core/variance";
import { parseDirection } from "../../src/core/variance";
import type { CellValue } from "../../src/core/cells";

const DAY0 = 45658; // 2025-01-01
const day = fc.integer({ min: DAY0 - 800, max: DAY0 + 1500 });
const money = fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true });
// Positive weights: with a zero month a window inside it has no weight at all (#DIV/0!, tested by hand).
const weights12 = fc.array(fc.double({ min: 0.01, max: 1000, noNaN: true }), { minLength: 12, maxLength: 12 });
const anyCell: fc.Arbitrary<CellValue> = fc.oneof(
  fc.double(),
  fc.integer({ min: -5, max: 3_000_000 }),
  fc.string(),
  fc.constantFrom("higher", "lower", "低", "2026-07-01", "2026年第三季度", "FY2026", "", "day", "周"),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(excelError("#N/A"), excelError("#REF!")),
);
const anyArg: fc.Arbitrary<Arg> = fc.oneof(anyCell, fc.array(fc.array(anyCell, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }), fc.constant(undefined));
const num = (r: Result) => (typeof r === "number" ? r : Number.NaN);

describe("PLAN.* properties", () => {
  it("PHASE amounts sum to the total", () => {
    fc.assert(
      fc.property(money, day, fc.integer({ min: 0, max: 1200 }), fc.option(weights12, { nil: undefined }), (total, start, len, w) => {
        const r = cat.planPhase(total, start, start + len, w ? [w] : undefined);
        expect(Array.isArray(r)).toBe(true);
        const sum = (r as number[][]).reduce((s, row) => s + row[1]!, 0);
        expect(Math.abs(sum - total)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(total)));
      }),
    );
  });
  it("PRORATE is additive over adjacent windows", () => {
    fc.assert(
      fc.property(money, day, fc.integer({ min: 0, max: 900 }), day, fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 400 }), weights12, (total, gs, glen, ws, l1, l2, w) => {
        const ge = gs + glen;
        const a = num(cat.planProrate(total, gs, ge, ws, ws + l1, [w]));
        const b = num(cat.planProrate(total, gs, ge, ws + l1 + 1, ws + l1 + 1 + l2, [w]));
        const both = num(cat.planProrate(total, gs, ge, ws, ws + l1 + 1 + l2, [w]));
        expect(Math.abs(a + b - both)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(total)));
      }),
    );
  });
  it("VARIANCE with lower is the negation of higher, for single cells and ranges", () => {
    fc.assert(
      fc.property(fc.array(fc.array(money, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 4 }), money, (actual, target) => {
        const hi = cat.planVariance(actual, target, "higher") as number[][];
        const lo = cat.planVariance(actual, target, "lower") as number[][];
        hi.forEach((row, r) => row.forEach((v, c) => expect(lo[r]![c]).toBe(-v + 0)));
      }),
    );
  });
  it("PVM's three effects sum to the total revenue variance", () => {
    const pos = fc.double({ min: 0.01, max: 1e5, noNaN: true });
    fc.assert(
      fc.property(fc.array(fc.tuple(pos, pos, pos, pos), { minLength: 1, maxLength: 8 }), (rows) => {
        const col = (i: number) => rows.map((r) => [r[i]!]);
        const r = cat.planPvm(col(0), col(1), col(2), col(3)) as number[][];
        const [p, v, m] = r[0]!;
        const total = rows.reduce((s, [ap, av, tp, tv]) => s + ap * av - tp * tv, 0);
        const scale = rows.reduce((s, [ap, av, tp, tv]) => s + Math.abs(ap * av) + Math.abs(tp * tv), 0);
        expect(Math.abs(p! + v! + m! - total)).toBeLessThanOrEqual(1e-9 * scale);
      }),
    );
  });
  it("the numeric fast lane gives exactly what the general element-wise path gives", () => {
    const cellOrNum = fc.oneof({ weight: 4, arbitrary: money }, { weight: 1, arbitrary: anyCell }, { weight: 1, arbitrary: fc.constant(0) });
    const grid = fc.array(fc.array(cellOrNum, { minLength: 3, maxLength: 3 }), { minLength: 2, maxLength: 2 });
    fc.assert(
      fc.property(grid, fc.oneof(grid, cellOrNum), fc.constantFrom<Arg>(undefined, null, "lower", "越高越好", -1), (a, t, d) => {
        const generic = (f: (x: number, y: number, dd: "higher" | "lower") => CellValue, names = ["actual", "target"]) =>
          elementwise<[number, number, "higher" | "lower"]>([a, t, d], [(v) => toNumber(v, names[0]!), (v) => toNumber(v, names[1]!), (v) => (v === "" ? "higher" : parseDirection(v))], f);
        const same = (x: Result, y: Result) => expect(JSON.stringify(x)).toBe(JSON.stringify(y));
        same(cat.planVariance(a, t, d), generic((x, y, dd) => fin.variance(x, y, dd)));
        same(cat.planVariancePct(a, t, d), generic((x, y, dd) => fin.variancePct(x, y, dd)));
        same(cat.planAttainment(a, t), generic((x, y) => fin.attainment(x, y)));
        same(cat.planGrowth(a, t), generic((x, y) => fin.growth(x, y), ["target", "baseline"]));
      }),
    );
  });
  it("no function throws, whatever it is given: it returns a value or an Excel error", () => {
    fc.assert(
      fc.property(fc.constantFrom(...cat.PLAN_FUNCTIONS), fc.array(anyArg, { minLength: 0, maxLength: 9 }), (f, args) => {
        const r = f.impl(...args);
        const ok = (v: unknown) => v === null || ["number", "string", "boolean"].includes(typeof v) || isError(v);
        if (Array.isArray(r)) r.forEach((row) => row.forEach((v) => expect(ok(v)).toBe(true)));
        else expect(ok(r)).toBe(true);
        if (typeof r === "number") expect(Number.isFinite(r)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
