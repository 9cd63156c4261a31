/**
 * WorkbookPort over Office.js. `run` is `Excel.run` in the add-in (tests pass the fake's run).
 *
 * Every operation batches: it loads what it needs, syncs, queues its writes and syncs; only
 * Excel on the web's 5 MB payload limit splits a batch (one more sync per ~4 MB of data).
 * Actions that need several things call the combined operations (readPlanTablesAndSheets;
 * applySheetSpecs, which also copies and selects), each one Excel.run.
 *
 * Requirement sets (https://learn.microsoft.com/javascript/api/requirement-sets/excel/excel-api-requirement-sets);
 * the baseline is ExcelApi 1.7, anything newer is checked with
 * Office.context.requirements.isSetSupported at run time
 * (https://learn.microsoft.com/office/dev/add-ins/develop/specify-office-hosts-and-api-requirements):
 * | call | ExcelApi |
 * |---|---|
 * | tables.add, getHeaderRowRange, getDataBodyRange, charts.add, setPosition, range values/formulas/numberFormat, format.font/fill, Range.insert, select, activate | 1.1 |
 * | Table.worksheet, convertToRange, Range.merge/unmerge, getColumnsAfter, format.columnWidth | 1.2 |
 * | *OrNullObject, getUsedRangeOrNullObject, TableColumnCollection.add(…, name) | 1.4 |
 * | conditionalFormats, application.suspendApiCalculationUntilNextSync | 1.6 |
 * | Workbook.name, Worksheet.copy, tabColor, freezePanes, getRangeByIndexes, getResizedRange, chart series add/setValues/setXAxisValues | 1.7 |
 * | Range.dataValidation (skipped when missing: the sheet works without drop-downs) | 1.8, checked |
 * | Range.getMergedAreasOrNullObject (readSheet reports no merges when missing) | 1.13, checked |
 */
import { TABLE_NAMES, type TableName, normalizeHeader } from "../../core/schema";
import type { SpecCell } from "../../core/sheets/spec";
import type { SheetInfo, WorkbookPort } from "../types";
import { applySpecsWith, addConditionalFormat } from "./apply";
import { BatchWriter, DEFAULT_CHUNK_BYTES, OP_BYTES } from "./batch";
import { DEFAULT_DATE_FORMAT, inputOf, isBadSheetName, parseRef } from "./cells";
import { type ErrorSubject, portError, toPortError } from "./errors";
import { readPlanTablesWith, readSheetWith } from "./read";

export { ExcelPortError, toPortError } from "./errors";
export { pointsFromChars } from "./cells";

/** Excel.run's shape. */
export type ExcelRun = <T>(batch: (ctx: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface ExcelPortOptions {
  /** Office.context.requirements.isSetSupported; default: the global Office's, or "everything" outside Office. */
  isSetSupported?: (name: string, minVersion?: string) => boolean;
  /** Bytes per sync to stay under (default 4,000,000; Excel on the web's limit is 5 MB). */
  chunkBytes?: number;
}

function officeIsSetSupported(name: string, minVersion?: string): boolean {
  const office = (globalThis as { Office?: { context?: { requirements?: { isSetSupported?: (n: string, v?: string) => boolean } } } }).Office;
  const req = office?.context?.requirements;
  return req?.isSetSupported ? req.isSetSupported(name, minVersion) : true;
}

/** A WorkbookPort over Office.js. */
export function createExcelPort(run: ExcelRun, options: ExcelPortOptions = {}): WorkbookPort {
  const supports = (v: string) => (options.isSetSupported ?? officeIsSetSupported)("ExcelApi", v);
  const budget = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  const guarded = async <T>(subject: ErrorSubject, batch: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> => {
    try {
      return await run(batch);
    } catch (e) {
      throw toPortError(e, subject);
    }
  };

  return {
    kind: "excel",

    async workbookName(): Promise<string> {
      if (!supports("1.7")) return ""; // Workbook.name: ExcelApi 1.7
      return guarded({}, async (ctx) => {
        const wb = ctx.workbook.load("name");
        await ctx.sync();
        return wb.name;
      });
    },

    async listSheets(): Promise<SheetInfo[]> {
      return guarded({}, async (ctx) => {
        const sheets = ctx.workbook.worksheets.load("items/name, items/visibility");
        await ctx.sync();
        return sheets.items.map((s) => ({ name: s.name, visible: s.visibility === "Visible" }));
      });
    },

    async readPlanTables(names: readonly TableName[] = TABLE_NAMES) {
      return (await guarded({}, (ctx) => readPlanTablesWith(ctx, names, budget))).tables;
    },

    async readPlanTablesAndSheets(names: readonly TableName[] = TABLE_NAMES) {
      // The sheets come with the first sync of the table read: no sync of their own.
      return guarded({}, (ctx) => readPlanTablesWith(ctx, names, budget, true));
    },

    async readSheet(name: string) {
      return guarded({ sheet: name }, (ctx) => readSheetWith(ctx, name, budget, supports("1.13")));
    },

    async applySheetSpec(spec, opts) {
      // applySpecsWith names the sheet in its errors itself; guarded() passes them on.
      return guarded({}, (ctx) =>
        applySpecsWith(ctx, [spec], { activate: opts?.activate ? spec.name : undefined, budget, validationSupported: supports("1.8") }),
      );
    },

    async applySheetSpecs(specs, opts = {}) {
      // Worksheet.copy: ExcelApi 1.7; a bad address is refused before anything is sent (as selectCell does).
      if ((opts.copies ?? []).length > 0 && !supports("1.7")) throw portError("excel.err.copyUnsupported");
      if (opts.select && !parseRef(opts.select.address)) throw portError("excel.err.invalidAddress", { address: opts.select.address });
      return guarded({}, (ctx) => applySpecsWith(ctx, specs, { ...opts, budget, validationSupported: supports("1.8") }));
    },

    async copySheet(from: string, to: string, opts?: { hidden?: boolean }): Promise<void> {
      // Worksheet.copy: ExcelApi 1.7 (https://learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-copy-member(1)).
      if (!supports("1.7")) throw portError("excel.err.copyUnsupported");
      if (isBadSheetName(to)) throw portError("excel.err.invalidSheetName", { name: to });
      return guarded({ sheet: to }, async (ctx) => {
        const sheets = ctx.workbook.worksheets.load("items/name");
        await ctx.sync();
        const find = (n: string) => sheets.items.find((s) => s.name.toLowerCase() === n.toLowerCase());
        const src = find(from);
        if (!src) throw portError("excel.err.sheetNotFound", { name: from });
        if (find(to)) throw portError("excel.err.sheetExists", { name: to });
        const copy = src.copy("After", src);
        copy.name = to;
        if (opts?.hidden) copy.visibility = "Hidden";
        await ctx.sync();
      });
    },

    async writeTableColumn(table: TableName, header: string, values: readonly SpecCell[], opts?: { iconSet3?: { value1: number; value2: number } }): Promise<void> {
      return guarded({ table }, async (ctx) => {
        // One sync to find the table and everything about it: TableCollection.getItem (ExcelApi 1.1)
        // fails with ItemNotFound at that sync when the table is missing, which guarded() maps.
        const t = ctx.workbook.tables.getItem(table);
        const head = t.getHeaderRowRange().load("values, rowIndex, columnIndex, columnCount");
        const body = t.getDataBodyRange().load("rowIndex, rowCount");
        const sheet = t.worksheet.load("name");
        // Whether the column right of the table holds anything (Range.getUsedRangeOrNullObject: ExcelApi 1.4).
        const right = t.getRange().getColumnsAfter(1).getUsedRangeOrNullObject(true).load("address");
        await ctx.sync();
        const heads = (head.values[0] ?? []).map((h) => String(h ?? ""));
        let index = heads.findIndex((h) => normalizeHeader(h) === normalizeHeader(header));
        const w = new BatchWriter(ctx, budget);
        if (index < 0) {
          index = head.columnCount;
          await w.add(OP_BYTES, () => {
            // Keep the user's cells beside the table: shift them right before the table grows.
            if (!right.isNullObject) t.getRange().getColumnsAfter(1).insert("Right");
            t.columns.add(undefined, undefined, header);
          });
        }
        const ws = ctx.workbook.worksheets.getItem(sheet.name);
        const col = head.columnIndex + index;
        const cells = values.slice(0, body.rowCount);
        const at = (start: number, n: number) => ws.getRangeByIndexes(body.rowIndex + start, col, n, 1);
        // The column may hold "@" or a date format from an earlier write: each cell gets its own.
        const formats = cells.map((c) => [c === null ? null : c.t === "s" ? "@" : c.t === "d" ? DEFAULT_DATE_FORMAT : "General"]);
        if (formats.some((f) => f[0] !== null)) await w.writeRows(formats, at, "numberFormat");
        // The column is ours: a null clears its cell ("" clears a cell in Office.js).
        const inputs = cells.map((c) => [c === null ? "" : inputOf(c)]);
        if (inputs.length > 0) await w.writeRows(inputs, at, cells.some((c) => c !== null && c.t === "f") ? "formulas" : "values");
        if (opts?.iconSet3 && body.rowCount > 0) {
          const { value1, value2 } = opts.iconSet3;
          await w.add(OP_BYTES, () => {
            const r = ws.getRangeByIndexes(body.rowIndex, col, body.rowCount, 1);
            r.conditionalFormats.clearAll();
            addConditionalFormat(r, { kind: "iconSet3", range: { row: body.rowIndex + 1, col: col + 1, rows: body.rowCount, cols: 1 }, value1, value2 });
          });
        }
        await w.flush();
      });
    },

    async selectCell(sheet: string, address: string): Promise<void> {
      if (!parseRef(address)) throw portError("excel.err.invalidAddress", { address });
      return guarded({ sheet, address }, async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem(sheet);
        ws.activate();
        ws.getRange(address).select();
        await ctx.sync();
      });
    },
  };
}
