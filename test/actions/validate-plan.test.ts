/**
 * The validate action on the memory port: findings and scores as smart.md defines them, the
 * SMART column written (and only it), re-running after a fix, the no-plan error, and the
 * cell each finding selects.
 */
import { describe, expect, it } from "vitest";
import {
  SMART_HEADER, findingAddress, groupFindings, qualifiedAddress, summarize, validatePlanAction,
} from "../../src/actions/validate-plan";
import type { Finding } from "../../src/core/smart";
import { render, t } from "../../src/i18n";
import { type MemoryWorkbook, memoryWorkbook } from "../../src/ports/memory";
import { TABLES, type TableName } from "../../src/core/schema";
import { createExcelPort } from "../../src/ports/excel";
import { type FakeExcel, createFakeExcel } from "../fakes/office";
import { type Row, action, d, goal, keysOf, rawTable } from "../core/smart/tables";
import { type PlanRows, writePlan } from "./plan-sheets";

/** Every cell of every sheet, and each sheet's other contents, as comparable text. */
function snapshot(wb: MemoryWorkbook): { cells: Map<string, string>; sheets: Map<string, string> } {
  const cells = new Map<string, string>();
  const sheets = new Map<string, string>();
  for (const sh of wb.sheets) {
    for (const [k, c] of sh.cells) cells.set(`${sh.name}!${k}`, JSON.stringify(c));
    const { cells: _c, conditionalFormats, columnWidths, ...rest } = sh;
    sheets.set(sh.name, JSON.stringify({ ...rest, columnWidths: [...columnWidths], conditionalFormats: conditionalFormats.length }));
  }
  return { cells, sheets };
}

/** Cells that differ between two snapshots, leaving out Targets column `skipCol`. */
function changedCells(a: Map<string, string>, b: Map<string, string>, skipCol: number): string[] {
  const keys = new Set([...a.keys(), ...b.keys()]);
  return [...keys].filter((k) => !k.startsWith(`Targets!`) || Number(k.split(",")[1]) !== skipCol).filter((k) => a.get(k) !== b.get(k));
}

/**
 * Syncs of the whole action on a small plan (aim: at most 5). ports/excel spends 3 on
 * readPlanTables (table names; positions and headers; data) and 2 on writeTableColumn (the
 * table with its header and body; the writes).
 */
const SYNCS_AT_10 = 5;

const value = (wb: MemoryWorkbook, addr: string) => wb.cell("Targets", addr)?.value ?? null;

/**
 * Three goals and a blank row between the first two:
 * - row 2 G-001 clean (growth 6M / 5M − 1 = 20% ≤ MaxGrowth 0.5) → 5;
 * - row 3 blank;
 * - row 4 G-002 Objective blank (R1 error) and target 260 on baseline 100: g = 1.6 > 2 × 0.5 (A1 error) → 5 − 2 = 3;
 * - row 5 G-003 "Grow sales", 2 words (S2 warning only) → 5; its action A-003 is due 2027-03-31,
 *   after the goal's End 2026-12-31 (T3 warning, on PlanActions row 4).
 */
const PLAN: PlanRows = {
  targets: [
    goal(),
    {},
    goal({ GoalID: "G-002", Objective: null, Baseline: 100, Target: 260 }),
    goal({ GoalID: "G-003", Goal: "Grow sales" }),
  ],
  actions: [
    action(),
    action({ ActionID: "A-002", GoalID: "G-002" }),
    action({ ActionID: "A-003", GoalID: "G-003", Due: d(2027, 3, 31) }),
  ],
};

async function planWorkbook(p: PlanRows = PLAN, lang: "en" | "zh-CN" = "en"): Promise<MemoryWorkbook> {
  const wb = memoryWorkbook({ name: "Plan.xlsx", sheets: [{ name: "Notes", cells: [["my own notes"]] }] });
  await writePlan(wb, p, lang);
  return wb;
}

const brief = (f: Pick<Finding, "table" | "row" | "code" | "column" | "goalId" | "severity">) =>
  `${f.table}:${f.row}:${f.code}:${f.column}:${f.goalId}:${f.severity}`;

describe("validatePlanAction", () => {
  it("reports the findings and scores of smart.md", async () => {
    const wb = await planWorkbook();
    const r = await validatePlanAction(wb);
    if (!r.ok) throw new Error("expected a plan");
    expect(r.report.findings.map(brief)).toEqual([
      "PlanTargets:4:A1:Target:G-002:error",
      "PlanTargets:4:R1:Objective:G-002:error",
      "PlanTargets:5:S2:Goal:G-003:warning",
      "PlanActions:4:T3:Due:G-003:warning",
    ]);
    expect(r.report.scores).toEqual([
      { goalId: "G-001", row: 2, score: 5, unmet: [] },
      { goalId: "G-002", row: 4, score: 3, unmet: ["A", "R"] },
      { goalId: "G-003", row: 5, score: 5, unmet: [] },
    ]);
    // 3 goals; errors A1, R1; warnings S2, T3; scores 3, 5, 5.
    expect(r.summary).toEqual({ goals: 3, errors: 2, warnings: 2, infos: 0, scoreDistribution: [0, 0, 0, 1, 0, 2] });
    // Messages rendered in the workbook's language (no Language setting: English).
    expect(r.report.findings[0]!.message).toMatch(/^Target 260 is 160% above the baseline 100/);
  });

  it("writes the scores into a new SMART column with the icon set, and changes no other cell", async () => {
    const wb = await planWorkbook();
    const before = snapshot(wb);
    const cfBefore = wb.sheet("Targets")!.conditionalFormats.length;
    const r = await validatePlanAction(wb);
    expect(r.ok && r.wrote).toBe(true);
    // PlanTargets has 17 columns (A:Q): the SMART column is the 18th, R.
    expect(wb.table("PlanTargets")!.range).toEqual({ row: 1, col: 1, rows: 5, cols: 18 });
    expect(value(wb, "R1")).toBe(SMART_HEADER);
    expect([value(wb, "R2"), value(wb, "R3"), value(wb, "R4"), value(wb, "R5")]).toEqual([5, null, 3, 5]);
    const cfs = wb.sheet("Targets")!.conditionalFormats;
    expect(cfs.length).toBe(cfBefore + 1);
    expect(cfs.at(-1)).toEqual({ range: { row: 2, col: 18, rows: 4, cols: 1 }, kind: "iconSet3", value1: 3, value2: 5 });
    const after = snapshot(wb);
    expect(changedCells(before.cells, after.cells, 18)).toEqual([]);
    for (const [name, s] of before.sheets) if (name !== "Targets") expect(after.sheets.get(name)).toBe(s);
  });

  it("validating again replaces the SMART column's icon set instead of adding another (memory and xlsx)", async () => {
    const wb = await planWorkbook();
    await validatePlanAction(wb);
    await validatePlanAction(wb);
    const icons = wb.sheet("Targets")!.conditionalFormats.filter((cf) => cf.kind === "iconSet3");
    expect(icons).toEqual([{ range: { row: 2, col: 18, rows: 4, cols: 1 }, kind: "iconSet3", value1: 3, value2: 5 }]);

    const { newXlsx } = await import("../../src/ports/xlsx");
    const x = newXlsx();
    await writePlan(x, PLAN);
    await validatePlanAction(x);
    await validatePlanAction(x);
    const cfs = (x.workbook.getWorksheet("Targets") as unknown as { conditionalFormattings: { ref: string; rules: { type: string }[] }[] }).conditionalFormattings;
    expect(cfs.filter((cf) => cf.rules.some((r) => r.type === "iconSet")).map((cf) => cf.ref)).toEqual(["R2:R5"]);
  });

  it("re-running after a fix updates the findings and the score, in the same SMART column", async () => {
    const wb = await planWorkbook();
    await validatePlanAction(wb);
    // Fill G-002's Objective (C4): R1 goes, A1 stays → 4.
    await wb.applySheetSpec({ name: "Targets", mode: "patch", blocks: [{ row: 4, col: 3, cells: [[{ t: "s", v: "Grow the core regions" }]] }] });
    const before = snapshot(wb);
    let r = await validatePlanAction(wb);
    if (!r.ok) throw new Error("expected a plan");
    expect(r.report.findings.filter((f) => f.goalId === "G-002").map((f) => f.code)).toEqual(["A1"]);
    expect(r.report.scores[1]).toEqual({ goalId: "G-002", row: 4, score: 4, unmet: ["A"] });
    expect(value(wb, "R4")).toBe(4);
    expect(wb.table("PlanTargets")!.range.cols).toBe(18);
    expect(changedCells(before.cells, snapshot(wb).cells, 18)).toEqual([]);
    // Target 140 on baseline 100 (H4): g = 0.4 ≤ MaxGrowth 0.5 → no A finding → 5.
    await wb.applySheetSpec({ name: "Targets", mode: "patch", blocks: [{ row: 4, col: 8, cells: [[{ t: "n", v: 140 }]] }] });
    r = await validatePlanAction(wb);
    if (!r.ok) throw new Error("expected a plan");
    expect(r.report.findings.map((f) => f.code)).toEqual(["S2", "T3"]);
    expect(value(wb, "R4")).toBe(5);
    expect(r.summary.scoreDistribution).toEqual([0, 0, 0, 0, 0, 3]);
  });

  it("blanks the score of a goal row the user emptied", async () => {
    const wb = await planWorkbook();
    await validatePlanAction(wb);
    expect(value(wb, "R5")).toBe(5);
    await wb.applySheetSpec({ name: "Targets", mode: "patch", clear: [{ row: 5, col: 1, rows: 1, cols: 17 }], blocks: [] });
    const r = await validatePlanAction(wb);
    expect(r.ok && r.report.goals).toBe(2);
    expect(value(wb, "R5")).toBeNull();
  });

  it("a plan with no findings gives an empty list and full scores", async () => {
    const wb = await planWorkbook({ targets: [goal(), goal({ GoalID: "G-002", Metric: "Units", Unit: "units", Baseline: 1000, Target: 1100 })], actions: [action(), action({ ActionID: "A-002", GoalID: "G-002" })] });
    const r = await validatePlanAction(wb);
    if (!r.ok) throw new Error("expected a plan");
    expect(r.report.findings).toEqual([]);
    expect(r.summary).toEqual({ goals: 2, errors: 0, warnings: 0, infos: 0, scoreDistribution: [0, 0, 0, 0, 0, 2] });
    expect([value(wb, "R2"), value(wb, "R3")]).toEqual([5, 5]);
  });

  it("with writeScores false, reads and changes nothing", async () => {
    const wb = await planWorkbook();
    const before = snapshot(wb);
    const r = await validatePlanAction(wb, { writeScores: false });
    expect(r.ok && r.wrote).toBe(false);
    const after = snapshot(wb);
    expect(changedCells(before.cells, after.cells, -1)).toEqual([]);
    expect([...after.sheets]).toEqual([...before.sheets]);
    expect(wb.table("PlanTargets")!.range.cols).toBe(17);
  });

  it("when the column cannot be added, still gives the findings and says why nothing was written", async () => {
    const wb = await planWorkbook();
    // A table of the user's own right beside PlanTargets (column R): the memory port refuses to grow into it.
    await wb.applySheetSpec({ name: "Targets", mode: "patch", blocks: [{ row: 1, col: 18, cells: [[{ t: "s", v: "Note" }], [{ t: "s", v: "mine" }]] }], tables: [{ name: "MyNotes", range: { row: 1, col: 18, rows: 2, cols: 1 } }] });
    const before = snapshot(wb);
    const r = await validatePlanAction(wb);
    if (!r.ok) throw new Error("expected a plan");
    expect(r.wrote).toBe(false);
    expect(r.report.findings.map((f) => f.code)).toEqual(["A1", "R1", "S2", "T3"]);
    expect(r.writeError?.key).toBe("validate.writeFailed");
    expect(render("en", r.writeError!)).toMatch(/^The findings are below, but the SMART scores could not be written into PlanTargets \(.*MyNotes.*\)\.$/);
    expect(changedCells(before.cells, snapshot(wb).cells, -1)).toEqual([]);
  });

  it("a workbook without PlanTargets gives an error result, not a throw, and is left alone", async () => {
    const wb = await planWorkbook({ actuals: [{ Date: d(2026, 2, 3), Metric: "Revenue", Value: 10 }] });
    const before = snapshot(wb);
    const r = await validatePlanAction(wb);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(render("en", r.error)).toBe("No plan in this workbook yet: insert a template or convert this sheet.");
    expect(render("zh-CN", r.error)).toMatch(/还没有计划/);
    expect(changedCells(before.cells, snapshot(wb).cells, -1)).toEqual([]);
  });

  it("renders messages in the workbook's Language setting unless a language is asked for", async () => {
    const p: PlanRows = { ...PLAN, settings: [{ Key: "Language", Value: "zh-CN" }] };
    const wb = await planWorkbook(p, "zh-CN");
    const zh = await validatePlanAction(wb, { writeScores: false });
    if (!zh.ok) throw new Error("expected a plan");
    // Chinese headers are bound the same way: the same findings.
    expect(zh.report.findings.map((f) => f.code)).toEqual(["A1", "R1", "S2", "T3"]);
    expect(zh.validation.lang).toBe("zh-CN");
    expect(zh.report.findings.every((f) => /[\u4e00-\u9fff]/.test(f.message))).toBe(true);
    const en = await validatePlanAction(wb, { lang: "en", writeScores: false });
    expect(en.ok && en.report.findings[1]!.message).toBe(t("en", "smart.R1"));
  });
});

describe("findingAddress", () => {
  it("points at the finding's cell on its table's sheet, and selecting it activates that sheet", async () => {
    const wb = await planWorkbook();
    const r = await validatePlanAction(wb);
    if (!r.ok) throw new Error("expected a plan");
    const [a1, r1, s2, t3] = r.report.findings.map((f) => findingAddress(r.tables, f));
    // PlanTargets A:Q = GoalID Goal Objective Metric Unit Direction Baseline Target …: Target is H, Objective C, Goal B.
    expect(a1).toEqual({ sheet: "Targets", address: "H4" });
    expect(r1).toEqual({ sheet: "Targets", address: "C4" });
    expect(s2).toEqual({ sheet: "Targets", address: "B5" });
    // PlanActions: ActionID GoalID Action Strategy Owner Start Due → Due is G.
    expect(t3).toEqual({ sheet: "Actions", address: "G4" });
    await wb.selectCell(t3!.sheet, t3!.address);
    expect(wb.activeSheet).toBe("Actions");
    expect(wb.selection).toEqual({ sheet: "Actions", address: "G4" });
  });

  it("counts from where the table sits, and sends a missing column to the table's first header cell", () => {
    // A table whose header row is row 5 starting in column C, without the Unit column.
    const raw = { ...rawTable("PlanTargets", keysOf("PlanTargets").filter((k) => k !== "Unit"), [goal()]), headerRow: 5, firstCol: 3, sheet: "My plan" };
    const tables = { PlanTargets: raw };
    // Target is the 7th column once Unit is gone: C + 6 = I; data row 1 is worksheet row 6.
    expect(findingAddress(tables, { table: "PlanTargets", row: 6, column: "Target" })).toEqual({ sheet: "My plan", address: "I6" });
    expect(findingAddress(tables, { table: "PlanTargets", row: 5, column: "Unit" })).toEqual({ sheet: "My plan", address: "C5" });
    expect(findingAddress(tables, { table: "PlanTargets", row: 0, column: null })).toEqual({ sheet: "My plan", address: "C5" });
    expect(findingAddress(tables, { table: "PlanActuals", row: 2, column: "Date" })).toBeNull();
    expect(qualifiedAddress({ sheet: "My plan", address: "I6" })).toBe("'My plan'!I6");
    expect(qualifiedAddress({ sheet: "Targets", address: "I6" })).toBe("Targets!I6");
    expect(qualifiedAddress({ sheet: "目标", address: "B2" })).toBe("目标!B2");
  });
});

describe("groupFindings", () => {
  it("puts each finding under its goal (other tables' rows by Goal ID), the rest apart", async () => {
    const wb = await planWorkbook({ ...PLAN, actions: [...PLAN.actions!, action({ ActionID: "A-009", GoalID: "G-999" })] });
    const r = await validatePlanAction(wb, { writeScores: false });
    if (!r.ok) throw new Error("expected a plan");
    const g = groupFindings(r.report.scores, r.report.findings);
    expect(g.goals.map((x) => [x.goalId, x.score, x.findings.map((f) => f.code)])).toEqual([
      ["G-001", 5, []],
      ["G-002", 3, ["A1", "R1"]],
      ["G-003", 5, ["S2", "T3"]],
    ]);
    // A-009 names no goal of the plan: D4 (error), under no goal.
    expect(g.other.map(brief)).toEqual(["PlanActions:5:D4:GoalID:G-999:error"]);
    expect(summarize(r.validation).errors).toBe(3);
  });
});

describe("validatePlanAction on the Office.js port (fake)", () => {
  /** Header texts and rows of a table from test-bed rows, for seeding the fake directly. */
  const grid = (name: TableName, rows: readonly Row[]) => {
    const keys = keysOf(name);
    return [keys.map((k) => TABLES[name].columns.find((c) => c.key === k)!.en), ...rows.map((r) => keys.map((k) => (r[k] ?? null) as string | number | null))];
  };
  /** `goals` goals (every 10th without an Objective: R1) and one action each. */
  function fakePlan(goals: number): FakeExcel {
    const targets = Array.from({ length: goals }, (_, i) => goal({ GoalID: `G-${i + 1}`, ...(i % 10 === 9 ? { Objective: null } : {}) }));
    const actions = Array.from({ length: goals }, (_, i) => action({ ActionID: `A-${i + 1}`, GoalID: `G-${i + 1}` }));
    return createFakeExcel({
      name: "Plan.xlsx",
      sheets: [{ name: "Targets", rows: grid("PlanTargets", targets) }, { name: "Actions", rows: grid("PlanActions", actions) }],
      tables: [
        { name: "PlanTargets", sheet: "Targets", address: `A1:Q${goals + 1}` },
        { name: "PlanActions", sheet: "Actions", address: `A1:K${goals + 1}` },
      ],
    });
  }
  const portOver = (fake: FakeExcel) => createExcelPort(fake.excelRun, { isSetSupported: fake.isSetSupported });

  it("writes the SMART column in Excel with the icon set", async () => {
    const fake = fakePlan(10);
    const r = await validatePlanAction(portOver(fake));
    expect(r.ok && r.wrote).toBe(true);
    // Goal 10 lacks its Objective: R1 → 4; the others 5.
    expect(fake.values("Targets", "R1:R11").map((x) => x[0])).toEqual(["SMART", 5, 5, 5, 5, 5, 5, 5, 5, 5, 4]);
    expect(fake.tableAddress("PlanTargets")).toBe("Targets!A1:R11");
    const cf = fake.sheet("Targets").conditionalFormats;
    expect(cf).toHaveLength(1);
    expect(cf[0]!.type).toMatch(/icon/i);
  });

  it("takes a fixed few syncs at 10 goals, and at 10,000 no more than that plus one per ~4 MB", async () => {
    const small = fakePlan(10);
    await validatePlanAction(portOver(small));
    const few = small.stats.syncs;
    expect(few).toBeLessThanOrEqual(SYNCS_AT_10);

    const big = fakePlan(10_000);
    const r = await validatePlanAction(portOver(big));
    expect(r.ok && r.report.scores.length).toBe(10_000);
    expect(r.ok && r.summary.scoreDistribution).toEqual([0, 0, 0, 0, 1_000, 9_000]);
    const bytes = big.stats.perSync.reduce((b, x) => b + x.requestBytes + x.responseBytes, 0);
    expect(big.stats.syncs).toBeLessThanOrEqual(few + Math.ceil(bytes / 4_000_000));
    expect(big.stats.perSync.filter((x) => x.failed)).toEqual([]);
    expect(big.values("Targets", "R10001:R10001")).toEqual([[4]]);
  });
});
