/**
 * For random small plans, the engine equals a naive reference written here from the text of
 * review.md alone: nested loops over goals and actuals, day weights summed day by day, and
 * Excel's `=` spelled out case by case.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { CellValue } from "../../../src/core/cells";
import { serialFromYmd } from "../../../src/core/dates";
import { actual, goal, plan, profile, review, type Row } from "./plan";

const Q3_START = serialFromYmd(2026, 7, 1);
const Q3_END = serialFromYmd(2026, 9, 30);
const MONTH_DAYS_2026 = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const JAN1_2026 = serialFromYmd(2026, 1, 1);

/** Month (0–11) of a 2026 serial, counted by hand. */
function month2026(day: number): number {
  let rest = day - JAN1_2026;
  for (let m = 0; m < 12; m++) {
    if (rest < MONTH_DAYS_2026[m]!) return m;
    rest -= MONTH_DAYS_2026[m]!;
  }
  throw new Error("outside 2026");
}

/** Σ of day weights over from..to, one day at a time (weights null: each day weighs 1). */
function daySum(from: number, to: number, weights: number[] | null): number {
  let w = 0;
  for (let day = from; day <= to; day++) {
    const m = month2026(day);
    w += weights ? weights[m]! / MONTH_DAYS_2026[m]! : 1;
  }
  return w;
}

/** Excel's `=` between an actual's cell and a goal's (non-blank) cell. */
function excelEq(a: CellValue, g: CellValue): boolean {
  if (a === null) {
    // An empty cell is "" against text, 0 against a number, FALSE against a boolean.
    if (typeof g === "string") return g === "";
    if (typeof g === "number") return g === 0;
    if (typeof g === "boolean") return g === false;
    return false;
  }
  if (typeof a === "string" && typeof g === "string") return a.toLowerCase() === g.toLowerCase();
  if (typeof a === "number" && typeof g === "number") return a === g;
  if (typeof a === "boolean" && typeof g === "boolean") return a === g;
  return false;
}

const blankGoalCell = (v: CellValue) => v === null || (typeof v === "string" && v.trim() === "");

interface Expected {
  id: string;
  tp: number | null;
  td: number | null;
  a: number | null;
  status: string;
}

/** The review of Q3 2026 as of `asOf`, by nested loops. Only goals inside 2026 are generated. */
function naive(targets: Row[], actuals: Row[], profiles: Map<string, number[]>, asOf: number, atRisk: number): Expected[] {
  const a = Math.min(asOf, Q3_END);
  const out: Expected[] = [];
  for (const g of targets) {
    const gs = g.Start as number;
    const ge = g.End as number;
    const os = Math.max(Q3_START, gs);
    const oe = Math.min(Q3_END, ge);
    if (oe < os) continue;
    const name = g.Phasing as string | null;
    const weights = name === null || name === undefined ? null : (profiles.get(name.toLowerCase()) ?? "missing");
    if (weights === "missing" || (weights && weights.every((w) => w === 0)) || daySum(gs, ge, weights) === 0) {
      out.push({ id: g.GoalID as string, tp: null, td: null, a: null, status: "Needs fix" });
      continue;
    }
    const T = g.Target as number;
    const total = daySum(gs, ge, weights);
    const c = Math.min(oe, a);
    const tp = (T * daySum(os, oe, weights)) / total;
    const td = c < os ? 0 : (T * daySum(os, c, weights)) / total;
    let A = 0;
    if (c >= os) {
      for (const x of actuals) {
        if (typeof x.Date !== "number" || typeof x.Value !== "number") continue;
        if (!(x.Date >= os && x.Date < c + 1)) continue;
        if (!excelEq(x.Metric ?? null, g.Metric!)) continue;
        let ok = true;
        for (const k of ["Region", "Product", "Segment", "Rep"]) {
          const gv = g[k] ?? null;
          if (!blankGoalCell(gv) && !excelEq(x[k] ?? null, gv)) ok = false;
        }
        if (ok) A += x.Value;
      }
    }
    const lower = g.Direction === "lower";
    const variance = lower ? td - A : A - td;
    let status: string;
    if (c < os) status = "Not started";
    else if (td > 0) {
      const pace = A / td;
      if (lower) status = pace <= 1 ? "On track" : pace <= 2 - atRisk ? "At risk" : "Off track";
      else status = pace >= 1 ? "On track" : pace >= atRisk ? "At risk" : "Off track";
    } else if (td === 0) status = "On track";
    else status = variance >= 0 ? "On track" : "Off track";
    out.push({ id: g.GoalID as string, tp, td, a: A, status });
  }
  return out;
}

const close = (x: number | null, y: number | null) =>
  x === null || y === null ? x === y : Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));

/** Cells that make matching interesting: case, spaces, numbers beside numeric text, 0 and FALSE beside blanks, wildcards. */
const POOL: CellValue[] = ["East", "east", " East", "00123", 123, "123", 0, false, "Pro*Max", "ProXMax", "华东"];
const poolValue = fc.constantFrom<CellValue>(...POOL);
/** A goal's dimension: blank half the time (null, "", spaces), else from the pool. */
const goalDim = fc.oneof({ arbitrary: fc.constantFrom<CellValue>(null, "", "  "), weight: 3 }, { arbitrary: poolValue, weight: 2 });
/** An actual's dimension: blank sometimes, else from the pool. */
const actualDim = fc.oneof({ arbitrary: fc.constant<CellValue>(null), weight: 1 }, { arbitrary: poolValue, weight: 3 });
const metricValue = fc.constantFrom<CellValue>("Revenue", "revenue", "Revenue", "REVENUE", "Units", "Revenue ", 7);
const day2026 = fc.integer({ min: serialFromYmd(2026, 5, 1), max: serialFromYmd(2026, 11, 30) });
const weightArb = fc.array(fc.constantFrom(0, 1, 2, 3.5, 10), { minLength: 12, maxLength: 12 });

const targetArb = fc.record({
  metric: fc.constantFrom<CellValue>("Revenue", "revenue", "REVENUE", "Units", 7),
  region: goalDim, product: goalDim, rep: goalDim,
  // Subnormal targets (5e-324) are left out: the naive division underflows to 0 where PRORATE returns the total itself.
  target: fc.oneof(fc.integer({ min: -5_000, max: 50_000 }), fc.double({ min: -1e4, max: 1e6, noNaN: true }).filter((x) => x === 0 || Math.abs(x) >= 1e-3)),
  start: fc.oneof({ arbitrary: fc.integer({ min: serialFromYmd(2026, 5, 1), max: Q3_START + 20 }), weight: 3 }, { arbitrary: day2026, weight: 1 }),
  len: fc.integer({ min: 0, max: 150 }),
  lower: fc.boolean(),
  phasing: fc.constantFrom<string | null>(null, null, null, null, "p1", "P2", "none"),
});
const actualArb = fc.record({
  date: fc.oneof(
    { arbitrary: fc.integer({ min: Q3_START, max: Q3_START + 45 }).map((x) => x as CellValue), weight: 4 },
    { arbitrary: fc.double({ min: Q3_START - 5, max: Q3_END + 5, noNaN: true }).map((x) => x as CellValue), weight: 2 },
    { arbitrary: day2026.map((x) => x as CellValue), weight: 1 },
    { arbitrary: fc.constant<CellValue>("2026-07-15"), weight: 1 },
  ),
  value: fc.oneof(fc.integer({ min: -1000, max: 100_000 }).map((x) => x as CellValue), fc.double({ min: -1e3, max: 1e5, noNaN: true }), fc.constant<CellValue>("42")),
  metric: metricValue, region: actualDim, product: actualDim, rep: actualDim,
});

describe("engine = naive reference (property)", () => {
  it("for random plans of Q3 2026, TP, TD, A and status agree", () => {
    // How often the cases exercise matching: goals with a non-zero actual, and such goals with a dimension condition.
    let counted = 0;
    let countedWithDims = 0;
    fc.assert(
      fc.property(
        fc.array(targetArb, { minLength: 3, maxLength: 10 }),
        fc.array(actualArb, { minLength: 20, maxLength: 80 }),
        weightArb, weightArb,
        fc.oneof({ arbitrary: fc.integer({ min: Q3_START, max: Q3_END }), weight: 4 }, { arbitrary: fc.integer({ min: serialFromYmd(2026, 6, 1), max: serialFromYmd(2026, 10, 31) }), weight: 1 }),
        fc.constantFrom(0.9, 0.75, 1),
        (ts, as, w1, w2, asOf, atRisk) => {
          const targets: Row[] = ts.map((t, i) =>
            goal({
              GoalID: `G${i}`, Metric: t.metric, Region: t.region, Product: t.product, Rep: t.rep, Target: t.target,
              Start: t.start, End: Math.min(t.start + t.len, serialFromYmd(2026, 12, 31)), Direction: t.lower ? "lower" : "higher", Phasing: t.phasing,
            }),
          );
          const actuals: Row[] = as.map((x) => actual(x.date, x.value, { Metric: x.metric, Region: x.region, Product: x.product, Rep: x.rep }));
          const profiles = new Map([["p1", w1], ["p2", w2]]);
          const r = review(plan({ targets, actuals, phasing: [profile("p1", w1), profile("P2", w2)], settings: [{ Key: "AtRiskThreshold", Value: atRisk }] }), {
            period: "2026-Q3", asOf,
          });
          const expected = naive(targets, actuals, profiles, asOf, atRisk);
          for (const g of r.goals) {
            if (g.actual) {
              counted++;
              if (g.conditions.length > 1) countedWithDims++;
            }
          }
          expect(r.goals.map((g) => g.goalId)).toEqual(expected.map((e) => e.id));
          r.goals.forEach((g, i) => {
            const e = expected[i]!;
            expect(close(g.targetPeriod, e.tp), `TP of ${e.id}: ${g.targetPeriod} vs ${e.tp}`).toBe(true);
            expect(close(g.targetToDate, e.td), `TD of ${e.id}: ${g.targetToDate} vs ${e.td}`).toBe(true);
            expect(close(g.actual, e.a), `A of ${e.id}: ${g.actual} vs ${e.a}`).toBe(true);
            // Statuses agree except within 1e-9 of a threshold, where the engine's tolerance decides.
            if (g.status !== e.status) {
              const pace = g.pace ?? 0;
              const near = [1, atRisk, 2 - atRisk].some((b) => Math.abs(pace - b) <= 1e-8 * b);
              expect(near, `status of ${e.id}: ${g.status} vs ${e.status} (pace ${pace})`).toBe(true);
            }
          });
        },
      ),
      { numRuns: 300, seed: 20260815 },
    );
    expect(counted).toBeGreaterThan(200);
    expect(countedWithDims).toBeGreaterThan(100);
  });
});
