import { describe, expect, it } from "vitest";
import { excelError } from "../../../src/core/errors";
import { impliedGrowth, rowLocalFindings, smartScore, type GoalFields } from "../../../src/core/smart/row";
import { renderFinding, placeFinding } from "../../../src/core/smart/findings";
import { d } from "./tables";

/** A goal that meets every row-local rule: revenue 5,000,000 → 6,000,000 (g = 20%). */
const CLEAN: GoalFields = {
  goal: "East region revenue FY2026", objective: "Grow the core regions", metric: "Revenue", unit: "CNY",
  direction: "higher", baseline: 5_000_000, target: 6_000_000, start: d(2026, 1, 1), end: d(2026, 12, 31), owner: "Wang Wei",
};

const codes = (f: GoalFields, maxGrowth?: number) => rowLocalFindings({ ...CLEAN, ...f }, maxGrowth === undefined ? {} : { maxGrowth }).map((x) => x.code);
const one = (f: GoalFields, code: string, maxGrowth?: number) =>
  rowLocalFindings({ ...CLEAN, ...f }, maxGrowth === undefined ? {} : { maxGrowth }).filter((x) => x.code === code);

describe("a clean goal", () => {
  it("has no finding and scores 5", () => {
    expect(rowLocalFindings(CLEAN)).toEqual([]);
    expect(smartScore(CLEAN)).toEqual({ score: 5, unmet: [] });
  });
});

describe("S: specific", () => {
  it("S1: a blank, spaces-only or error goal statement is an error", () => {
    for (const goal of [null, "   ", excelError("#N/A")]) {
      const f = one({ goal }, "S1");
      expect(f).toHaveLength(1);
      expect(f[0]).toMatchObject({ criterion: "S", severity: "error", column: "Goal" });
    }
    expect(smartScore({ ...CLEAN, goal: null })).toEqual({ score: 4, unmet: ["S"] });
  });
  it("S2: 2 words is vague, 3 words is not", () => {
    expect(codes({ goal: "Grow sales" })).toEqual(["S2"]);
    expect(codes({ goal: "Grow East sales" })).toEqual([]);
    const f = one({ goal: "Grow sales" }, "S2")[0]!;
    expect(f.severity).toBe("warning");
    expect(f.message.params).toMatchObject({ words: 2, cjk: 0 });
  });
  it("S2: 3 CJK characters are vague, 4 are not", () => {
    expect(codes({ goal: "提销量" })).toEqual(["S2"]);
    expect(codes({ goal: "提升销量" })).toEqual([]);
  });
  it("S2 is a warning: it never lowers the score", () => {
    expect(smartScore({ ...CLEAN, goal: "Grow" }).score).toBe(5);
  });
});

describe("M: measurable", () => {
  it("M1: blank metric", () => {
    expect(one({ metric: "" }, "M1")[0]).toMatchObject({ criterion: "M", severity: "error", column: "Metric" });
  });
  it("M2: blank target, text target (even digits), boolean target", () => {
    for (const target of [null, "6000000", "six million", true]) {
      expect(one({ target }, "M2")[0]).toMatchObject({ severity: "error", column: "Target" });
    }
    expect(one({ target: null }, "M2")[0]!.message.key).toBe("smart.M2.blank");
    expect(one({ target: "6000000" }, "M2")[0]!.message).toEqual({ key: "smart.M2.notNumber", params: { value: "6000000" } });
  });
  it("M3: blank unit is a warning", () => {
    expect(one({ unit: null }, "M3")[0]).toMatchObject({ severity: "warning", column: "Unit" });
    expect(smartScore({ ...CLEAN, unit: null }).score).toBe(5);
  });
  it("M4: target zero or negative is a warning; a tiny positive target is not", () => {
    expect(codes({ target: 0, baseline: null })).toEqual(["M4", "A3"]);
    expect(codes({ target: -5, baseline: null })).toEqual(["M4", "A3"]);
    expect(codes({ target: 0.001, baseline: null })).toEqual(["A3"]);
  });
});

describe("A: achievable (implied improvement g)", () => {
  it("g for higher is target/baseline − 1, for lower baseline/target − 1 (cost 100 → 40 is 1.5)", () => {
    expect(impliedGrowth(150, 100, "higher")).toBe(0.5);
    expect(impliedGrowth(40, 100, "lower")).toBe(1.5);
    expect(impliedGrowth(40, 0, "higher")).toBeNull();
    expect(impliedGrowth(0, 100, "lower")).toBeNull();
  });
  it("growth exactly at MaxGrowth is not A2; a hair above is", () => {
    // 150 / 100 − 1 = 0.5 = MaxGrowth
    expect(codes({ baseline: 100, target: 150 }, 0.5)).toEqual([]);
    expect(codes({ baseline: 100, target: 150.001 }, 0.5)).toEqual(["A2"]);
    // 110 / 100 − 1 is 0.10000000000000009 in floating point: still "exactly" MaxGrowth 0.1
    expect(110 / 100 - 1 > 0.1).toBe(true);
    expect(codes({ baseline: 100, target: 110 }, 0.1)).toEqual([]);
  });
  it("growth exactly at 2 × MaxGrowth is A2, not A1; above it is A1", () => {
    // 200 / 100 − 1 = 1.0 = 2 × 0.5
    expect(codes({ baseline: 100, target: 200 }, 0.5)).toEqual(["A2"]);
    expect(codes({ baseline: 100, target: 200.001 }, 0.5)).toEqual(["A1"]);
    // 160 / 100 − 1 is 0.6000000000000001 in floating point, 2 × 0.3 is 0.6
    expect(160 / 100 - 1 > 2 * 0.3).toBe(true);
    expect(codes({ baseline: 100, target: 160 }, 0.3)).toEqual(["A2"]);
    expect(smartScore({ ...CLEAN, baseline: 100, target: 200.001 }, 0.5)).toEqual({ score: 4, unmet: ["A"] });
    expect(smartScore({ ...CLEAN, baseline: 100, target: 200 }, 0.5)).toEqual({ score: 5, unmet: [] });
  });
  it("lower is better: cost 100 → 40 is g = 1.5 (A1 at MaxGrowth 0.5, A2 at MaxGrowth 0.75)", () => {
    const cost: GoalFields = { direction: "lower", metric: "Cost", baseline: 100, target: 40 };
    expect(codes(cost, 0.5)).toEqual(["A1"]);
    expect(codes(cost, 0.75)).toEqual(["A2"]); // 1.5 = 2 × 0.75 exactly
    expect(codes(cost, 1.5)).toEqual([]); // 1.5 = MaxGrowth exactly
    // 110 / 100 − 1 = 0.10000000000000009: exactly MaxGrowth 0.1 for a cut from 110 to 100
    expect(codes({ direction: "lower", baseline: 110, target: 100 }, 0.1)).toEqual([]);
  });
  it("A3: blank or non-numeric baseline is a warning; zero baseline gives no A finding", () => {
    expect(one({ baseline: null }, "A3")[0]).toMatchObject({ severity: "warning", column: "Baseline", message: { key: "smart.A3.blank" } });
    expect(one({ baseline: "n/a" }, "A3")[0]!.message.key).toBe("smart.A3.notNumber");
    expect(codes({ baseline: 0 })).toEqual([]);
  });
  it("A4: a decline is info and never lowers the score", () => {
    const f = one({ baseline: 100, target: 90 }, "A4");
    expect(f[0]).toMatchObject({ criterion: "A", severity: "info", column: "Target" });
    expect(f[0]!.message.params).toMatchObject({ changePct: "10" });
    expect(smartScore({ ...CLEAN, baseline: 100, target: 90 }).score).toBe(5);
    // lower-is-better: a cost rising from 100 to 125 is a decline in performance
    expect(codes({ direction: "lower", baseline: 100, target: 125 })).toEqual(["A4"]);
  });
});

describe("R: relevant", () => {
  it("R1: blank objective is an error", () => {
    expect(one({ objective: " " }, "R1")[0]).toMatchObject({ criterion: "R", severity: "error", column: "Objective" });
    expect(smartScore({ ...CLEAN, objective: null })).toEqual({ score: 4, unmet: ["R"] });
  });
});

describe("T: time-bound", () => {
  it("T1: blank start or end", () => {
    expect(one({ start: null }, "T1")[0]).toMatchObject({ column: "Start", message: { key: "smart.T1.Start.blank" } });
    expect(one({ end: null }, "T1")[0]).toMatchObject({ column: "End", message: { key: "smart.T1.End.blank" } });
    expect(smartScore({ ...CLEAN, start: null, end: null })).toEqual({ score: 4, unmet: ["T"] });
  });
  it("T1: a year typed alone (2026, number or text) is not a date", () => {
    expect(one({ end: 2026 }, "T1")[0]!.message).toEqual({ key: "smart.T1.End.year", params: { value: "2026" } });
    expect(one({ start: "2026" }, "T1")[0]!.message.key).toBe("smart.T1.Start.year");
  });
  it("T1: the date range is 1990-01-01 … 2199-12-31", () => {
    // (2199-12-31 itself is serial 109574; cells.ts PLAN_DATE_MAX says 109572 — reported to the lead)
    expect(codes({ start: d(1990, 1, 1), end: d(2199, 12, 1) })).toEqual([]);
    expect(one({ start: d(1989, 12, 31) }, "T1")).toHaveLength(1);
    expect(one({ end: d(2200, 1, 1) }, "T1")).toHaveLength(1);
    expect(one({ end: "next year" }, "T1")[0]!.message.key).toBe("smart.T1.End.notDate");
  });
  it("T2: end before start is an error; the same day is fine", () => {
    expect(one({ start: d(2026, 6, 1), end: d(2026, 5, 31) }, "T2")[0]).toMatchObject({
      severity: "error", column: "End", message: { params: { start: "2026-06-01", end: "2026-05-31" } },
    });
    expect(codes({ start: d(2026, 6, 1), end: d(2026, 6, 1) })).toEqual([]);
  });
});

describe("P: row-local hygiene", () => {
  it("P2: blank owner is a warning", () => {
    expect(codes({ owner: null })).toEqual(["P2"]);
  });
  it("P4: an unknown direction is a warning and counts as higher", () => {
    // treated as higher: 100 → 40 is a decline (A4), not a 150% cut (A1)
    expect(codes({ direction: "up", baseline: 100, target: 40 })).toEqual(["A4", "P4"]);
    for (const direction of [null, "", "HIGHER", "Lower", 1, -1, "高", "低", "越高越好", "越低越好"]) {
      expect(codes({ direction })).not.toContain("P4");
    }
    expect(codes({ direction: "Lower", baseline: 100, target: 40 }, 0.5)).toEqual(["A1"]);
  });
  it("P5: text dates are accepted as dates, with a warning", () => {
    const f = rowLocalFindings({ ...CLEAN, start: "2026-1-1", end: "2026年12月31日" });
    expect(f.map((x) => [x.code, x.column])).toEqual([["P5", "Start"], ["P5", "End"]]);
    expect(f[1]!.message.params).toEqual({ value: "2026年12月31日", date: "2026-12-31" });
    expect(smartScore({ ...CLEAN, start: "2026/1/1", end: "2026-12-31" }).score).toBe(5);
    // a text end before a text start is still T2
    expect(codes({ start: "2026-6-1", end: "2026-5-1" })).toContain("T2");
  });
});

describe("smartScore (PLAN.SMART / PLAN.SMARTGAPS)", () => {
  it("counts the letters with no row-local error and lists the unmet ones in SMART order", () => {
    // T1 (start), M2 (target), S1 (goal)
    expect(smartScore({ ...CLEAN, start: null, target: "x", goal: "" })).toEqual({ score: 2, unmet: ["S", "M", "T"] });
  });
  it("an empty row meets only A (nothing to compare), whatever MaxGrowth", () => {
    expect(smartScore({}, 0.1)).toEqual({ score: 1, unmet: ["S", "M", "R", "T"] });
  });
  it("Excel error values in the fields are read as wrong values, never propagated", () => {
    const e = excelError("#REF!");
    expect(smartScore({ ...CLEAN, metric: e, end: e })).toEqual({ score: 3, unmet: ["M", "T"] });
  });
});

describe("messages", () => {
  it("A1 says what is wrong and what to do, with the numbers, in both languages", () => {
    // g = 260 / 100 − 1 = 1.6 = 160%; limit 2 × 0.5 = 100%
    const f = one({ baseline: 100, target: 260 }, "A1", 0.5)[0]!;
    const placed = placeFinding(f, "PlanTargets", 2, "G-001");
    expect(renderFinding("en", placed).message).toBe(
      "Target 260 is 160% above the baseline 100; the plan allows at most 100% (MaxGrowth 0.5 × 2). Lower the target or explain the baseline.",
    );
    expect(renderFinding("zh-CN", placed).message).toBe(
      "目标值 260 比基线 100 高 160%；计划最多允许 100%（最大增长率 0.5 × 2）。请降低目标值或说明基线。",
    );
  });
  it("lower-is-better A1 names the cut and the implied improvement", () => {
    // cut 100 → 40: change 60%, g = 100/40 − 1 = 150%
    const f = one({ direction: "lower", baseline: 100, target: 40 }, "A1", 0.5)[0]!;
    expect(renderFinding("en", placeFinding(f, "PlanTargets", 2, "G-1")).message).toBe(
      "Target 40 cuts the baseline 100 by 60%, an implied improvement of 150% (baseline ÷ target − 1); the plan allows at most 100% (MaxGrowth 0.5 × 2). Raise the target or explain the baseline.",
    );
  });
  it("large numbers carry thousands separators", () => {
    // 12,000,000 / 5,000,000 − 1 = 140%
    const f = one({ target: 12_000_000 }, "A1", 0.5)[0]!;
    expect(renderFinding("en", placeFinding(f, "PlanTargets", 2, null)).message).toContain("Target 12,000,000 is 140% above the baseline 5,000,000");
  });
});
