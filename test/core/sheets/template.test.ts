/** The plan template as sheet specs, and the sample plan it can hold. */
import { describe, expect, it } from "vitest";
import { serialFromYmd, ymdFromSerial } from "../../../src/core/dates";
import { samplePlan, SAMPLE_SEASONAL_WEIGHTS } from "../../../src/core/sample";
import { TABLES, TABLE_NAMES, bindTable, readSettings, type RawTables } from "../../../src/core/schema";
import { type TemplateSheet, templateSheets } from "../../../src/core/sheets/template";
import type { SpecCell, SpecValidation } from "../../../src/core/sheets/spec";
import { validatePlan } from "../../../src/core/smart";

const TODAY = serialFromYmd(2026, 8, 15);

function sheetOf(sheets: TemplateSheet[], table: string): TemplateSheet {
  return sheets.find((s) => s.table === table)!;
}
function validationOf(t: TemplateSheet, col: number): SpecValidation | undefined {
  return t.spec.validations!.find((v) => v.range.col === col && v.range.row === 2);
}
const colOf = (table: keyof typeof TABLES, key: string) => TABLES[table].columns.findIndex((c) => c.key === key) + 1;

/** The raw plan tables the template's specs describe (cells as a reader would get them; formulas blank). */
function rawTables(sheets: TemplateSheet[]): RawTables {
  const out: RawTables = {};
  for (const { table, spec } of sheets) {
    const [header, ...rows] = spec.blocks[0]!.cells;
    const value = (c: SpecCell) => (c === null || c.t === "f" ? null : c.v);
    out[table] = {
      name: table, sheet: spec.name, headerRow: 1, firstCol: 1,
      headers: header!.map((c) => String(value(c))),
      rows: rows.map((r) => r.map(value)),
      formulaColumns: header!.map((_, j) => rows.some((r) => r[j]?.t === "f")),
    };
  }
  return out;
}

describe("the empty template", () => {
  const en = templateSheets({ lang: "en" });
  const zh = templateSheets({ lang: "zh-CN", fiscalStartMonth: 4 });

  it("has the six plan tables on sheets named in the chosen language, each a table at A1", () => {
    expect(en.map((s) => [s.table, s.spec.name])).toEqual([
      ["PlanTargets", "Targets"], ["PlanActuals", "Actuals"], ["PlanActions", "Actions"],
      ["PlanRisks", "Risks"], ["PlanPhasing", "Phasing"], ["PlanSettings", "Settings"],
    ]);
    expect(zh.map((s) => s.spec.name)).toEqual(["目标", "实际", "行动计划", "风险", "分解", "设置"]);
    for (const s of en) {
      const cols = TABLES[s.table].columns.length;
      expect(s.spec.tables).toEqual([{ name: s.table, range: { row: 1, col: 1, rows: s.table === "PlanSettings" ? 6 : 2, cols }, style: "TableStyleMedium2" }]);
      expect(s.spec.freeze).toEqual({ rows: 1, cols: 0 });
      expect(Object.keys(s.spec.columnWidths!)).toHaveLength(cols);
    }
  });

  it("writes the headers as text in the chosen language", () => {
    expect(sheetOf(en, "PlanTargets").spec.blocks[0]!.cells[0]!.slice(0, 4)).toEqual(
      ["Goal ID", "Goal", "Objective", "Metric"].map((v) => ({ t: "s", v })),
    );
    expect(sheetOf(zh, "PlanPhasing").spec.blocks[0]!.cells[0]!.map((c) => c && c.t === "s" && c.v)).toEqual(
      ["分解方式", "1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"],
    );
  });

  it("offers warning-style lists for Metric, Direction, Status, Category, Response, and 1–5 whole scores", () => {
    const list = (t: TemplateSheet, key: string) => validationOf(t, colOf(t.table, key));
    expect(list(sheetOf(en, "PlanTargets"), "Metric")).toMatchObject({ kind: "list", alert: "warning", values: ["Revenue", "Units", "NewCustomers", "Orders", "GrossMargin", "Cost"] });
    expect(list(sheetOf(zh, "PlanTargets"), "Metric")).toMatchObject({ kind: "list", values: ["销售额", "销量", "新客户数", "订单数", "毛利", "费用"] });
    expect(list(sheetOf(en, "PlanTargets"), "Direction")).toMatchObject({ kind: "list", values: ["higher", "lower"] });
    expect(list(sheetOf(en, "PlanActions"), "Status")).toMatchObject({ kind: "list", values: ["Not started", "In progress", "Done", "Blocked", "Cancelled"] });
    expect(list(sheetOf(en, "PlanRisks"), "Category")).toMatchObject({ kind: "list", values: ["Market", "Operational", "Financial", "Compliance", "Other"] });
    expect(list(sheetOf(zh, "PlanRisks"), "Response")).toMatchObject({ kind: "list", values: ["规避", "转移", "减轻", "接受"] });
    expect(list(sheetOf(en, "PlanRisks"), "Status")).toMatchObject({ kind: "list", values: ["Open", "Closed"] });
    for (const key of ["Likelihood", "Impact"]) expect(list(sheetOf(en, "PlanRisks"), key)).toMatchObject({ kind: "whole", min: 1, max: 5, alert: "warning" });
    for (const t of en) for (const v of t.spec.validations!) expect(v.alert).toBe("warning");
  });

  it("validates and formats dates (1990–2199) over 500 rows, so rows typed later get them too", () => {
    const targets = sheetOf(en, "PlanTargets");
    for (const key of ["Start", "End"]) {
      const col = colOf("PlanTargets", key);
      expect(validationOf(targets, col)).toMatchObject({ kind: "date", min: serialFromYmd(1990, 1, 1), max: serialFromYmd(2199, 12, 31), range: { row: 2, col, rows: 500, cols: 1 } });
      expect(targets.spec.numberFormats!.find((f) => f.range.col === col)!.format).toBe("yyyy-mm-dd");
    }
    const actuals = sheetOf(en, "PlanActuals");
    expect(validationOf(actuals, 1)).toMatchObject({ kind: "date" });
  });

  it("makes the risk Score a formula in the long structured-reference form files store", () => {
    const score = colOf("PlanRisks", "Score") - 1;
    expect(sheetOf(en, "PlanRisks").spec.blocks[0]!.cells[1]![score]).toEqual({ t: "f", f: "=PlanRisks[[#This Row],[Likelihood]]*PlanRisks[[#This Row],[Impact]]" });
    expect(sheetOf(zh, "PlanRisks").spec.blocks[0]!.cells[1]![score]).toEqual({ t: "f", f: "=PlanRisks[[#This Row],[可能性]]*PlanRisks[[#This Row],[影响]]" });
  });

  it("fills PlanSettings with the defaults and the fiscal start asked for", () => {
    expect(readSettings(rawTables(en).PlanSettings).settings).toEqual({ fiscalYearStartMonth: 1, atRiskThreshold: 0.9, maxGrowth: 0.5, language: "en", currency: null });
    expect(readSettings(rawTables(zh).PlanSettings)).toEqual({
      settings: { fiscalYearStartMonth: 4, atRiskThreshold: 0.9, maxGrowth: 0.5, language: "zh-CN", currency: null }, problems: [],
    });
  });

  it("reads back with every required column present and no row counted (the blank rows are ignored)", () => {
    for (const sheets of [en, zh]) {
      const raw = rawTables(sheets);
      for (const name of TABLE_NAMES.filter((n) => n !== "PlanSettings")) {
        const bound = bindTable(raw[name]!);
        expect(bound.missing, name).toEqual([]);
        expect(bound.rows, name).toEqual([]);
      }
    }
  });

  it("never takes a sheet name in use, and leaves out tables it is told to", () => {
    const sheets = templateSheets({ lang: "en", existingSheets: ["targets", "Targets (2)", "Sheet1"], skip: ["PlanActuals"] });
    expect(sheets.map((s) => s.spec.name)).toEqual(["Targets (3)", "Actions", "Risks", "Phasing", "Settings"]);
  });
});

describe("the sample plan", () => {
  it("holds the seed example: this quarter's revenue of 5,000,000, 30% of it from new customers", () => {
    const p = samplePlan(TODAY, "en");
    const g2 = p.PlanTargets.find((r) => r.GoalID?.t === "s" && r.GoalID.v === "G-002")!;
    const g3 = p.PlanTargets.find((r) => r.GoalID?.t === "s" && r.GoalID.v === "G-003")!;
    // 2026-08-15 is in Q3: 2026-07-01 … 2026-09-30.
    expect(g2).toMatchObject({ Metric: { v: "Revenue" }, Target: { v: 5_000_000 }, Start: { t: "d", v: serialFromYmd(2026, 7, 1) }, End: { t: "d", v: serialFromYmd(2026, 9, 30) }, Segment: null });
    expect(g3).toMatchObject({ Metric: { v: "Revenue" }, Target: { v: 1_500_000 }, Segment: { v: "New" }, Parent: { v: "G-002" } });
    expect((g3.Target as { v: number }).v / (g2.Target as { v: number }).v).toBeCloseTo(0.3, 12);
    expect(samplePlan(TODAY, "zh-CN").PlanTargets[2]).toMatchObject({ Metric: { v: "销售额" }, Segment: { v: "新客户" } });
  });

  it("has a year of actuals up to today, none after it, with the seasonal profile's shape", () => {
    const p = samplePlan(TODAY, "en");
    const dates = p.PlanActuals.map((r) => (r.Date as { v: number }).v);
    expect(Math.max(...dates)).toBeLessThanOrEqual(TODAY);
    expect(Math.min(...dates)).toBeGreaterThanOrEqual(serialFromYmd(2025, 9, 1));
    const revenueIn = (y: number, m: number) =>
      p.PlanActuals.filter((r) => (r.Metric as { v: string }).v === "Revenue" && ymdFromSerial((r.Date as { v: number }).v).y === y && ymdFromSerial((r.Date as { v: number }).v).m === m)
        .reduce((sum, r) => sum + (r.Value as { v: number }).v, 0);
    // December weighs 13 against February's 6: even with ±10% noise December sells more.
    expect(revenueIn(2025, 12)).toBeGreaterThan(revenueIn(2026, 2) * 1.5);
    expect(SAMPLE_SEASONAL_WEIGHTS.reduce((a, b) => a + b, 0)).toBe(100);
    expect(p.PlanPhasing).toHaveLength(1);
  });

  it("is the same every time for the same day", () => {
    expect(samplePlan(TODAY, "en")).toEqual(samplePlan(TODAY, "en"));
  });

  it("validates without a single finding, in both languages, whatever today is", () => {
    for (const lang of ["en", "zh-CN"] as const) {
      for (const today of [serialFromYmd(2026, 1, 1), serialFromYmd(2026, 3, 31), TODAY, serialFromYmd(2026, 12, 31), serialFromYmd(2028, 2, 29)]) {
        const sheets = templateSheets({ lang, sample: samplePlan(today, lang), currency: lang === "en" ? "USD" : "CNY" });
        const v = validatePlan(rawTables(sheets), lang);
        expect(v.goals).toBe(6);
        expect(v.findings.filter((f) => f.severity === "error"), `${lang} ${today}`).toEqual([]);
        expect(v.findings, `${lang} ${today}`).toEqual([]);
      }
    }
  });
});

describe("number formats of the template", () => {
  it("formats amounts with thousands, but not PlanSettings' Value (0.9 must not show as 1)", async () => {
    const { numberFormatFor } = await import("../../../src/core/sheets/columns");
    expect(numberFormatFor("PlanTargets", "Target")).toBe("#,##0");
    expect(numberFormatFor("PlanActuals", "Value")).toBe("#,##0");
    expect(numberFormatFor("PlanSettings", "Value")).toBeNull();
  });
});
