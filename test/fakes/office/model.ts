/**
 * The workbook the fake keeps behind its proxy objects. Tests seed it from a short
 * description (`seedWorkbook`) and inspect it directly (`getSheet`, `readValues`, …) without
 * going through load/sync. Coordinates inside the model are 0-based.
 */
import { MAX_COLS, type Rect, contains, intersects, parseAddress, sheetNameProblem } from "./address";
import { officeError } from "./errors";

/** An error value in a cell (`#N/A`, `#DIV/0!`, …). */
export interface FakeErrorValue {
  error: string;
}
export type FakeScalar = number | string | boolean | null | FakeErrorValue;

export function isFakeError(v: unknown): v is FakeErrorValue {
  return typeof v === "object" && v !== null && typeof (v as { error?: unknown }).error === "string";
}

export interface FakeCellFormat {
  bold?: boolean;
  italic?: boolean;
  underline?: string;
  size?: number;
  color?: string;
  fontName?: string;
  fill?: string;
  wrapText?: boolean;
  horizontalAlignment?: string;
  verticalAlignment?: string;
}

export interface FakeCell {
  /** The value (for a formula cell: the value given when seeding, else null — the fake does not calculate). */
  value: FakeScalar;
  /** `=…` when the cell holds a formula. */
  formula?: string;
  /** Number format code; absent means "General". */
  numberFormat?: string;
  format?: FakeCellFormat;
}

export interface FakeValidation {
  rect: Rect;
  rule: Record<string, unknown>;
  errorAlert: { showAlert: boolean; style: string; title: string; message: string };
  prompt: { showPrompt: boolean; title: string; message: string };
  ignoreBlanks: boolean;
}

export interface FakeConditionalFormat {
  id: string;
  rect: Rect;
  type: string;
  /** Type-specific settings as Office.js sets them (iconSet, dataBar, cellValue, textComparison, custom). */
  settings: Record<string, unknown>;
}

export interface FakeChartSeries {
  name: string;
  /** Sheet-qualified addresses of the series' values and category labels. */
  values: string | null;
  xValues: string | null;
}

export interface FakeChart {
  id: string;
  name: string;
  chartType: string;
  /** Sheet-qualified address of the source data given to charts.add. */
  source: string;
  seriesBy: string;
  title: { text: string; visible: boolean };
  position: { start: string; end: string | null } | null;
  series: FakeChartSeries[];
}

export type Visibility = "Visible" | "Hidden" | "VeryHidden";

export interface FakeSheet {
  id: string;
  name: string;
  visibility: Visibility;
  tabColor: string;
  /** Cells by key row * MAX_COLS + col. */
  cells: Map<number, FakeCell>;
  /** Column widths in points by 0-based column (absent: the standard width). */
  columnWidths: Map<number, number>;
  merges: Rect[];
  validations: FakeValidation[];
  conditionalFormats: FakeConditionalFormat[];
  charts: FakeChart[];
  freeze: { rows: number; cols: number } | null;
  protected: boolean;
  selection: Rect | null;
}

export interface FakeTable {
  id: string;
  name: string;
  sheetId: string;
  /** Header row, data rows and (when shown) the totals row. */
  rect: Rect;
  showHeaders: boolean;
  showTotals: boolean;
  style: string;
}

export interface FakeWorkbookModel {
  name: string;
  sheets: FakeSheet[];
  tables: FakeTable[];
  activeSheetId: string | null;
  nextId: number;
}

/** Standard column width of a new sheet: 8.43 characters = 64 px = 48 points. */
export const STANDARD_WIDTH_POINTS = 48;

export const cellKey = (row: number, col: number): number => row * MAX_COLS + col;
export const keyRow = (key: number): number => Math.floor(key / MAX_COLS);
export const keyCol = (key: number): number => key % MAX_COLS;

export function newId(model: FakeWorkbookModel, prefix: string): string {
  model.nextId += 1;
  return `{${prefix}-${String(model.nextId).padStart(8, "0")}}`;
}

export function emptySheet(model: FakeWorkbookModel, name: string): FakeSheet {
  return {
    id: newId(model, "sheet"), name, visibility: "Visible", tabColor: "", cells: new Map(), columnWidths: new Map(),
    merges: [], validations: [], conditionalFormats: [], charts: [], freeze: null, protected: false, selection: null,
  };
}

/** The sheet called `name` (compared ignoring case, as Excel does), or undefined. */
export function findSheet(model: FakeWorkbookModel, name: string): FakeSheet | undefined {
  const n = name.toLowerCase();
  return model.sheets.find((s) => s.name.toLowerCase() === n);
}

/** The sheet called `name`; throws when there is none (for tests). */
export function getSheet(model: FakeWorkbookModel, name: string): FakeSheet {
  const s = findSheet(model, name);
  if (!s) throw new Error(`fake workbook has no sheet "${name}" (has: ${model.sheets.map((x) => x.name).join(", ")})`);
  return s;
}

export function sheetById(model: FakeWorkbookModel, id: string): FakeSheet {
  const s = model.sheets.find((x) => x.id === id);
  if (!s) throw officeError("ItemNotFound", `The requested resource doesn't exist (sheet id ${id}).`);
  return s;
}

export function findTable(model: FakeWorkbookModel, name: string): FakeTable | undefined {
  const n = name.toLowerCase();
  return model.tables.find((t) => t.name.toLowerCase() === n);
}

export function getCell(sheet: FakeSheet, row: number, col: number): FakeCell | undefined {
  return sheet.cells.get(cellKey(row, col));
}

/** The cell, created blank when absent. */
export function ensureCell(sheet: FakeSheet, row: number, col: number): FakeCell {
  const k = cellKey(row, col);
  let c = sheet.cells.get(k);
  if (!c) {
    c = { value: null };
    sheet.cells.set(k, c);
  }
  return c;
}

/** Drops a cell that holds nothing (no value, formula, number format or format). */
export function pruneCell(sheet: FakeSheet, row: number, col: number): void {
  const k = cellKey(row, col);
  const c = sheet.cells.get(k);
  if (c && c.value === null && c.formula === undefined && c.numberFormat === undefined && (!c.format || Object.keys(c.format).length === 0)) {
    sheet.cells.delete(k);
  }
}

/** Calls `fn` for each stored cell inside `rect` (cheap for big, sparse rectangles). */
export function forEachStoredCell(sheet: FakeSheet, rect: Rect, fn: (row: number, col: number, cell: FakeCell) => void): void {
  const area = rect.rows * rect.cols;
  if (area <= sheet.cells.size) {
    for (let r = rect.row; r < rect.row + rect.rows; r++) {
      for (let c = rect.col; c < rect.col + rect.cols; c++) {
        const cell = sheet.cells.get(cellKey(r, c));
        if (cell) fn(r, c, cell);
      }
    }
    return;
  }
  for (const [k, cell] of [...sheet.cells]) {
    const r = keyRow(k), c = keyCol(k);
    if (r >= rect.row && r < rect.row + rect.rows && c >= rect.col && c < rect.col + rect.cols) fn(r, c, cell);
  }
}

function toRect(sheet: FakeSheet, address: string): Rect {
  const { sheet: named, rect } = parseAddress(address);
  if (named !== undefined && named.toLowerCase() !== sheet.name.toLowerCase()) {
    throw new Error(`address ${address} is not on sheet ${sheet.name}`);
  }
  return rect;
}

function grid<T>(sheet: FakeSheet, address: string, pick: (c: FakeCell | undefined) => T): T[][] {
  const r = toRect(sheet, address);
  const out: T[][] = [];
  for (let i = 0; i < r.rows; i++) {
    const row: T[] = [];
    for (let j = 0; j < r.cols; j++) row.push(pick(getCell(sheet, r.row + i, r.col + j)));
    out.push(row);
  }
  return out;
}

/** Cell values of `address` on `sheet` as stored: null for blank, `{error}` for errors. */
export function readValues(sheet: FakeSheet, address: string): FakeScalar[][] {
  return grid(sheet, address, (c) => (c ? c.value : null));
}

/** Formula where a cell holds one, else its stored value. */
export function readFormulas(sheet: FakeSheet, address: string): FakeScalar[][] {
  return grid(sheet, address, (c) => (c ? (c.formula ?? c.value) : null));
}

/** Number format codes ("General" where none). */
export function readNumberFormats(sheet: FakeSheet, address: string): string[][] {
  return grid(sheet, address, (c) => c?.numberFormat ?? "General");
}

// ---------------------------------------------------------------------------------------------
// Seeding

/** A seeded cell: a raw value (never parsed), a formula with an optional cached value, or an error. */
export type SeedCell =
  | number
  | string
  | boolean
  | null
  | { f: string; v?: number | string | boolean | null | FakeErrorValue; nf?: string }
  | { error: string }
  | { v: number | string | boolean | null; nf: string };

export interface FakeSheetSeed {
  name: string;
  /** Rows of cells placed from `at` (default "A1"). */
  rows?: SeedCell[][];
  at?: string;
  /** Single cells by A1 address. */
  cells?: Record<string, SeedCell>;
  /** Number formats by A1 range. */
  numberFormats?: Record<string, string>;
  visibility?: Visibility;
  tabColor?: string;
  protected?: boolean;
  freeze?: { rows: number; cols: number };
  /** Column widths in points by column letters. */
  columnWidths?: Record<string, number>;
  merges?: string[];
}

export interface FakeTableSeed {
  name: string;
  sheet: string;
  /** Header row through last data row, e.g. "A1:Q11". */
  address: string;
  style?: string;
  showTotals?: boolean;
}

export interface FakeSeed {
  /** Workbook file name (Workbook.name). */
  name?: string;
  sheets?: FakeSheetSeed[];
  tables?: FakeTableSeed[];
  /** Name of the active sheet (default: the first). */
  active?: string;
}

function putSeed(sheet: FakeSheet, row: number, col: number, v: SeedCell): void {
  if (v === null) return;
  const cell = ensureCell(sheet, row, col);
  if (typeof v !== "object") {
    cell.value = v;
  } else if ("f" in v) {
    cell.formula = v.f.startsWith("=") ? v.f : `=${v.f}`;
    cell.value = v.v === undefined ? null : typeof v.v === "object" && v.v !== null ? { error: v.v.error } : v.v;
    if (v.nf) cell.numberFormat = v.nf;
  } else if ("error" in v) {
    cell.value = { error: v.error };
  } else {
    cell.value = v.v;
    cell.numberFormat = v.nf;
  }
}

/**
 * Builds a model from a description; a workbook with one empty "Sheet1" when `sheets` is not
 * given. An explicit `sheets: []` makes a workbook without sheets, which Excel never has, for
 * tests that start from nothing.
 */
export function seedWorkbook(seed: FakeSeed = {}): FakeWorkbookModel {
  const model: FakeWorkbookModel = { name: seed.name ?? "Book1.xlsx", sheets: [], tables: [], activeSheetId: null, nextId: 0 };
  const sheets = seed.sheets ?? [{ name: "Sheet1" }];
  for (const s of sheets) {
    const problem = sheetNameProblem(s.name);
    if (problem) throw new Error(`seed: bad sheet name "${s.name}": ${problem}`);
    if (findSheet(model, s.name)) throw new Error(`seed: duplicate sheet "${s.name}"`);
    const sheet = emptySheet(model, s.name);
    model.sheets.push(sheet);
    const at = parseAddress(s.at ?? "A1").rect;
    (s.rows ?? []).forEach((row, i) => row.forEach((v, j) => putSeed(sheet, at.row + i, at.col + j, v)));
    for (const [a, v] of Object.entries(s.cells ?? {})) {
      const r = toRect(sheet, a);
      putSeed(sheet, r.row, r.col, v);
    }
    for (const [a, nf] of Object.entries(s.numberFormats ?? {})) {
      const r = toRect(sheet, a);
      for (let i = 0; i < r.rows; i++) for (let j = 0; j < r.cols; j++) ensureCell(sheet, r.row + i, r.col + j).numberFormat = nf;
    }
    sheet.visibility = s.visibility ?? "Visible";
    sheet.tabColor = s.tabColor ?? "";
    sheet.protected = s.protected ?? false;
    sheet.freeze = s.freeze ?? null;
    for (const [letters, w] of Object.entries(s.columnWidths ?? {})) sheet.columnWidths.set(toRect(sheet, `${letters}:${letters}`).col, w);
    sheet.merges = (s.merges ?? []).map((a) => toRect(sheet, a));
  }
  for (const t of seed.tables ?? []) {
    const sheet = getSheet(model, t.sheet);
    const rect = toRect(sheet, t.address);
    if (findTable(model, t.name)) throw new Error(`seed: duplicate table "${t.name}"`);
    if (model.tables.some((o) => o.sheetId === sheet.id && intersects(o.rect, rect))) throw new Error(`seed: table "${t.name}" overlaps another table`);
    for (let j = 0; j < rect.cols; j++) {
      const h = getCell(sheet, rect.row, rect.col + j)?.value;
      if (typeof h !== "string" || h === "") throw new Error(`seed: table "${t.name}" header ${j + 1} must be non-empty text`);
    }
    model.tables.push({
      id: newId(model, "table"), name: t.name, sheetId: sheet.id, rect, showHeaders: true,
      showTotals: t.showTotals ?? false, style: t.style ?? "TableStyleMedium2",
    });
  }
  const active = seed.active ? getSheet(model, seed.active) : model.sheets[0];
  model.activeSheetId = active?.id ?? null;
  return model;
}

/** Tables of a sheet. */
export function tablesOn(model: FakeWorkbookModel, sheet: FakeSheet): FakeTable[] {
  return model.tables.filter((t) => t.sheetId === sheet.id);
}

/** The validation that applies to a cell (the last one set over it), if any. */
export function validationAt(sheet: FakeSheet, row: number, col: number): FakeValidation | undefined {
  for (let i = sheet.validations.length - 1; i >= 0; i--) {
    const v = sheet.validations[i]!;
    if (contains(v.rect, { row, col, rows: 1, cols: 1 })) return v;
  }
  return undefined;
}
