import { describe, expect, it } from "vitest";
import { excelError } from "../../../src/core/errors";
import { validatePlan, renderValidation, type PlanValidation } from "../../../src/core/smart/validate";
import type { Finding } from "../../../src/core/smart/findings";
import type { RawTables } from "../../../src/core/schema";
import { action, actual, d, fullTable, goal, keysOf, plan, profile, rawTable, risk, type Row } from "./tables";

const codesOf = (v: PlanValidation) => v.findings.map((f) => f.code);
const only = (v: PlanValidation, code: string): Finding[] => v.findings.filter((f) => f.code === code);
const scoreOf = (v: PlanValidation, goalId: string) => v.scores.find((s) => s.goalId === goalId);

/** Three goals meeting every rule, with actions, so only the rule under test fires. */
const g1 = goal({ GoalID: "G-001" });
const g2 = goal({ GoalID: "G-002", Goal: "West region revenue FY2026", Owner: "Li Na" });
const g3 = goal({ GoalID: "G-003", Goal: "North region revenue FY2026", Owner: "Zhao Lei" });
const actionsFor = (...ids: string[]) => ids.map((id, i) => action({ ActionID: `A-${i + 1}`, GoalID: id }));

describe("a clean, realistic plan", () => {
  // The seed example ("Q4 2023 revenue 5,000,000, 30% from new customers") as two rows:
  // G-001 Revenue 5,000,000 and its carve-out G-002 Revenue 1,500,000 with Segment New.
  const targets: Row[] = [
    goal({
      GoalID: "G-001", Goal: "Q4 2023 revenue 5,000,000, 30% from new customers", Objective: "Grow revenue in the core regions",
      Baseline: 4_200_000, Target: 5_000_000, Start: d(2023, 10, 1), End: d(2023, 12, 31), Owner: "Li Na", Phasing: "Retail",
    }), // g = 5.0 / 4.2 − 1 = 19%
    goal({
      GoalID: "G-002", Goal: "Q4 2023 revenue from new customers", Objective: "Grow revenue in the core regions",
      Baseline: 1_100_000, Target: 1_500_000, Segment: "New", Parent: "G-001",
      Start: d(2023, 10, 1), End: d(2023, 12, 31), Owner: "Zhang Wei",
    }), // g = 1.5 / 1.1 − 1 = 36.4% ≤ 50%; a single child: a carve-out, not summed
    goal({
      GoalID: "G-003", Goal: "降低华东区物流费用", Objective: "提升运营效率", Metric: "费用", Direction: "越低越好",
      Baseline: 900_000, Target: 800_000, Start: d(2023, 10, 1), End: d(2023, 12, 31), Owner: "王伟",
    }), // lower: g = 900 / 800 − 1 = 12.5%
    goal({
      GoalID: "G-004", Goal: "East region new customers in Q4", Objective: "Grow revenue in the core regions", Metric: "NewCustomers",
      Unit: "customers", Baseline: 100, Target: 120, Region: "East", Start: d(2023, 10, 1), End: d(2023, 12, 31), Owner: "Wang Wei",
    }), // g = 20%
  ];
  const tables = plan({
    targets,
    actions: [
      action({ ActionID: "A-001", GoalID: "G-001", Start: d(2023, 10, 2), Due: d(2023, 11, 30) }),
      action({ ActionID: "A-002", GoalID: "G-002", Start: d(2023, 10, 2), Due: d(2023, 12, 15), Owner: "Zhang Wei" }),
      action({ ActionID: "A-003", GoalID: "G-003", Action: "重新招标物流承运商", Owner: "王伟", Start: d(2023, 10, 9), Due: d(2023, 12, 31), Status: "进行中" }),
      action({ ActionID: "A-004", GoalID: "G-004", Start: d(2023, 10, 2), Due: d(2023, 10, 31) }),
    ],
    risks: [
      risk({ RiskID: "R-001", GoalID: "G-001", Likelihood: 3, Impact: 4, Due: d(2023, 11, 1) }),
      risk({ RiskID: "R-002", GoalID: "G-003", Risk: "承运商涨价", Likelihood: 1, Impact: 5 }),
    ],
    actuals: [
      actual({ Date: d(2023, 10, 3), Metric: "Revenue", Value: 410_000, Region: "East" }),
      actual({ Date: d(2023, 10, 9), Metric: "revenue", Value: 125_000, Segment: "New" }), // Excel's = ignores case
      actual({ Date: d(2023, 10, 12), Metric: "费用", Value: 70_000 }),
      actual({ Date: d(2023, 10, 20), Metric: "NewCustomers", Value: 9, Region: "East" }),
      actual({ Date: d(2023, 11, 2), Metric: "Revenue", Value: -3_000 }), // a credit note is still a number
    ],
    phasing: [profile("Retail", [8, 7, 8, 8, 8, 8, 8, 8, 8, 9, 10, 10])],
    settings: [{ Key: "MaxGrowth", Value: 0.5 }, { Key: "Language", Value: "en" }],
  });

  it("has no finding at all and every goal scores 5", () => {
    const v = validatePlan(tables);
    expect(v.findings).toEqual([]);
    expect(v.goals).toBe(4);
    expect(v.scores).toEqual([
      { goalId: "G-001", row: 2, score: 5, unmet: [] },
      { goalId: "G-002", row: 3, score: 5, unmet: [] },
      { goalId: "G-003", row: 4, score: 5, unmet: [] },
      { goalId: "G-004", row: 5, score: 5, unmet: [] },
    ]);
  });
  it("reads Chinese headers the same way", () => {
    const zh: RawTables = { ...tables, PlanTargets: rawTable("PlanTargets", keysOf("PlanTargets"), targets, 1, "zh") };
    expect(validatePlan(zh).findings).toEqual([]);
  });
});

describe("S3: a goal with no action", () => {
  it("is a warning when PlanActions exists, on the goal's Goal ID cell", () => {
    const v = validatePlan(plan({ targets: [g1, g2], actions: actionsFor("G-001") }));
    expect(v.findings).toEqual([
      expect.objectContaining({ table: "PlanTargets", row: 3, goalId: "G-002", column: "GoalID", criterion: "S", code: "S3", severity: "warning" }),
    ]);
    expect(scoreOf(v, "G-002")!.score).toBe(5);
  });
  it("is not reported when the plan has no PlanActions table", () => {
    expect(validatePlan(plan({ targets: [g1, g2] })).findings).toEqual([]);
  });
  it("action Goal IDs match ignoring case and spaces", () => {
    expect(validatePlan(plan({ targets: [g1], actions: actionsFor(" g-001 ") })).findings).toEqual([]);
  });
});

describe("R2: parents", () => {
  it("an unknown parent is an error that costs the R letter", () => {
    const v = validatePlan(plan({ targets: [g1, { ...g2, Parent: "G-999" }] }));
    expect(only(v, "R2")).toEqual([
      expect.objectContaining({ row: 3, goalId: "G-002", column: "Parent", severity: "error", message: { key: "smart.R2.unknown", params: { parent: "G-999" } } }),
    ]);
    expect(scoreOf(v, "G-002")).toEqual({ goalId: "G-002", row: 3, score: 4, unmet: ["R"] });
    expect(scoreOf(v, "G-001")!.score).toBe(5);
  });
  it("a goal that is its own parent", () => {
    const v = validatePlan(plan({ targets: [{ ...g1, Parent: "G-001" }] }));
    expect(only(v, "R2").map((f) => f.message.key)).toEqual(["smart.R2.self"]);
  });
  it("A → B → A: both goals close the cycle", () => {
    const v = validatePlan(plan({ targets: [{ ...g1, Parent: "G-002" }, { ...g2, Parent: "G-001" }, { ...g3, Parent: "G-001" }] }));
    const r2 = only(v, "R2");
    expect(r2.map((f) => [f.goalId, f.message.key])).toEqual([["G-001", "smart.R2.cycle"], ["G-002", "smart.R2.cycle"]]);
    expect(r2[0]!.message.params).toEqual({ parent: "G-002", cycle: "G-001 → G-002 → G-001" });
    // G-003 hangs under the cycle but does not close it
    expect(scoreOf(v, "G-003")!.score).toBe(5);
    expect(scoreOf(v, "G-001")!.unmet).toEqual(["R"]);
  });
  it("a longer cycle A → B → C → A flags its three members, not a goal leading into it", () => {
    const g4 = goal({ GoalID: "G-004", Goal: "South region revenue FY2026", Parent: "G-003" });
    const v = validatePlan(plan({ targets: [{ ...g1, Parent: "G-002" }, { ...g2, Parent: "G-003" }, { ...g3, Parent: "g-001" }, g4] }));
    expect(only(v, "R2").map((f) => f.goalId)).toEqual(["G-001", "G-002", "G-003"]);
    expect(only(v, "R2")[2]!.message.params).toEqual({ parent: "g-001", cycle: "G-003 → G-001 → G-002 → G-003" });
  });
  it("a parent chain without a cycle is fine", () => {
    const v = validatePlan(plan({ targets: [g1, { ...g2, Parent: "G-001" }, { ...g3, Parent: "G-002" }] }));
    expect(only(v, "R2")).toEqual([]);
  });
});

describe("R3: children's targets against the parent's", () => {
  const parent = goal({ GoalID: "P", Target: 1000, Baseline: 900 });
  const kid = (id: string, target: number, over: Row = {}) => goal({ GoalID: id, Goal: `Region ${id} revenue 2026`, Parent: "P", Target: target, Baseline: target, ...over });
  it("children summing to exactly 1% off are not flagged", () => {
    // 600 + 410 = 1010 = 1000 + 1%;  600 + 390 = 990 = 1000 − 1%
    expect(codesOf(validatePlan(plan({ targets: [parent, kid("K1", 600), kid("K2", 410)] })))).toEqual([]);
    expect(codesOf(validatePlan(plan({ targets: [parent, kid("K1", 600), kid("K2", 390)] })))).toEqual([]);
  });
  it("exactly 1% off is not flagged even when floating point says 1.0000000000000024%", () => {
    // 0.3 + 30 = 30.3 and |30.3 − 30| = 0.3000000000000007 > 0.3 in floating point
    const p30 = goal({ GoalID: "P", Target: 30, Baseline: 30 });
    expect(Math.abs(0.3 + 30 - 30) > 0.01 * 30).toBe(true);
    expect(codesOf(validatePlan(plan({ targets: [p30, kid("K1", 0.3), kid("K2", 30)] })))).toEqual([]);
  });
  it("children summing to 1.01% off are a warning on the parent's Target", () => {
    // 600 + 410.1 = 1010.1: 10.1 / 1000 = 1.01%
    const v = validatePlan(plan({ targets: [parent, kid("K1", 600), kid("K2", 410.1)] }));
    expect(v.findings).toEqual([
      expect.objectContaining({ row: 2, goalId: "P", column: "Target", criterion: "R", code: "R3", severity: "warning" }),
    ]);
    expect(v.findings[0]!.message.params).toEqual({ count: 2, children: "K1, K2", sum: "1,010.1", target: "1,000", pct: "1.01" });
    expect(scoreOf(v, "P")!.score).toBe(5);
  });
  it("a single child is a carve-out (the seed's 30% from new customers) and is not compared", () => {
    const p = goal({ GoalID: "P", Target: 5_000_000, Baseline: 4_200_000 });
    expect(codesOf(validatePlan(plan({ targets: [p, kid("NEW", 1_500_000, { Segment: "New" })] })))).toEqual([]);
  });
  it("children with another metric are not added to the parent's", () => {
    expect(codesOf(validatePlan(plan({ targets: [parent, kid("K1", 600, { Metric: "Units" }), kid("K2", 700, { Metric: "Units" })] })))).toEqual([]);
  });
});

describe("T3: an action due after the goal's end", () => {
  it("is a warning on the action's Due cell; due on the end day is fine", () => {
    const v = validatePlan(plan({
      targets: [g1],
      actions: [action({ ActionID: "A-1", Due: d(2026, 12, 31) }), action({ ActionID: "A-2", Due: d(2027, 1, 15) })],
    }));
    expect(v.findings).toEqual([
      expect.objectContaining({ table: "PlanActions", row: 3, goalId: "G-001", column: "Due", criterion: "T", code: "T3", severity: "warning" }),
    ]);
    expect(v.findings[0]!.message.params).toEqual({ action: "A-2", due: "2027-01-15", end: "2026-12-31" });
    expect(scoreOf(v, "G-001")!.score).toBe(5);
  });
});

describe("P1: Goal IDs", () => {
  it("a blank Goal ID is an error with no goalId", () => {
    const v = validatePlan(plan({ targets: [g1, { ...g2, GoalID: null }] }));
    expect(only(v, "P1")).toEqual([expect.objectContaining({ row: 3, goalId: null, column: "GoalID", severity: "error", message: { key: "smart.P1.blank" } })]);
    expect(v.scores[1]).toEqual({ goalId: null, row: 3, score: 5, unmet: [] }); // P is not a SMART letter
  });
  it("a Goal ID used twice flags both rows (IDs compare ignoring case)", () => {
    const v = validatePlan(plan({ targets: [g1, g2, { ...g3, GoalID: "g-001" }] }));
    expect(only(v, "P1").map((f) => [f.row, f.goalId, f.message.params])).toEqual([
      [2, "G-001", { goalId: "G-001", rows: "2, 4" }],
      [4, "g-001", { goalId: "g-001", rows: "2, 4" }],
    ]);
  });
});

describe("P3 / P6: phasing profiles", () => {
  const withPhasing = (name: string, phasing?: Row[]) => plan({ targets: [goal({ Phasing: name })], ...(phasing ? { phasing } : {}) });
  const ONES = Array<number>(12).fill(1);
  it("a profile name that PlanPhasing does not hold (names compare ignoring case)", () => {
    expect(codesOf(validatePlan(withPhasing("Seasonal", [profile("Retail", ONES)])))).toEqual(["P3"]);
    expect(codesOf(validatePlan(withPhasing("retail", [profile("Retail", ONES)])))).toEqual([]);
  });
  it("a profile named when the plan has no PlanPhasing table", () => {
    expect(only(validatePlan(withPhasing("Retail")), "P3")[0]!.message).toEqual({ key: "smart.P3.unknown", params: { profile: "Retail" } });
  });
  it("an all-zero profile is an error", () => {
    const v = validatePlan(withPhasing("Flat", [profile("Flat", Array<number>(12).fill(0))]));
    expect(only(v, "P3")).toEqual([expect.objectContaining({ column: "Phasing", severity: "error", message: { key: "smart.P3.zero", params: { profile: "Flat" } } })]);
  });
  it("a negative or text weight makes the profile unusable", () => {
    const w = [...ONES] as (number | string)[];
    w[1] = -1;
    w[3] = "ten";
    expect(only(validatePlan(withPhasing("Odd", [profile("Odd", w)])), "P3")[0]!.message.params).toEqual({ profile: "Odd", months: "Feb, Apr", monthsZh: "2月、4月" });
  });
  it("a blank month is a warning naming the month, in either language", () => {
    const w: (number | null)[] = [...ONES];
    w[2] = null;
    const v = validatePlan(withPhasing("Retail", [profile("Retail", w)]));
    expect(codesOf(v)).toEqual(["P6"]);
    const r = renderValidation(v, "en").findings[0]!.message;
    expect(r).toContain("leaves Mar blank");
    expect(renderValidation(v, "zh-CN").findings[0]!.message).toContain("3月");
  });
});

describe("P4 / P5 in a plan", () => {
  it("text dates in PlanTargets are accepted with P5 warnings; the goal still scores 5", () => {
    const v = validatePlan(plan({ targets: [goal({ Start: "2026-1-1", End: "2026/12/31", Direction: "sideways" })] }));
    expect(v.findings.map((f) => [f.code, f.column])).toEqual([["P4", "Direction"], ["P5", "Start"], ["P5", "End"]]);
    expect(v.scores[0]!.score).toBe(5);
  });
  it("a year typed alone as the end is T1, not a date", () => {
    const v = validatePlan(plan({ targets: [goal({ End: 2026 })] }));
    expect(v.findings).toEqual([expect.objectContaining({ code: "T1", column: "End", message: { key: "smart.T1.End.year", params: { value: "2026" } } })]);
    expect(v.scores[0]!.unmet).toEqual(["T"]);
  });
});

describe("PlanActuals: D1, D2, D3, D8", () => {
  const run = (rows: Row[]) => validatePlan(plan({ targets: [g1], actuals: rows }));
  it("D1: a blank date, a year alone, a non-date, and a text date are errors", () => {
    const v = run([actual({ Date: null }), actual({ Date: 2026 }), actual({ Date: "soon" }), actual({ Date: "2026-02-03" })]);
    expect(v.findings.map((f) => [f.row, f.code, f.message.key, f.goalId])).toEqual([
      [2, "D1", "smart.D1.blank", null], [3, "D1", "smart.D1.notDate", null], [4, "D1", "smart.D1.notDate", null], [5, "D1", "smart.D1.text", null],
    ]);
    expect(v.findings[3]!.message.params).toEqual({ value: "2026-02-03", date: "2026-02-03" });
  });
  it("D2: a blank value, a number typed as text, other text and a boolean are errors", () => {
    const v = run([actual({ Value: null }), actual({ Value: "1,200" }), actual({ Value: "abc" }), actual({ Value: true })]);
    expect(v.findings.map((f) => [f.code, f.column, f.message.key])).toEqual([
      ["D2", "Value", "smart.D2.blank"], ["D2", "Value", "smart.D2.text"], ["D2", "Value", "smart.D2.notNumber"], ["D2", "Value", "smart.D2.notNumber"],
    ]);
  });
  it("D3: one warning per metric no goal uses, at its first row, with the row count", () => {
    // "Revenue " keeps its space: Excel's = does not trim, so the review would not count it
    const v = run([actual({ Metric: "Revnue" }), actual(), actual({ Metric: "Revnue" }), actual({ Metric: "Revenue " }), actual({ Metric: null })]);
    expect(v.findings.map((f) => [f.row, f.code, f.severity, f.message])).toEqual([
      [2, "D3", "warning", { key: "smart.D3", params: { metric: "Revnue", count: 2 } }],
      [5, "D3", "warning", { key: "smart.D3", params: { metric: "Revenue ", count: 1 } }],
      [6, "D3", "warning", { key: "smart.D3.blank", params: { count: 1 } }],
    ]);
  });
  it("D3: a metric counts as used exactly when the review's = would match it (case folded per character, numbers to 15 digits)", () => {
    // Goal metrics ΟΣ and 0.3: actuals οσ (Σ folds like σ, not as a word-final ς) and 0.1 + 0.2 (15 digits)
    // are the same metrics; 0.30000001 and "0.3" (text) are not.
    const v = validatePlan(plan({
      targets: [goal({ GoalID: "G-1", Metric: "ΟΣ" }), goal({ GoalID: "G-2", Metric: 0.3 })],
      actuals: [actual({ Metric: "οσ" }), actual({ Metric: 0.1 + 0.2 }), actual({ Metric: 0.30000001 }), actual({ Metric: "0.3" })],
    }));
    expect(v.findings.filter((f) => f.code === "D3").map((f) => [f.row, f.message.params?.metric])).toEqual([[4, "0.30000001"], [5, "0.3"]]);
  });
  it("D8: an error value in any column is reported once, as D8 (not also D1/D2)", () => {
    const v = run([actual({ Value: excelError("#N/A") }), actual({ Date: excelError("#REF!"), Region: excelError("#VALUE!") })]);
    expect(v.findings.map((f) => [f.row, f.code, f.column, f.message.params])).toEqual([
      [2, "D8", "Value", { error: "#N/A" }], [3, "D8", "Date", { error: "#REF!" }], [3, "D8", "Region", { error: "#VALUE!" }],
    ]);
    expect(v.findings.every((f) => f.severity === "error" && f.goalId === null)).toBe(true);
  });
});

describe("PlanActions and PlanRisks: D4, D5, D6, D9", () => {
  it("D4: a Goal ID that is not a goal, in actions and risks; a blank Goal ID is fine", () => {
    const v = validatePlan(plan({
      targets: [g1],
      actions: [action(), action({ ActionID: "A-2", GoalID: "G-404" }), action({ ActionID: "A-3", GoalID: null })],
      risks: [risk({ GoalID: "G-404" })],
    }));
    expect(v.findings.map((f) => [f.table, f.row, f.code, f.goalId, f.column])).toEqual([
      ["PlanActions", 3, "D4", "G-404", "GoalID"], ["PlanRisks", 2, "D4", "G-404", "GoalID"],
    ]);
  });
  it("D5: an action due before its start, or with no owner", () => {
    const v = validatePlan(plan({ targets: [g1], actions: [action({ Start: d(2026, 3, 1), Due: d(2026, 2, 28) }), action({ ActionID: "A-2", Owner: " " })] }));
    expect(v.findings.map((f) => [f.row, f.code, f.column, f.severity])).toEqual([[2, "D5", "Due", "warning"], [3, "D5", "Owner", "warning"]]);
  });
  it("D6: Likelihood and Impact must be whole numbers 1–5", () => {
    const bad = [0, 6, 2.5, "3", null];
    const v = validatePlan(plan({ targets: [g1], risks: [...bad.map((x, i) => risk({ RiskID: `R-${i}`, Likelihood: x })), risk({ RiskID: "R-9", Likelihood: 1, Impact: 5 })] }));
    expect(v.findings.map((f) => [f.row, f.code, f.column])).toEqual(bad.map((_, i) => [i + 2, "D6", "Likelihood"]));
    expect(v.findings[3]!.message).toEqual({ key: "smart.D6.Likelihood", params: { value: "3" } });
  });
  it("D9: text dates in actions (Start, Due) and risks (Due) are warnings, and still read as dates", () => {
    const v = validatePlan(plan({
      targets: [g1],
      actions: [action({ Start: "2026/1/5", Due: "2027-01-15" })],
      risks: [risk({ Due: "2026年3月1日" })],
    }));
    expect(v.findings.map((f) => [f.table, f.code, f.column])).toEqual([
      ["PlanActions", "T3", "Due"], ["PlanActions", "D9", "Start"], ["PlanActions", "D9", "Due"], ["PlanRisks", "D9", "Due"],
    ]);
  });
});

describe("D7: a required column is missing", () => {
  it("names the table and column at the header row, and the other rules still run", () => {
    const keys = keysOf("PlanTargets").filter((k) => k !== "Target");
    const tables: RawTables = { PlanTargets: rawTable("PlanTargets", keys, [goal(), goal({ GoalID: "G-002", Goal: null })], 3) };
    const v = validatePlan(tables);
    expect(v.findings.map((f) => [f.row, f.code, f.column, f.goalId])).toEqual([
      [3, "D7", "Target", null], [5, "S1", "Goal", "G-002"],
    ]);
    expect(renderValidation(v, "en").findings[0]!.message).toBe('Table PlanTargets has no "Target" column, which it requires. Add a column headed "Target".');
    expect(renderValidation(v, "zh-CN").findings[0]!.message).toBe("表 PlanTargets 缺少必需的“目标值”列。请添加标题为“目标值”的列。");
    // without a Target column no goal can be measurable
    expect(v.scores).toEqual([
      { goalId: "G-001", row: 4, score: 4, unmet: ["M"] },
      { goalId: "G-002", row: 5, score: 3, unmet: ["S", "M"] },
    ]);
  });
  it("in the other tables too", () => {
    const tables: RawTables = {
      PlanTargets: fullTable("PlanTargets", [goal()]),
      PlanActuals: rawTable("PlanActuals", ["Date", "Metric"], [actual()]),
    };
    expect(validatePlan(tables).findings).toEqual([
      expect.objectContaining({ table: "PlanActuals", row: 1, goalId: null, column: "Value", code: "D7", criterion: "D", severity: "error" }),
    ]);
  });
  it("a workbook without PlanTargets has no goals and one D7", () => {
    const v = validatePlan({});
    expect(v.goals).toBe(0);
    expect(v.findings).toEqual([expect.objectContaining({ table: "PlanTargets", row: 0, column: null, code: "D7", message: { key: "smart.D7.noTargets" } })]);
  });
});

describe("rows, goal IDs, order and settings", () => {
  it("rows are worksheet rows (header on row 3, a blank row kept in the count); findings ordered by table, row, letter", () => {
    const tables: RawTables = {
      PlanTargets: rawTable("PlanTargets", keysOf("PlanTargets"), [goal({ Owner: null, Objective: null }), {}, goal({ GoalID: "G-002", Metric: null, Goal: "Grow" })], 3),
      PlanActuals: rawTable("PlanActuals", keysOf("PlanActuals"), [actual({ Value: "x" })], 10),
    };
    const v = validatePlan(tables);
    expect(v.findings.map((f) => [f.table, f.row, f.code])).toEqual([
      ["PlanTargets", 4, "R1"], ["PlanTargets", 4, "P2"],
      ["PlanTargets", 6, "S2"], ["PlanTargets", 6, "M1"],
      ["PlanActuals", 11, "D2"],
    ]);
    expect(v.goals).toBe(2);
    expect(v.scores.map((s) => [s.row, s.score])).toEqual([[4, 4], [6, 4]]);
  });
  it("MaxGrowth comes from PlanSettings; the language too", () => {
    // 6,000,000 / 5,000,000 − 1 = 20% = MaxGrowth 0.2 exactly: no A2; 6,250,000 is 25% > 20%: A2
    const settings = [{ Key: "MaxGrowth", Value: 0.2 }, { Key: "Language", Value: "zh-CN" }];
    expect(codesOf(validatePlan(plan({ targets: [goal()], settings })))).toEqual([]);
    const v = validatePlan(plan({ targets: [goal({ Target: 6_250_000 })], settings }));
    expect(codesOf(v)).toEqual(["A2"]);
    expect(v.lang).toBe("zh-CN");
    expect(renderValidation(v).findings[0]!.message).toBe(
      "目标值 6,250,000 比基线 5,000,000 高 25%，超过最大增长率（20%），目标偏激进。请确认行动和资源足以支撑。",
    );
    expect(validatePlan(plan({ targets: [goal()], settings }), "en").lang).toBe("en");
  });
  it("renderValidation gives cli.md's JSON shape", () => {
    const v = validatePlan(plan({ targets: [goal({ Baseline: 100, Target: 260 })] }));
    expect(renderValidation(v, "en")).toEqual({
      goals: 1,
      scores: [{ goalId: "G-001", row: 2, score: 4, unmet: ["A"] }],
      findings: [{
        table: "PlanTargets", row: 2, goalId: "G-001", column: "Target", criterion: "A", code: "A1", severity: "error",
        message: "Target 260 is 160% above the baseline 100; the plan allows at most 100% (MaxGrowth 0.5 × 2). Lower the target or explain the baseline.",
      }],
    });
  });
});

describe("performance", () => {
  it("1,000 goals, 5,000 actions and 200,000 actuals: one finding per unused metric, not one per row", () => {
    const targets = Array.from({ length: 1000 }, (_, i) =>
      goal({ GoalID: `G-${i}`, Parent: i % 10 === 0 ? null : `G-${i - (i % 10)}`, Target: i % 10 === 0 ? 9_000_000 : 1_000_000, Phasing: "Retail" }));
    const actions = Array.from({ length: 5000 }, (_, i) => action({ ActionID: `A-${i}`, GoalID: `G-${i % 1000}` }));
    const metrics = ["Revenue", "revenue", "Units", "Revnue"];
    const actuals = Array.from({ length: 200_000 }, (_, i) => actual({ Date: d(2026, 1, 1) + (i % 365), Metric: metrics[i % 4]!, Value: i, Region: "East" }));
    const tables = plan({ targets, actions, actuals, phasing: [profile("Retail", Array<number>(12).fill(1))] });
    // Speed is a benchmark figure (npm run bench: validate.ms), not a pass/fail limit here.
    const v = validatePlan(tables);
    expect(v.goals).toBe(1000);
    // Units and Revnue are used by no goal: one D3 each, not 100,000 findings
    expect(only(v, "D3")).toHaveLength(2);
  });
});
