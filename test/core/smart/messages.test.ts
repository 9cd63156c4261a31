import { describe, expect, it } from "vitest";
import { excelError } from "../../../src/core/errors";
import { CODE_INFO, renderFinding, type Finding } from "../../../src/core/smart/findings";
import { validatePlan } from "../../../src/core/smart/validate";
import { smartMessages } from "../../../src/i18n/messages/smart";
import { allMessages } from "../../../src/i18n";
import { action, actual, d, goal, keysOf, plan, profile, rawTable, risk } from "./tables";

/** One plan that breaks every rule in every way a message distinguishes. */
function kitchenSink(): Finding[] {
  const ones = Array<number>(12).fill(1);
  const gap: (number | null)[] = [...ones];
  gap[5] = null;
  const bad: (number | string)[] = [...ones];
  bad[0] = -1;
  const tables = plan({
    targets: [
      { Direction: "higher" }, // S1 M1 M2 M3 A3 R1 T1×2 P1 P2
      goal({ GoalID: "G-2", Goal: "Grow", Target: "abc", Baseline: "n/a", Start: "soon", End: 2026, Direction: "up", Parent: "G-2", Phasing: "Nope" }),
      goal({ GoalID: "G-3", Target: -5, Start: "2026", End: "x", Parent: "G-404" }),
      goal({ GoalID: "G-4", Baseline: 100, Target: 300, Parent: "G-5", Phasing: "Zero" }),
      goal({ GoalID: "G-5", Baseline: 100, Target: 40, Direction: "lower", Parent: "G-4", Phasing: "Bad" }),
      goal({ GoalID: "G-6", Baseline: 100, Target: 180, Phasing: "Gap" }),
      goal({ GoalID: "G-7", Baseline: 100, Target: 60, Direction: "lower" }),
      goal({ GoalID: "G-8", Baseline: 100, Target: 90, Start: "2026-1-1", End: "2026-12-31" }),
      goal({ GoalID: "G-9", Baseline: 100, Target: 120, Direction: "lower", Start: d(2026, 6, 1), End: d(2026, 5, 1) }),
      goal({ GoalID: "G-10", Target: 1000, Baseline: 1000 }),
      goal({ GoalID: "G-11", Target: 600, Baseline: 600, Parent: "G-10" }),
      goal({ GoalID: "G-12", Target: 500, Baseline: 500, Parent: "G-10" }),
      goal({ GoalID: "G-12", Target: 1, Baseline: 1 }),
    ],
    actions: [
      action({ GoalID: "G-6", Start: "2026/1/5", Due: "2027-1-15" }),
      action({ ActionID: "A-2", GoalID: "G-404", Start: d(2026, 3, 1), Due: d(2026, 2, 1), Owner: null }),
    ],
    risks: [risk({ GoalID: "G-404", Likelihood: 0, Impact: "high", Due: "2026-3-1" })],
    actuals: [
      actual({ Date: null, Value: null, Metric: null, Customer: "ACME" }), // (a row of blanks only would be ignored)
      actual({ Date: "soon", Value: "1,200", Metric: "Revnue" }),
      actual({ Date: "2026-2-3", Value: "abc", Region: excelError("#N/A") }),
    ],
    phasing: [profile("Zero", Array<number>(12).fill(0)), profile("Bad", bad), profile("Gap", gap)],
  });
  tables.PlanSettings = rawTable("PlanSettings", ["Key"], [{ Key: "MaxGrowth" }]); // D7: no Value column
  return [...validatePlan(tables).findings, ...validatePlan({}).findings];
}

describe("smart messages", () => {
  const findings = kitchenSink();
  it("the kitchen-sink plan raises every code of smart.md", () => {
    expect(new Set(findings.map((f) => f.code))).toEqual(new Set(Object.keys(CODE_INFO)));
  });
  it("every message key the rules produce is in the catalog, and every catalog key is produced", () => {
    expect(new Set(findings.map((f) => f.message.key))).toEqual(new Set(Object.keys(smartMessages.en)));
  });
  it("English and Chinese have the same keys and are registered", () => {
    expect(Object.keys(smartMessages["zh-CN"]).sort()).toEqual(Object.keys(smartMessages.en).sort());
    for (const k of Object.keys(smartMessages.en)) {
      expect(allMessages().en[k]).toBe(smartMessages.en[k]);
      expect(allMessages()["zh-CN"][k]).toBe(smartMessages["zh-CN"][k]);
    }
  });
  it("every rendered message fills all its slots, in both languages, and the two differ", () => {
    for (const f of findings) {
      const en = renderFinding("en", f).message;
      const zh = renderFinding("zh-CN", f).message;
      expect(en, f.message.key).not.toMatch(/\{\w+\}/);
      expect(zh, f.message.key).not.toMatch(/\{\w+\}/);
      expect(zh).not.toBe(en);
      expect(zh).toMatch(/[\u4e00-\u9fff]/);
    }
  });
  it("the table used in the test bed has the template's columns", () => {
    expect(keysOf("PlanTargets")[0]).toBe("GoalID");
  });
});
