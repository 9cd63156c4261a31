/**
 * Excel.Range and what hangs off it: format (font, fill, column width), data validation,
 * conditional formats, merged areas.
 * Docs: https://learn.microsoft.com/javascript/api/excel/excel.range,
 * https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-ranges-set-get-values,
 * https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-blank-null-values.
 */
import {
  MAX_COLS, MAX_ROWS, type Rect, boundingRect, contains, formatRect, intersection, intersects, parseAddress, sheetAddress, subtractRect,
} from "./address";
import { type AnyClientObject, ClientCollection, ClientObject, type FakeRequestContext, MAX_CELLS_PER_READ, requireApi } from "./context";
import { officeError, unsupported } from "./errors";
import {
  type FakeCell, type FakeCellFormat, type FakeConditionalFormat, type FakeSheet, type FakeValidation, STANDARD_WIDTH_POINTS,
  cellKey, ensureCell, forEachStoredCell, getCell, keyCol, keyRow, newId, pruneCell,
} from "./model";
import { apiValue, displayText, parseInput, valueType } from "./parse";
import { CONDITIONAL_RANGE_FORMAT, type SettingsProxy, type Shape, makeSettingsProxy } from "./settings";
import { Worksheet } from "./workbook";

export interface RangeTarget {
  sheet: FakeSheet;
  rect: Rect;
}

/** Writes to a protected sheet fail with AccessDenied (https://learn.microsoft.com/javascript/api/excel/excel.errorcodes). */
export function assertWritable(sheet: FakeSheet): void {
  if (sheet.protected) throw officeError("AccessDenied", `The cell or chart you're trying to change is on a protected sheet (${sheet.name}).`);
}

function checkRect(r: Rect): Rect {
  if (!(r.rows >= 1 && r.cols >= 1 && r.row >= 0 && r.col >= 0 && r.row + r.rows <= MAX_ROWS && r.col + r.cols <= MAX_COLS)) {
    throw officeError("InvalidArgument", "The argument is invalid or missing or has an incorrect format: the range would leave the worksheet grid.");
  }
  return r;
}

/** Resolves an address given to a worksheet (optionally sheet-qualified) to a rectangle. */
export function rectOnSheet(sheet: FakeSheet, address: string): Rect {
  const { sheet: named, rect } = parseAddress(address);
  if (named !== undefined && named.toLowerCase() !== sheet.name.toLowerCase()) {
    throw officeError("InvalidArgument", `The argument is invalid or missing or has an incorrect format: "${address}" is not on sheet "${sheet.name}".`);
  }
  return rect;
}

function gridOf<V>(t: RangeTarget, pick: (c: FakeCell | undefined) => V): V[][] {
  if (t.rect.rows * t.rect.cols > MAX_CELLS_PER_READ) {
    // Excel on the web reads at most 5,000,000 cells of a range at once
    // (https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins).
    throw officeError("RangeExceedsLimit", `The range has ${t.rect.rows * t.rect.cols} cells; at most ${MAX_CELLS_PER_READ} can be read at once.`);
  }
  const out: V[][] = [];
  for (let i = 0; i < t.rect.rows; i++) {
    const row: V[] = new Array<V>(t.rect.cols);
    const base = cellKey(t.rect.row + i, t.rect.col);
    for (let j = 0; j < t.rect.cols; j++) row[j] = pick(t.sheet.cells.get(base + j));
    out.push(row);
  }
  return out;
}

/** Checks a 2-D input against the range (null is not a valid input for the whole property). */
function inputAt(data: unknown, rect: Rect): (i: number, j: number) => unknown {
  if (!Array.isArray(data)) {
    // https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-blank-null-values ("null input for a property").
    throw officeError("InvalidArgument", "The argument is invalid or missing or has an incorrect format: values, formulas and numberFormat take a 2-D array.");
  }
  if (data.length !== rect.rows || data.some((row) => !Array.isArray(row) || row.length !== rect.cols)) {
    // https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-ranges-set-get-values
    // (the array's dimensions must match the range's).
    throw officeError(
      "InvalidArgument",
      `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${rect.rows}×${rect.cols}).`,
    );
  }
  return (i, j) => (data[i] as unknown[])[j];
}

/** Range.values / Range.formulas: Excel parses strings as if typed (see parse.ts); null leaves a cell as it is. */
export function writeInputs(t: RangeTarget, data: unknown): void {
  assertWritable(t.sheet);
  const at = inputAt(data, t.rect);
  for (let i = 0; i < t.rect.rows; i++) {
    for (let j = 0; j < t.rect.cols; j++) {
      const input = at(i, j);
      if (input === null || input === undefined) continue;
      const r = t.rect.row + i, c = t.rect.col + j;
      const existing = getCell(t.sheet, r, c);
      const parsed = parseInput(input, existing?.numberFormat);
      if (parsed.value === null && parsed.formula === undefined) {
        if (existing) {
          existing.value = null;
          delete existing.formula;
          pruneCell(t.sheet, r, c);
        }
        continue;
      }
      const cell = existing ?? ensureCell(t.sheet, r, c);
      cell.value = parsed.value;
      if (parsed.formula !== undefined) cell.formula = parsed.formula;
      else delete cell.formula;
      if (parsed.autoFormat && (cell.numberFormat === undefined || cell.numberFormat === "General")) cell.numberFormat = parsed.autoFormat;
    }
  }
}

/** Range.numberFormat: "" resets to General, null leaves a cell as it is. */
function writeNumberFormats(t: RangeTarget, data: unknown): void {
  assertWritable(t.sheet);
  const at = inputAt(data, t.rect);
  for (let i = 0; i < t.rect.rows; i++) {
    for (let j = 0; j < t.rect.cols; j++) {
      const f = at(i, j);
      if (f === null || f === undefined) continue;
      if (typeof f !== "string") throw officeError("InvalidArgument", "The argument is invalid or missing or has an incorrect format: a number format must be text.");
      const r = t.rect.row + i, c = t.rect.col + j;
      if (f === "" || f === "General") {
        const cell = getCell(t.sheet, r, c);
        if (cell) {
          delete cell.numberFormat;
          pruneCell(t.sheet, r, c);
        }
      } else ensureCell(t.sheet, r, c).numberFormat = f;
    }
  }
}

const CELL_FORMAT_LIMIT = 2_000_000;

function writeCellFormat(t: RangeTarget, apply: (f: FakeCellFormat) => void): void {
  assertWritable(t.sheet);
  if (t.rect.rows * t.rect.cols > CELL_FORMAT_LIMIT) throw unsupported(`formatting more than ${CELL_FORMAT_LIMIT} cells at once`);
  for (let i = 0; i < t.rect.rows; i++) {
    for (let j = 0; j < t.rect.cols; j++) {
      const cell = ensureCell(t.sheet, t.rect.row + i, t.rect.col + j);
      cell.format ??= {};
      apply(cell.format);
    }
  }
}

/** The common value of a cell property over a range, or null when cells differ (blank-null-values docs). */
function uniform<V>(t: RangeTarget, pick: (c: FakeCell) => V | undefined, dflt: V): V | null {
  let seen = 0;
  let value: V | undefined;
  let mixed = false;
  forEachStoredCell(t.sheet, t.rect, (_r, _c, cell) => {
    seen += 1;
    const v = pick(cell) ?? dflt;
    if (value === undefined) value = v;
    else if (v !== value) mixed = true;
  });
  if (seen < t.rect.rows * t.rect.cols) {
    if (value === undefined) value = dflt;
    else if (value !== dflt) mixed = true;
  }
  return mixed ? null : (value ?? dflt);
}

/** Clears contents and/or formats (Range.clear, https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-clear-member(1)). */
export function clearRect(sheet: FakeSheet, rect: Rect, applyTo: string): void {
  assertWritable(sheet);
  const contents = applyTo === "All" || applyTo === "Contents" || applyTo === "ResetContents";
  const formats = applyTo === "All" || applyTo === "Formats";
  if (!contents && !formats && applyTo !== "Hyperlinks" && applyTo !== "RemoveHyperlinks") {
    throw officeError("InvalidArgument", `The argument is invalid or missing or has an incorrect format: applyTo "${applyTo}".`);
  }
  forEachStoredCell(sheet, rect, (r, c, cell) => {
    if (contents) {
      cell.value = null;
      delete cell.formula;
    }
    if (formats) {
      delete cell.numberFormat;
      delete cell.format;
    }
    pruneCell(sheet, r, c);
  });
  // Clearing formats also unmerges (merging is cell formatting in Excel).
  if (formats) sheet.merges = sheet.merges.filter((m) => !intersects(m, rect));
}

function usedRect(t: RangeTarget, valuesOnly: boolean): Rect | null {
  let r0 = Infinity, c0 = Infinity, r1 = -1, c1 = -1;
  forEachStoredCell(t.sheet, t.rect, (r, c, cell) => {
    if (valuesOnly && cell.value === null && cell.formula === undefined) return;
    r0 = Math.min(r0, r); c0 = Math.min(c0, c); r1 = Math.max(r1, r); c1 = Math.max(c1, c);
  });
  return r1 < 0 ? null : { row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
}

export class Range extends ClientObject<RangeTarget> {
  constructor(context: FakeRequestContext, resolver: () => RangeTarget | null, nullable = false) {
    super(context, "Range", resolver, nullable);
  }

  protected _readers(): Record<string, (t: RangeTarget) => unknown> {
    return {
      address: (t) => sheetAddress(t.sheet.name, t.rect),
      addressLocal: (t) => sheetAddress(t.sheet.name, t.rect),
      rowCount: (t) => t.rect.rows,
      columnCount: (t) => t.rect.cols,
      rowIndex: (t) => t.rect.row,
      columnIndex: (t) => t.rect.col,
      cellCount: (t) => t.rect.rows * t.rect.cols,
      isEntireColumn: (t) => t.rect.row === 0 && t.rect.rows === MAX_ROWS,
      isEntireRow: (t) => t.rect.col === 0 && t.rect.cols === MAX_COLS,
      values: (t) => gridOf(t, (c) => apiValue(c ? c.value : null)),
      formulas: (t) => gridOf(t, (c) => (c?.formula !== undefined ? c.formula : apiValue(c ? c.value : null))),
      formulasLocal: (t) => gridOf(t, (c) => (c?.formula !== undefined ? c.formula : apiValue(c ? c.value : null))),
      numberFormat: (t) => gridOf(t, (c) => c?.numberFormat ?? "General"),
      text: (t) => gridOf(t, (c) => (c ? displayText(c.value, c.numberFormat) : "")),
      valueTypes: (t) => gridOf(t, (c) => valueType(c ? c.value : null)),
    };
  }

  protected override _navigation(): Record<string, () => AnyClientObject> {
    return { format: () => this.format, worksheet: () => this.worksheet };
  }

  get address(): string { return this._get("address"); }
  get addressLocal(): string { return this._get("addressLocal"); }
  get rowCount(): number { return this._get("rowCount"); }
  get columnCount(): number { return this._get("columnCount"); }
  get rowIndex(): number { return this._get("rowIndex"); }
  get columnIndex(): number { return this._get("columnIndex"); }
  get cellCount(): number { return this._get("cellCount"); }
  get isEntireColumn(): boolean { return this._get("isEntireColumn"); }
  get isEntireRow(): boolean { return this._get("isEntireRow"); }
  get text(): string[][] { return this._get("text"); }
  get valueTypes(): string[][] { return this._get("valueTypes"); }

  get values(): unknown[][] { return this._get("values"); }
  set values(v: unknown[][]) { this._set("values", v, (t) => writeInputs(t, v)); }
  get formulas(): unknown[][] { return this._get("formulas"); }
  set formulas(v: unknown[][]) { this._set("formulas", v, (t) => writeInputs(t, v)); }
  get formulasLocal(): unknown[][] { return this._get("formulasLocal"); }
  set formulasLocal(v: unknown[][]) { this._set("formulasLocal", v, (t) => writeInputs(t, v)); }
  get numberFormat(): unknown[][] { return this._get("numberFormat"); }
  set numberFormat(v: unknown[][]) { this._set("numberFormat", v, (t) => writeNumberFormats(t, v)); }

  get worksheet(): Worksheet {
    return this._child("worksheet", () => new Worksheet(this.context, () => this._target().sheet));
  }
  get format(): RangeFormat {
    return this._child("format", () => new RangeFormat(this.context, () => this._target()));
  }
  /** ExcelApi 1.8. */
  get dataValidation(): DataValidation {
    return this._child("dataValidation", () => new DataValidation(this.context, () => {
      requireApi(this.context, 8, "Range.dataValidation");
      return this._target();
    }));
  }
  /** ExcelApi 1.6. */
  get conditionalFormats(): ConditionalFormatCollection {
    return this._child("conditionalFormats", () => new ConditionalFormatCollection(this.context, () => {
      requireApi(this.context, 6, "Range.conditionalFormats");
      return this._target();
    }));
  }

  /** A range derived from this one at sync time. */
  private _derive(rect: (r: Rect, t: RangeTarget) => Rect | null, nullable = false, minor = 1, what = ""): Range {
    return new Range(this.context, () => {
      if (minor > 1) requireApi(this.context, minor, what);
      const t = this._target();
      const r = rect(t.rect, t);
      return r === null ? null : { sheet: t.sheet, rect: checkRect(r) };
    }, nullable);
  }

  getCell(row: number, column: number): Range {
    return this._derive((r) => ({ row: r.row + row, col: r.col + column, rows: 1, cols: 1 }));
  }
  getRow(row: number): Range {
    return this._derive((r) => {
      if (row < 0 || row >= r.rows) throw officeError("InvalidArgument", `Row ${row} is outside the range.`);
      return { row: r.row + row, col: r.col, rows: 1, cols: r.cols };
    });
  }
  getColumn(column: number): Range {
    return this._derive((r) => {
      if (column < 0 || column >= r.cols) throw officeError("InvalidArgument", `Column ${column} is outside the range.`);
      return { row: r.row, col: r.col + column, rows: r.rows, cols: 1 };
    });
  }
  getOffsetRange(rowOffset: number, columnOffset: number): Range {
    return this._derive((r) => ({ ...r, row: r.row + rowOffset, col: r.col + columnOffset }));
  }
  /** ExcelApi 1.7. */
  getResizedRange(deltaRows: number, deltaColumns: number): Range {
    return this._derive((r) => ({ ...r, rows: r.rows + deltaRows, cols: r.cols + deltaColumns }), false, 7, "Range.getResizedRange");
  }
  /** ExcelApi 1.7. */
  getAbsoluteResizedRange(numRows: number, numColumns: number): Range {
    return this._derive((r) => ({ ...r, rows: numRows, cols: numColumns }), false, 7, "Range.getAbsoluteResizedRange");
  }
  getColumnsAfter(count = 1): Range {
    return this._derive((r) => ({ row: r.row, col: r.col + r.cols, rows: r.rows, cols: count }));
  }
  getColumnsBefore(count = 1): Range {
    return this._derive((r) => ({ row: r.row, col: r.col - count, rows: r.rows, cols: count }));
  }
  getRowsBelow(count = 1): Range {
    return this._derive((r) => ({ row: r.row + r.rows, col: r.col, rows: count, cols: r.cols }));
  }
  getRowsAbove(count = 1): Range {
    return this._derive((r) => ({ row: r.row - count, col: r.col, rows: count, cols: r.cols }));
  }
  getEntireColumn(): Range {
    return this._derive((r) => ({ row: 0, col: r.col, rows: MAX_ROWS, cols: r.cols }));
  }
  getEntireRow(): Range {
    return this._derive((r) => ({ row: r.row, col: 0, rows: r.rows, cols: MAX_COLS }));
  }
  private _other(other: Range | string, t: RangeTarget): Rect {
    if (typeof other === "string") return rectOnSheet(t.sheet, other);
    const o = other._target();
    if (o.sheet !== t.sheet) throw officeError("InvalidArgument", "The ranges are on different worksheets.");
    return o.rect;
  }
  getBoundingRect(other: Range | string): Range {
    return this._derive((r, t) => boundingRect(r, this._other(other, t)));
  }
  getIntersection(other: Range | string): Range {
    return this._derive((r, t) => {
      const i = intersection(r, this._other(other, t));
      if (!i) throw officeError("ItemNotFound", "The ranges do not intersect.");
      return i;
    });
  }
  /** ExcelApi 1.4. */
  getIntersectionOrNullObject(other: Range | string): Range {
    return this._derive((r, t) => intersection(r, this._other(other, t)), true, 4, "Range.getIntersectionOrNullObject");
  }
  getUsedRange(valuesOnly = false): Range {
    return this._derive((_r, t) => {
      const u = usedRect(t, valuesOnly);
      if (!u) throw officeError("ItemNotFound", "The range has no used cells.");
      return u;
    });
  }
  /** ExcelApi 1.4. */
  getUsedRangeOrNullObject(valuesOnly = false): Range {
    return this._derive((_r, t) => usedRect(t, valuesOnly), true, 4, "Range.getUsedRangeOrNullObject");
  }
  /** ExcelApi 1.13. */
  getMergedAreasOrNullObject(): RangeAreas {
    return new RangeAreas(this.context, () => {
      requireApi(this.context, 13, "Range.getMergedAreasOrNullObject");
      const t = this._target();
      const rects = t.sheet.merges.filter((m) => intersects(m, t.rect));
      return rects.length === 0 ? null : { sheet: t.sheet, rects };
    }, true);
  }

  clear(applyTo: string = "All"): void {
    this._call("clear", [applyTo], (t) => clearRect(t.sheet, t.rect, applyTo));
  }

  /**
   * Inserts cells, shifting others down or right (Range.insert, ExcelApi 1.1:
   * https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-insert-member(1)); returns the new range.
   * Tables wholly inside the shifted band move with it; a table cut by the band fails with
   * InsertDeleteConflict, and a non-blank cell pushed off the grid with NonBlankCellOffSheet.
   */
  insert(shift: string): Range {
    this._call("insert", [shift], (t) => insertCells(this.context, t, shift));
    return this._derive((r) => r);
  }

  /**
   * Merges the range (ExcelApi 1.2); only the upper-left value is kept, as in Excel, and cells
   * of a table cannot be merged. https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-merge-member(1)
   */
  merge(across = false): void {
    this._call("merge", [across], (t) => {
      assertWritable(t.sheet);
      const model = this.context.host.model;
      if (model.tables.some((tb) => tb.sheetId === t.sheet.id && intersects(tb.rect, t.rect))) {
        throw officeError("InvalidOperation", "Cells in a table cannot be merged.");
      }
      const parts = across
        ? Array.from({ length: t.rect.rows }, (_, i) => ({ row: t.rect.row + i, col: t.rect.col, rows: 1, cols: t.rect.cols }))
        : [t.rect];
      for (const p of parts) {
        if (p.rows * p.cols === 1) continue;
        t.sheet.merges = t.sheet.merges.filter((m) => !intersects(m, p));
        forEachStoredCell(t.sheet, p, (r, c, cell) => {
          if (r === p.row && c === p.col) return;
          cell.value = null;
          delete cell.formula;
          pruneCell(t.sheet, r, c);
        });
        t.sheet.merges.push(p);
      }
    });
  }
  unmerge(): void {
    this._call("unmerge", [], (t) => {
      assertWritable(t.sheet);
      t.sheet.merges = t.sheet.merges.filter((m) => !intersects(m, t.rect));
    });
  }
  /** Selects the range; its sheet becomes the active one (https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-select-member(1)). */
  select(): void {
    this._call("select", [], (t) => {
      if (t.sheet.visibility !== "Visible") throw officeError("InvalidSelection", "The current selection is invalid for this operation (hidden sheet).");
      t.sheet.selection = t.rect;
      this.context.host.model.activeSheetId = t.sheet.id;
    });
  }
  calculate(): void {
    this._call("calculate", [], () => {});
  }
}

export function insertCells(context: FakeRequestContext, t: RangeTarget, shift: string): void {
  assertWritable(t.sheet);
  if (shift !== "Right" && shift !== "Down") throw officeError("InvalidArgument", `The argument is invalid or missing or has an incorrect format: shift "${shift}".`);
  const right = shift === "Right";
  const band: Rect = right
    ? { row: t.rect.row, col: t.rect.col, rows: t.rect.rows, cols: MAX_COLS - t.rect.col }
    : { row: t.rect.row, col: t.rect.col, rows: MAX_ROWS - t.rect.row, cols: t.rect.cols };
  const by = right ? t.rect.cols : t.rect.rows;
  const move = (r: Rect): Rect => (right ? { ...r, col: r.col + by } : { ...r, row: r.row + by });
  const model = context.host.model;
  const tables = model.tables.filter((tb) => tb.sheetId === t.sheet.id && intersects(tb.rect, band));
  for (const tb of tables) if (!contains(band, tb.rect)) throw officeError("InsertDeleteConflict", "The insert operation would move only part of a table.");
  const moved: [number, FakeCell][] = [];
  forEachStoredCell(t.sheet, band, (r, c, cell) => {
    const nr = right ? r : r + by, nc = right ? c + by : c;
    if (nr >= MAX_ROWS || nc >= MAX_COLS) {
      if (cell.value !== null || cell.formula !== undefined) throw officeError("NonBlankCellOffSheet", "The insert would push non-blank cells off the worksheet.");
      return;
    }
    moved.push([cellKey(nr, nc), cell]);
  });
  forEachStoredCell(t.sheet, band, (r, c) => t.sheet.cells.delete(cellKey(r, c)));
  for (const [k, cell] of moved) t.sheet.cells.set(k, cell);
  for (const tb of tables) tb.rect = move(tb.rect);
  t.sheet.merges = t.sheet.merges.map((m) => (contains(band, m) ? move(m) : m));
  t.sheet.validations = t.sheet.validations.map((v) => (contains(band, v.rect) ? { ...v, rect: move(v.rect) } : v));
  t.sheet.conditionalFormats = t.sheet.conditionalFormats.map((cf) => (contains(band, cf.rect) ? { ...cf, rect: move(cf.rect) } : cf));
}

// ---------------------------------------------------------------------------------------------

/** RangeAreas, as far as merged areas need it: `address`, `areaCount`. */
export class RangeAreas extends ClientObject<{ sheet: FakeSheet; rects: Rect[] }> {
  constructor(context: FakeRequestContext, resolver: () => { sheet: FakeSheet; rects: Rect[] } | null, nullable = false) {
    super(context, "RangeAreas", resolver, nullable);
  }
  protected _readers(): Record<string, (t: { sheet: FakeSheet; rects: Rect[] }) => unknown> {
    return {
      address: (t) => t.rects.map((r) => sheetAddress(t.sheet.name, r)).join(","),
      areaCount: (t) => t.rects.length,
      cellCount: (t) => t.rects.reduce((n, r) => n + r.rows * r.cols, 0),
    };
  }
  get address(): string { return this._get("address"); }
  get areaCount(): number { return this._get("areaCount"); }
}

/**
 * RangeFormat (https://learn.microsoft.com/javascript/api/excel/excel.rangeformat): columnWidth is
 * in points; reading a property that differs across the range gives null.
 */
export class RangeFormat extends ClientObject<RangeTarget> {
  constructor(context: FakeRequestContext, resolver: () => RangeTarget | null) {
    super(context, "RangeFormat", resolver);
  }
  protected _readers(): Record<string, (t: RangeTarget) => unknown> {
    return {
      columnWidth: (t) => {
        let w: number | undefined;
        for (let c = t.rect.col; c < t.rect.col + t.rect.cols; c++) {
          const x = t.sheet.columnWidths.get(c) ?? STANDARD_WIDTH_POINTS;
          if (w === undefined) w = x;
          else if (w !== x) return null;
        }
        return w ?? null;
      },
      rowHeight: () => 15,
      wrapText: (t) => uniform(t, (c) => c.format?.wrapText, false),
      horizontalAlignment: (t) => uniform(t, (c) => c.format?.horizontalAlignment, "General"),
      verticalAlignment: (t) => uniform(t, (c) => c.format?.verticalAlignment, "Bottom"),
    };
  }
  protected override _navigation(): Record<string, () => AnyClientObject> {
    return { font: () => this.font, fill: () => this.fill };
  }
  get font(): RangeFont {
    return this._child("font", () => new RangeFont(this.context, () => this._target()));
  }
  get fill(): RangeFill {
    return this._child("fill", () => new RangeFill(this.context, () => this._target()));
  }
  get columnWidth(): number { return this._get("columnWidth"); }
  set columnWidth(points: number) {
    this._set("columnWidth", points, (t) => {
      assertWritable(t.sheet);
      if (!(points >= 0)) throw officeError("InvalidArgument", "Column width must be a non-negative number of points.");
      for (let c = t.rect.col; c < t.rect.col + t.rect.cols; c++) t.sheet.columnWidths.set(c, points);
    });
  }
  get rowHeight(): number { return this._get("rowHeight"); }
  set rowHeight(points: number) { this._set("rowHeight", points, (t) => assertWritable(t.sheet)); }
  get wrapText(): boolean { return this._get("wrapText"); }
  set wrapText(v: boolean) { this._set("wrapText", v, (t) => writeCellFormat(t, (f) => (f.wrapText = v))); }
  get horizontalAlignment(): string { return this._get("horizontalAlignment"); }
  set horizontalAlignment(v: string) { this._set("horizontalAlignment", v, (t) => writeCellFormat(t, (f) => (f.horizontalAlignment = v))); }
  get verticalAlignment(): string { return this._get("verticalAlignment"); }
  set verticalAlignment(v: string) { this._set("verticalAlignment", v, (t) => writeCellFormat(t, (f) => (f.verticalAlignment = v))); }

  /** Widths fitted to the longest displayed text of each column (about 7 px per character). */
  autofitColumns(): void {
    this._call("autofitColumns", [], (t) => {
      assertWritable(t.sheet);
      const longest = new Map<number, number>();
      forEachStoredCell(t.sheet, t.rect, (_r, c, cell) => {
        longest.set(c, Math.max(longest.get(c) ?? 0, displayText(cell.value, cell.numberFormat).length));
      });
      for (const [c, len] of longest) t.sheet.columnWidths.set(c, Math.max(len * 7 + 10, 20) * 0.75);
    });
  }
  autofitRows(): void {
    this._call("autofitRows", [], (t) => assertWritable(t.sheet));
  }
}

export class RangeFont extends ClientObject<RangeTarget> {
  constructor(context: FakeRequestContext, resolver: () => RangeTarget | null) {
    super(context, "RangeFont", resolver);
  }
  protected _readers(): Record<string, (t: RangeTarget) => unknown> {
    return {
      bold: (t) => uniform(t, (c) => c.format?.bold, false),
      italic: (t) => uniform(t, (c) => c.format?.italic, false),
      size: (t) => uniform(t, (c) => c.format?.size, 11),
      color: (t) => uniform(t, (c) => c.format?.color, "#000000"),
      name: (t) => uniform(t, (c) => c.format?.fontName, "Calibri"),
      underline: (t) => uniform(t, (c) => c.format?.underline, "None"),
    };
  }
  get bold(): boolean { return this._get("bold"); }
  set bold(v: boolean) { this._set("bold", v, (t) => writeCellFormat(t, (f) => (f.bold = v))); }
  get italic(): boolean { return this._get("italic"); }
  set italic(v: boolean) { this._set("italic", v, (t) => writeCellFormat(t, (f) => (f.italic = v))); }
  get size(): number { return this._get("size"); }
  set size(v: number) { this._set("size", v, (t) => writeCellFormat(t, (f) => (f.size = v))); }
  get color(): string { return this._get("color"); }
  set color(v: string) { this._set("color", v, (t) => writeCellFormat(t, (f) => (f.color = v))); }
  get name(): string { return this._get("name"); }
  set name(v: string) { this._set("name", v, (t) => writeCellFormat(t, (f) => (f.fontName = v))); }
  get underline(): string { return this._get("underline"); }
  set underline(v: string) { this._set("underline", v, (t) => writeCellFormat(t, (f) => (f.underline = v))); }
}

export class RangeFill extends ClientObject<RangeTarget> {
  constructor(context: FakeRequestContext, resolver: () => RangeTarget | null) {
    super(context, "RangeFill", resolver);
  }
  protected _readers(): Record<string, (t: RangeTarget) => unknown> {
    return { color: (t) => uniform(t, (c) => c.format?.fill, "#FFFFFF") };
  }
  get color(): string { return this._get("color"); }
  set color(v: string) { this._set("color", v, (t) => writeCellFormat(t, (f) => (f.fill = v))); }
  clear(): void {
    this._call("clear", [], (t) => writeCellFormat(t, (f) => delete f.fill));
  }
}

// ---------------------------------------------------------------------------------------------
// Data validation (ExcelApi 1.8): https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-data-validation

const RULE_TYPES: Record<string, string> = {
  list: "List", wholeNumber: "WholeNumber", decimal: "Decimal", date: "Date", time: "Time", textLength: "TextLength", custom: "Custom",
};
const OPERATORS = new Set([
  "Between", "NotBetween", "EqualTo", "NotEqualTo", "GreaterThan", "LessThan", "GreaterThanOrEqualTo", "LessThanOrEqualTo",
]);

function checkRule(rule: unknown): Record<string, unknown> {
  if (typeof rule !== "object" || rule === null) throw officeError("InvalidArgument", "A data validation rule must be an object.");
  const keys = Object.keys(rule).filter((k) => (rule as Record<string, unknown>)[k] !== undefined);
  if (keys.length !== 1 || !RULE_TYPES[keys[0]!]) throw officeError("InvalidArgument", `A data validation rule needs exactly one of ${Object.keys(RULE_TYPES).join(", ")}.`);
  const key = keys[0]!;
  const body = (rule as Record<string, Record<string, unknown>>)[key]!;
  if (key === "list") {
    if (typeof body.source !== "string" && typeof body.source !== "object") throw officeError("InvalidArgument", "A list rule needs a source.");
  } else if (key === "custom") {
    if (typeof body.formula !== "string") throw officeError("InvalidArgument", "A custom rule needs a formula.");
  } else {
    if (!OPERATORS.has(String(body.operator))) throw officeError("InvalidArgument", `Unknown data validation operator ${String(body.operator)}.`);
    if (body.formula1 === undefined || body.formula1 === null || body.formula1 === "") throw officeError("InvalidArgument", "A data validation rule needs formula1.");
    if ((body.operator === "Between" || body.operator === "NotBetween") && (body.formula2 === undefined || body.formula2 === null)) {
      throw officeError("InvalidArgument", "A Between rule needs formula2.");
    }
  }
  return structuredClone(rule as Record<string, unknown>);
}

function removeValidations(sheet: FakeSheet, rect: Rect): void {
  sheet.validations = sheet.validations.flatMap((v) => subtractRect(v.rect, rect).map((r) => ({ ...structuredClone(v), rect: r })));
}

export class DataValidation extends ClientObject<RangeTarget> {
  constructor(context: FakeRequestContext, resolver: () => RangeTarget | null) {
    super(context, "DataValidation", resolver);
  }
  private _covering(t: RangeTarget): FakeValidation[] {
    return t.sheet.validations.filter((v) => intersects(v.rect, t.rect));
  }
  private _single(t: RangeTarget): FakeValidation | null | "mixed" {
    const vs = this._covering(t);
    if (vs.length === 0) return null;
    const last = vs[vs.length - 1]!;
    return vs.length === 1 && contains(last.rect, t.rect) ? last : "mixed";
  }
  protected _readers(): Record<string, (t: RangeTarget) => unknown> {
    const pick = <V>(t: RangeTarget, f: (v: FakeValidation) => V, none: V): V | null => {
      const v = this._single(t);
      return v === null ? none : v === "mixed" ? null : f(v);
    };
    return {
      type: (t) => {
        const v = this._single(t);
        return v === null ? "None" : v === "mixed" ? "Inconsistent" : RULE_TYPES[Object.keys(v.rule)[0]!];
      },
      rule: (t) => pick(t, (v) => v.rule, {}),
      errorAlert: (t) => pick(t, (v) => v.errorAlert, { showAlert: true, style: "Stop", title: "", message: "" }),
      prompt: (t) => pick(t, (v) => v.prompt, { showPrompt: false, title: "", message: "" }),
      ignoreBlanks: (t) => pick(t, (v) => v.ignoreBlanks, true),
      valid: () => null,
    };
  }
  get type(): string { return this._get("type"); }
  get valid(): boolean | null { return this._get("valid"); }
  get rule(): Record<string, unknown> { return this._get("rule"); }
  /** Setting a rule replaces any validation on those cells; the alert style defaults to Stop. */
  set rule(rule: Record<string, unknown>) {
    this._set("rule", rule, (t) => {
      assertWritable(t.sheet);
      const checked = checkRule(rule);
      removeValidations(t.sheet, t.rect);
      t.sheet.validations.push({
        rect: t.rect, rule: checked, ignoreBlanks: true,
        errorAlert: { showAlert: true, style: "Stop", title: "", message: "" },
        prompt: { showPrompt: false, title: "", message: "" },
      });
    });
  }
  private _update(t: RangeTarget, f: (v: FakeValidation) => void): void {
    assertWritable(t.sheet);
    const vs = this._covering(t);
    if (vs.length === 0) throw officeError("InvalidOperation", "The range has no data validation rule to change; set rule first.");
    vs.forEach(f);
  }
  get errorAlert(): FakeValidation["errorAlert"] { return this._get("errorAlert"); }
  set errorAlert(a: Partial<FakeValidation["errorAlert"]>) {
    this._set("errorAlert", a, (t) => {
      if (a.style !== undefined && !["Stop", "Warning", "Information"].includes(a.style)) throw officeError("InvalidArgument", `Unknown alert style ${a.style}.`);
      this._update(t, (v) => (v.errorAlert = { ...v.errorAlert, ...structuredClone(a) }));
    });
  }
  get prompt(): FakeValidation["prompt"] { return this._get("prompt"); }
  set prompt(p: Partial<FakeValidation["prompt"]>) {
    this._set("prompt", p, (t) => this._update(t, (v) => (v.prompt = { ...v.prompt, ...structuredClone(p) })));
  }
  get ignoreBlanks(): boolean { return this._get("ignoreBlanks"); }
  set ignoreBlanks(b: boolean) {
    this._set("ignoreBlanks", b, (t) => this._update(t, (v) => (v.ignoreBlanks = b)));
  }
  /** Removes every validation on the range's cells, including rules users added by hand. */
  clear(): void {
    this._call("clear", [], (t) => {
      assertWritable(t.sheet);
      removeValidations(t.sheet, t.rect);
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Conditional formats (ExcelApi 1.6): https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-conditional-formatting

const CF_TYPES = ["Custom", "DataBar", "ColorScale", "IconSet", "TopBottom", "PresetCriteria", "ContainsText", "CellValue"];

/** The sub-object of each conditional format type, and its shape. */
const CF_PARTS: Record<string, { type: string; shape: Shape }> = {
  iconSet: { type: "IconSet", shape: { scalars: ["style", "criteria", "reverseIconOrder", "showIconOnly"] } },
  dataBar: {
    type: "DataBar",
    shape: {
      scalars: ["barDirection", "showDataBarOnly", "axisColor", "axisFormat", "lowerBoundRule", "upperBoundRule"],
      children: {
        positiveFormat: { scalars: ["fillColor", "gradientFill", "borderColor"] },
        negativeFormat: { scalars: ["fillColor", "borderColor", "matchPositiveFillColor", "matchPositiveBorderColor"] },
      },
    },
  },
  cellValue: { type: "CellValue", shape: { scalars: ["rule"], children: { format: CONDITIONAL_RANGE_FORMAT } } },
  textComparison: { type: "ContainsText", shape: { scalars: ["rule"], children: { format: CONDITIONAL_RANGE_FORMAT } } },
  custom: {
    type: "Custom",
    shape: { scalars: [], children: { rule: { scalars: ["formula", "formulaLocal", "formulaR1C1"] }, format: CONDITIONAL_RANGE_FORMAT } },
  },
  colorScale: { type: "ColorScale", shape: { scalars: ["criteria", "threeColorScale"] } },
  topBottom: { type: "TopBottom", shape: { scalars: ["rule"], children: { format: CONDITIONAL_RANGE_FORMAT } } },
  preset: { type: "PresetCriteria", shape: { scalars: ["rule"], children: { format: CONDITIONAL_RANGE_FORMAT } } },
};

interface CfTarget {
  sheet: FakeSheet;
  cf: FakeConditionalFormat;
}

export class ConditionalFormatCollection extends ClientCollection<RangeTarget, ConditionalFormat> {
  constructor(context: FakeRequestContext, resolver: () => RangeTarget | null) {
    super(context, "ConditionalFormatCollection", resolver);
  }
  protected _list(t: RangeTarget): ConditionalFormat[] {
    return t.sheet.conditionalFormats.filter((cf) => intersects(cf.rect, t.rect)).map((cf) => {
      const item = new ConditionalFormat(this.context, () => ({ sheet: t.sheet, cf }));
      item._bind({ sheet: t.sheet, cf });
      return item;
    });
  }
  /** Adds a conditional format at the top priority. */
  add(type: string): ConditionalFormat {
    const item = new ConditionalFormat(this.context, () => null);
    this._call("add", [type], (t) => {
      assertWritable(t.sheet);
      if (!CF_TYPES.includes(type)) throw officeError("InvalidArgument", `Unknown conditional format type ${type}.`);
      const cf: FakeConditionalFormat = { id: newId(this.context.host.model, "cf"), rect: t.rect, type, settings: {} };
      t.sheet.conditionalFormats.unshift(cf);
      item._bind({ sheet: t.sheet, cf });
    });
    return item;
  }
  getItem(id: string): ConditionalFormat {
    return new ConditionalFormat(this.context, () => {
      const t = this._target();
      const cf = t.sheet.conditionalFormats.find((c) => c.id === id);
      return cf ? { sheet: t.sheet, cf } : null;
    });
  }
  /** Removes the conditional formats from the range's cells (a format reaching outside keeps the rest). */
  clearAll(): void {
    this._call("clearAll", [], (t) => {
      assertWritable(t.sheet);
      t.sheet.conditionalFormats = t.sheet.conditionalFormats.flatMap((cf) =>
        subtractRect(cf.rect, t.rect).map((r, i) => ({ ...structuredClone(cf), id: i === 0 ? cf.id : newId(this.context.host.model, "cf"), rect: r })),
      );
    });
  }
}

export class ConditionalFormat extends ClientObject<CfTarget> {
  constructor(context: FakeRequestContext, resolver: () => CfTarget | null) {
    super(context, "ConditionalFormat", resolver);
  }
  protected _readers(): Record<string, (t: CfTarget) => unknown> {
    return {
      id: (t) => t.cf.id,
      type: (t) => t.cf.type,
      priority: (t) => t.sheet.conditionalFormats.indexOf(t.cf),
      stopIfTrue: (t) => t.cf.settings.stopIfTrue ?? false,
    };
  }
  get id(): string { return this._get("id"); }
  get type(): string { return this._get("type"); }
  get priority(): number { return this._get("priority"); }
  private _part(key: keyof typeof CF_PARTS): SettingsProxy {
    const part = CF_PARTS[key]!;
    return this._child(key, () =>
      makeSettingsProxy(this.context, `ConditionalFormat.${key}`, () => {
        const t = this._target();
        if (t.cf.type !== part.type) throw officeError("InvalidArgument", `A ${t.cf.type} conditional format has no ${key}.`);
        const s = t.cf.settings;
        if (typeof s[key] !== "object" || s[key] === null) s[key] = {};
        return s[key] as Record<string, unknown>;
      }, part.shape, () => assertWritable(this._target().sheet)),
    ) as SettingsProxy;
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  get iconSet(): any { return this._part("iconSet"); }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  get dataBar(): any { return this._part("dataBar"); }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  get cellValue(): any { return this._part("cellValue"); }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  get textComparison(): any { return this._part("textComparison"); }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  get custom(): any { return this._part("custom"); }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  get colorScale(): any { return this._part("colorScale"); }
  getRange(): Range {
    return new Range(this.context, () => {
      const t = this._target();
      return { sheet: t.sheet, rect: t.cf.rect };
    });
  }
  delete(): void {
    this._call("delete", [], (t) => {
      assertWritable(t.sheet);
      t.sheet.conditionalFormats = t.sheet.conditionalFormats.filter((c) => c !== t.cf);
    });
  }
}

export { formatRect, keyCol, keyRow };
