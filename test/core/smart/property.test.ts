import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { CellValue } from "../../../src/core/cells";
import { excelError } from "../../../src/core/errors";
import { SMART_LETTERS } from "../../../src/core/smart/findings";
import { rowLocalFindings, smartScore, type GoalFields } from "../../../src/core/smart/row";
import { validatePlan } from "../../../src/core/smart/validate";
import { d, plan, type Row } from "./tables";

/** Cells a user might type anywhere: blanks, text, numbers, booleans, errors. */
const junk: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constantFrom<CellValue>(null, "", "   ", true, excelError("#N/A"), excelError("#REF!")),
  fc.string({ maxLength: 12 }),
);
const text = fc.oneof(junk, fc.constantFrom<CellValue>("Grow", "Grow sales", "East region revenue 2026", "提升销量", "提销量", "Revenue", "CNY", "Wang Wei"));
const num = fc.oneof(
  junk,
  fc.constantFrom<CellValue>(0, -5, 100, 110, 150, 160, 200, 200.001, 260, 40, "100"),
  fc.double({ min: -1e7, max: 1e7, noNaN: true }),
);
const date = fc.oneof(
  junk,
  fc.constantFrom<CellValue>(2026, "2026", "2026-1-1", "2026/12/31", "2026年6月30日", "9/30/2026", d(1990, 1, 1), d(1989, 12, 31)),
  fc.integer({ min: d(1985, 1, 1), max: d(2205, 1, 1) }),
  fc.double({ min: d(2020, 1, 1), max: d(2030, 1, 1), noNaN: true }),
);
const direction = fc.oneof(junk, fc.constantFrom<CellValue>("higher", "lower", "LOWER", 1, -1, "高", "低", "越高越好", "越低越好", "up"));

const fieldsArb: fc.Arbitrary<GoalFields> = fc.record({
  goal: text, objective: text, metric: text, unit: text, direction, baseline: num, target: num, start: date, end: date, owner: text,
});
const maxGrowthArb = fc.oneof(fc.constantFrom(0.1, 0.3, 0.5, 0.75, 1.5, 10), fc.double({ min: 0.001, max: 10, noNaN: true }));

describe("PLAN.SMART and validation agree (one implementation of the row-local rules)", () => {
  it("for random goal rows, smartScore = 5 − distinct letters of validatePlan's error findings on the row = validatePlan's score", () => {
    fc.assert(
      fc.property(fc.array(fieldsArb, { minLength: 1, maxLength: 8 }), maxGrowthArb, (rows, maxGrowth) => {
        // unique IDs, no Parent, no Phasing, no PlanActions: no cross-table rule can fire
        const targets: Row[] = rows.map((f, i) => ({
          GoalID: `G-${i + 1}`, Goal: f.goal ?? null, Objective: f.objective ?? null, Metric: f.metric ?? null, Unit: f.unit ?? null,
          Direction: f.direction ?? null, Baseline: f.baseline ?? null, Target: f.target ?? null, Start: f.start ?? null,
          End: f.end ?? null, Owner: f.owner ?? null,
        }));
        const v = validatePlan(plan({ targets, settings: [{ Key: "MaxGrowth", Value: maxGrowth }] }));
        expect(v.goals).toBe(rows.length);
        rows.forEach((f, i) => {
          const row = i + 2;
          const mine = v.findings.filter((x) => x.table === "PlanTargets" && x.row === row);
          const letters = new Set(mine.filter((x) => x.severity === "error" && (SMART_LETTERS as readonly string[]).includes(x.criterion)).map((x) => x.criterion));
          const s = smartScore(f, maxGrowth);
          expect(s.score).toBe(5 - letters.size);
          expect(v.scores[i]).toEqual({ goalId: `G-${i + 1}`, row, score: s.score, unmet: s.unmet });
          // the plan reports exactly the row-local findings, nothing more for such a row
          expect(mine.map((x) => x.code).sort()).toEqual(rowLocalFindings(f, { maxGrowth }).map((x) => x.code).sort());
        });
      }),
      { numRuns: 300 },
    );
  });
  it("the errors of the row-local rules are exactly S1, M1, M2, A1, R1, T1, T2", () => {
    fc.assert(
      fc.property(fieldsArb, maxGrowthArb, (f, maxGrowth) => {
        for (const x of rowLocalFindings(f, { maxGrowth })) {
          expect(x.severity === "error").toBe(["S1", "M1", "M2", "A1", "R1", "T1", "T2"].includes(x.code));
        }
      }),
      { numRuns: 500 },
    );
  });
});
