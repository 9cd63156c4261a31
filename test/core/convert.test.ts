/**
 * Planning the conversion of a user's sheet (plan-workbook.md, "Converting a sheet"): the
 * golden cases are worked out by hand from the spec's rules, row by row.
 */
import { describe, expect, it } from "vitest";
import type { CellValue } from "../../src/core/cells";
import { excelError } from "../../src/core/errors";
import { type ConvertOptions, type ConvertPlan, type SheetGrid, convertJson, formatId, planConversion } from "../../src/core/convert";
import { rangeOf } from "../../src/core/sheets/spec";
import type { SpecCell } from "../../src/core/sheets/spec";

/** A sheet grid: rows of values from `at` (default A1), formulas and formats by "row,col". */
function grid(values: CellValue[][], o: { at?: [number, number]; formulas?: Record<string, string>; formats?: Record<string, string>; merges?: SheetGrid["merges"]; tables?: string[]; name?: string } = {}): SheetGrid {
  const [r0, c0] = o.at ?? [1, 1];
  const width = Math.max(0, ...values.map((r) => r.length));
  return {
    name: o.name ?? "Sheet1",
    origin: { row: r0, col: c0 },
    values: values.map((r) => Array.from({ length: width }, (_, j) => r[j] ?? null)),
    formulas: values.map((_, i) => Array.from({ length: width }, (_, j) => o.formulas?.[`${r0 + i},${c0 + j}`] ?? null)),
    numberFormats: values.map((_, i) => Array.from({ length: width }, (_, j) => o.formats?.[`${r0 + i},${c0 + j}`] ?? "General")),
    merges: o.merges ?? [],
    tables: o.tables ?? [],
  };
}

function plan(g: SheetGrid, opts?: ConvertOptions): ConvertPlan {
  const out = planConversion(g, opts);
  if (!out.ok) throw new Error(`expected a plan, got ${out.error.key}`);
  return out.plan;
}

const s = (v: string): SpecCell => ({ t: "s", v });
const n = (v: number): SpecCell => ({ t: "n", v });
const d = (v: number): SpecCell => ({ t: "d", v });

describe("a CRM export: no Metric column, a blank row and a totals row", () => {
  // Row 1 headers; rows 2, 3, 5 data; row 4 blank; row 6 "Total" with =SUM(D2:D5).
  const crm = grid(
    [
      ["Order date", "Customer", "Product", "Amount", "Sales rep", "Region"],
      [46_023, "Acme", "Pro", 1200, "Lily", "East"],
      [46_024, "Beta", "Standard", 800, "Tom", "North"],
      [],
      [46_030, "Gamma", "Pro", 500, "Lily", "East"],
      ["Total", null, null, 2500, null, null],
    ],
    { formulas: { "6,4": "=SUM(D2:D5)" }, formats: { "2,1": "yyyy-mm-dd", "3,1": "yyyy-mm-dd", "5,1": "yyyy-mm-dd", "2,4": "#,##0" } },
  );
  const p = plan(crm);

  it("is read as actuals, every header mapped, with the metric column added", () => {
    expect(convertJson(p)).toEqual({
      sheet: "Sheet1",
      table: "PlanActuals",
      headerRow: 1,
      mapping: [
        { header: "Order date", key: "Date", confidence: 0.8 },
        { header: "Customer", key: "Customer", confidence: 1 },
        { header: "Product", key: "Product", confidence: 1 },
        { header: "Amount", key: "Value", confidence: 0.8 },
        { header: "Sales rep", key: "Rep", confidence: 0.8 },
        { header: "Region", key: "Region", confidence: 1 },
      ],
      unmapped: [],
      added: ["Metric"],
      rows: 3,
    });
    expect(Object.keys(convertJson(p))).toEqual(["sheet", "table", "headerRow", "mapping", "unmapped", "added", "rows"]);
    expect(p.metric).toBe("Revenue");
    expect(p.blankRows).toEqual([4]);
  });

  it("packs the data under canonical headers and leaves the totals row where it was", () => {
    expect(p.spec.mode).toBe("patch");
    // Cleared: header row 1 to the last data row 5, columns A … G (F plus the added Metric).
    expect(p.spec.clear).toEqual([rangeOf(1, 1, 5, 7)]);
    expect(p.spec.blocks).toEqual([
      {
        row: 1,
        col: 1,
        cells: [
          [s("Date"), s("Customer"), s("Product"), s("Value"), s("Rep"), s("Region"), s("Metric")],
          [n(46_023), s("Acme"), s("Pro"), n(1200), s("Lily"), s("East"), s("Revenue")],
          [n(46_024), s("Beta"), s("Standard"), n(800), s("Tom"), s("North"), s("Revenue")],
          [n(46_030), s("Gamma"), s("Pro"), n(500), s("Lily"), s("East"), s("Revenue")],
        ],
      },
    ]);
    // Header + 3 rows = rows 1–4; row 5 is now blank and row 6 (Total, =SUM(D2:D5)) is untouched:
    // its sum still covers D2:D4 and the blank D5.
    expect(p.spec.tables).toEqual([{ name: "PlanActuals", range: rangeOf(1, 1, 4, 7), style: "TableStyleMedium2" }]);
    expect(p.totalsRows).toEqual([{ from: 6, to: 6, kept: true }]);
  });

  it("keeps the cells' own number formats and dresses the plan columns", () => {
    expect(p.spec.numberFormats).toEqual([
      { range: rangeOf(2, 1, 3, 1), format: "yyyy-mm-dd" },
      { range: rangeOf(2, 4, 1, 1), format: "#,##0" },
    ]);
    expect(p.spec.validations!.map((v) => [v.kind, v.range])).toEqual([
      ["date", rangeOf(2, 1, 3, 1)],
      ["list", rangeOf(2, 7, 3, 1)],
    ]);
    expect(p.spec.columnWidths).toEqual({ 7: 14 });
  });

  it("fills an added Metric column with the metric given", () => {
    expect(plan(crm, { metric: "Units" }).spec.blocks[0]!.cells[1]![6]).toEqual(s("Units"));
  });
});

describe("a hand-kept Chinese target sheet with a merged title", () => {
  const sheet = grid(
    [
      ["2026年销售目标"],
      [],
      ["序号", "销售目标", "考核指标", "目标金额", "起始日期", "截止日期", "负责人", "备注"],
      [1, "华东销售额增长20%", "销售额", 5_000_000, 46_023, 46_387, "李伟", "重点客户"],
      [null, "新客户收入150万", "销售额", 1_500_000, "2026-10-1", "2026年12月31日", "王芳", null],
      [3, "=SUM 不是公式", "销量", 12_000, 46_023, 46_387, "张强", "+86 138"],
    ],
    { merges: [rangeOf(1, 1, 1, 8)] },
  );
  const p = plan(sheet);

  it("maps every header by its Chinese alias and writes Chinese canonical headers", () => {
    expect(p).toMatchObject({ table: "PlanTargets", kind: "targets", lang: "zh-CN", headerRow: 3, firstCol: 1, rows: 3, added: [], unmapped: ["备注"] });
    expect(p.mapping.map((m) => [m.header, m.key, m.confidence])).toEqual([
      ["序号", "GoalID", 0.8], ["销售目标", "Goal", 0.8], ["考核指标", "Metric", 0.8], ["目标金额", "Target", 0.8],
      ["起始日期", "Start", 0.8], ["截止日期", "End", 0.8], ["负责人", "Owner", 1],
    ]);
    expect(p.spec.blocks[0]!.cells[0]).toEqual(["目标编号", "目标", "指标", "目标值", "开始日期", "结束日期", "负责人", "备注"].map(s));
  });

  it("keeps every value as typed: numbers as numbers, text as text, text dates as text (flagged)", () => {
    const rows = p.spec.blocks[0]!.cells.slice(1);
    // The blank ID gets G-001; the typed IDs 1 and 3 stay numbers.
    expect(rows.map((r) => r[0])).toEqual([n(1), s("G-001"), n(3)]);
    expect(p.generatedIds).toEqual(["G-001"]);
    expect(rows[1]!.slice(4, 6)).toEqual([s("2026-10-1"), s("2026年12月31日")]);
    expect(p.textDates).toEqual(["E5", "F5"]);
    // Serials in date columns formatted General become dates (display only).
    expect(rows[0]!.slice(4, 6)).toEqual([d(46_023), d(46_387)]);
    expect(rows[2]![1]).toEqual(s("=SUM 不是公式"));
    expect(rows[2]![7]).toEqual(s("+86 138"));
  });

  it("leaves the title rows alone: the clear starts at the header row", () => {
    expect(p.spec.clear).toEqual([rangeOf(3, 1, 4, 8)]);
    expect(p.spec.tables![0]!.range).toEqual(rangeOf(3, 1, 4, 8));
  });
});

describe("totals rows among the data, blank rows and formulas that move", () => {
  // Rows: 1 header; 2 data; 3 blank; 4 data; 5 小计 =SUM(B2:B4); 6 data; 7 合计 =SUM(B2:B6).
  const sheet = grid(
    [
      ["Date", "Amount", "Double"],
      [46_023, 10, 20],
      [],
      [46_024, 20, 40],
      ["小计", 30, null],
      [46_025, 30, 60],
      ["合计", 90, null],
    ],
    { formulas: { "2,3": "=B2*2", "4,3": "=B4*2", "6,3": "=B6*2", "5,2": "=SUM(B2:B4)", "7,2": "=SUM(B2:B6)" } },
  );
  const p = plan(sheet, { kind: "actuals" });

  it("packs data rows 2, 4, 6 into rows 2–4 and rewrites their formulas as a copy would", () => {
    const body = p.spec.blocks[0]!.cells.slice(1);
    expect(body.map((r) => r[2])).toEqual([{ t: "f", f: "=B2*2" }, { t: "f", f: "=B3*2" }, { t: "f", f: "=B4*2" }]);
    expect(p.rows).toBe(3);
    expect(p.blankRows).toEqual([3]);
  });

  it("moves the subtotal below the table and keeps the final total where it was", () => {
    // The table ends at row 4; the subtotal goes to row 5 (its own row, rewritten), the total stays at 7.
    expect(p.totalsRows).toEqual([{ from: 5, to: 5, kept: false }, { from: 7, to: 7, kept: true }]);
    expect(p.spec.blocks[1]).toEqual({ row: 5, col: 1, cells: [[s("小计"), { t: "f", f: "=SUM(B2:B4)" }, null]] });
    expect(p.spec.blocks).toHaveLength(2);
    expect(p.spec.clear).toEqual([rangeOf(1, 1, 6, 4)]);
  });

  it("keeps the unmapped column under its own header and adds Metric at the right", () => {
    expect(p.unmapped).toEqual(["Double"]);
    expect(p.spec.blocks[0]!.cells[0]).toEqual([s("Date"), s("Value"), s("Double"), s("Metric")]);
  });
});

describe("headers: duplicates, blanks, and where the table starts", () => {
  it("keeps a later duplicate as an extra column with a numbered header", () => {
    const p = plan(grid([["Goal", "Target", "Target", "target"], ["Grow", 1, 2, 3]]));
    expect(p.mapping.map((m) => m.key)).toEqual(["Goal", "Target"]);
    expect(p.unmapped).toEqual(["Target", "target"]);
    expect(p.spec.blocks[0]!.cells[0]!.slice(0, 4)).toEqual([s("Goal"), s("Target"), s("Target2"), s("target3")]);
  });

  it("names a blank header over data after its position, as Excel does (Column2)", () => {
    const p = plan(grid([["Goal", null, "Target"], ["Grow", "note", 5]]));
    expect(p.spec.blocks[0]!.cells[0]!.slice(0, 3)).toEqual([s("Goal"), s("Column2"), s("Target")]);
    expect(p.unmapped).toEqual(["Column2"]);
  });

  it("starts at the first column with a header or a value (a header row at row 5, from column B)", () => {
    const p = plan(grid([["Notes on this sheet"], [], [], [], [null, "Goal", "Target"], [null, "Grow", 100]], { at: [1, 1] }));
    expect(p.headerRow).toBe(5);
    expect(p.firstCol).toBe(2);
    expect(p.spec.tables![0]!.range.col).toBe(2);
    // Cleared from the used range's first column A to G: the table's B–C plus the four
    // required columns added (Goal ID, Metric, Start, End in D–G).
    expect(p.added).toEqual(["GoalID", "Metric", "Start", "End"]);
    expect(p.spec.clear![0]).toEqual(rangeOf(5, 1, 2, 7));
  });

  it("takes the header row and mapping the user corrected", () => {
    const g = grid([["Goal", "Quota", "Amount"], ["Grow", 1, 2]]);
    const p = plan(g, { mapping: { 2: null, 3: "Target" } });
    expect(p.mapping.map((m) => [m.header, m.key, m.confidence])).toEqual([["Goal", "Goal", 1], ["Amount", "Target", 1]]);
    expect(p.unmapped).toEqual(["Quota"]);
    const q = plan(grid([["Goal", "Target"], ["Goal", "Target"], ["x", 1]]), { headerRow: 2 });
    expect(q.headerRow).toBe(2);
    expect(q.rows).toBe(1);
  });
});

describe("IDs, metrics and cell types", () => {
  it("generates IDs for blank cells without reusing one that exists (ignoring case)", () => {
    const p = plan(grid([["Goal ID", "Goal"], ["G-002", "a"], [null, "b"], ["g-001", "c"], ["  ", "d"]]));
    expect(p.spec.blocks[0]!.cells.slice(1).map((r) => r[0])).toEqual([s("G-002"), s("G-003"), s("g-001"), s("G-004")]);
  });

  it("adds a missing ID column at the right, filled A-001… for actions", () => {
    const p = plan(grid([["Action", "Owner", "Due"], ["Call leads", "Ann", 46_100], ["Visit", "Bo", 46_120]]));
    expect(p.table).toBe("PlanActions");
    expect(p.added).toEqual(["ActionID"]);
    expect(p.spec.blocks[0]!.cells.map((r) => r[3])).toEqual([s("Action ID"), s("A-001"), s("A-002")]);
  });

  it("leaves an added Metric column of targets blank unless a metric is given", () => {
    const g = grid([["Goal ID", "Goal", "Target", "Start", "End"], ["G-1", "Grow", 5, 46_023, 46_387]]);
    expect(plan(g).spec.blocks[0]!.cells[1]![5]).toBeNull();
    expect(plan(g, { metric: "Revenue" }).spec.blocks[0]!.cells[1]![5]).toEqual(s("Revenue"));
  });

  it("fills the Chinese default metric 销售额 for a Chinese CRM export", () => {
    const p = plan(grid([["订单日期", "客户名称", "金额", "业务员"], [46_023, "华信贸易", 5000, "陈静"], ["合计", null, 5000, null]]));
    expect(p).toMatchObject({ table: "PlanActuals", lang: "zh-CN", metric: "销售额", added: ["Metric"], rows: 1 });
    expect(p.spec.blocks[0]!.cells[0]).toEqual(["日期", "客户", "数值", "销售代表", "指标"].map(s));
    expect(p.totalsRows).toEqual([{ from: 3, to: 3, kept: true }]);
  });

  it("writes booleans as booleans and error values as error constants", () => {
    const p = plan(grid([["Goal", "Target", "Flag"], ["a", excelError("#N/A"), true]]));
    expect(p.spec.blocks[0]!.cells[1]!.slice(0, 3)).toEqual([s("a"), { t: "f", f: "=#N/A" }, { t: "b", v: true }]);
  });

  it("fills vertically merged data cells down from the merge", () => {
    const p = plan(grid([["Region", "Date", "Amount"], ["East", 46_023, 1], [null, 46_024, 2], [null, 46_025, 3]], { merges: [rangeOf(2, 1, 3, 1)] }));
    expect(p.spec.blocks[0]!.cells.slice(1).map((r) => r[0])).toEqual([s("East"), s("East"), s("East")]);
    expect(p.filledFromMerges).toEqual(["A3", "A4"]);
  });
});

describe("edge sheets and refusals", () => {
  it("makes a table of only headers: one blank row, required columns added", () => {
    const p = plan(grid([["Goal", "Target", "Start", "End"]]));
    expect(p).toMatchObject({ rows: 0, added: ["GoalID", "Metric"] });
    expect(p.spec.tables![0]!.range).toEqual(rangeOf(1, 1, 2, 6));
    expect(p.spec.blocks[0]!.cells).toEqual([["Goal", "Target", "Start", "End", "Goal ID", "Metric"].map(s)]);
    expect(p.spec.clear).toEqual([rangeOf(1, 1, 2, 6)]);
  });

  it("moves a totals row down when the table's blank row needs its place", () => {
    const p = plan(grid([["Goal", "Target"], ["Total", 0]]));
    expect(p.rows).toBe(0);
    expect(p.totalsRows).toEqual([{ from: 2, to: 3, kept: false }]);
    expect(p.spec.blocks[1]).toEqual({ row: 3, col: 1, cells: [[s("Total"), n(0)]] });
    expect(p.spec.clear).toEqual([rangeOf(1, 1, 3, 6)]);
  });

  it("refuses an empty sheet, a sheet without a header, a sheet holding a table, and a table the workbook has", () => {
    expect(planConversion(grid([]))).toEqual({ ok: false, error: { key: "plan.convert.empty", params: { sheet: "Sheet1" } } });
    expect(planConversion(grid([[null, ""]]))).toMatchObject({ ok: false, error: { key: "plan.convert.empty" } });
    expect(planConversion(grid([["foo", "bar"], [1, 2]]))).toMatchObject({ ok: false, error: { key: "plan.convert.noHeader" } });
    expect(planConversion(grid([["Goal"], ["x"]], { tables: ["Table1"] }))).toMatchObject({ ok: false, error: { key: "plan.convert.sheetHasTable" } });
    expect(planConversion(grid([["Goal"], ["x"]]), { existingTables: { PlanTargets: "Targets" } })).toEqual({
      ok: false, error: { key: "plan.convert.tableExists", params: { table: "PlanTargets", sheet: "Targets" } },
    });
  });

  it("formats IDs with at least three digits", () => {
    expect([formatId("G-", 1), formatId("R-", 42), formatId("A-", 1234)]).toEqual(["G-001", "R-042", "A-1234"]);
  });
});
