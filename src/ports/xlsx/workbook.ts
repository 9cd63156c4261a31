/**
 * WorkbookPort over an ExcelJS workbook (.xlsx files, for the CLI).
 *
 * Reading: tables are found by name on whatever sheet holds them; dates (ExcelJS hands out
 * Date objects read as UTC) become serials, in the 1900 system even for a 1904 workbook
 * (ExcelJS applies the 1904 offset to date-formatted cells; a plan date column holding plain
 * numbers in a 1904 workbook is shifted here); a formula cell's value is its cached result;
 * rich text and hyperlinks are their plain text; error values are ErrorValues; the covered
 * cells of a merged range are blank. Shared formulas are expanded into plain ones on load,
 * so rewriting one cell never breaks its neighbours.
 *
 * Writing a sheet spec: text is written as text (never parsed into a number, date, boolean
 * or formula), formulas as formulas, dates as dates with a date format. ExcelJS cannot write
 * charts: a spec's charts are kept per sheet (`chartsOf`) and drawn into the package when it is
 * saved (./charts.ts); SalesPlan's own charts in a file opened are read back into the same
 * list, so a rewritten sheet gets its new charts and the others keep theirs. A chart that
 * could not be drawn at the last save is listed in `unwrittenCharts` so the caller can say so.
 */
import ExcelJS from "exceljs";
import { type CellValue, cellText, errorFromText } from "../../core/cells";
import { from1904, serialFromUtcDate, utcDateFromSerial } from "../../core/dates";
import { excelError } from "../../core/errors";
import { type RawTables, type TableName, columnForHeader, normalizeHeader } from "../../core/schema";
import type { CellRange, SheetSpec, SpecCell, SpecChart, SpecConditionalFormat, SpecStyle, SpecValidation } from "../../core/sheets/spec";
import { DATE_FORMAT } from "../../core/sheets/columns";
import { a1, parseA1, parseRangeA1, rangeA1, rangesIntersect } from "../../core/sheets/a1";
import { type ApplySheetSpecsOptions, type SheetContents, type SheetInfo, type WorkbookPort, applySheetSpecsInTurn, readPlanTablesAndSheetsInTurn } from "../types";
import { planTableName } from "../memory/workbook";
import { escapeOoxmlText } from "./package";
import type { StreamedSheet } from "./stream";

type Ws = ExcelJS.Worksheet;
type Cell = ExcelJS.Cell;

/** ExcelJS's table model (the parts we use). */
interface TableModel {
  name: string;
  displayName?: string;
  ref?: string;
  tableRef?: string;
  autoFilterRef?: string;
  headerRow?: boolean;
  totalsRow?: boolean;
  columns: { name: string; filterButton?: boolean; totalsRowLabel?: string; totalsRowFunction?: string }[];
  style?: { theme?: string; showRowStripes?: boolean; showColumnStripes?: boolean; showFirstColumn?: boolean; showLastColumn?: boolean };
  rows?: unknown[];
}
interface TableObject {
  table: TableModel;
}
interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const GENERAL = "General";

/** True when an Excel number format shows a date or time (quoted text, colours and escapes aside). */
export function isDateFormat(format: string): boolean {
  const f = format.replace(/"[^"]*"/g, "").replace(/\\./g, "").replace(/\[[^\]]*\]/g, "");
  if (/^general$/i.test(f.trim())) return false;
  return /[yd]/i.test(f) || (/m/i.test(f) && !/[hs]/i.test(f)) || /h/i.test(f);
}

/** `#RRGGBB` as ExcelJS's ARGB. */
function argb(color: string): { argb: string } {
  return { argb: `FF${color.replace(/^#/, "").toUpperCase()}` };
}

/** A cell read: its value, formula text and whether the value came from a date. */
interface ReadCell {
  value: CellValue;
  formula: string | null;
  fromDate: boolean;
}

function plainValue(v: unknown): { value: CellValue; fromDate: boolean } {
  if (v === null || v === undefined) return { value: null, fromDate: false };
  if (v instanceof Date) return { value: Number.isNaN(v.getTime()) ? null : serialFromUtcDate(v), fromDate: true };
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return { value: v, fromDate: false };
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (typeof o.error === "string") return { value: errorFromText(o.error) ?? excelError("#VALUE!"), fromDate: false };
    if (Array.isArray(o.richText)) return { value: (o.richText as { text?: string }[]).map((r) => r.text ?? "").join(""), fromDate: false };
    if ("text" in o) return plainValue(o.text);
  }
  return { value: null, fromDate: false };
}

function readCell(cell: Cell | undefined): ReadCell {
  if (!cell) return { value: null, formula: null, fromDate: false };
  switch (cell.type) {
    case ExcelJS.ValueType.Null:
    case ExcelJS.ValueType.Merge:
      return { value: null, formula: null, fromDate: false };
    case ExcelJS.ValueType.Formula: {
      const f = cell.formula;
      const v = cell.value as { result?: unknown };
      const r = plainValue(v.result);
      return { value: r.value, formula: f ? `=${f}` : null, fromDate: r.fromDate };
    }
    default: {
      const r = plainValue(cell.value);
      return { value: r.value, formula: null, fromDate: r.fromDate };
    }
  }
}

function tablesOf(ws: Ws): TableObject[] {
  return Object.values((ws as unknown as { tables: Record<string, TableObject> }).tables ?? {});
}

function tableRange(t: TableModel): CellRange | null {
  return parseRangeA1(t.tableRef ?? t.ref ?? "");
}

function mergesOf(ws: Ws): MergeRange[] {
  return Object.values((ws as unknown as { _merges: Record<string, MergeRange> })._merges ?? {}).map((m) => ({ top: m.top, left: m.left, bottom: m.bottom, right: m.right }));
}

/** ExcelJS's data validations of a sheet: a model keyed by address or range. */
function validationsOf(ws: Ws): { model: Record<string, unknown>; add(address: string, v: ExcelJS.DataValidation): void } {
  return (ws as unknown as { dataValidations: { model: Record<string, unknown>; add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations;
}

const mergeRange = (m: MergeRange): CellRange => ({ row: m.top, col: m.left, rows: m.bottom - m.top + 1, cols: m.right - m.left + 1 });

export class XlsxWorkbook implements WorkbookPort {
  readonly kind = "xlsx" as const;
  /** Charts that the last save could not draw (their data is written). */
  readonly unwrittenCharts: { sheet: string; title: string }[] = [];
  /** The charts each sheet holds, drawn when the workbook is saved. */
  private readonly charts = new Map<Ws, SpecChart[]>();
  /**
   * The PlanActuals sheet when openXlsx streamed it (./stream.ts): its worksheet here is a stub
   * and the table is read from this; null otherwise (and once the sheet is materialized).
   */
  streamed: StreamedSheet | null = null;

  constructor(
    readonly workbook: ExcelJS.Workbook,
    private readonly name: string,
    loaded: { headerlessTables?: readonly string[]; hiddenFilterButtons?: Readonly<Record<string, readonly number[]>> } = {},
  ) {
    const headerless = new Set((loaded.headerlessTables ?? []).map((n) => n.toLowerCase()));
    for (const ws of workbook.worksheets) {
      for (const t of tablesOf(ws)) {
        // ExcelJS reads a missing headerRowCount (Excel's default: 1) as "no header row" and would write it back as 0.
        t.table.headerRow = !headerless.has(t.table.name.toLowerCase());
        // ExcelJS reads a column without a filterColumn element as "button hidden" and would hide every filter button.
        const hidden = loaded.hiddenFilterButtons?.[t.table.name] ?? [];
        t.table.columns.forEach((c, i) => (c.filterButton = !hidden.includes(i)));
        // A table without style information would crash ExcelJS's writer.
        t.table.style ??= {};
        const r = tableRange(t.table);
        if (r && !t.table.autoFilterRef) t.table.autoFilterRef = rangeA1({ ...r, rows: r.rows - (t.table.totalsRow ? 1 : 0) });
      }
      this.expandSharedFormulas(ws);
    }
  }

  /** The charts to draw, per sheet (in workbook order). */
  chartsOf(): { sheet: string; chart: SpecChart }[] {
    return this.workbook.worksheets.flatMap((ws) => (this.charts.get(ws) ?? []).map((chart) => ({ sheet: ws.name, chart })));
  }

  /** Adds charts to sheets (charts read back from the file opened); charts of unknown sheets are ignored. */
  carryCharts(list: readonly { sheet: string; chart: SpecChart }[]): void {
    for (const { sheet, chart } of list) {
      const ws = this.findSheet(sheet);
      if (ws) this.charts.set(ws, [...(this.charts.get(ws) ?? []), chart]);
    }
  }

  /** Records what the last save could not draw. */
  setUnwrittenCharts(list: readonly { sheet: string; chart: SpecChart }[]): void {
    this.unwrittenCharts.splice(0, this.unwrittenCharts.length, ...list.map((c) => ({ sheet: c.sheet, title: c.chart.title })));
  }

  /** Rows holding values in all the workbook's sheets (a streamed sheet's rows counted from its original). */
  rowCount(): number {
    return this.workbook.worksheets.reduce((n, ws) => n + (this.streamed && ws.name === this.streamed.sheetName ? this.streamed.valueRows : ws.actualRowCount), 0);
  }

  /** Puts a streamed sheet's cells into its worksheet before anything reads or writes them through ExcelJS. */
  private async unstream(ws: Ws): Promise<void> {
    if (!this.streamed || ws.name !== this.streamed.sheetName) return;
    await this.streamed.materialize(ws);
    this.streamed = null;
  }

  /** Whether the workbook uses the 1904 date system. */
  get date1904(): boolean {
    return Boolean((this.workbook.properties as { date1904?: boolean }).date1904);
  }

  async workbookName(): Promise<string> {
    return this.name;
  }

  async listSheets(): Promise<SheetInfo[]> {
    return this.workbook.worksheets.map((ws) => ({ name: ws.name, visible: ws.state === "visible" || ws.state === undefined }));
  }

  async readPlanTables(names?: readonly TableName[]): Promise<RawTables> {
    const out: RawTables = {};
    for (const ws of this.workbook.worksheets) {
      for (const t of tablesOf(ws)) {
        const name = planTableName(t.table.name);
        if (!name || (names && !names.includes(name)) || out[name]) continue;
        if (name === "PlanActuals" && this.streamed && ws.name === this.streamed.sheetName) {
          const st = this.streamed.table;
          out[name] = { ...st, headers: [...st.headers], rows: st.rows.slice(), formulaColumns: [...(st.formulaColumns ?? [])] };
          continue;
        }
        const range = tableRange(t.table);
        if (!range) continue;
        const hasHeader = t.table.headerRow !== false;
        const headerRow = hasHeader ? range.row : range.row - 1;
        const lastRow = range.row + range.rows - 1 - (t.table.totalsRow ? 1 : 0);
        const headers = Array.from({ length: range.cols }, (_, j) =>
          hasHeader ? cellText(readCell(ws.findCell(range.row, range.col + j)).value).trim() : (t.table.columns[j]?.name ?? ""),
        );
        const dateCols = headers.map((h) => columnForHeader(name, h)?.type === "date");
        const formulaColumns = Array.from({ length: range.cols }, () => false);
        const rows: CellValue[][] = [];
        for (let r = headerRow + 1; r <= lastRow; r++) {
          rows.push(
            Array.from({ length: range.cols }, (_, j) => {
              const c = readCell(ws.findCell(r, range.col + j));
              if (c.formula) formulaColumns[j] = true;
              // A plain number in a date column of a 1904 workbook is a 1904 serial.
              if (this.date1904 && dateCols[j] && typeof c.value === "number" && !c.fromDate) return from1904(c.value);
              return c.value;
            }),
          );
        }
        out[name] = { name, sheet: ws.name, headerRow, firstCol: range.col, headers, rows, formulaColumns };
      }
    }
    return out;
  }

  async readSheet(name: string): Promise<SheetContents> {
    const ws = this.requireSheet(name);
    await this.unstream(ws);
    let top = Infinity;
    let left = Infinity;
    let bottom = -Infinity;
    let right = -Infinity;
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        if (cell.type === ExcelJS.ValueType.Null || cell.type === ExcelJS.ValueType.Merge) return;
        const rc = readCell(cell);
        if (rc.value === null && rc.formula === null && cell.type !== ExcelJS.ValueType.String) return;
        top = Math.min(top, r);
        bottom = Math.max(bottom, r);
        left = Math.min(left, c);
        right = Math.max(right, c);
      });
    });
    const merges = mergesOf(ws).map(mergeRange);
    const tables = tablesOf(ws).map((t) => t.table.name);
    if (top === Infinity) return { name: ws.name, origin: { row: 1, col: 1 }, values: [], formulas: [], numberFormats: [], merges, tables };
    const values: CellValue[][] = [];
    const formulas: (string | null)[][] = [];
    const numberFormats: string[][] = [];
    for (let r = top; r <= bottom; r++) {
      const v: CellValue[] = [];
      const f: (string | null)[] = [];
      const nf: string[] = [];
      for (let c = left; c <= right; c++) {
        const cell = ws.findCell(r, c);
        const rc = readCell(cell);
        v.push(rc.value);
        f.push(rc.formula);
        nf.push(cell?.numFmt || GENERAL);
      }
      values.push(v);
      formulas.push(f);
      numberFormats.push(nf);
    }
    return { name: ws.name, origin: { row: top, col: left }, values, formulas, numberFormats, merges, tables };
  }

  async applySheetSpec(spec: SheetSpec, opts?: { activate?: boolean }): Promise<void> {
    let ws = this.findSheet(spec.name);
    if (ws) await this.unstream(ws);
    const mode = spec.mode ?? "replace";
    if (!ws) ws = this.workbook.addWorksheet(spec.name);
    else if (mode === "replace") this.resetSheet(ws);
    if (mode === "patch") for (const r of spec.clear ?? []) this.clearRange(ws, r);
    if (spec.hidden !== undefined) ws.state = spec.hidden ? "hidden" : "visible";
    if (spec.tabColor !== undefined) ws.properties.tabColor = argb(spec.tabColor);
    for (const [c, w] of Object.entries(spec.columnWidths ?? {})) ws.getColumn(Number(c)).width = w;
    for (const b of spec.blocks) b.cells.forEach((row, i) => row.forEach((c, j) => this.writeCell(ws!, b.row + i, b.col + j, c)));
    for (const nf of spec.numberFormats ?? []) this.eachCell(nf.range, (r, c) => this.setNumFmt(ws!.getCell(r, c), nf.format));
    // A number written into a date-formatted cell of a 1904 workbook must be stored as a date, or it shifts by four years.
    if (this.date1904) for (const b of spec.blocks) b.cells.forEach((row, i) => row.forEach((c, j) => {
      if (c?.t === "n") {
        const cell = ws!.getCell(b.row + i, b.col + j);
        if (cell.numFmt && isDateFormat(cell.numFmt)) cell.value = utcDateFromSerial(c.v);
      }
    }));
    for (const m of spec.merges ?? []) ws.mergeCells(m.row, m.col, m.row + m.rows - 1, m.col + m.cols - 1);
    for (const st of spec.styles ?? []) this.applyStyle(ws, st);
    for (const t of spec.tables ?? []) this.addTable(ws, t.name, t.range, t.style);
    for (const v of spec.validations ?? []) this.addValidation(ws, v);
    for (const cf of spec.conditionalFormats ?? []) this.addConditionalFormat(ws, cf);
    // ExcelJS cannot write charts (4.4): they are kept here and drawn into the package on save.
    // `replace` clears the sheet's charts; `patch` keeps them.
    this.charts.set(ws, [...(mode === "replace" ? [] : (this.charts.get(ws) ?? [])), ...(spec.charts ?? [])]);
    if (spec.freeze && (spec.freeze.rows > 0 || spec.freeze.cols > 0)) {
      ws.views = [{ state: "frozen", xSplit: spec.freeze.cols, ySplit: spec.freeze.rows, topLeftCell: a1(spec.freeze.rows + 1, spec.freeze.cols + 1) }];
    }
    if (opts?.activate) this.activate(ws, "A1");
  }

  async copySheet(from: string, to: string, opts?: { hidden?: boolean }): Promise<void> {
    const src = this.requireSheet(from);
    await this.unstream(src);
    if (this.findSheet(to)) throw new Error(`A sheet named "${to}" already exists`);
    const copy = this.workbook.addWorksheet(to);
    // Place the copy right after its original.
    const order = this.workbook.worksheets.filter((w) => w !== copy);
    order.splice(order.indexOf(src) + 1, 0, copy);
    order.forEach((w, i) => {
      (w as unknown as { orderNo: number }).orderNo = i + 1;
    });
    src.eachRow({ includeEmpty: true }, (row, r) => {
      if (row.height) copy.getRow(r).height = row.height;
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        if (cell.type === ExcelJS.ValueType.Merge) return;
        const target = copy.getCell(r, c);
        const v = cell.value;
        target.value = cell.type === ExcelJS.ValueType.Formula ? { formula: cell.formula, result: (v as { result?: ExcelJS.CellFormulaValue["result"] }).result } : v;
        target.style = JSON.parse(JSON.stringify(cell.style ?? {})) as Partial<ExcelJS.Style>;
      });
    });
    src.columns?.forEach((col, i) => {
      if (col.width) copy.getColumn(i + 1).width = col.width;
      if (col.hidden) copy.getColumn(i + 1).hidden = true;
    });
    for (const m of mergesOf(src)) copy.mergeCells(m.top, m.left, m.bottom, m.right);
    const dv = validationsOf(src).model;
    validationsOf(copy).model = JSON.parse(JSON.stringify(dv ?? {})) as Record<string, unknown>;
    (copy as unknown as { conditionalFormattings: unknown[] }).conditionalFormattings = JSON.parse(
      JSON.stringify((src as unknown as { conditionalFormattings: unknown[] }).conditionalFormattings ?? []),
    ) as unknown[];
    copy.views = (src.views ?? []).map((v) => ({ ...v, tabSelected: false } as unknown as ExcelJS.WorksheetView));
    copy.state = opts?.hidden ? "hidden" : src.state;
    // Tables are copied as plain cells: table names are unique in a workbook.
  }

  async writeTableColumn(table: TableName, header: string, values: readonly SpecCell[], opts?: { iconSet3?: { value1: number; value2: number } }): Promise<void> {
    const found = this.findTable(table);
    if (!found) throw new Error(`No table ${table}`);
    const { ws, t } = found;
    await this.unstream(ws);
    const range = tableRange(t.table)!;
    const dataRows = range.rows - 1 - (t.table.totalsRow ? 1 : 0);
    let col = -1;
    for (let j = 0; j < range.cols; j++) {
      if (normalizeHeader(cellText(readCell(ws.findCell(range.row, range.col + j)).value)) === normalizeHeader(header)) {
        col = range.col + j;
        break;
      }
    }
    if (col < 0) {
      col = range.col + range.cols;
      const grown = { ...range, cols: range.cols + 1 };
      for (const w of this.workbook.worksheets) for (const o of tablesOf(w)) {
        if (o !== t && w === ws && rangesIntersect(tableRange(o.table)!, grown)) throw new Error(`Table ${table} cannot grow into table ${o.table.name}`);
      }
      ws.getCell(range.row, col).value = header;
      t.table.columns.push({ name: header, filterButton: true });
      t.table.tableRef = rangeA1(grown);
      if (t.table.ref !== undefined) t.table.ref = a1(range.row, range.col);
      t.table.autoFilterRef = rangeA1({ ...grown, rows: grown.rows - (t.table.totalsRow ? 1 : 0) });
    }
    for (let i = 0; i < dataRows; i++) {
      const c = values[i] ?? null;
      const cell = ws.getCell(range.row + 1 + i, col);
      if (c === null) cell.value = null;
      else this.writeCell(ws, range.row + 1 + i, col, c);
    }
    if (opts?.iconSet3 && dataRows > 0) {
      // The column is ours: replace its rules (as the Office.js port's clearAll does), don't pile them up.
      const target = { row: range.row + 1, col, rows: dataRows, cols: 1 };
      const cfs = (ws as unknown as { conditionalFormattings?: { ref: string }[] }).conditionalFormattings;
      if (cfs) {
        const keep = cfs.filter((cf) => cf.ref.split(/\s+/).every((r) => { const rr = parseRangeA1(r); return !rr || !rangesIntersect(rr, target); }));
        cfs.splice(0, cfs.length, ...keep);
      }
      this.addConditionalFormat(ws, { range: target, kind: "iconSet3", ...opts.iconSet3 });
    }
  }

  async selectCell(sheet: string, address: string): Promise<void> {
    const ws = this.requireSheet(sheet);
    if (!parseA1(address) && !parseRangeA1(address)) throw new Error(`Not a cell address: ${address}`);
    this.activate(ws, address.toUpperCase());
  }

  async readPlanTablesAndSheets(names?: readonly TableName[]): Promise<{ tables: RawTables; sheets: SheetInfo[] }> {
    return readPlanTablesAndSheetsInTurn(this, names);
  }

  /** The single-sheet calls in turn (a file costs no round trip); see WorkbookPort.applySheetSpecs. */
  async applySheetSpecs(specs: readonly SheetSpec[], opts?: ApplySheetSpecsOptions): Promise<void> {
    return applySheetSpecsInTurn(this, specs, opts);
  }

  // ---- internals ----

  private findSheet(name: string): Ws | undefined {
    const n = name.toLowerCase();
    return this.workbook.worksheets.find((w) => w.name.toLowerCase() === n);
  }

  private requireSheet(name: string): Ws {
    const ws = this.findSheet(name);
    if (!ws) throw new Error(`No sheet named "${name}"`);
    return ws;
  }

  private findTable(name: string): { ws: Ws; t: TableObject } | undefined {
    const n = name.toLowerCase();
    for (const ws of this.workbook.worksheets) for (const t of tablesOf(ws)) if (t.table.name.toLowerCase() === n) return { ws, t };
    return undefined;
  }

  private expandSharedFormulas(ws: Ws): void {
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        const v = cell.value as { sharedFormula?: string; shareType?: string; result?: ExcelJS.CellFormulaValue["result"] } | null;
        if (cell.type === ExcelJS.ValueType.Formula && v && (v.sharedFormula !== undefined || v.shareType === "shared")) {
          const f = cell.formula;
          if (f) cell.value = { formula: f, result: v.result };
        }
      });
    });
  }

  private activate(ws: Ws, address: string): void {
    const sheets = this.workbook.worksheets;
    sheets.forEach((w) => {
      const v = w.views?.[0];
      if (w !== ws && v && (v as { tabSelected?: boolean }).tabSelected) w.views = [{ ...v, tabSelected: false } as unknown as ExcelJS.WorksheetView];
    });
    const view = (ws.views?.[0] ?? { state: "normal" }) as ExcelJS.WorksheetView;
    ws.views = [{ ...view, activeCell: address, tabSelected: true } as unknown as ExcelJS.WorksheetView];
    const idx = sheets.indexOf(ws);
    const base = this.workbook.views?.[0] ?? { x: 0, y: 0, width: 12000, height: 24000, visibility: "visible" as const };
    this.workbook.views = [{ ...base, firstSheet: 0, activeTab: idx } as ExcelJS.WorkbookView];
  }

  private resetSheet(ws: Ws): void {
    for (const t of tablesOf(ws)) ws.removeTable(t.table.name);
    for (const m of mergesOf(ws)) ws.unMergeCells(m.top, m.left, m.bottom, m.right);
    ws.eachRow({ includeEmpty: true }, (row) => {
      row.eachCell({ includeEmpty: true }, (cell) => {
        cell.value = null;
        cell.style = {};
      });
    });
    validationsOf(ws).model = {};
    (ws as unknown as { conditionalFormattings: unknown[] }).conditionalFormattings = [];
    ws.views = [];
  }

  private clearRange(ws: Ws, r: CellRange): void {
    for (const m of mergesOf(ws)) if (rangesIntersect(mergeRange(m), r)) ws.unMergeCells(m.top, m.left, m.bottom, m.right);
    ws.eachRow({ includeEmpty: true }, (row, rn) => {
      if (rn < r.row || rn >= r.row + r.rows) return;
      row.eachCell({ includeEmpty: true }, (cell, cn) => {
        if (cn < r.col || cn >= r.col + r.cols) return;
        cell.value = null;
        cell.style = {};
      });
    });
  }

  private writeCell(ws: Ws, row: number, col: number, c: SpecCell): void {
    if (c === null) return;
    const cell = ws.getCell(row, col);
    switch (c.t) {
      case "s":
        // ExcelJS stores a string as text, whatever it looks like, but writes it without OOXML's
        // _xHHHH_ escapes: escape carriage returns, control characters and literal _xHHHH_ text.
        cell.value = escapeOoxmlText(c.v);
        break;
      case "n":
      case "b":
        cell.value = c.v;
        break;
      case "d":
        if (!cell.numFmt || cell.numFmt === GENERAL) this.setNumFmt(cell, DATE_FORMAT);
        cell.value = utcDateFromSerial(c.v);
        break;
      case "f":
        cell.value = { formula: c.f.replace(/^=/, "") } as ExcelJS.CellFormulaValue;
        break;
    }
  }

  private setNumFmt(cell: Cell, format: string): void {
    // A fresh style object: ExcelJS shares style objects between cells of a row or column.
    cell.style = { ...cell.style, numFmt: format };
  }

  private applyStyle(ws: Ws, st: SpecStyle): void {
    this.eachCell(st.range, (r, c) => {
      const cell = ws.getCell(r, c);
      const style: Partial<ExcelJS.Style> = { ...cell.style };
      if (st.bold !== undefined || st.italic !== undefined || st.fontSize !== undefined || st.fontColor !== undefined) {
        style.font = {
          ...(cell.style?.font ?? {}),
          ...(st.bold !== undefined ? { bold: st.bold } : {}),
          ...(st.italic !== undefined ? { italic: st.italic } : {}),
          ...(st.fontSize !== undefined ? { size: st.fontSize } : {}),
          ...(st.fontColor !== undefined ? { color: argb(st.fontColor) } : {}),
        };
      }
      if (st.fill !== undefined) style.fill = { type: "pattern", pattern: "solid", fgColor: argb(st.fill) };
      if (st.wrap !== undefined || st.horizontal !== undefined) {
        style.alignment = {
          ...(cell.style?.alignment ?? {}),
          ...(st.wrap !== undefined ? { wrapText: st.wrap } : {}),
          ...(st.horizontal !== undefined ? { horizontal: st.horizontal } : {}),
        };
      }
      cell.style = style;
    });
  }

  private addTable(ws: Ws, name: string, range: CellRange, style?: string): void {
    if (this.findTable(name)) throw new Error(`A table named ${name} already exists`);
    for (const t of tablesOf(ws)) {
      if (rangesIntersect(tableRange(t.table)!, range)) throw new Error(`Table ${name} would overlap table ${t.table.name}`);
    }
    if (mergesOf(ws).some((m) => rangesIntersect(mergeRange(m), range))) throw new Error(`Table ${name} would overlap merged cells`);
    const columns = Array.from({ length: range.cols }, (_, j) => ({
      name: cellText(readCell(ws.findCell(range.row, range.col + j)).value),
      filterButton: true,
    }));
    const added = ws.addTable({
      name,
      displayName: name,
      ref: a1(range.row, range.col),
      headerRow: true,
      totalsRow: false,
      style: { theme: (style ?? "TableStyleMedium2") as ExcelJS.TableStyleProperties["theme"], showRowStripes: true },
      columns,
      rows: [],
    } as unknown as ExcelJS.TableProperties) as unknown as TableObject;
    // The cells are already written: the table only claims its range.
    added.table.tableRef = rangeA1(range);
    added.table.autoFilterRef = rangeA1(range);
  }

  private addValidation(ws: Ws, v: SpecValidation): void {
    const common = {
      allowBlank: true,
      showErrorMessage: true,
      errorStyle: v.alert === "warning" ? "warning" : "stop",
      ...(v.prompt ? { showInputMessage: true, prompt: v.prompt } : {}),
    };
    let dv: ExcelJS.DataValidation;
    switch (v.kind) {
      case "list":
        dv = { ...common, type: "list", formulae: [`"${v.values.map((x) => x.replace(/"/g, '""')).join(",")}"`] } as ExcelJS.DataValidation;
        break;
      case "date":
        dv = { ...common, type: "date", operator: "between", formulae: [utcDateFromSerial(v.min), utcDateFromSerial(v.max)] } as ExcelJS.DataValidation;
        break;
      case "whole":
        dv = { ...common, type: "whole", operator: "between", formulae: [v.min, v.max] } as ExcelJS.DataValidation;
        break;
      case "decimal":
        dv = (v.max === undefined
          ? { ...common, type: "decimal", operator: "greaterThanOrEqual", formulae: [v.min] }
          : { ...common, type: "decimal", operator: "between", formulae: [v.min, v.max] }) as ExcelJS.DataValidation;
        break;
    }
    validationsOf(ws).add(rangeA1(v.range), dv);
  }

  private addConditionalFormat(ws: Ws, cf: SpecConditionalFormat): void {
    const ref = rangeA1(cf.range);
    const style = (fill?: string, font?: string): Partial<ExcelJS.Style> => ({
      ...(fill ? { fill: { type: "pattern", pattern: "solid", bgColor: argb(fill) } as ExcelJS.Fill } : {}),
      ...(font ? { font: { color: argb(font) } } : {}),
    });
    let rule: ExcelJS.ConditionalFormattingRule;
    switch (cf.kind) {
      case "textEquals":
        rule = { type: "cellIs", operator: "equal", formulae: [`"${cf.text.replace(/"/g, '""')}"`], style: style(cf.fill, cf.font), priority: 1 } as ExcelJS.ConditionalFormattingRule;
        break;
      case "cellValue":
        rule = {
          type: "cellIs", operator: cf.operator, formulae: cf.operator === "between" ? [cf.value, cf.value2 ?? cf.value] : [cf.value],
          style: style(cf.fill, cf.font), priority: 1,
        } as unknown as ExcelJS.ConditionalFormattingRule;
        break;
      case "expression":
        rule = { type: "expression", formulae: [cf.formula.replace(/^=/, "")], style: style(cf.fill, cf.font), priority: 1 } as ExcelJS.ConditionalFormattingRule;
        break;
      case "dataBar":
        rule = { type: "dataBar", cfvo: [{ type: "min" }, { type: "max" }], color: argb(cf.color), gradient: true, priority: 1 } as unknown as ExcelJS.ConditionalFormattingRule;
        break;
      case "iconSet3":
        rule = {
          type: "iconSet", iconSet: "3TrafficLights1", showValue: true,
          cfvo: [{ type: "num", value: Number.MIN_SAFE_INTEGER }, { type: "num", value: cf.value1 }, { type: "num", value: cf.value2 }], priority: 1,
        } as unknown as ExcelJS.ConditionalFormattingRule;
        break;
    }
    const existing = (ws as unknown as { conditionalFormattings?: { rules: unknown[] }[] }).conditionalFormattings ?? [];
    (rule as { priority: number }).priority = 1 + existing.reduce((n, x) => n + x.rules.length, 0);
    ws.addConditionalFormatting({ ref, rules: [rule] });
  }

  private eachCell(r: CellRange, fn: (row: number, col: number) => void): void {
    for (let i = 0; i < r.rows; i++) for (let j = 0; j < r.cols; j++) fn(r.row + i, r.col + j);
  }
}
