/**
 * Converting a user's own sheet into a plan table (plan-workbook.md, "Converting a sheet"),
 * as a pure plan: what was found (header row, mapping with confidences, table kind) and the
 * patch sheet spec that turns the sheet into the table. actions/convert-sheet applies it.
 *
 * Nothing typed is lost: rows above the header are not touched; mapped columns get the
 * canonical header (in the language of the sheet's own headers) and unmapped ones stay as
 * extra table columns under their own header; blank rows leave the table and totals rows
 * go below it (a totals row already below the data stays exactly where it is); text stays
 * text (`=…`, `00123`, `2026-12-31` included); numbers keep their number formats; a formula
 * that moves with its row is rewritten as Excel's copy and paste would (relative rows follow).
 */
import { type CellValue, asPlanDate, cellText, isBlank, PLAN_DATE_MAX, PLAN_DATE_MIN } from "./cells";
import { type Msg, isError } from "./errors";
import { type TableName, TABLES, METRICS } from "./schema";
import {
  type ColumnMapping, type ConvertKind, TABLE_OF_KIND, detectHeader, guessKind, headerLanguage, headerText, isTotalsRow, mapHeaderRow,
} from "./detect";
import type { CellRange, SheetSpec, SpecCell, SpecNumberFormat, SpecValidation } from "./sheets/spec";
import { rangeOf } from "./sheets/spec";
import { a1, shiftFormulaRows } from "./sheets/a1";
import { DATE_FORMAT, columnDef, headerIn, numberFormatFor, validationFor, widthFor } from "./sheets/columns";
import { PLAN_TABLE_STYLE } from "./sheets/template";
import { type Lang, t } from "../i18n";

/** A worksheet as ports read it (structurally the same as ports' SheetContents). */
export interface SheetGrid {
  name: string;
  origin: { row: number; col: number };
  values: readonly (readonly CellValue[])[];
  formulas: readonly (readonly (string | null)[])[];
  numberFormats: readonly (readonly string[])[];
  merges: readonly CellRange[];
  tables: readonly string[];
}

/** Choices of the user (the CLI's options, the task pane's mapping step). */
export interface ConvertOptions {
  /** The table kind (`--as`); guessed from the headers when absent. */
  kind?: ConvertKind;
  /**
   * The metric that fills an added Metric column. For actuals the default is Revenue
   * (销售额 when the sheet's headers are Chinese); for targets an added Metric column is
   * left blank unless a metric is given.
   */
  metric?: string;
  /** The header row (1-based worksheet row), when the user corrected it. */
  headerRow?: number;
  /** Corrections to the mapping: worksheet column (1-based) → key, or null for unmapped. */
  mapping?: Readonly<Record<number, string | null>>;
  /** The plan tables the workbook already has, and their sheets. */
  existingTables?: Readonly<Partial<Record<TableName, string>>>;
}

/** One column of the table the conversion makes. */
export interface ConvertColumn {
  /** 1-based worksheet column. */
  col: number;
  /** The header as the user typed it ("" when blank; the key for an added column). */
  header: string;
  /** The header the table gets. */
  tableHeader: string;
  key: string | null;
  confidence: number;
  added: boolean;
}

/** A totals row below the table: where it was, where it is, and whether it stayed untouched. */
export interface MovedRow {
  from: number;
  to: number;
  /** True when the row was already below the data and stays exactly as it was (not rewritten). */
  kept: boolean;
}

/** The conversion: what was found, what changes, and the patch spec that does it. */
export interface ConvertPlan {
  sheet: string;
  kind: ConvertKind;
  table: TableName;
  /** The language of the sheet's own headers (canonical headers are written in it). */
  lang: Lang;
  headerRow: number;
  firstCol: number;
  columns: ConvertColumn[];
  /** Mapped columns in sheet order: the header as typed, its key and the confidence. */
  mapping: { header: string; key: string; confidence: number }[];
  /** Headers of the columns kept as extra columns. */
  unmapped: string[];
  /** Keys of the columns added at the right. */
  added: string[];
  /** Data rows in the table. */
  rows: number;
  /** Worksheet rows that were blank and left the table. */
  blankRows: number[];
  /** Totals rows: where they were and where they are now. */
  totalsRows: MovedRow[];
  /** Addresses (after conversion) of dates typed as text in date columns, kept as typed. */
  textDates: string[];
  /** IDs generated for rows whose ID was missing or blank. */
  generatedIds: string[];
  /** The metric written into an added Metric column, or null. */
  metric: string | null;
  /** Addresses of cells filled from a merged cell above them (vertically merged data). */
  filledFromMerges: string[];
  spec: SheetSpec;
}

export type ConvertOutcome = { ok: true; plan: ConvertPlan } | { ok: false; error: Msg };

/** The `convert --json` document: exactly these fields, in this order. */
export interface ConvertJson {
  sheet: string;
  table: TableName;
  headerRow: number;
  mapping: { header: string; key: string; confidence: number }[];
  unmapped: string[];
  added: string[];
  rows: number;
}

/** The `--json` document of a conversion. */
export function convertJson(plan: ConvertPlan): ConvertJson {
  return { sheet: plan.sheet, table: plan.table, headerRow: plan.headerRow, mapping: plan.mapping, unmapped: plan.unmapped, added: plan.added, rows: plan.rows };
}

/** The default metric of an added Metric column in actuals: Revenue in the sheet's language. */
export function defaultMetric(lang: Lang): string {
  return lang === "zh-CN" ? METRICS[0]!.zh : METRICS[0]!.en;
}

/** The generated ID `prefix` + n with at least three digits (`G-001`). */
export function formatId(prefix: string, n: number): string {
  return prefix + String(n).padStart(3, "0");
}

const ERROR_CONSTANTS = new Set(["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"]);
const GENERAL = /^general$/i;

/** Plans the conversion of a sheet into a plan table; a problem (empty sheet, no header row, a table that exists) is returned as a message. */
export function planConversion(grid: SheetGrid, opts: ConvertOptions = {}): ConvertOutcome {
  const sheet = grid.name;
  const o = grid.origin;
  const height = grid.values.length;
  const width = grid.values.reduce((w, r) => Math.max(w, r.length), 0);
  const lastRow = o.row + height - 1;
  const lastUsedCol = o.col + width - 1;

  // Vertically merged data cells: the value of the merge fills the cells below it.
  const filled = new Map<string, CellValue>();
  const rawValue = (r: number, c: number): CellValue => grid.values[r - o.row]?.[c - o.col] ?? null;
  const formula = (r: number, c: number): string | null => grid.formulas[r - o.row]?.[c - o.col] ?? null;
  const value = (r: number, c: number): CellValue => filled.get(`${r},${c}`) ?? rawValue(r, c);
  const format = (r: number, c: number): string => grid.numberFormats[r - o.row]?.[c - o.col] ?? "General";
  const present = (r: number, c: number) => !isBlank(value(r, c)) || formula(r, c) !== null;

  let anything = false;
  for (let r = o.row; r <= lastRow && !anything; r++) for (let c = o.col; c <= lastUsedCol && !anything; c++) anything = present(r, c);
  if (!anything) return fail("plan.convert.empty", { sheet });
  if (grid.tables.length > 0) return fail("plan.convert.sheetHasTable", { sheet, tables: grid.tables.join(", ") });

  // The header row and the table kind.
  let headerRow: number;
  let kind: ConvertKind;
  if (opts.headerRow !== undefined) {
    headerRow = opts.headerRow;
    if (headerRow < o.row || headerRow > lastRow) return fail("plan.convert.noHeader", { sheet });
    kind = opts.kind ?? guessKind(grid.values[headerRow - o.row] ?? []);
  } else {
    const found = detectHeader(grid, opts.kind);
    if (!found) return fail("plan.convert.noHeader", { sheet });
    headerRow = found.row;
    kind = found.kind;
  }
  const table = TABLE_OF_KIND[kind];
  const def = TABLES[table];
  const existing = opts.existingTables?.[table];
  if (existing !== undefined) return fail("plan.convert.tableExists", { table, sheet: existing });

  const filledCells: { row: number; col: number }[] = [];
  for (const m of grid.merges) {
    if (m.row <= headerRow || m.rows < 2) continue;
    const top = rawValue(m.row, m.col);
    if (isBlank(top) || formula(m.row, m.col) !== null) continue;
    for (let r = m.row + 1; r < m.row + m.rows && r <= lastRow; r++) {
      if (isBlank(rawValue(r, m.col)) && formula(r, m.col) === null) {
        filled.set(`${r},${m.col}`, top);
        filledCells.push({ row: r, col: m.col });
      }
    }
  }

  // Which rows are data, blank or totals.
  const rowCells = (r: number) => Array.from({ length: width }, (_, i) => value(r, o.col + i));
  const rowKinds: { row: number; kind: "data" | "blank" | "totals" }[] = [];
  for (let r = headerRow + 1; r <= lastRow; r++) {
    const any = Array.from({ length: width }, (_, i) => present(r, o.col + i)).some(Boolean);
    rowKinds.push({ row: r, kind: !any ? "blank" : isTotalsRow(rowCells(r)) ? "totals" : "data" });
  }
  const dataRows = rowKinds.filter((k) => k.kind === "data").map((k) => k.row);
  const lastData = dataRows.length > 0 ? dataRows[dataRows.length - 1]! : headerRow;

  // The table's columns: from the first to the last column with a header or a data value.
  let firstCol = Infinity;
  let lastCol = -Infinity;
  for (let c = o.col; c <= lastUsedCol; c++) {
    if (present(headerRow, c) || dataRows.some((r) => present(r, c))) {
      firstCol = Math.min(firstCol, c);
      lastCol = Math.max(lastCol, c);
    }
  }
  const headerCells = Array.from({ length: lastCol - firstCol + 1 }, (_, i) => value(headerRow, firstCol + i));
  const mapping: ColumnMapping[] = mapHeaderRow(table, headerCells);
  for (const [colText, key] of Object.entries(opts.mapping ?? {})) {
    const i = Number(colText) - firstCol;
    const m = mapping[i];
    if (!m) continue;
    if (key !== null && def.columns.some((c) => c.key === key)) {
      for (const other of mapping) if (other.key === key) Object.assign(other, { key: null, confidence: 0 });
      Object.assign(m, { key, confidence: 1 });
    } else Object.assign(m, { key: null, confidence: 0 });
  }
  const lang = headerLanguage(headerCells.map(headerText).filter((h) => h !== ""));

  // Headers: canonical for mapped and added columns, the user's own (made unique and non-blank) for the rest.
  const mappedKeys = new Set(mapping.filter((m) => m.key !== null).map((m) => m.key!));
  const addedKeys = def.columns.filter((c) => c.required && !mappedKeys.has(c.key)).map((c) => c.key);
  const taken = new Set<string>();
  const reserve = (h: string) => taken.add(h.toLowerCase());
  const canonical = (key: string) => headerIn(columnDef(table, key)!, lang);
  mappedKeys.forEach((k) => reserve(canonical(k)));
  addedKeys.forEach((k) => reserve(canonical(k)));
  const columns: ConvertColumn[] = mapping.map((m, i) => {
    const col = firstCol + i;
    if (m.key !== null) return { col, header: m.header, tableHeader: canonical(m.key), key: m.key, confidence: m.confidence, added: false };
    const base = m.header !== "" ? m.header : t(lang, "plan.convert.column", { n: i + 1 });
    let h = base;
    for (let k = 2; taken.has(h.toLowerCase()); k++) h = `${base}${k}`;
    reserve(h);
    return { col, header: m.header, tableHeader: h, key: null, confidence: 0, added: false };
  });
  addedKeys.forEach((key, i) =>
    columns.push({ col: lastCol + 1 + i, header: key, tableHeader: canonical(key), key, confidence: 0, added: true }),
  );
  const tableCols = columns.length;
  const colOfKey = (key: string) => columns.find((c) => c.key === key);

  // Layout: the table at the header row, data rows packed below it, totals rows below the table.
  const n = dataRows.length;
  const tableEnd = headerRow + Math.max(n, 1);
  const newRowOf = new Map<number, number>();
  dataRows.forEach((r, i) => newRowOf.set(r, headerRow + 1 + i));
  const totalsRows: MovedRow[] = [];
  let nextFree = tableEnd + 1;
  for (const k of rowKinds) {
    if (k.kind !== "totals") continue;
    if (k.row > lastData && k.row >= nextFree) {
      totalsRows.push({ from: k.row, to: k.row, kept: true });
      nextFree = k.row + 1;
    } else {
      totalsRows.push({ from: k.row, to: nextFree, kept: false });
      nextFree++;
    }
  }
  const moved = totalsRows.filter((m) => !m.kept);
  const clearEnd = Math.max(lastData, tableEnd, ...moved.map((m) => Math.max(m.from, m.to)));
  const clearFirst = Math.min(firstCol, o.col);
  const clearLast = Math.max(lastCol + addedKeys.length, lastUsedCol);

  // IDs and the metric for added columns.
  const idKey = def.id?.key;
  const idCol = idKey ? colOfKey(idKey) : undefined;
  const usedIds = new Set<string>();
  if (idCol && !idCol.added) for (const r of dataRows) if (!isBlank(value(r, idCol.col))) usedIds.add(cellText(value(r, idCol.col)).trim().toUpperCase());
  let nextId = 1;
  const generatedIds: string[] = [];
  const newId = (): string => {
    let id = formatId(def.id!.prefix, nextId++);
    while (usedIds.has(id.toUpperCase())) id = formatId(def.id!.prefix, nextId++);
    usedIds.add(id.toUpperCase());
    generatedIds.push(id);
    return id;
  };
  const metricAdded = addedKeys.includes("Metric");
  const metric = metricAdded ? (opts.metric ?? (table === "PlanActuals" ? defaultMetric(lang) : null)) : null;

  // Cells.
  const formats: { row: number; col: number; format: string }[] = [];
  const textDates: string[] = [];
  const cellFor = (r: number, c: number, to: number): SpecCell => {
    const f = formula(r, c);
    const fmt = format(r, c);
    if (!GENERAL.test(fmt)) formats.push({ row: to, col: c, format: fmt });
    if (f !== null) return { t: "f", f: shiftFormulaRows(f, to - r) };
    const v = value(r, c);
    if (v === null) return null;
    if (typeof v === "string") return { t: "s", v };
    if (typeof v === "boolean") return { t: "b", v };
    if (isError(v)) return ERROR_CONSTANTS.has(v.code) ? { t: "f", f: `=${v.code}` } : { t: "s", v: v.code };
    return { t: "n", v };
  };
  const header: SpecCell[] = columns.map((c) => ({ t: "s", v: c.tableHeader }));
  const body: SpecCell[][] = dataRows.map((r) => {
    const to = newRowOf.get(r)!;
    return columns.map((c): SpecCell => {
      if (c.added) {
        if (c.key === idKey) return { t: "s", v: newId() };
        if (c.key === "Metric" && metric !== null) return { t: "s", v: metric };
        return null;
      }
      if (c.key !== null && c.key === idKey && !present(r, c.col)) return { t: "s", v: newId() };
      const cell = cellFor(r, c.col, to);
      const type = c.key !== null ? columnDef(table, c.key)?.type : undefined;
      if (type === "date" && cell !== null) {
        const v = value(r, c.col);
        if (cell.t === "s" && asPlanDate(v)?.fromText) textDates.push(a1(to, c.col));
        if (cell.t === "n" && GENERAL.test(format(r, c.col)) && Number.isInteger(cell.v) && cell.v >= PLAN_DATE_MIN && cell.v <= PLAN_DATE_MAX) {
          formats.push({ row: to, col: c.col, format: DATE_FORMAT });
          return { t: "d", v: cell.v };
        }
      }
      return cell;
    });
  });

  const blocks: SheetSpec["blocks"] = [{ row: headerRow, col: firstCol, cells: [header, ...body] }];
  for (const m of moved) {
    blocks.push({ row: m.to, col: o.col, cells: [Array.from({ length: width }, (_, i) => cellFor(m.from, o.col + i, m.to))] });
  }

  // Formats and validations of plan columns over the table's data rows.
  const dataRange = (col: number) => rangeOf(headerRow + 1, col, Math.max(n, 1), 1);
  const validations: SpecValidation[] = [];
  const columnWidths: Record<number, number> = {};
  for (const c of columns) {
    if (c.key === null) continue;
    const v = validationFor(table, c.key, lang, dataRange(c.col));
    if (v) validations.push(v);
    if (c.added) {
      const fmt = numberFormatFor(table, c.key);
      if (fmt) formats.push(...Array.from({ length: Math.max(n, 1) }, (_, i) => ({ row: headerRow + 1 + i, col: c.col, format: fmt })));
      columnWidths[c.col] = widthFor(table, c.key);
    }
  }

  const spec: SheetSpec = {
    name: sheet,
    mode: "patch",
    clear: [rangeOf(headerRow, clearFirst, clearEnd - headerRow + 1, clearLast - clearFirst + 1)],
    columnWidths,
    blocks,
    tables: [{ name: table, range: rangeOf(headerRow, firstCol, tableEnd - headerRow + 1, tableCols), style: PLAN_TABLE_STYLE }],
    numberFormats: groupFormats(formats),
    validations,
  };

  const plan: ConvertPlan = {
    sheet, kind, table, lang, headerRow, firstCol, columns,
    mapping: columns.filter((c) => c.key !== null && !c.added).map((c) => ({ header: c.header, key: c.key!, confidence: c.confidence })),
    unmapped: columns.filter((c) => c.key === null).map((c) => (c.header !== "" ? c.header : c.tableHeader)),
    added: addedKeys,
    rows: n,
    blankRows: rowKinds.filter((k) => k.kind === "blank" && k.row < lastData).map((k) => k.row),
    totalsRows,
    textDates,
    generatedIds,
    metric,
    filledFromMerges: filledCells.filter((f) => newRowOf.has(f.row)).map((f) => a1(newRowOf.get(f.row)!, f.col)),
    spec,
  };
  return { ok: true, plan };
}

function fail(key: string, params: Record<string, string | number>): ConvertOutcome {
  return { ok: false, error: { key, params } };
}

/** Cell-by-cell number formats grouped into vertical runs of one format per column. */
function groupFormats(cells: readonly { row: number; col: number; format: string }[]): SpecNumberFormat[] {
  const byCol = new Map<number, { row: number; format: string }[]>();
  for (const c of cells) {
    const list = byCol.get(c.col) ?? [];
    list.push({ row: c.row, format: c.format });
    byCol.set(c.col, list);
  }
  const out: SpecNumberFormat[] = [];
  for (const [col, list] of [...byCol.entries()].sort((a, b) => a[0] - b[0])) {
    const sorted = [...new Map(list.map((x) => [x.row, x])).values()].sort((a, b) => a.row - b.row);
    let start = sorted[0];
    let prev = start;
    for (const x of [...sorted.slice(1), undefined]) {
      if (x && prev && x.row === prev.row + 1 && x.format === prev.format) {
        prev = x;
        continue;
      }
      if (start && prev) out.push({ range: rangeOf(start.row, col, prev.row - start.row + 1, 1), format: start.format });
      start = x;
      prev = x;
    }
  }
  return out;
}
