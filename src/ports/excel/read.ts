/**
 * Reading through Office.js: the plan tables (found by table name, wherever their sheets are)
 * and a worksheet's used range. Each read loads what it needs, syncs, and reads big bodies in
 * row chunks under the payload limit (batch.ts).
 */
import type { CellValue } from "../../core/cells";
import { type RawTable, type RawTables, TABLE_NAMES, type TableName } from "../../core/schema";
import type { SheetContents, SheetInfo } from "../types";
import { type ReadJob, jsonBytes, readChunked } from "./batch";
import { cellFromApi, isFormulaCell, parseAreas } from "./cells";

/** Rows of core cell values from parallel `values` / `valueTypes` arrays. */
function toCells(values: unknown[][], types: unknown[][]): CellValue[][] {
  return values.map((row, i) => row.map((v, j) => cellFromApi(v, types[i]?.[j] as string | undefined)));
}

/**
 * The plan tables of the workbook, and with `withSheets` its sheets (loaded in the first sync,
 * at no extra sync). Syncs: 1 (table names) + 1 (where each table is, its headers) + one per
 * ~4 MB of table data; just 1 when the workbook has none of the tables.
 */
export async function readPlanTablesWith(ctx: Excel.RequestContext, names: readonly TableName[] = TABLE_NAMES, budget: number, withSheets = false): Promise<{ tables: RawTables; sheets: SheetInfo[] }> {
  // Workbook.tables (ExcelApi 1.1), loading collection items by path.
  const tables = ctx.workbook.tables.load("items/name");
  const ws = withSheets ? ctx.workbook.worksheets.load("items/name, items/visibility") : null;
  await ctx.sync();
  const sheets = ws ? ws.items.map((s) => ({ name: s.name, visible: s.visibility === "Visible" })) : [];
  const wanted = new Map(names.map((n) => [n.toLowerCase(), n]));
  const found = tables.items
    .filter((t) => wanted.has(t.name.toLowerCase()))
    .map((t) => ({
      name: wanted.get(t.name.toLowerCase())!,
      sheet: t.worksheet.load("name"), // Table.worksheet: ExcelApi 1.2
      header: t.getHeaderRowRange().load("values, rowIndex, columnIndex, columnCount"),
      body: t.getDataBodyRange().load("rowIndex, rowCount"),
      // The first data row (a table always has one), to size the chunks of the body read.
      sample: t.getDataBodyRange().getRow(0).load("values, formulas, valueTypes"),
    }));
  if (found.length === 0) return { tables: {}, sheets };
  await ctx.sync();
  const jobs: ReadJob[] = found.map((f) => ({
    sheet: f.sheet.name, row: f.body.rowIndex, col: f.header.columnIndex, rows: f.body.rowCount, cols: f.header.columnCount,
    props: ["values", "formulas", "valueTypes"],
    sampleBytesPerRow: jsonBytes(f.sample.values) + jsonBytes(f.sample.formulas) + jsonBytes(f.sample.valueTypes),
  }));
  const data = await readChunked(ctx, jobs, budget);
  const out: RawTables = {};
  found.forEach((f, k) => {
    const d = data[k]!;
    const values = d.values!, formulas = d.formulas!;
    const formulaColumns = Array.from({ length: f.header.columnCount }, (_, j) => values.some((row, i) => isFormulaCell(formulas[i]?.[j], row[j])));
    const raw: RawTable = {
      name: f.name,
      sheet: f.sheet.name,
      headerRow: f.header.rowIndex + 1,
      firstCol: f.header.columnIndex + 1,
      headers: (f.header.values[0] ?? []).map((h) => (h === null || h === undefined ? "" : String(h))),
      rows: toCells(values, d.valueTypes!),
      formulaColumns,
    };
    out[f.name] = raw;
  });
  return { tables: out, sheets };
}

/**
 * A worksheet's used range (values only) with formulas, number formats, merged areas and the
 * names of its tables. Syncs: 1 (the sheet's name as Excel spells it, used range, tables,
 * merges) + one per ~4 MB. A missing sheet fails that first sync with ItemNotFound
 * (WorksheetCollection.getItem, which finds a sheet by name ignoring case as Excel does), which
 * the caller maps to "no sheet named …".
 */
export async function readSheetWith(ctx: Excel.RequestContext, name: string, budget: number, mergesSupported: boolean): Promise<SheetContents> {
  const hit = ctx.workbook.worksheets.getItem(name).load("name");
  // Worksheet.getUsedRangeOrNullObject: ExcelApi 1.4.
  const used = hit.getUsedRangeOrNullObject(true).load("rowIndex, columnIndex, rowCount, columnCount");
  const tables = hit.tables.load("items/name");
  // Range.getMergedAreasOrNullObject: ExcelApi 1.13, checked by the caller.
  const merged = mergesSupported ? hit.getRange().getMergedAreasOrNullObject().load("address") : null;
  await ctx.sync();
  const tableNames = tables.items.map((t) => t.name);
  const merges = merged && !merged.isNullObject ? parseAreas(merged.address) : [];
  if (used.isNullObject) return { name: hit.name, origin: { row: 1, col: 1 }, values: [], formulas: [], numberFormats: [], merges, tables: tableNames };
  const [d] = await readChunked(ctx, [{
    sheet: hit.name, row: used.rowIndex, col: used.columnIndex, rows: used.rowCount, cols: used.columnCount,
    props: ["values", "formulas", "valueTypes", "numberFormat"],
  }], budget);
  const values = d!.values!, formulas = d!.formulas!;
  return {
    name: hit.name,
    origin: { row: used.rowIndex + 1, col: used.columnIndex + 1 },
    values: toCells(values, d!.valueTypes!),
    formulas: formulas.map((row, i) => row.map((f, j) => (isFormulaCell(f, values[i]?.[j]) ? (f as string) : null))),
    numberFormats: d!.numberFormat!.map((row) => row.map((f) => (typeof f === "string" && f !== "" ? f : "General"))),
    merges,
    tables: tableNames,
  };
}
