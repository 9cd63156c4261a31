/**
 * The Office.js port over the Office.js fake (test/fakes/office): the WorkbookPort contract,
 * then what only Excel has — text kept as text through number formats, the sheet object kept
 * in replace mode, warning-style validations, charts, and the number of syncs.
 */
import { describe, expect, it } from "vitest";
import { isError } from "../../src/core/errors";
import { type SheetSpec, type SpecCell, rangeOf } from "../../src/core/sheets/spec";
import { render } from "../../src/i18n";
import { ExcelPortError, createExcelPort, pointsFromChars, toPortError } from "../../src/ports/excel";
import { type FakeExcel, createFakeExcel } from "../fakes/office";
import { fakeFromPortSeed } from "../fakes/office/from-port-seed";
import { runWorkbookPortContract } from "./contract";

const portOver = (fake: FakeExcel, chunkBytes?: number) =>
  createExcelPort(fake.excelRun, chunkBytes === undefined ? { isSetSupported: fake.isSetSupported } : { isSetSupported: fake.isSetSupported, chunkBytes });

runWorkbookPortContract("excel (Office.js fake)", async (seed) => portOver(fakeFromPortSeed(seed)));

const s = (v: string): SpecCell => ({ t: "s", v });
const n = (v: number): SpecCell => ({ t: "n", v });
const d = (v: number): SpecCell => ({ t: "d", v });

/** Expects a rejection with an ExcelPortError of message key `key`. */
async function rejectsWith(p: Promise<unknown>, key: string): Promise<ExcelPortError> {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(ExcelPortError);
  expect((e as ExcelPortError).msg.key).toBe(key);
  return e as ExcelPortError;
}

describe("readPlanTables", () => {
  const fake = () =>
    createFakeExcel({
      name: "Plan.xlsx",
      sheets: [
        { name: "Start", rows: [["Welcome"]] },
        {
          name: "目标",
          at: "B3",
          rows: [
            ["目标编号", "目标", "目标值"],
            ["G-001", "销售额", 5_000_000],
            ["G-002", { error: "#N/A" }, { f: "=D4*0.3", v: 1_500_000 }],
          ],
        },
        {
          name: "Risks",
          rows: [
            ["Risk ID", "Likelihood", "Impact", "Score"],
            ["R-1", 4, 4, { f: "=B2*C2", v: 16 }],
            [null, null, null, { f: "=B3*C3", v: 0 }],
          ],
        },
      ],
      tables: [
        { name: "PLANTARGETS", sheet: "目标", address: "B3:D5" },
        { name: "PlanRisks", sheet: "Risks", address: "A1:D3" },
      ],
    });

  it("finds tables by name (ignoring case) wherever they are, with positions, headers, errors and formula columns", async () => {
    const port = portOver(fake());
    const t = await port.readPlanTables();
    expect(Object.keys(t).sort()).toEqual(["PlanRisks", "PlanTargets"]);
    // Header at worksheet row 3, first column B = 2.
    expect(t.PlanTargets).toMatchObject({ name: "PlanTargets", sheet: "目标", headerRow: 3, firstCol: 2, headers: ["目标编号", "目标", "目标值"] });
    const rows = t.PlanTargets!.rows;
    expect(rows[0]).toEqual(["G-001", "销售额", 5_000_000]);
    expect(isError(rows[1]![1]) && (rows[1]![1] as { code: string }).code).toBe("#N/A");
    expect(rows[1]![2]).toBe(1_500_000);
    expect(t.PlanTargets!.formulaColumns).toEqual([false, false, true]);
    expect(t.PlanRisks!.formulaColumns).toEqual([false, false, false, true]);
    expect(t.PlanRisks!.rows[1]).toEqual([null, null, null, 0]);
  });

  it("takes three syncs for a small plan: names, positions, data", async () => {
    const f = fake();
    await portOver(f).readPlanTables();
    expect(f.stats.syncs).toBe(3);
    f.resetStats();
    expect(await portOver(f).readPlanTables(["PlanPhasing"])).toEqual({});
    expect(f.stats.syncs).toBe(1);
  });
});

describe("applySheetSpec", () => {
  // 2026-12-31 as a serial: 2025-01-01 is 45658 (plan-workbook.md), + 365 + 364 = 46387.
  const DEC31 = 46_387;
  const texts = ["00123", "=HYPERLINK(\"x\")", "2026-12-31", "TRUE", "+5", "-abc"];
  const spec: SheetSpec = {
    name: "Plan Sheet",
    blocks: [
      { row: 1, col: 1, cells: [[s("Plan 2026"), null, null]] },
      { row: 3, col: 1, cells: [[s("Goal ID"), s("Start"), s("Target")], ...texts.map((t, i) => [s(t), d(DEC31 - i), n(100 * i)])] },
      { row: 3, col: 5, cells: [[s("Sum")], [{ t: "f", f: "=SUM(C4:C9)" }], [{ t: "b", v: true }]] },
    ],
    tables: [{ name: "PlanTargets", range: rangeOf(3, 1, 7, 3), style: "TableStyleLight9" }],
    numberFormats: [{ range: rangeOf(4, 3, 6, 1), format: "#,##0" }],
    validations: [{ range: rangeOf(4, 1, 6, 1), kind: "list", values: ["Revenue", "销售额"], alert: "warning", prompt: "Pick one" }],
    conditionalFormats: [
      { range: rangeOf(4, 3, 6, 1), kind: "cellValue", operator: "lessThan", value: 100, font: "#9C0006", fill: "#FFC7CE" },
      { range: rangeOf(4, 1, 6, 1), kind: "textEquals", text: "Say \"hi\"", fill: "#C6EFCE" },
      { range: rangeOf(4, 3, 6, 1), kind: "iconSet3", value1: 100, value2: 300 },
      { range: rangeOf(4, 3, 6, 1), kind: "dataBar", color: "#638EC6" },
      { range: rangeOf(4, 1, 6, 3), kind: "expression", formula: "=$C4>250", fill: "#FFEB9C" },
    ],
    charts: [{ kind: "columnClustered", title: "Targets", categories: rangeOf(3, 1, 7, 1), series: [rangeOf(3, 3, 7, 1)], anchor: rangeOf(2, 8, 15, 8) }],
    styles: [{ range: rangeOf(1, 1, 1, 3), bold: true, fontSize: 14, fill: "#DDEBF7", horizontal: "center" }],
    merges: [rangeOf(1, 1, 1, 3)],
    freeze: { rows: 3, cols: 1 },
    columnWidths: { 1: 12, 2: 12, 3: 20 },
    tabColor: "#1F4E78",
  };

  it("writes text as text ('@' before values), dates with a format, formulas as formulas, and the rest of the spec", async () => {
    const f = createFakeExcel();
    await portOver(f).applySheetSpec(spec, { activate: true });
    // Text cells keep exactly what was typed and carry the text format.
    expect(f.values("Plan Sheet", "A4:A9").flat()).toEqual(texts);
    expect(f.numberFormats("Plan Sheet", "A4:A9").flat()).toEqual(texts.map(() => "@"));
    expect(f.formulas("Plan Sheet", "A5")).toEqual([["=HYPERLINK(\"x\")"]]);
    expect(f.cell("Plan Sheet", "A5")?.formula).toBeUndefined();
    // Dates are serials with the default date format; numbers keep the spec's format.
    expect(f.values("Plan Sheet", "B4:B5")).toEqual([[DEC31], [DEC31 - 1]]);
    expect(f.numberFormats("Plan Sheet", "B4:C4")).toEqual([["yyyy-mm-dd", "#,##0"]]);
    expect(f.cell("Plan Sheet", "E4")).toMatchObject({ formula: "=SUM(C4:C9)" });
    expect(f.values("Plan Sheet", "E5")).toEqual([[true]]);
    // Table after the values, named and styled.
    expect(f.tableAddress("PlanTargets")).toBe("'Plan Sheet'!A3:C9");
    expect(f.table("PlanTargets")?.style).toBe("TableStyleLight9");
    expect(f.tableHeaders("PlanTargets")).toEqual(["Goal ID", "Start", "Target"]);
    // Warning-style list validation.
    expect(f.validation("Plan Sheet", "A6")).toMatchObject({
      rule: { list: { inCellDropDown: true, source: "Revenue,销售额" } },
      errorAlert: { showAlert: true, style: "Warning" },
      prompt: { showPrompt: true, message: "Pick one" },
    });
    const sheet = f.sheet("Plan Sheet");
    const cfs = [...sheet.conditionalFormats].reverse(); // each add goes to the top priority
    expect(cfs.map((c) => c.type)).toEqual(["CellValue", "CellValue", "IconSet", "DataBar", "Custom"]);
    expect(cfs[0]!.settings.cellValue).toEqual({ rule: { formula1: "=100", operator: "LessThan" }, format: { font: { color: "#9C0006" }, fill: { color: "#FFC7CE" } } });
    expect(cfs[1]!.settings.cellValue).toMatchObject({ rule: { formula1: '="Say ""hi"""', operator: "EqualTo" } });
    expect(cfs[2]!.settings.iconSet).toMatchObject({ style: "ThreeTrafficLights1", criteria: [{}, { formula: "=100" }, { formula: "=300" }] });
    expect(cfs[3]!.settings.dataBar).toEqual({ positiveFormat: { fillColor: "#638EC6" } });
    expect(cfs[4]!.settings.custom).toMatchObject({ rule: { formula: "=$C4>250" }, format: { fill: { color: "#FFEB9C" } } });
    expect(sheet.charts).toHaveLength(1);
    // Categories in A, the series in C: not contiguous, so the series get their categories explicitly.
    expect(sheet.charts[0]).toMatchObject({ chartType: "ColumnClustered", source: "'Plan Sheet'!C3:C9", title: { text: "Targets" }, position: { start: "'Plan Sheet'!H2", end: "'Plan Sheet'!O16" } });
    expect(sheet.charts[0]!.series).toEqual([{ name: "Target", values: "'Plan Sheet'!C4:C9", xValues: "'Plan Sheet'!A4:A9" }]);
    expect(sheet.merges).toEqual([{ row: 0, col: 0, rows: 1, cols: 3 }]);
    expect(f.cell("Plan Sheet", "A1")?.format).toMatchObject({ bold: true, size: 14, fill: "#DDEBF7", horizontalAlignment: "Center" });
    expect(sheet.freeze).toEqual({ rows: 3, cols: 1 });
    // 12 characters = 12 × 7 + 5 = 89 px = 66.75 pt; 20 characters = 145 px = 108.75 pt.
    expect(pointsFromChars(12)).toBe(66.75);
    expect([sheet.columnWidths.get(0), sheet.columnWidths.get(1), sheet.columnWidths.get(2)]).toEqual([66.75, 66.75, 108.75]);
    expect(sheet.tabColor).toBe("#1F4E78");
    expect(f.activeSheet()).toBe("Plan Sheet");
    // New sheet: one sync for names, one for everything else.
    expect(f.stats.syncs).toBe(2);
  });

  it("reads back through the port as the same plan table", async () => {
    const f = createFakeExcel();
    const port = portOver(f);
    await port.applySheetSpec(spec);
    const t = (await port.readPlanTables()).PlanTargets!;
    expect(t.headers).toEqual(["Goal ID", "Start", "Target"]);
    expect(t.rows.map((r) => r[0])).toEqual(texts);
  });

  it("replace rewrites the existing sheet object in place and clears its old content", async () => {
    const f = createFakeExcel({
      sheets: [
        { name: "Review", rows: [["old", "x"], ["a", 1], ["b", 2]], merges: ["D1:E1"], freeze: { rows: 1, cols: 0 }, tabColor: "#FF0000" },
        { name: "Other", rows: [[{ f: "=Review!A2", v: "a" }]] },
      ],
      tables: [{ name: "OldTable", sheet: "Review", address: "A1:B3" }],
    });
    const port = portOver(f);
    // Put a validation, a conditional format and a chart on the sheet to be replaced.
    await f.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Review");
      ws.getRange("B2:B3").dataValidation.rule = { wholeNumber: { formula1: 0, formula2: 9, operator: "Between" } };
      ws.getRange("B2:B3").conditionalFormats.add("DataBar");
      ws.charts.add("ColumnClustered", ws.getRange("A1:B3"), "Columns");
      await ctx.sync();
    });
    const id = f.sheet("Review").id;
    f.resetStats();
    await port.applySheetSpec({ name: "review", blocks: [{ row: 2, col: 2, cells: [[s("new")]] }] });
    const sheet = f.sheet("Review");
    expect(sheet.id).toBe(id);
    expect(f.sheetNames()).toEqual(["Review", "Other"]);
    expect([...sheet.cells.keys()]).toHaveLength(1);
    expect(f.values("Review", "B2")).toEqual([["new"]]);
    expect(f.table("OldTable")).toBeUndefined();
    expect(sheet.validations).toEqual([]);
    expect(sheet.conditionalFormats).toEqual([]);
    expect(sheet.charts).toEqual([]);
    expect(sheet.merges).toEqual([]);
    expect(sheet.freeze).toBeNull();
    expect(sheet.tabColor).toBe("");
    expect(f.cell("Other", "A1")?.formula).toBe("=Review!A2");
    // names, the old sheet's tables and charts, the write
    expect(f.stats.syncs).toBe(3);
  });

  it("patch clears only the given ranges and keeps the rest", async () => {
    const f = createFakeExcel({ sheets: [{ name: "S", rows: [["keep", "drop"], ["keep too", "drop too"]] }] });
    await portOver(f).applySheetSpec({ name: "S", mode: "patch", clear: [rangeOf(1, 2, 2, 1)], blocks: [{ row: 3, col: 1, cells: [[s("added")]] }] });
    expect(f.values("S", "A1:B3")).toEqual([["keep", null], ["keep too", null], ["added", null]]);
  });

  it("refuses bad sheet names and table names in use before writing anything", async () => {
    const f = createFakeExcel({ sheets: [{ name: "S", rows: [["ID"], ["x"]] }], tables: [{ name: "PlanTargets", sheet: "S", address: "A1:A2" }] });
    const port = portOver(f);
    const e = await rejectsWith(port.applySheetSpec({ name: "a/b", blocks: [] }), "excel.err.invalidSheetName");
    expect(render("zh-CN", e.msg)).toContain("a/b");
    await rejectsWith(
      port.applySheetSpec({ name: "T", blocks: [{ row: 1, col: 1, cells: [[s("ID")], [s("y")]] }], tables: [{ name: "plantargets", range: rangeOf(1, 1, 2, 1) }] }),
      "excel.err.tableExists",
    );
    expect(f.sheetNames()).toEqual(["S"]);
  });

  it("explains a protected sheet, and an error Excel reports", async () => {
    const f = createFakeExcel({ sheets: [{ name: "Locked", protected: true }] });
    const port = portOver(f);
    const e = await rejectsWith(port.applySheetSpec({ name: "Locked", blocks: [{ row: 1, col: 1, cells: [[s("x")]] }] }), "excel.err.protected");
    expect(e.officeCode).toBe("AccessDenied");
    expect(e.message).toContain("Locked");
    f.failSync("GeneralException", "Something broke", 2);
    await rejectsWith(port.applySheetSpec({ name: "New", blocks: [] }), "excel.err.general");
  });

  it("skips data validation on a host without ExcelApi 1.8", async () => {
    const f = createFakeExcel(undefined, { excelApi: "1.7" });
    await portOver(f).applySheetSpec({ name: "S", blocks: [], validations: [{ range: rangeOf(1, 1, 2, 1), kind: "whole", min: 1, max: 5, alert: "warning" }] });
    expect(f.sheet("S").validations).toEqual([]);
  });

  it("draws a chart from separate category and series columns through the series API", async () => {
    const f = createFakeExcel();
    await portOver(f).applySheetSpec({
      name: "Chart",
      blocks: [{ row: 1, col: 1, cells: [[s("Goal"), s("x"), s("Target"), s("x"), s("Actual")], [s("G-1"), null, n(10), null, n(8)], [s("G-2"), null, n(20), null, n(25)]] }],
      charts: [{ kind: "columnClustered", title: "T vs A", categories: rangeOf(1, 1, 3, 1), series: [rangeOf(1, 3, 3, 1), rangeOf(1, 5, 3, 1)], anchor: rangeOf(5, 1, 10, 6) }],
    });
    const chart = f.sheet("Chart").charts[0]!;
    expect(chart.series).toEqual([
      { name: "Target", values: "Chart!C2:C3", xValues: "Chart!A2:A3" },
      { name: "Actual", values: "Chart!E2:E3", xValues: "Chart!A2:A3" },
    ]);
  });
});

describe("sync counts and payload limits", () => {
  /** A target-like block of `rows` data rows with 20–80 characters of text per cell (about 6 MB at 10,000 rows). */
  function bigSpec(rows: number): SheetSpec {
    const header = ["Goal ID", "Goal", "Metric", "Owner", "Region", "Target", "Start", "End", "Notes", "Rep", "Product", "Segment"].map(s);
    const body = Array.from({ length: rows }, (_, i) => [
      s(`G-${String(i + 1).padStart(6, "0")}`), s(`Grow revenue in region ${i % 17} by a good margin, with new customers from the partner channel`), s("Revenue"), s(`Owner number ${i % 50} of the team`),
      s(`Region ${i % 17} — north-east sales territory covering the coastal cities and the rural districts`), n(1_000 + i), d(46_023), d(46_387), s(`Note ${i}: keep the pipeline full and warm, call the top accounts every week, log every call in the CRM and review it on Fridays`),
      s(`Rep ${i % 80} in the field office, reporting to the regional sales director`), s(`Product line ${i % 9} premium edition`), s(`Segment ${i % 4} enterprise customers`),
    ]);
    return { name: "Big", blocks: [{ row: 1, col: 1, cells: [header, ...body] }], tables: [{ name: "PlanTargets", range: rangeOf(1, 1, rows + 1, 12) }], freeze: { rows: 1, cols: 0 } };
  }

  it("writes 10 and 10,000 rows in a fixed number of syncs plus at most one per ~4 MB, each under Excel's 5 MB", async () => {
    const small = createFakeExcel();
    await portOver(small).applySheetSpec(bigSpec(10));
    expect(small.stats.syncs).toBe(2);

    const big = createFakeExcel();
    await portOver(big).applySheetSpec(bigSpec(10_000));
    const sent = big.stats.perSync.reduce((b, x) => b + x.requestBytes, 0);
    expect(sent).toBeGreaterThan(5 * 1024 * 1024); // too big for one request: the port had to split it
    expect(big.stats.syncs).toBeGreaterThan(2);
    expect(big.stats.syncs).toBeLessThanOrEqual(2 + Math.ceil(sent / 4_000_000));
    expect(Math.max(...big.stats.perSync.map((x) => x.requestBytes))).toBeLessThanOrEqual(4_000_000 + 64);
    expect(big.stats.calcSuspensions).toBeGreaterThan(0);
    // Last row: i = 9999, and 9999 = 17 × 588 + 3.
    expect(big.values("Big", "A10001:C10001")).toEqual([["G-010000", "Grow revenue in region 3 by a good margin, with new customers from the partner channel", "Revenue"]]);
    expect(big.tableAddress("PlanTargets")).toBe("Big!A1:L10001");
  });

  it("reads 10 and 10,000 rows in a fixed number of syncs plus at most one per ~4 MB", async () => {
    const f = createFakeExcel();
    const port = portOver(f);
    await port.applySheetSpec(bigSpec(10));
    f.resetStats();
    await port.readPlanTables();
    expect(f.stats.syncs).toBe(3);

    const g = createFakeExcel();
    const bigPort = portOver(g);
    await bigPort.applySheetSpec(bigSpec(10_000));
    g.resetStats();
    const t = (await bigPort.readPlanTables()).PlanTargets!;
    expect(t.rows).toHaveLength(10_000);
    expect(t.rows[9_999]![0]).toBe("G-010000");
    const received = g.stats.perSync.reduce((b, x) => b + x.responseBytes, 0);
    expect(received).toBeGreaterThan(5 * 1024 * 1024);
    expect(g.stats.syncs).toBeGreaterThan(3);
    // "~4 MB": read chunks aim at 4 MB less a margin for rows longer than the sampled one.
    expect(g.stats.syncs).toBeLessThanOrEqual(2 + Math.ceil(received / 3_500_000));
    // Chunks sized from a sampled row: no sync had to be retried.
    expect(g.stats.perSync.filter((x) => x.failed)).toEqual([]);
  });

  it("a port that would not split its writes fails the test: one sync above the limit is refused", async () => {
    const f = createFakeExcel();
    // A chunk budget above Excel's limit makes the port send everything at once.
    await rejectsWith(createExcelPort(f.excelRun, { chunkBytes: 50_000_000 }).applySheetSpec(bigSpec(10_000)), "excel.err.tooLarge");
  });

  it("recovers when a read chunk turns out bigger than guessed (halves it and retries)", async () => {
    // The sampled first row is short; the rest are long, so the first chunk overflows a 60 kB limit.
    const rows = Array.from({ length: 400 }, (_, i) => [`ID-${i}`, i === 0 ? "x" : "x".repeat(200)]);
    const f = createFakeExcel({ sheets: [{ name: "S", rows: [["ID", "Text"], ...rows] }], tables: [{ name: "PlanActions", sheet: "S", address: "A1:B401" }] }, { payloadLimitBytes: 60_000 });
    const t = (await createExcelPort(f.excelRun, { chunkBytes: 50_000 }).readPlanTables()).PlanActions!;
    expect(t.rows).toHaveLength(400);
    expect(t.rows[0]).toEqual(["ID-0", "x"]);
    expect(t.rows[399]).toEqual(["ID-399", "x".repeat(200)]);
    expect(f.stats.perSync.some((x) => x.failed === "ResponsePayloadSizeLimitExceeded")).toBe(true);
  });
});

describe("copySheet, writeTableColumn, selectCell, names", () => {
  const seed = () =>
    createFakeExcel({
      name: "Sales plan.xlsx",
      sheets: [
        { name: "Targets", rows: [["Goal ID", "Goal", null, "note to self"], ["G-001", "Grow", null, "keep me"], ["G-002", "Win", null, null]] },
        { name: "Hidden", visibility: "Hidden" },
      ],
      tables: [{ name: "PlanTargets", sheet: "Targets", address: "A1:B3" }],
    });

  it("names the workbook and lists sheets with visibility", async () => {
    const f = seed();
    const port = portOver(f);
    expect(await port.workbookName()).toBe("Sales plan.xlsx");
    expect(await port.listSheets()).toEqual([{ name: "Targets", visible: true }, { name: "Hidden", visible: false }]);
  });

  it("copies a sheet hidden (Worksheet.copy), and says clearly when the host is older than ExcelApi 1.7", async () => {
    const f = seed();
    await portOver(f).copySheet("Targets", "Targets (original)", { hidden: true });
    expect(f.sheetNames()).toEqual(["Targets", "Targets (original)", "Hidden"]);
    expect(f.sheet("Targets (original)").visibility).toBe("Hidden");
    expect(f.values("Targets (original)", "A1:D2")).toEqual(f.values("Targets", "A1:D2"));
    f.setExcelApi("1.6");
    const e = await rejectsWith(portOver(f).copySheet("Targets", "Again"), "excel.err.copyUnsupported");
    expect(render("zh-CN", e.msg)).toContain("ExcelApi 1.7");
  });

  it("adds a table column at the right edge, shifting the user's cells beside the table instead of overwriting them", async () => {
    const f = createFakeExcel({
      sheets: [{ name: "Targets", rows: [["Goal ID", "Goal", "note to self"], ["G-001", "Grow", "keep me"], ["G-002", "Win", null]] }],
      tables: [{ name: "PlanTargets", sheet: "Targets", address: "A1:B3" }],
    });
    await portOver(f).writeTableColumn("PlanTargets", "SMART", [n(5), s("00123")], { iconSet3: { value1: 3, value2: 5 } });
    expect(f.tableAddress("PlanTargets")).toBe("Targets!A1:C3");
    expect(f.values("Targets", "C1:C3")).toEqual([["SMART"], [5], ["00123"]]);
    expect(f.values("Targets", "D1:D2")).toEqual([["note to self"], ["keep me"]]);
    expect(f.sheet("Targets").conditionalFormats).toMatchObject([{ type: "IconSet", rect: { row: 1, col: 2, rows: 2, cols: 1 } }]);
  });

  it("writes an existing column in place (matched like headers), clearing cells given null", async () => {
    const f = seed();
    const port = portOver(f);
    await port.writeTableColumn("PlanTargets", "goal", [s("Grow more"), null]);
    expect(f.values("Targets", "B1:B3")).toEqual([["Goal"], ["Grow more"], [null]]);
    expect(f.tableAddress("PlanTargets")).toBe("Targets!A1:B3");
    await rejectsWith(port.writeTableColumn("PlanRisks", "X", []), "excel.err.tableNotFound");
  });

  it("activates the sheet and selects the cell in one sync; refuses a bad address or a missing sheet", async () => {
    const f = seed();
    const port = portOver(f);
    await port.applySheetSpec({ name: "Other", blocks: [] }, { activate: true });
    f.resetStats();
    await port.selectCell("Targets", "B3");
    expect(f.activeSheet()).toBe("Targets");
    expect(f.sheet("Targets").selection).toEqual({ row: 2, col: 1, rows: 1, cols: 1 });
    expect(f.stats.syncs).toBe(1);
    await rejectsWith(port.selectCell("Targets", "B0"), "excel.err.invalidAddress");
    await rejectsWith(port.selectCell("Nope", "A1"), "excel.err.sheetNotFound");
  });

  it("reads a sheet without merges on a host older than ExcelApi 1.13", async () => {
    const f = createFakeExcel({ sheets: [{ name: "S", rows: [["a", null], ["b", "c"]], merges: ["A1:B1"] }] });
    expect((await portOver(f).readSheet("S")).merges).toEqual([rangeOf(1, 1, 1, 2)]);
    f.setExcelApi("1.12");
    expect((await portOver(f).readSheet("S")).merges).toEqual([]);
  });
});

describe("Office.js errors as messages", () => {
  const office = (code: string, errorLocation?: string) => Object.assign(new Error(`${code} happened`), { code, debugInfo: { errorLocation } });
  const keyOf = (e: unknown) => (e as ExcelPortError).msg.key;

  it("names the sheet or table involved, in both languages", () => {
    const table = toPortError(office("ItemAlreadyExists", "Table.name"), { sheet: "Review", table: "PlanReview" }) as ExcelPortError;
    expect(keyOf(table)).toBe("excel.err.tableExists");
    expect(render("zh-CN", table.msg)).toBe("此工作簿中已有名为“PlanReview”的表格。请重命名该表格（表设计 › 表名称）或将其转换为区域，然后重试。");
    expect(keyOf(toPortError(office("ItemAlreadyExists", "WorksheetCollection.add"), { sheet: "Review", table: "PlanReview" }))).toBe("excel.err.sheetExists");
    expect(keyOf(toPortError(office("ItemNotFound"), { table: "PlanRisks" }))).toBe("excel.err.tableNotFound");
    expect(keyOf(toPortError(office("InvalidArgument")))).toBe("excel.err.invalidArgument");
    expect(keyOf(toPortError(office("InvalidArgument"), { address: "ZZZ0" }))).toBe("excel.err.invalidAddress");
    expect(keyOf(toPortError(office("InvalidOperationInCellEditMode")))).toBe("excel.err.cellEditing");
    const other = toPortError(office("Conflict")) as ExcelPortError;
    expect(keyOf(other)).toBe("excel.err.unknown");
    expect(other.message).toBe("Excel reported an error: Conflict: Conflict happened");
  });

  it("lets programming errors through unchanged", () => {
    const bug = new TypeError("x is undefined");
    expect(toPortError(bug)).toBe(bug);
  });
});

describe("applySheetSpecs and readPlanTablesAndSheets: one Excel.run each", () => {
  const sheet = (name: string, text: string, extra: Partial<SheetSpec> = {}): SheetSpec => ({ name, blocks: [{ row: 1, col: 1, cells: [[s(text)]] }], ...extra });
  const seeded = () =>
    createFakeExcel({
      sheets: [
        { name: "Orders", rows: [["Order date", "Amount"], [46_235, 1200]] },
        { name: "Review", rows: [["old"]] },
      ],
      tables: [{ name: "OldTable", sheet: "Review", address: "A1:A1" }],
    });

  it("reads tables and sheets in the syncs of the table read alone", async () => {
    const f = seeded();
    const port = portOver(f);
    f.resetStats();
    expect(await port.readPlanTablesAndSheets()).toEqual({ tables: {}, sheets: [{ name: "Orders", visible: true }, { name: "Review", visible: true }] });
    expect(f.stats.syncs).toBe(1);
    await port.applySheetSpec(sheet("Targets", "Goal ID", { tables: [{ name: "PlanTargets", range: rangeOf(1, 1, 1, 1) }], hidden: true }));
    f.resetStats();
    const both = await port.readPlanTablesAndSheets();
    expect(both.tables.PlanTargets?.sheet).toBe("Targets");
    expect(both.sheets.at(-1)).toEqual({ name: "Targets", visible: false });
    expect(f.stats.syncs).toBe(3); // names, positions, data
  });

  it("reads a sheet in two syncs (the sheet, then its cells), and names a missing one", async () => {
    const f = seeded();
    f.resetStats();
    expect((await portOver(f).readSheet("orders")).name).toBe("Orders");
    expect(f.stats.syncs).toBe(2);
    const e = await rejectsWith(portOver(f).readSheet("Nope"), "excel.err.sheetNotFound");
    expect(e.msg.params).toEqual({ name: "Nope" });
  });

  it("writes new sheets, a copy and a selection in two syncs: names, then everything", async () => {
    const f = seeded();
    f.resetStats();
    await portOver(f).applySheetSpecs(
      [sheet("Orders", "patched", { mode: "patch" }), sheet("One", "1"), sheet("Two", "2", { hidden: true })],
      { copies: [{ from: "Orders", to: "Orders (original)", hidden: true }], activate: "One", select: { sheet: "Orders", address: "B2" } },
    );
    expect(f.stats.syncs).toBe(2);
    expect(f.stats.runs).toBe(1);
    // The copy was made before the patch.
    expect(f.values("Orders (original)", "A1:B2")).toEqual([["Order date", "Amount"], [46_235, 1200]]);
    expect(f.sheet("Orders (original)").visibility).toBe("Hidden");
    expect(f.values("Orders", "A1")).toEqual([["patched"]]);
    expect(f.sheetNames()).toEqual(["Orders", "Orders (original)", "Review", "One", "Two"]);
    expect(f.sheet("Two").visibility).toBe("Hidden");
    expect(f.activeSheet()).toBe("Orders");
    expect(f.sheet("Orders").selection).toEqual({ row: 1, col: 1, rows: 1, cols: 1 });
  });

  it("takes one more sync when a spec replaces an existing sheet (its tables and charts), for all such sheets at once", async () => {
    const f = seeded();
    f.resetStats();
    await portOver(f).applySheetSpecs([sheet("Review", "new", { tables: [{ name: "OldTable", range: rangeOf(1, 1, 1, 1) }] }), sheet("Orders", "x"), sheet("Three", "3")], { activate: "Review" });
    expect(f.stats.syncs).toBe(3);
    expect(f.tableAddress("OldTable")).toBe("Review!A1:A2"); // a table always has a data row
    expect(f.values("Orders", "A1:B2")).toEqual([["x", null], [null, null]]);
    expect(f.activeSheet()).toBe("Review");
  });

  it("checks every name before writing anything", async () => {
    const cases: [SheetSpec[], Parameters<ReturnType<typeof portOver>["applySheetSpecs"]>[1], string, Record<string, string>][] = [
      [[sheet("A", "a"), sheet("B", "b", { tables: [{ name: "oldtable", range: rangeOf(1, 1, 1, 1) }] })], {}, "excel.err.tableExists", { name: "oldtable" }],
      [[sheet("A", "a", { tables: [{ name: "T1", range: rangeOf(1, 1, 1, 1) }] }), sheet("B", "b", { tables: [{ name: "t1", range: rangeOf(1, 1, 1, 1) }] })], {}, "excel.err.tableExists", { name: "t1" }],
      [[sheet("A", "a"), sheet("Bad[name]", "b")], {}, "excel.err.invalidSheetName", { name: "Bad[name]" }],
      [[sheet("A", "a")], { copies: [{ from: "Orders", to: "review" }] }, "excel.err.sheetExists", { name: "review" }],
      [[sheet("A", "a")], { copies: [{ from: "Orders", to: "a" }] }, "excel.err.sheetExists", { name: "a" }],
      [[sheet("A", "a")], { copies: [{ from: "Gone", to: "Gone (original)" }] }, "excel.err.sheetNotFound", { name: "Gone" }],
      [[sheet("A", "a")], { select: { sheet: "A", address: "A0" } }, "excel.err.invalidAddress", { address: "A0" }],
    ];
    for (const [specs, opts, key, params] of cases) {
      const f = seeded();
      const e = await rejectsWith(portOver(f).applySheetSpecs(specs, opts), key);
      expect(e.msg.params).toEqual(params);
      expect(f.sheetNames()).toEqual(["Orders", "Review"]);
      expect(f.values("Orders", "A1")).toEqual([["Order date"]]);
    }
    await expect(portOver(seeded()).applySheetSpecs([sheet("A", "a"), sheet("a", "b")])).rejects.toThrow(/given twice/);
  });

  it("refuses copies on a host older than ExcelApi 1.7 before sending anything", async () => {
    const f = seeded();
    f.setExcelApi("1.6");
    f.resetStats();
    await rejectsWith(portOver(f).applySheetSpecs([], { copies: [{ from: "Orders", to: "Copy" }] }), "excel.err.copyUnsupported");
    expect(f.stats.syncs).toBe(0);
  });
});

describe("applySheetSpecs: which sheet a failed batch of several sheets names", () => {
  const spec = (name: string, mode: "patch" | "replace" = "patch"): SheetSpec => ({ name, mode, blocks: [{ row: 5, col: 1, cells: [[s(`new on ${name}`)]] }] });
  const workbook = (locked: readonly string[]) =>
    createFakeExcel({ sheets: ["Alpha", "Beta", "Gamma"].map((name) => ({ name, protected: locked.includes(name), rows: [[`${name} A1`]] })) });

  it("names the protected sheet among new ones, with no extra sync", async () => {
    const f = workbook(["Beta"]);
    f.resetStats();
    const e = await rejectsWith(portOver(f).applySheetSpecs([spec("New 1"), spec("Beta"), spec("New 2")]), "excel.err.protected");
    expect(e.msg.params).toEqual({ name: "Beta" });
    expect(e.officeCode).toBe("AccessDenied");
    expect(f.stats.syncs).toBe(2); // names, the failed write
  });

  it("names the protected one of several existing sheets (one sync more, to ask Excel which is protected)", async () => {
    for (const locked of ["Alpha", "Beta", "Gamma"]) {
      const f = workbook([locked]);
      f.resetStats();
      const e = await rejectsWith(portOver(f).applySheetSpecs([spec("Alpha"), spec("Beta"), spec("Gamma")], { select: { sheet: "Alpha", address: "A5" } }), "excel.err.protected");
      expect(e.msg.params).toEqual({ name: locked });
      expect(render("zh-CN", e.msg)).toContain(`工作表“${locked}”受保护`);
      expect(f.stats.syncs).toBe(3); // names, the failed write, protection
      // Nothing after the failing command was applied: the protected sheet is as it was.
      expect(f.values(locked, "A1:A5")).toEqual([[`${locked} A1`], [null], [null], [null], [null]]);
    }
  });

  it("names the protected sheet in a later chunk of a big write", async () => {
    const f = workbook(["Gamma"]);
    const rows = Array.from({ length: 400 }, (_, i) => [s(`row ${i} of a sheet long enough to need its own chunks`)]);
    const big = (name: string): SheetSpec => ({ name, blocks: [{ row: 1, col: 1, cells: rows }] });
    const e = await rejectsWith(portOver(f, 8_000).applySheetSpecs([big("New 1"), big("New 2"), spec("Gamma")]), "excel.err.protected");
    expect(e.msg.params).toEqual({ name: "Gamma" });
    expect(f.values("New 2", "A400")).toEqual([["row 399 of a sheet long enough to need its own chunks"]]);
  });

  it("names no sheet rather than a wrong one when it cannot tell which failed", async () => {
    const f = workbook([]);
    f.failSync("InvalidArgument", "The argument is invalid or missing or has an incorrect format.", 2);
    const e = await rejectsWith(portOver(f).applySheetSpecs([spec("Alpha"), spec("New")]), "excel.err.invalidArgument");
    expect(e.msg.params).toEqual({ detail: "The argument is invalid or missing or has an incorrect format." });
    // The same failure on one sheet names it.
    const g = workbook([]);
    g.failSync("InvalidArgument", "The argument is invalid or missing or has an incorrect format.", 2);
    const one = await rejectsWith(portOver(g).applySheetSpecs([spec("Alpha")], { select: { sheet: "Alpha", address: "A1" } }), "excel.err.invalidArgumentSheet");
    expect(one.msg.params?.name).toBe("Alpha");
  });

  it("AccessDenied on a batch where no sheet is protected says a sheet is, without naming one", async () => {
    const f = workbook([]);
    f.failSync("AccessDenied", "Access denied.", 2);
    await rejectsWith(portOver(f).applySheetSpecs([spec("Alpha"), spec("Beta")]), "excel.err.protectedUnknown");
  });
});
