/**
 * The WorkbookPort contract: what every port (memory, xlsx, Office.js through its fake)
 * must do the same way, so an action written against the interface behaves alike in Excel,
 * on a file and in the browser preview.
 *
 * Usage, in a port's test file:
 *   runWorkbookPortContract("memory", async (seed) => memoryWorkbook(seed));
 * `makePort(seed)` builds a workbook holding exactly the seed (src/ports/memory/seed.ts:
 * sheets of cells, formulas with cached values, dates, merges, tables, number formats).
 */
import { describe, expect, it } from "vitest";
import type { CellValue } from "../../src/core/cells";
import { excelError, isError } from "../../src/core/errors";
import type { SheetSpec, SpecCell } from "../../src/core/sheets/spec";
import { rangeOf } from "../../src/core/sheets/spec";
import type { WorkbookSeed } from "../../src/ports/memory/seed";
import type { SheetContents, WorkbookPort } from "../../src/ports/types";

export type MakePort = (seed?: WorkbookSeed) => Promise<WorkbookPort>;

/** The cell at a 1-based worksheet row and column of a sheet read, or null outside its used range. */
export function valueAt(s: SheetContents, row: number, col: number): CellValue {
  return s.values[row - s.origin.row]?.[col - s.origin.col] ?? null;
}
export function formulaAt(s: SheetContents, row: number, col: number): string | null {
  return s.formulas[row - s.origin.row]?.[col - s.origin.col] ?? null;
}
export function formatAt(s: SheetContents, row: number, col: number): string {
  return s.numberFormats[row - s.origin.row]?.[col - s.origin.col] ?? "General";
}

const DATE_FORMAT_LIKE = /[yd]/i;
const s = (v: string): SpecCell => ({ t: "s", v });
const n = (v: number): SpecCell => ({ t: "n", v });

/** A workbook with a plan spread over renamed sheets, a title above a table, merges and formats. */
export const CONTRACT_SEED: WorkbookSeed = {
  name: "contract.xlsx",
  sheets: [
    { name: "Read me", cells: [["This workbook holds a plan."]] },
    {
      name: "My goals",
      cells: [
        ["Goals 2026", null, null, null, null],
        [null, null, null, null, null],
        ["Goal ID", "Goal", "Metric", "Target", "Start"],
        ["G-001", "Grow revenue to 5,000,000", "Revenue", 5_000_000, { date: 46_023 }],
        ["G-002", "=not a formula", "Revenue", { f: "=D4*0.3", v: 1_500_000 }, "2026-01-01"],
      ],
      merges: ["A1:E1"],
      tables: [{ name: "PlanTargets", ref: "A3:E5" }],
      numberFormats: { D4: "#,##0", D5: "#,##0" },
    },
    { name: "Hidden notes", hidden: true, cells: [["secret"]] },
    {
      name: "Data",
      at: "C2",
      cells: [
        ["Date", "Metric", "Value", "Region"],
        [{ date: 46_024 }, "Revenue", 1200, "East"],
        [{ date: 46_025 }, "Revenue", 800.5, null],
        [null, null, null, null],
      ],
      tables: [
        { name: "PlanActuals", ref: "C2:F5" },
      ],
    },
    {
      name: "Other",
      cells: [
        ["Name", "Value"],
        ["x", 1],
      ],
      tables: [{ name: "SomethingElse", ref: "A1:B2" }],
    },
    {
      name: "Risks",
      cells: [
        ["Risk ID", "Risk", "Likelihood", "Impact", "Score"],
        ["R-001", "Competitor cuts prices", 4, 4, { f: "=PlanRisks[[#This Row],[Likelihood]]*PlanRisks[[#This Row],[Impact]]", v: 16 }],
      ],
      tables: [{ name: "PlanRisks", ref: "A1:E2" }],
    },
    {
      name: "Values",
      cells: [
        ["text", "00123", true, false, 0.25, { f: "=1/0", v: excelError("#DIV/0!") }, excelError("#N/A")],
      ],
      numberFormats: { E1: "0.0%" },
    },
    { name: "Empty" },
  ],
};

export function runWorkbookPortContract(name: string, makePort: MakePort): void {
  describe(`WorkbookPort contract: ${name}`, () => {
    it("names the workbook", async () => {
      const port = await makePort(CONTRACT_SEED);
      expect(typeof (await port.workbookName())).toBe("string");
      expect((await port.workbookName()).length).toBeGreaterThan(0);
    });

    it("lists sheets in workbook order with their visibility", async () => {
      const port = await makePort(CONTRACT_SEED);
      expect(await port.listSheets()).toEqual([
        { name: "Read me", visible: true },
        { name: "My goals", visible: true },
        { name: "Hidden notes", visible: false },
        { name: "Data", visible: true },
        { name: "Other", visible: true },
        { name: "Risks", visible: true },
        { name: "Values", visible: true },
        { name: "Empty", visible: true },
      ]);
    });

    it("finds plan tables by table name wherever their sheets are, and only plan tables", async () => {
      const port = await makePort(CONTRACT_SEED);
      const tables = await port.readPlanTables();
      expect(Object.keys(tables).sort()).toEqual(["PlanActuals", "PlanRisks", "PlanTargets"]);
      const targets = tables.PlanTargets!;
      expect(targets).toMatchObject({ name: "PlanTargets", sheet: "My goals", headerRow: 3, firstCol: 1 });
      expect(targets.headers).toEqual(["Goal ID", "Goal", "Metric", "Target", "Start"]);
      // Dates are serials; text stays text, a formula cell reads as its cached value.
      expect(targets.rows).toEqual([
        ["G-001", "Grow revenue to 5,000,000", "Revenue", 5_000_000, 46_023],
        ["G-002", "=not a formula", "Revenue", 1_500_000, "2026-01-01"],
      ]);
      expect(targets.formulaColumns?.[3]).toBe(true);
      expect(targets.formulaColumns?.[0]).toBe(false);
      const actuals = tables.PlanActuals!;
      expect(actuals).toMatchObject({ sheet: "Data", headerRow: 2, firstCol: 3, headers: ["Date", "Metric", "Value", "Region"] });
      expect(actuals.rows).toEqual([
        [46_024, "Revenue", 1200, "East"],
        [46_025, "Revenue", 800.5, null],
        [null, null, null, null],
      ]);
      expect(tables.PlanRisks!.rows[0]).toEqual(["R-001", "Competitor cuts prices", 4, 4, 16]);
      expect(tables.PlanRisks!.formulaColumns?.[4]).toBe(true);
    });

    it("reads only the plan tables asked for", async () => {
      const port = await makePort(CONTRACT_SEED);
      expect(Object.keys(await port.readPlanTables(["PlanActuals"]))).toEqual(["PlanActuals"]);
      expect(await port.readPlanTables(["PlanPhasing"])).toEqual({});
    });

    it("reads a sheet's used range: origin, values, formulas, number formats, merges, tables", async () => {
      const port = await makePort(CONTRACT_SEED);
      const goals = await port.readSheet("My goals");
      expect(goals.name).toBe("My goals");
      expect(goals.origin).toEqual({ row: 1, col: 1 });
      expect(goals.values).toHaveLength(5);
      expect(valueAt(goals, 1, 1)).toBe("Goals 2026");
      expect(valueAt(goals, 1, 2)).toBeNull(); // covered by the merge
      expect(valueAt(goals, 4, 5)).toBe(46_023);
      expect(formatAt(goals, 4, 5)).toMatch(DATE_FORMAT_LIKE);
      expect(formatAt(goals, 4, 4)).toBe("#,##0");
      expect(formatAt(goals, 4, 2)).toBe("General");
      expect(formulaAt(goals, 5, 4)).toBe("=D4*0.3");
      expect(valueAt(goals, 5, 4)).toBe(1_500_000);
      expect(formulaAt(goals, 5, 2)).toBeNull();
      expect(valueAt(goals, 5, 2)).toBe("=not a formula");
      expect(goals.merges).toEqual([rangeOf(1, 1, 1, 5)]);
      expect(goals.tables).toEqual(["PlanTargets"]);

      const data = await port.readSheet("Data");
      expect(data.origin).toEqual({ row: 2, col: 3 });
      expect(data.values).toHaveLength(3); // the blank table row is not part of the used range
      expect(data.values[0]).toEqual(["Date", "Metric", "Value", "Region"]);
    });

    it("reads text, numbers, booleans and errors as Excel holds them", async () => {
      const port = await makePort(CONTRACT_SEED);
      const v = await port.readSheet("Values");
      expect(v.values[0]!.slice(0, 5)).toEqual(["text", "00123", true, false, 0.25]);
      expect(formatAt(v, 1, 5)).toBe("0.0%");
      const div0 = valueAt(v, 1, 6);
      expect(isError(div0) && div0.code).toBe("#DIV/0!");
      expect(formulaAt(v, 1, 6)).toBe("=1/0");
      const na = valueAt(v, 1, 7);
      expect(isError(na) && na.code).toBe("#N/A");
    });

    it("reads an empty sheet as no rows, and refuses a sheet that does not exist", async () => {
      const port = await makePort(CONTRACT_SEED);
      const empty = await port.readSheet("Empty");
      expect(empty.values).toEqual([]);
      expect(empty.tables).toEqual([]);
      await expect(port.readSheet("Nope")).rejects.toThrow();
    });

    it("creates a sheet from a spec, writing text as text, never parsed", async () => {
      const port = await makePort();
      const texts = ["00123", "2026-12-31", "=1+1", "TRUE", "+5", "-3", "@home", "1e5", " padded "];
      await port.applySheetSpec({ name: "Text", blocks: [{ row: 1, col: 1, cells: [texts.map(s)] }] });
      const read = await port.readSheet("Text");
      expect(read.values).toEqual([texts]);
      expect(read.formulas).toEqual([texts.map(() => null)]);
      expect(await port.listSheets()).toEqual([{ name: "Text", visible: true }]);
    });

    it("writes numbers, booleans, dates with a date format and formulas as formulas", async () => {
      const port = await makePort();
      await port.applySheetSpec({
        name: "Typed",
        blocks: [{ row: 2, col: 2, cells: [[n(1234.5), { t: "b", v: true }, { t: "d", v: 45_658 }, { t: "f", f: "=B2*2" }, null, s("end")]] }],
      });
      const read = await port.readSheet("Typed");
      expect(read.origin).toEqual({ row: 2, col: 2 });
      expect(read.values[0]!.slice(0, 3)).toEqual([1234.5, true, 45_658]);
      expect(formatAt(read, 2, 4)).toMatch(DATE_FORMAT_LIKE);
      expect(formulaAt(read, 2, 5)).toBe("=B2*2");
      expect(valueAt(read, 2, 6)).toBeNull();
      expect(valueAt(read, 2, 7)).toBe("end");
    });

    it("writes tables that read back as plan tables, with number formats and merges", async () => {
      const port = await makePort();
      const spec: SheetSpec = {
        name: "Targets",
        blocks: [
          { row: 1, col: 1, cells: [[s("Plan")]] },
          { row: 3, col: 1, cells: [[s("Goal ID"), s("Target")], [s("G-001"), n(100)], [s("G-002"), n(200)]] },
        ],
        merges: [rangeOf(1, 1, 1, 2)],
        tables: [{ name: "PlanTargets", range: rangeOf(3, 1, 3, 2), style: "TableStyleMedium2" }],
        numberFormats: [{ range: rangeOf(4, 2, 2, 1), format: "#,##0.00" }],
        validations: [{ range: rangeOf(4, 2, 2, 1), kind: "decimal", min: 0, alert: "warning" }],
        freeze: { rows: 3, cols: 0 },
        columnWidths: { 1: 12, 2: 16 },
      };
      await port.applySheetSpec(spec, { activate: true });
      const t = (await port.readPlanTables()).PlanTargets!;
      expect(t).toMatchObject({ sheet: "Targets", headerRow: 3, firstCol: 1, headers: ["Goal ID", "Target"] });
      expect(t.rows).toEqual([["G-001", 100], ["G-002", 200]]);
      const read = await port.readSheet("Targets");
      expect(formatAt(read, 5, 2)).toBe("#,##0.00");
      expect(read.merges).toEqual([rangeOf(1, 1, 1, 2)]);
      expect(read.tables).toEqual(["PlanTargets"]);
    });

    it("refuses a second table with a name in use, ignoring case", async () => {
      const port = await makePort(CONTRACT_SEED);
      await expect(
        port.applySheetSpec({
          name: "Again",
          blocks: [{ row: 1, col: 1, cells: [[s("Goal ID")], [s("G-9")]] }],
          tables: [{ name: "plantargets", range: rangeOf(1, 1, 2, 1) }],
        }),
      ).rejects.toThrow();
    });

    it("replace rewrites a sheet in place; its position and other sheets stay", async () => {
      const port = await makePort(CONTRACT_SEED);
      await port.applySheetSpec({ name: "Read me", blocks: [{ row: 2, col: 2, cells: [[s("new")]] }] });
      const read = await port.readSheet("Read me");
      expect(read.origin).toEqual({ row: 2, col: 2 });
      expect(read.values).toEqual([["new"]]);
      expect((await port.listSheets()).map((x) => x.name)[0]).toBe("Read me");
      expect((await port.readSheet("My goals")).values[0]![0]).toBe("Goals 2026");
    });

    it("replace on a sheet holding a table removes the table with the rest", async () => {
      const port = await makePort(CONTRACT_SEED);
      await port.applySheetSpec({ name: "Other", blocks: [{ row: 1, col: 1, cells: [[s("Name"), s("Value")], [s("y"), n(2)]] }], tables: [{ name: "SomethingElse", range: rangeOf(1, 1, 2, 2) }] });
      const read = await port.readSheet("Other");
      expect(read.tables).toEqual(["SomethingElse"]);
      expect(read.values).toEqual([["Name", "Value"], ["y", 2]]);
    });

    it("patch keeps what it does not clear; clear removes values and unmerges what it touches", async () => {
      const port = await makePort(CONTRACT_SEED);
      await port.applySheetSpec({
        name: "My goals",
        mode: "patch",
        clear: [rangeOf(1, 1, 1, 1)],
        blocks: [{ row: 1, col: 7, cells: [[s("note")]] }],
      });
      const read = await port.readSheet("My goals");
      expect(valueAt(read, 1, 1)).toBeNull();
      expect(read.merges).toEqual([]);
      expect(valueAt(read, 1, 7)).toBe("note");
      expect(valueAt(read, 4, 1)).toBe("G-001");
      expect((await port.readPlanTables()).PlanTargets!.rows).toHaveLength(2);
    });

    it("a null cell in a block leaves the cell as it is", async () => {
      const port = await makePort(CONTRACT_SEED);
      await port.applySheetSpec({ name: "Read me", mode: "patch", blocks: [{ row: 1, col: 1, cells: [[null, s("B1")]] }] });
      const read = await port.readSheet("Read me");
      expect(read.values).toEqual([["This workbook holds a plan.", "B1"]]);
    });

    it("hides a sheet when the spec says so", async () => {
      const port = await makePort(CONTRACT_SEED);
      await port.applySheetSpec({ name: "Quiet", hidden: true, blocks: [{ row: 1, col: 1, cells: [[s("x")]] }] });
      expect((await port.listSheets()).find((x) => x.name === "Quiet")).toEqual({ name: "Quiet", visible: false });
    });

    it("copies a sheet with its values, formulas, formats and merges, hidden when asked; the original is untouched", async () => {
      const port = await makePort(CONTRACT_SEED);
      const before = await port.readSheet("My goals");
      await port.copySheet("My goals", "My goals (original)", { hidden: true });
      const copy = await port.readSheet("My goals (original)");
      expect(copy.values).toEqual(before.values);
      expect(copy.formulas).toEqual(before.formulas);
      expect(copy.numberFormats).toEqual(before.numberFormats);
      expect(copy.merges).toEqual(before.merges);
      expect(await port.readSheet("My goals")).toEqual(before);
      const sheets = await port.listSheets();
      expect(sheets.find((x) => x.name === "My goals (original)")).toEqual({ name: "My goals (original)", visible: false });
      // Table names are unique: the plan table is still the original's.
      expect((await port.readPlanTables()).PlanTargets!.sheet).toBe("My goals");
    });

    it("refuses to copy onto an existing sheet name", async () => {
      const port = await makePort(CONTRACT_SEED);
      await expect(port.copySheet("My goals", "data")).rejects.toThrow();
    });

    it("writes a table column in place, or adds it at the table's right edge, touching nothing else", async () => {
      const port = await makePort(CONTRACT_SEED);
      await port.writeTableColumn("PlanTargets", "SMART", [n(5), n(3)], { iconSet3: { value1: 3, value2: 5 } });
      let t = (await port.readPlanTables()).PlanTargets!;
      expect(t.headers).toEqual(["Goal ID", "Goal", "Metric", "Target", "Start", "SMART"]);
      expect(t.rows.map((r) => r[5])).toEqual([5, 3]);
      await port.writeTableColumn("PlanTargets", "smart", [n(4), null]);
      t = (await port.readPlanTables()).PlanTargets!;
      expect(t.headers).toHaveLength(6);
      expect(t.rows.map((r) => r[5])).toEqual([4, null]);
      expect(t.rows[0]!.slice(0, 5)).toEqual(["G-001", "Grow revenue to 5,000,000", "Revenue", 5_000_000, 46_023]);
      const read = await port.readSheet("My goals");
      expect(valueAt(read, 1, 1)).toBe("Goals 2026");
      expect(valueAt(read, 6, 6)).toBeNull();
    });

    it("selects a cell on an existing sheet and refuses a missing sheet", async () => {
      const port = await makePort(CONTRACT_SEED);
      await expect(port.selectCell("Data", "D3")).resolves.toBeUndefined();
      await expect(port.selectCell("Nope", "A1")).rejects.toThrow();
    });

    it("reads the plan tables and the sheets together, as readPlanTables and listSheets give them", async () => {
      const port = await makePort(CONTRACT_SEED);
      const both = await port.readPlanTablesAndSheets();
      expect(both.tables).toEqual(await port.readPlanTables());
      expect(both.sheets).toEqual(await port.listSheets());
      const some = await port.readPlanTablesAndSheets(["PlanRisks"]);
      expect(Object.keys(some.tables)).toEqual(["PlanRisks"]);
      expect(some.sheets).toEqual(both.sheets);
    });

    it("writes several sheets in one call: the copies first (as the sheets were), then each spec, then the selection", async () => {
      const port = await makePort(CONTRACT_SEED);
      const before = await port.readSheet("My goals");
      await port.applySheetSpecs(
        [
          { name: "My goals", mode: "patch", blocks: [{ row: 1, col: 1, cells: [[s("Goals 2027")]] }] },
          { name: "New one", blocks: [{ row: 1, col: 1, cells: [[s("Goal ID"), s("Target")], [s("G-9"), n(5)]] }], tables: [{ name: "NewOne", range: rangeOf(1, 1, 2, 2) }] },
          { name: "Read me", blocks: [{ row: 2, col: 2, cells: [[s("replaced")]] }] },
        ],
        { copies: [{ from: "My goals", to: "My goals (original)", hidden: true }], activate: "New one", select: { sheet: "New one", address: "B2" } },
      );
      const copy = await port.readSheet("My goals (original)");
      expect(copy.values).toEqual(before.values);
      expect(copy.formulas).toEqual(before.formulas);
      expect(valueAt(await port.readSheet("My goals"), 1, 1)).toBe("Goals 2027");
      expect((await port.readSheet("New one")).values).toEqual([["Goal ID", "Target"], ["G-9", 5]]);
      expect((await port.readSheet("Read me")).values).toEqual([["replaced"]]);
      const sheets = await port.listSheets();
      expect(sheets.find((x) => x.name === "My goals (original)")).toEqual({ name: "My goals (original)", visible: false });
      expect(sheets.map((x) => x.name)).toContain("New one");
      // Table names stay unique: the plan table is still the original's.
      expect((await port.readPlanTables()).PlanTargets!.sheet).toBe("My goals");
    });

    it("refuses a sheet given twice, and a copy onto a sheet name in use", async () => {
      const port = await makePort(CONTRACT_SEED);
      const spec = (name: string): SheetSpec => ({ name, blocks: [{ row: 1, col: 1, cells: [[s("x")]] }] });
      await expect(port.applySheetSpecs([spec("Twice"), spec("twice")])).rejects.toThrow();
      await expect(port.applySheetSpecs([spec("Fresh")], { copies: [{ from: "My goals", to: "data" }] })).rejects.toThrow();
      await expect(port.applySheetSpecs([spec("Fresh")], { select: { sheet: "Nope", address: "A1" } })).rejects.toThrow();
    });
  });
}
