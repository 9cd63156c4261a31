import { describe, expect, it } from "vitest";
import type { CellValue } from "../../../src/core/cells";
import { serialFromYmd } from "../../../src/core/dates";
import type { Review } from "../../../src/core/review/engine";
import {
  amountFormat, readPreviousCommentary, REVIEW_COLUMNS, reviewCol, reviewHeaders, reviewSheetName, reviewSheetSpec, reviewTableName,
} from "../../../src/core/sheets/review";
import { structuredColumn, textConstant } from "../../../src/core/sheets/review-formulas";
import type { SheetSpec, SpecCell } from "../../../src/core/sheets/spec";
import { actual, goal, plan, profile, review, type Row } from "../review/plan";

const d = serialFromYmd;
const AUG15 = d(2026, 8, 15);
const GENERATED = d(2026, 8, 15) + 0.5;

/** The cell a spec writes at (row, col), or undefined. */
function cellAt(spec: SheetSpec, row: number, col: number): SpecCell | undefined {
  let found: SpecCell | undefined;
  for (const b of spec.blocks) {
    const r = row - b.row;
    const c = col - b.col;
    if (r >= 0 && r < b.cells.length && c >= 0 && c < b.cells[r]!.length) {
      const v = b.cells[r]![c]!;
      if (v !== null) found = v;
    }
  }
  return found;
}

/** The values a sheet shows after the spec is written (formulas unevaluated: null), from A1. */
function gridOf(spec: SheetSpec): { origin: { row: number; col: number }; values: CellValue[][]; formulas: (string | null)[][] } {
  let rows = 0;
  let cols = 0;
  for (const b of spec.blocks) {
    rows = Math.max(rows, b.row + b.cells.length - 1);
    cols = Math.max(cols, b.col + (b.cells[0]?.length ?? 0) - 1);
  }
  const values: CellValue[][] = Array.from({ length: rows }, () => Array<CellValue>(cols).fill(null));
  const formulas: (string | null)[][] = Array.from({ length: rows }, () => Array<string | null>(cols).fill(null));
  for (const b of spec.blocks) {
    b.cells.forEach((line, i) =>
      line.forEach((c, j) => {
        if (c === null) return;
        const r = b.row + i - 1;
        const k = b.col + j - 1;
        if (c.t === "f") formulas[r]![k] = c.f;
        else values[r]![k] = c.v;
      }),
    );
  }
  return { origin: { row: 1, col: 1 }, values, formulas };
}

/** The row of the goal table holding this Goal ID. */
function rowOfGoal(spec: SheetSpec, id: string): number {
  const t = spec.tables![0]!.range;
  for (let r = t.row + 1; r < t.row + t.rows; r++) {
    const c = cellAt(spec, r, 1);
    if (c?.t === "s" && c.v === id) return r;
  }
  throw new Error(`no row for ${id}`);
}

/** Every formula a spec holds (cells and conditional formats). */
function allFormulas(spec: SheetSpec): string[] {
  const out: string[] = [];
  for (const b of spec.blocks) for (const line of b.cells) for (const c of line) if (c?.t === "f") out.push(c.f);
  for (const cf of spec.conditionalFormats ?? []) if (cf.kind === "expression") out.push(cf.formula);
  return out;
}

const basic = (over: Row = {}) =>
  plan({
    targets: [goal({ GoalID: "G-001", Region: "East", Target: 1_840_000, End: d(2026, 12, 31), Owner: "Wang", ...over })],
    actuals: [actual(d(2026, 7, 10), 200_000, { Region: "East" })],
  });

describe("names", () => {
  it("sheet and table names per language", () => {
    expect(reviewSheetName("2026-Q3", "en")).toBe("Review 2026-Q3");
    expect(reviewSheetName("2026-Q3", "zh-CN")).toBe("复盘 2026-Q3");
    const range = reviewSheetName("2026-07-01..2026-09-30", "en");
    expect(range).toBe("Review 2026-07-01..2026-09-30");
    expect(range.length).toBeLessThanOrEqual(31);
    expect(reviewTableName("2026-Q3", "en")).toBe("Review_2026_Q3");
    expect(reviewTableName("FY2026-H1", "zh-CN")).toBe("ReviewZh_FY2026_H1");
    expect(reviewTableName("2026-07-01..2026-09-30", "en")).toBe("Review_2026_07_01..2026_09_30");
  });
});

describe("amount formats", () => {
  it("a currency shows its symbol, the plan's Currency its code, other units thousands", () => {
    expect(amountFormat("CNY", null)).toBe('"¥"#,##0');
    expect(amountFormat(" usd ", null)).toBe('"$"#,##0');
    expect(amountFormat("CHF", "chf")).toBe('#,##0" CHF"');
    expect(amountFormat("CHF", null)).toBe("#,##0");
    expect(amountFormat("pcs", "CNY")).toBe("#,##0");
    expect(amountFormat("", null)).toBe("#,##0");
  });
  it("formats each run of rows by its unit", () => {
    const r = review(plan({ targets: [goal({ GoalID: "a" }), goal({ GoalID: "b" }), goal({ GoalID: "c", Metric: "Units", Unit: "pcs" })] }), { period: "2026-Q3", asOf: AUG15 });
    const spec = reviewSheetSpec(r, { generatedAt: GENERATED });
    const first = spec.tables![0]!.range.row + 1;
    const actualFormats = spec.numberFormats!.filter((f) => f.range.col === reviewCol("actual") && f.range.row >= first && f.range.row < first + 3);
    expect(actualFormats).toEqual([
      { range: { row: first, col: reviewCol("actual"), rows: 2, cols: 1 }, format: '"¥"#,##0' },
      { range: { row: first + 2, col: reviewCol("actual"), rows: 1, cols: 1 }, format: "#,##0" },
    ]);
  });
});

describe("goal table", () => {
  const r = review(basic(), { period: "2026-Q3", asOf: AUG15 });
  const spec = reviewSheetSpec(r, { generatedAt: GENERATED });
  const t = spec.tables![0]!;

  it("is an Excel table with the exact English headers", () => {
    expect(spec.name).toBe("Review 2026-Q3");
    expect(spec.mode).toBe("replace");
    expect(t.name).toBe("Review_2026_Q3");
    expect(t.range).toMatchObject({ col: 1, cols: 16, rows: 2 });
    const headers = Array.from({ length: 16 }, (_, j) => cellAt(spec, t.range.row, j + 1));
    expect(headers).toEqual(
      ["Goal ID", "Goal", "Owner", "Metric", "Unit", "Target (period)", "Target (to date)", "Actual", "Variance", "Variance %", "Attainment",
        "Forecast", "Remaining", "Status", "Commentary", "Adjustment"].map((v) => ({ t: "s", v })),
    );
  });
  it("has the exact Chinese headers in a Chinese sheet", () => {
    expect(reviewHeaders("zh-CN")).toEqual(["目标编号", "目标", "负责人", "指标", "单位", "期间目标", "至今目标", "实际", "差异", "差异率", "达成率", "预测", "剩余", "状态", "评述", "调整措施"]);
    const zh = reviewSheetSpec(r, { generatedAt: GENERATED, lang: "zh-CN" });
    expect(zh.name).toBe("复盘 2026-Q3");
    expect(cellAt(zh, zh.tables![0]!.range.row, 16)).toEqual({ t: "s", v: "调整措施" });
  });
  it("writes targets as values and Actual as the live SUMPRODUCT of review.md, exactly", () => {
    const row = rowOfGoal(spec, "G-001");
    expect(cellAt(spec, row, reviewCol("targetPeriod"))).toEqual({ t: "n", v: 920_000 });
    expect(cellAt(spec, row, reviewCol("targetToDate"))).toEqual({ t: "n", v: 460_000 });
    expect(cellAt(spec, row, reviewCol("actual"))).toEqual({
      t: "f",
      f: '=SUMPRODUCT((PlanActuals[Metric]="Revenue")*(PlanActuals[Region]="East")*(PlanActuals[Date]>=DATE(2026,7,1))*(PlanActuals[Date]<DATE(2026,8,16)),PlanActuals[Value])',
    });
  });
  it("derives the other columns from the row's own cells", () => {
    const row = rowOfGoal(spec, "G-001");
    const at = (c: (typeof REVIEW_COLUMNS)[number]) => cellAt(spec, row, reviewCol(c));
    const R = String(row);
    expect(at("variance")).toEqual({ t: "f", f: `=H${R}-G${R}` });
    expect(at("variancePct")).toEqual({ t: "f", f: `=IF(G${R}=0,"",I${R}/ABS(G${R}))` });
    expect(at("attainment")).toEqual({ t: "f", f: `=IF(F${R}>0,H${R}/F${R},"")` });
    expect(at("forecast")).toEqual({ t: "f", f: `=IF(G${R}>0,H${R}*F${R}/G${R},F${R}+(H${R}-G${R}))` });
    expect(at("remaining")).toEqual({ t: "f", f: `=F${R}-H${R}` });
    // Pace ≥ 1 − 1e-9 On track; ≥ 0.9 × (1 − 1e-9) At risk (AtRiskThreshold 0.9 with the tolerance folded in).
    expect(at("status")).toEqual({
      t: "f",
      f: `=IF(G${R}>0,IF(H${R}/G${R}>=0.999999999,"On track",IF(H${R}/G${R}>=0.8999999991,"At risk","Off track")),IF(G${R}=0,"On track",IF(I${R}>=0,"On track","Off track")))`,
    });
  });
  it("uses no PLAN.* function and nothing LibreOffice 7.4 lacks", () => {
    const fs = allFormulas(spec);
    expect(fs.length).toBeGreaterThan(5);
    for (const f of fs) {
      expect(f).not.toMatch(/PLAN\./i);
      expect(f).not.toMatch(/XLOOKUP|\bLET\(|#All|#Data/i);
    }
  });
});

describe("formula details", () => {
  it("doubles quotes, keeps *, ? and ~ as typed, and compares a number as a number", () => {
    const r = review(
      plan({
        targets: [
          goal({ GoalID: "q", Product: 'Say "hi"', Segment: "Pro*Max?~" }),
          goal({ GoalID: "n", Product: 123, Rep: -5.5 }),
          goal({ GoalID: "t", Product: "00123", Rep: true }),
        ],
      }),
      { period: "2026-Q3", asOf: AUG15 },
    );
    const spec = reviewSheetSpec(r, { generatedAt: GENERATED });
    const f = (id: string) => (cellAt(spec, rowOfGoal(spec, id), reviewCol("actual")) as { f: string }).f;
    expect(f("q")).toBe(
      '=SUMPRODUCT((PlanActuals[Metric]="Revenue")*(PlanActuals[Product]="Say ""hi""")*(PlanActuals[Segment]="Pro*Max?~")*(PlanActuals[Date]>=DATE(2026,7,1))*(PlanActuals[Date]<DATE(2026,8,16)),PlanActuals[Value])',
    );
    expect(f("n")).toContain("*(PlanActuals[Product]=123)*(PlanActuals[Rep]=-5.5)*");
    expect(f("t")).toContain('*(PlanActuals[Product]="00123")*(PlanActuals[Rep]=TRUE)*');
  });
  it("uses the table's real Chinese headers", () => {
    const zh = plan({ targets: [goal({ Metric: "销售额", Region: "华东" })] }, "zh");
    const r = review(zh, { period: "2026年第三季度", asOf: AUG15 });
    const spec = reviewSheetSpec(r, { generatedAt: GENERATED, lang: "zh-CN" });
    expect(cellAt(spec, rowOfGoal(spec, "G-001"), reviewCol("actual"))).toEqual({
      t: "f",
      f: '=SUMPRODUCT((PlanActuals[指标]="销售额")*(PlanActuals[区域]="华东")*(PlanActuals[日期]>=DATE(2026,7,1))*(PlanActuals[日期]<DATE(2026,8,16)),PlanActuals[数值])',
    });
    // Chinese status words in the Status formula.
    expect((cellAt(spec, rowOfGoal(spec, "G-001"), reviewCol("status")) as { f: string }).f).toContain('"正常"');
  });
  it("escapes [, ], # and ' in column names, and brackets names with spaces", () => {
    expect(structuredColumn("PlanActuals", "Value")).toBe("PlanActuals[Value]");
    expect(structuredColumn("PlanActuals", "Met[ric]#'x")).toBe("PlanActuals[[Met'[ric']'#''x]]");
    expect(structuredColumn("PlanActuals", "Order date")).toBe("PlanActuals[[Order date]]");
    const r = review(basic(), { period: "2026-Q3", asOf: AUG15 });
    const spec = reviewSheetSpec(r, { generatedAt: GENERATED, actualsHeaders: { ...r.actualsHeaders, Region: "Re#gion" } });
    expect((cellAt(spec, rowOfGoal(spec, "G-001"), reviewCol("actual")) as { f: string }).f).toContain("(PlanActuals[[Re'#gion]]=\"East\")");
  });
  it("splits text longer than 255 characters into joined constants", () => {
    const long = "x".repeat(300);
    expect(textConstant(long)).toBe(`"${"x".repeat(255)}"&"${"x".repeat(45)}"`);
    expect(textConstant("")).toBe('""');
  });
  it("a condition on a column PlanActuals lacks is the factor 0", () => {
    const r = review(basic({ Rep: "Li" }), { period: "2026-Q3", asOf: AUG15 });
    const { Rep: _rep, ...noRep } = r.actualsHeaders;
    const spec = reviewSheetSpec(r, { generatedAt: GENERATED, actualsHeaders: noRep });
    expect((cellAt(spec, rowOfGoal(spec, "G-001"), reviewCol("actual")) as { f: string }).f).toContain('(PlanActuals[Region]="East")*0*(PlanActuals[Date]>=');
  });
  it("a lower-is-better goal: variance TD − A and the lower thresholds", () => {
    const r = review(plan({ targets: [goal({ Metric: "Cost", Direction: "lower" })] }), { period: "2026-Q3", asOf: AUG15 });
    const spec = reviewSheetSpec(r, { generatedAt: GENERATED });
    const row = rowOfGoal(spec, "G-001");
    expect(cellAt(spec, row, reviewCol("variance"))).toEqual({ t: "f", f: `=G${row}-H${row}` });
    // 1 / (1 − 1e-9) and 1.1 / (1 − 1e-9), to 15 significant digits.
    expect((cellAt(spec, row, reviewCol("status")) as { f: string }).f).toContain(`IF(H${row}/G${row}<=1.000000001,"On track",IF(H${row}/G${row}<=1.1000000011,"At risk","Off track"))`);
  });
  it("Not started: Status is the text and Actual's date range is empty (the formula gives 0)", () => {
    const r = review(plan({ targets: [goal()] }), { period: "2026-Q3", asOf: d(2026, 6, 20) });
    const spec = reviewSheetSpec(r, { generatedAt: GENERATED });
    const row = rowOfGoal(spec, "G-001");
    expect(cellAt(spec, row, reviewCol("status"))).toEqual({ t: "s", v: "Not started" });
    // From Jul 1 to before Jun 21: no date can satisfy both.
    expect((cellAt(spec, row, reviewCol("actual")) as { f: string }).f).toContain("(PlanActuals[Date]>=DATE(2026,7,1))*(PlanActuals[Date]<DATE(2026,6,21))");
  });
  it("Needs fix: the status text and blank numbers", () => {
    const r = review(plan({ targets: [goal({ Phasing: "Nope" })], phasing: [profile("Other", Array(12).fill(1))] }), { period: "2026-Q3", asOf: AUG15 });
    const spec = reviewSheetSpec(r, { generatedAt: GENERATED });
    const row = rowOfGoal(spec, "G-001");
    expect(cellAt(spec, row, reviewCol("status"))).toEqual({ t: "s", v: "Needs fix" });
    for (const c of ["targetPeriod", "targetToDate", "actual", "variance", "variancePct", "attainment", "forecast", "remaining"] as const) {
      expect(cellAt(spec, row, reviewCol(c))).toBeUndefined();
    }
    // And it says what to fix, below the table.
    const g = gridOf(spec);
    expect(g.values.flat()).toContain('Phasing names profile "Nope", which PlanPhasing does not have.');
  });
});

describe("user text stays text", () => {
  const tricky = ['=HYPERLINK("http://x","y")', "00123", "2026-12-31", "TRUE", "+1", "@me", "-3"];
  const r = review(
    plan({
      targets: tricky.map((x, i) => goal({ GoalID: `G${i}`, Goal: x, Owner: x, Unit: x, Product: x })),
      actions: [{ ActionID: "A1", Action: tricky[0]!, Owner: tricky[2]!, Due: d(2026, 8, 20), Status: "In progress" }],
      risks: [{ RiskID: "R1", Risk: tricky[1]!, Likelihood: 4, Impact: 4, Owner: tricky[3]! }],
    }),
    { period: "2026-Q3", asOf: AUG15 },
  );
  const previous = { commentary: new Map([["G0", { commentary: "=SUM(1,2)", adjustment: "0042" }]]), removed: [] };
  const spec = reviewSheetSpec(r, { generatedAt: GENERATED, previous });

  it("goal names, owners and units as typed, in text cells", () => {
    tricky.forEach((x, i) => {
      const row = rowOfGoal(spec, `G${i}`);
      for (const c of ["goal", "owner", "unit"] as const) expect(cellAt(spec, row, reviewCol(c))).toEqual({ t: "s", v: x });
    });
  });
  it("commentary carried over stays text", () => {
    const row = rowOfGoal(spec, "G0");
    expect(cellAt(spec, row, reviewCol("commentary"))).toEqual({ t: "s", v: "=SUM(1,2)" });
    expect(cellAt(spec, row, reviewCol("adjustment"))).toEqual({ t: "s", v: "0042" });
  });
  it("no user text is ever a formula, number, date or boolean cell, anywhere on the sheet (actions, risks, top 5 too)", () => {
    let asText = 0;
    for (const b of spec.blocks) {
      for (const line of b.cells) {
        for (const c of line) {
          if (c === null) continue;
          if (c.t === "s") {
            if (tricky.includes(c.v)) asText++;
          } else if (c.t === "f") expect(tricky.concat("=SUM(1,2)")).not.toContain(c.f);
        }
      }
    }
    // Goal table: goal, owner, unit (7 × 3); summary: unit (7); by owner: owner and unit (7 × 2); by region: unit (7);
    // top 5: goal, owner, unit (5 × 3); the action: action and owner (2); the risk: risk and owner (2).
    expect(asText).toBe(7 * 3 + 7 + 7 * 2 + 7 + 5 * 3 + 2 + 2);
  });
});

describe("commentary survives regeneration", () => {
  const targetsV1 = [goal({ GoalID: "A" }), goal({ GoalID: "B", Goal: "Goal B" }), goal({ GoalID: "C" })];
  const targetsV2 = [goal({ GoalID: "A" }), goal({ GoalID: "C" }), goal({ GoalID: "D" })];
  const r1 = review(plan({ targets: targetsV1 }), { period: "2026-Q3", asOf: AUG15 });
  const r2 = review(plan({ targets: targetsV2 }), { period: "2026-Q3", asOf: AUG15 });

  /** Types into the grid, as a user would, at a goal's Commentary or Adjustment cell. */
  function type(grid: ReturnType<typeof gridOf>, spec: SheetSpec, id: string, col: "commentary" | "adjustment", text: CellValue): void {
    grid.values[rowOfGoal(spec, id) - 1]![reviewCol(col) - 1] = text;
  }

  it("carries Commentary and Adjustment by Goal ID and keeps removed goals on every later regeneration", () => {
    const s1 = reviewSheetSpec(r1, { generatedAt: GENERATED });
    const g1 = gridOf(s1);
    type(g1, s1, "A", "commentary", "Ahead thanks to the East push");
    type(g1, s1, "B", "commentary", "B was merged into C");
    type(g1, s1, "B", "adjustment", "  keep spaces  ");
    type(g1, s1, "C", "adjustment", "=A1*2");
    const p1 = readPreviousCommentary(g1);
    expect([...p1.commentary.keys()]).toEqual(["A", "B", "C"]);

    // Second generation: B left the review.
    const s2 = reviewSheetSpec(r2, { generatedAt: GENERATED + 1, previous: p1 });
    expect(cellAt(s2, rowOfGoal(s2, "A"), reviewCol("commentary"))).toEqual({ t: "s", v: "Ahead thanks to the East push" });
    expect(cellAt(s2, rowOfGoal(s2, "C"), reviewCol("adjustment"))).toEqual({ t: "s", v: "=A1*2" });
    expect(cellAt(s2, rowOfGoal(s2, "D"), reviewCol("commentary"))).toBeUndefined();
    const g2 = gridOf(s2);
    const flat2 = g2.values.flat();
    expect(flat2).toContain("Removed goals");
    expect(flat2).toContain("B was merged into C");
    expect(flat2).toContain("  keep spaces  ");
    expect(flat2).toContain("Goal B");
    type(g2, s2, "D", "commentary", "New this quarter");

    // Third generation (same goals): B still kept, D's words carried, every word still there.
    const p2 = readPreviousCommentary(g2);
    expect(p2.removed).toEqual([{ goalId: "B", goal: "Goal B", commentary: "B was merged into C", adjustment: "  keep spaces  " }]);
    const s3 = reviewSheetSpec(r2, { generatedAt: GENERATED + 2, previous: p2 });
    const g3 = gridOf(s3);
    const flat3 = g3.values.flat();
    for (const w of ["Ahead thanks to the East push", "B was merged into C", "  keep spaces  ", "=A1*2", "New this quarter"]) expect(flat3).toContain(w);
    expect([...readPreviousCommentary(g3).commentary.keys()]).toEqual(["A", "C", "D"]);
    expect(readPreviousCommentary(g3).removed).toEqual(p2.removed);

    // Fourth generation, in Chinese, with B back in the review: B's words return to its row; nothing is left "removed".
    const r4 = review(plan({ targets: [...targetsV2, goal({ GoalID: "b" })] }), { period: "2026-Q3", asOf: AUG15, lang: "zh-CN" });
    const s4 = reviewSheetSpec(r4, { generatedAt: GENERATED + 3, previous: readPreviousCommentary(g3) });
    expect(cellAt(s4, rowOfGoal(s4, "b"), reviewCol("commentary"))).toEqual({ t: "s", v: "B was merged into C" });
    expect(cellAt(s4, rowOfGoal(s4, "b"), reviewCol("adjustment"))).toEqual({ t: "s", v: "  keep spaces  " });
    const g4 = gridOf(s4);
    expect(g4.values.flat()).not.toContain("已移除的目标");
    // And the Chinese sheet reads back as well.
    const p4 = readPreviousCommentary(g4);
    expect(p4.commentary.get("b")).toMatchObject({ commentary: "B was merged into C" });
    expect(p4.commentary.get("D")).toMatchObject({ commentary: "New this quarter" });
  });
  it("keeps a typed date as a date text, a typed number as its digits, and a typed formula as its text", () => {
    const s1 = reviewSheetSpec(r1, { generatedAt: GENERATED });
    const grid = { ...gridOf(s1), numberFormats: [] as string[][] };
    grid.numberFormats = grid.values.map((line) => line.map(() => "General"));
    const rowA = rowOfGoal(s1, "A") - 1;
    const com = reviewCol("commentary") - 1;
    const adj = reviewCol("adjustment") - 1;
    grid.values[rowA]![com] = d(2026, 12, 31);
    grid.numberFormats[rowA]![com] = "yyyy/m/d";
    grid.values[rowA]![adj] = 42;
    const rowB = rowOfGoal(s1, "B") - 1;
    grid.values[rowB]![com] = 3;
    grid.formulas[rowB]![com] = "=1+2";
    const p = readPreviousCommentary(grid);
    expect(p.commentary.get("A")).toMatchObject({ commentary: "2026-12-31", adjustment: "42" });
    expect(p.commentary.get("B")).toMatchObject({ commentary: "=1+2" });
  });
  it("rows typed without a Goal ID are kept as removed goals", () => {
    const s1 = reviewSheetSpec(r1, { generatedAt: GENERATED });
    const g = gridOf(s1);
    g.values[rowOfGoal(s1, "A") - 1]![0] = null; // the user cleared the ID
    g.values[rowOfGoal(s1, "A") - 1]![reviewCol("commentary") - 1] = "orphan note";
    const p = readPreviousCommentary(g);
    expect(p.removed).toEqual([{ goalId: "", goal: "Revenue", commentary: "orphan note", adjustment: "" }]);
    const s2 = reviewSheetSpec(r1, { generatedAt: GENERATED, previous: p });
    expect(gridOf(s2).values.flat()).toContain("orphan note");
  });
});

describe("layout", () => {
  const tables = plan({
    targets: [
      goal({ GoalID: "H", Owner: "Li", Region: "East" }),
      goal({ GoalID: "L", Metric: "Cost", Direction: "lower", Owner: "Li" }),
      goal({ GoalID: "H2", Owner: "Wang", Region: "West" }),
    ],
    actuals: [actual(d(2026, 7, 2), 10, { Region: "East" }), actual(d(2026, 8, 1), 5, { Metric: "Cost" })],
    settings: [{ Key: "FiscalYearStartMonth", Value: 4 }],
  });
  const r = review(tables, { period: "2026-Q3", asOf: AUG15 });
  const spec = reviewSheetSpec(r, { generatedAt: GENERATED });
  const t = spec.tables![0]!.range;
  const first = t.row + 1;

  it("has the header block with period, as-of, latest actual, generated at, fiscal settings, phasing and the kept line", () => {
    expect(cellAt(spec, 1, 1)).toEqual({ t: "s", v: "Review 2026-Q3" });
    expect(cellAt(spec, 2, 2)).toEqual({ t: "s", v: "2026-Q3" });
    expect(cellAt(spec, 2, 3)).toEqual({ t: "d", v: d(2026, 7, 1) });
    expect(cellAt(spec, 2, 4)).toEqual({ t: "d", v: d(2026, 9, 30) });
    expect(cellAt(spec, 3, 2)).toEqual({ t: "d", v: AUG15 });
    expect(cellAt(spec, 4, 2)).toEqual({ t: "d", v: d(2026, 8, 1) });
    expect(cellAt(spec, 4, 3)).toEqual({ t: "s", v: "Warning: the latest actual is 14 days before the as-of date; actuals may be missing." });
    expect(cellAt(spec, 5, 2)).toEqual({ t: "n", v: GENERATED });
    expect(spec.numberFormats).toContainEqual({ range: { row: 5, col: 2, rows: 1, cols: 1 }, format: "yyyy-mm-dd hh:mm" });
    expect((cellAt(spec, 6, 2) as { v: string }).v).toContain("month 4");
    expect((cellAt(spec, 7, 2) as { v: string }).v).toContain("calendar days");
    expect((cellAt(spec, 9, 1) as { v: string }).v).toMatch(/^Commentary and Adjustment are kept when this sheet is regenerated; everything else on it is rebuilt\./);
  });
  it("shows KPI tiles of the metric with the largest ΣTP and the status counts", () => {
    expect(cellAt(spec, 11, 1)).toEqual({ t: "s", v: "Key figures: Revenue (CNY)" });
    expect(cellAt(spec, 13, 1)).toEqual({ t: "n", v: 200 }); // H + H2, 100 each
    expect(cellAt(spec, 13, 3)).toEqual({ t: "n", v: 10 });
    const counts = [6, 7, 8, 9, 10].map((c) => (cellAt(spec, 13, c) as { v: number }).v);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(3);
  });
  it("formats numbers, percentages and colours statuses, variance and attainment", () => {
    const col = (c: (typeof REVIEW_COLUMNS)[number]) => ({ row: first, col: reviewCol(c), rows: 3, cols: 1 });
    expect(spec.numberFormats).toContainEqual({ range: col("attainment"), format: "0.0%" });
    // Every goal is in CNY: its amounts show the yuan sign.
    expect(spec.numberFormats).toContainEqual({ range: col("actual"), format: '"¥"#,##0' });
    expect(spec.numberFormats).toContainEqual({ range: { row: 13, col: 1, rows: 1, cols: 3 }, format: '"¥"#,##0' });
    const cfs = spec.conditionalFormats!;
    expect(cfs.filter((c) => c.kind === "textEquals").map((c) => (c as { text: string }).text)).toEqual(["On track", "At risk", "Off track", "Not started", "Needs fix"]);
    // Data bars on the higher-is-better rows only: H (row first) and H2 (row first + 2), not L.
    expect(cfs.filter((c) => c.kind === "dataBar").map((c) => c.range)).toEqual([
      { row: first, col: reviewCol("attainment"), rows: 1, cols: 1 },
      { row: first + 2, col: reviewCol("attainment"), rows: 1, cols: 1 },
    ]);
    const exprs = cfs.filter((c) => c.kind === "expression").map((c) => (c as { formula: string }).formula);
    expect(exprs).toEqual([`=AND(ISNUMBER(I${first}),I${first}>0)`, `=AND(ISNUMBER(I${first}),I${first}<0)`, `=AND(ISNUMBER(J${first}),J${first}>0)`, `=AND(ISNUMBER(J${first}),J${first}<0)`]);
  });
  it("charts target vs actual per goal", () => {
    expect(spec.charts).toEqual([
      {
        kind: "columnClustered", title: "Target (period) vs actual by goal",
        categories: { row: first, col: 1, rows: 3, cols: 1 },
        series: [{ row: t.row, col: 6, rows: 4, cols: 1 }, { row: t.row, col: 8, rows: 4, cols: 1 }],
        anchor: { row: t.row, col: 18, rows: 20, cols: 10 },
      },
    ]);
  });
  it("charts per owner when there are more than 20 goals", () => {
    const many = review(
      plan({ targets: Array.from({ length: 21 }, (_, i) => goal({ GoalID: `G${i}`, Owner: `O${i % 3}`, Metric: i === 20 ? "Units" : "Revenue" })) }),
      { period: "2026-Q3", asOf: AUG15 },
    );
    const s = reviewSheetSpec(many, { generatedAt: GENERATED });
    const ch = s.charts![0]!;
    expect(ch.title).toBe("Target (period) vs actual by owner: Revenue");
    // The owner block lists the Revenue owners first: O0, O1, O2 under its header row.
    const names = [0, 1, 2].map((i) => cellAt(s, ch.categories.row + i, ch.categories.col));
    expect(names).toEqual([{ t: "s", v: "O0" }, { t: "s", v: "O1" }, { t: "s", v: "O2" }]);
    expect(ch.categories.rows).toBe(3);
    expect(cellAt(s, ch.series[0]!.row, ch.series[0]!.col)).toEqual({ t: "s", v: "Target (period)" });
    expect(cellAt(s, ch.series[1]!.row, ch.series[1]!.col)).toEqual({ t: "s", v: "Actual" });
  });
  it("a review without goals still has its table (one blank row), and no chart", () => {
    const empty = review(plan({ targets: [goal({ Start: d(2027, 1, 1), End: d(2027, 3, 31) })] }), { period: "2026-Q3", asOf: AUG15 });
    expect(empty.goals).toEqual([]);
    const s = reviewSheetSpec(empty, { generatedAt: GENERATED });
    expect(s.tables![0]!.range).toMatchObject({ rows: 2, cols: 16 });
    expect(s.charts).toEqual([]);
    expect(cellAt(s, 11, 1)).toEqual({ t: "s", v: "Key figures: no goal to add up" });
    expect(readPreviousCommentary(gridOf(s))).toEqual({ commentary: new Map(), removed: [] });
  });
  it("lists summary, breakdowns, top 5, actions and risks below the table", () => {
    const flat = gridOf(spec).values.flat();
    for (const title of ["Summary (goals without a parent)", "By owner (goals without children)", "By region (goals without children)", "Top 5 unfavorable (most negative Variance %)", "Actions overdue or due within 30 days", "Open risks scoring 12 or more"]) {
      expect(flat).toContain(title);
    }
    expect(flat).toContain("None."); // no actions, no risks
  });
});
