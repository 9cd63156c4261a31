/** The in-memory workbook: the port contract, and what tests and the preview inspect. */
import { describe, expect, it } from "vitest";
import { memoryWorkbook } from "../../src/ports/memory";
import { rangeOf } from "../../src/core/sheets/spec";
import { CONTRACT_SEED, runWorkbookPortContract } from "./contract";

runWorkbookPortContract("memory", async (seed) => memoryWorkbook(seed));

describe("memory workbook", () => {
  it("stores formulas as text and evaluates nothing", async () => {
    const wb = memoryWorkbook();
    await wb.applySheetSpec({ name: "S", blocks: [{ row: 1, col: 1, cells: [[{ t: "n", v: 2 }, { t: "f", f: "=A1*3" }]] }] });
    expect(wb.cell("S", "B1")).toEqual({ value: null, formula: "=A1*3", numberFormat: "General" });
  });

  it("keeps validations, conditional formats, charts, styles, widths, freeze panes and tab colour as written", async () => {
    const wb = memoryWorkbook();
    const validation = { range: rangeOf(2, 1, 10, 1), kind: "list" as const, values: ["Revenue", "Units"], alert: "warning" as const };
    const cf = { range: rangeOf(2, 2, 10, 1), kind: "textEquals" as const, text: "On track", fill: "#C6EFCE" };
    const chart = { kind: "columnClustered" as const, title: "Target vs actual", categories: rangeOf(1, 1, 3, 1), series: [rangeOf(1, 2, 3, 1)], anchor: rangeOf(1, 5, 15, 8) };
    await wb.applySheetSpec({
      name: "S", blocks: [], validations: [validation], conditionalFormats: [cf], charts: [chart],
      styles: [{ range: rangeOf(1, 1, 1, 3), bold: true }], columnWidths: { 1: 30 }, freeze: { rows: 1, cols: 2 }, tabColor: "#FF0000",
    }, { activate: true });
    const sh = wb.sheet("S")!;
    expect(sh.validations).toEqual([validation]);
    expect(sh.conditionalFormats).toEqual([cf]);
    expect(sh.charts).toEqual([chart]);
    expect(sh.styles).toEqual([{ range: rangeOf(1, 1, 1, 3), bold: true }]);
    expect(sh.columnWidths.get(1)).toBe(30);
    expect(sh.freeze).toEqual({ rows: 1, cols: 2 });
    expect(sh.tabColor).toBe("#FF0000");
    expect(wb.activeSheet).toBe("S");
  });

  it("replace clears validations, formats and tables of the sheet it rewrites", async () => {
    const wb = memoryWorkbook(CONTRACT_SEED);
    await wb.applySheetSpec({ name: "Other", blocks: [], validations: [{ range: rangeOf(1, 1), kind: "whole", min: 1, max: 5, alert: "warning" }] });
    expect(wb.table("SomethingElse")).toBeUndefined();
    await wb.applySheetSpec({ name: "Other", blocks: [] });
    expect(wb.sheet("Other")!.validations).toEqual([]);
  });

  it("records the selection", async () => {
    const wb = memoryWorkbook(CONTRACT_SEED);
    await wb.selectCell("Data", "d3");
    expect(wb.selection).toEqual({ sheet: "Data", address: "D3" });
    expect(wb.activeSheet).toBe("Data");
  });

  it("refuses a table over merged cells or over another table, as Excel does", async () => {
    const wb = memoryWorkbook(CONTRACT_SEED);
    await expect(wb.applySheetSpec({ name: "My goals", mode: "patch", blocks: [], tables: [{ name: "T1", range: rangeOf(1, 1, 2, 2) }] })).rejects.toThrow(/merged/);
    await expect(wb.applySheetSpec({ name: "My goals", mode: "patch", blocks: [], tables: [{ name: "T2", range: rangeOf(4, 4, 2, 4) }] })).rejects.toThrow(/overlap/);
  });

  it("a date cell keeps a number format it already has", async () => {
    const wb = memoryWorkbook({ sheets: [{ name: "S", cells: [[1]], numberFormats: { A1: "d mmm yyyy" } }] });
    await wb.applySheetSpec({ name: "S", mode: "patch", blocks: [{ row: 1, col: 1, cells: [[{ t: "d", v: 45_658 }], [{ t: "d", v: 45_659 }]] }] });
    expect(wb.cell("S", "A1")!.numberFormat).toBe("d mmm yyyy");
    expect(wb.cell("S", "A2")!.numberFormat).toBe("yyyy-mm-dd");
  });

  it("imports nothing from Node (it runs in the task pane's browser preview)", async () => {
    const { readFileSync, readdirSync } = await import("node:fs");
    const dir = new URL("../../src/ports/memory/", import.meta.url);
    for (const f of readdirSync(dir)) {
      const src = readFileSync(new URL(f, dir), "utf8");
      expect(src, f).not.toMatch(/from\s+["'](node:|fs|path|exceljs|jszip)/);
    }
  });
});
