/**
 * Workbook, Application, worksheets, a worksheet, its freeze panes and protection.
 * Docs: https://learn.microsoft.com/javascript/api/excel/excel.workbook,
 * https://learn.microsoft.com/javascript/api/excel/excel.worksheet,
 * https://learn.microsoft.com/javascript/api/excel/excel.worksheetcollection,
 * https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-worksheets.
 */
import { MAX_COLS, MAX_ROWS, type Rect, quoteSheet, sheetNameProblem } from "./address";
import { type AnyClientObject, ClientCollection, ClientObject, type FakeRequestContext, requireApi } from "./context";
import { ChartCollection } from "./chart";
import { officeError } from "./errors";
import {
  type FakeSheet, type FakeTable, type FakeWorkbookModel, type Visibility, STANDARD_WIDTH_POINTS, emptySheet, findSheet, newId, sheetById,
} from "./model";
import { Range, assertWritable, rectOnSheet } from "./range";
import { TableCollection } from "./table";

function checkSheetName(model: FakeWorkbookModel, name: string, self: FakeSheet | null): void {
  const problem = sheetNameProblem(name);
  if (problem) throw officeError("InvalidArgument", `The argument is invalid or missing or has an incorrect format: sheet name "${name}" (${problem}).`);
  const other = findSheet(model, name);
  if (other && other !== self) throw officeError("ItemAlreadyExists", `The resource being created already exists: a sheet named "${other.name}".`);
}

function usedRectOf(sheet: FakeSheet, valuesOnly: boolean): Rect | null {
  let r0 = Infinity, c0 = Infinity, r1 = -1, c1 = -1;
  for (const [k, cell] of sheet.cells) {
    if (valuesOnly && cell.value === null && cell.formula === undefined) continue;
    const r = Math.floor(k / MAX_COLS), c = k % MAX_COLS;
    if (r < r0) r0 = r;
    if (c < c0) c0 = c;
    if (r > r1) r1 = r;
    if (c > c1) c1 = c;
  }
  return r1 < 0 ? null : { row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
}

export class Worksheet extends ClientObject<FakeSheet> {
  constructor(context: FakeRequestContext, resolver: () => FakeSheet | null, nullable = false) {
    super(context, "Worksheet", resolver, nullable);
  }
  private get _model(): FakeWorkbookModel {
    return this.context.host.model;
  }
  protected override _stillValid(s: FakeSheet): boolean {
    return this._model.sheets.includes(s);
  }
  protected _readers(): Record<string, (s: FakeSheet) => unknown> {
    return {
      name: (s) => s.name,
      id: (s) => s.id,
      position: (s) => this._model.sheets.indexOf(s),
      visibility: (s) => s.visibility,
      tabColor: (s) => {
        requireApi(this.context, 7, "Worksheet.tabColor");
        return s.tabColor;
      },
      standardWidth: () => STANDARD_WIDTH_POINTS,
      showGridlines: () => true,
    };
  }
  protected override _navigation(): Record<string, () => AnyClientObject> {
    return { tables: () => this.tables, charts: () => this.charts, freezePanes: () => this.freezePanes, protection: () => this.protection };
  }
  get name(): string { return this._get("name"); }
  set name(v: string) {
    this._set("name", v, (s) => {
      checkSheetName(this._model, v, s);
      const from = `${quoteSheet(s.name)}!`, to = `${quoteSheet(v)}!`;
      for (const c of s.charts) {
        c.source = c.source.replace(from, to);
        for (const x of c.series) {
          if (x.values) x.values = x.values.replace(from, to);
          if (x.xValues) x.xValues = x.xValues.replace(from, to);
        }
      }
      s.name = v;
    });
  }
  get id(): string { return this._get("id"); }
  get position(): number { return this._get("position"); }
  get visibility(): Visibility { return this._get("visibility"); }
  /**
   * Hidden sheets are Hidden or VeryHidden; at least one sheet must stay visible
   * (https://learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-visibility-member).
   */
  set visibility(v: Visibility) {
    this._set("visibility", v, (s) => {
      if (!["Visible", "Hidden", "VeryHidden"].includes(v)) throw officeError("InvalidArgument", `Unknown visibility ${v}.`);
      if (v !== "Visible" && !this._model.sheets.some((o) => o !== s && o.visibility === "Visible")) {
        throw officeError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
      }
      s.visibility = v;
      if (v !== "Visible" && this._model.activeSheetId === s.id) {
        this._model.activeSheetId = this._model.sheets.find((o) => o.visibility === "Visible")?.id ?? null;
      }
    });
  }
  get tabColor(): string { return this._get("tabColor"); }
  /** ExcelApi 1.7; "" removes the colour. */
  set tabColor(v: string) {
    this._set("tabColor", v, (s) => {
      requireApi(this.context, 7, "Worksheet.tabColor");
      s.tabColor = v;
    });
  }
  get standardWidth(): number { return this._get("standardWidth"); }

  get tables(): TableCollection {
    return this._child("tables", () => new TableCollection(this.context, () => ({ sheet: this._target() })));
  }
  get charts(): ChartCollection {
    return this._child("charts", () => new ChartCollection(this.context, () => this._target()));
  }
  /** ExcelApi 1.7. */
  get freezePanes(): WorksheetFreezePanes {
    return this._child("freezePanes", () => new WorksheetFreezePanes(this.context, () => {
      requireApi(this.context, 7, "Worksheet.freezePanes");
      return this._target();
    }));
  }
  get protection(): WorksheetProtection {
    return this._child("protection", () => new WorksheetProtection(this.context, () => this._target()));
  }

  /** The range at `address`, or the whole sheet without one. */
  getRange(address?: string): Range {
    return new Range(this.context, () => {
      const sheet = this._target();
      return { sheet, rect: address === undefined || address === "" ? { row: 0, col: 0, rows: MAX_ROWS, cols: MAX_COLS } : rectOnSheet(sheet, address) };
    });
  }
  /** ExcelApi 1.7. */
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): Range {
    return new Range(this.context, () => {
      requireApi(this.context, 7, "Worksheet.getRangeByIndexes");
      const rect = { row: startRow, col: startColumn, rows: rowCount, cols: columnCount };
      if (!(rowCount >= 1 && columnCount >= 1 && startRow >= 0 && startColumn >= 0 && startRow + rowCount <= MAX_ROWS && startColumn + columnCount <= MAX_COLS)) {
        throw officeError("InvalidArgument", "The argument is invalid or missing or has an incorrect format: indexes outside the grid.");
      }
      return { sheet: this._target(), rect };
    });
  }
  getCell(row: number, column: number): Range {
    return this.getRangeByIndexesUnchecked(row, column);
  }
  private getRangeByIndexesUnchecked(row: number, column: number): Range {
    return new Range(this.context, () => {
      if (row < 0 || column < 0 || row >= MAX_ROWS || column >= MAX_COLS) throw officeError("InvalidArgument", "Cell outside the grid.");
      return { sheet: this._target(), rect: { row, col: column, rows: 1, cols: 1 } };
    });
  }
  /** The used range; the top-left cell when the sheet is blank. */
  getUsedRange(valuesOnly = false): Range {
    return new Range(this.context, () => {
      const sheet = this._target();
      return { sheet, rect: usedRectOf(sheet, valuesOnly) ?? { row: 0, col: 0, rows: 1, cols: 1 } };
    });
  }
  /** ExcelApi 1.4: a null object when the sheet is blank. */
  getUsedRangeOrNullObject(valuesOnly = false): Range {
    return new Range(this.context, () => {
      requireApi(this.context, 4, "Worksheet.getUsedRangeOrNullObject");
      const sheet = this._target();
      const rect = usedRectOf(sheet, valuesOnly);
      return rect ? { sheet, rect } : null;
    }, true);
  }
  /** Activates the sheet; a hidden sheet cannot be activated (https://learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-activate-member(1)). */
  activate(): void {
    this._call("activate", [], (s) => {
      if (s.visibility !== "Visible") throw officeError("InvalidOperation", "A hidden worksheet cannot be activated.");
      this._model.activeSheetId = s.id;
    });
  }
  /** A VeryHidden sheet cannot be deleted (InvalidOperation): https://learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-delete-member(1) */
  delete(): void {
    this._call("delete", [], (s) => {
      if (s.visibility === "VeryHidden") throw officeError("InvalidOperation", "A VeryHidden worksheet cannot be deleted.");
      if (!this._model.sheets.some((o) => o !== s && o.visibility === "Visible")) {
        throw officeError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
      }
      this._model.sheets = this._model.sheets.filter((o) => o !== s);
      this._model.tables = this._model.tables.filter((t) => t.sheetId !== s.id);
      if (this._model.activeSheetId === s.id) this._model.activeSheetId = this._model.sheets.find((o) => o.visibility === "Visible")?.id ?? null;
    });
  }
  /**
   * Copies the sheet with everything on it (ExcelApi 1.7). The copy is named "Name (2)" and
   * placed by `positionType` ("None" = the beginning, "Before"/"After" `relativeTo`, "End").
   * Tables on the copy get new names (the fake appends a number).
   * https://learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-copy-member(1),
   * https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-worksheets#copy-worksheets
   */
  copy(positionType = "None", relativeTo?: Worksheet): Worksheet {
    const copy = new Worksheet(this.context, () => null);
    this._call("copy", [positionType], (src) => {
      requireApi(this.context, 7, "Worksheet.copy");
      const m = this._model;
      let name = "";
      for (let k = 2; name === "" || findSheet(m, name); k++) {
        const suffix = ` (${k})`;
        name = src.name.slice(0, 31 - suffix.length) + suffix;
      }
      const clone: FakeSheet = { ...structuredClone(src), id: newId(m, "sheet"), name, visibility: "Visible", selection: null };
      const from = `${quoteSheet(src.name)}!`, to = `${quoteSheet(name)}!`;
      for (const c of clone.charts) {
        c.id = newId(m, "chart");
        c.source = c.source.replace(from, to);
        for (const x of c.series) {
          if (x.values) x.values = x.values.replace(from, to);
          if (x.xValues) x.xValues = x.xValues.replace(from, to);
        }
      }
      for (const cf of clone.conditionalFormats) cf.id = newId(m, "cf");
      const newTables: FakeTable[] = m.tables.filter((t) => t.sheetId === src.id).map((t) => {
        let k = 2;
        while (m.tables.some((o) => o.name.toLowerCase() === `${t.name}${k}`.toLowerCase())) k++;
        return { ...structuredClone(t), id: newId(m, "table"), name: `${t.name}${k}`, sheetId: clone.id };
      });
      let index = 0;
      if (positionType === "End") index = m.sheets.length;
      else if (positionType === "Before" || positionType === "After") {
        if (!relativeTo) throw officeError("InvalidArgument", "relativeTo is required for Before/After.");
        const rel = relativeTo._target();
        index = m.sheets.indexOf(rel) + (positionType === "After" ? 1 : 0);
      } else if (positionType !== "None" && positionType !== "Beginning") throw officeError("InvalidArgument", `Unknown positionType ${positionType}.`);
      m.sheets.splice(index, 0, clone);
      m.tables.push(...newTables);
      copy._bind(clone);
    });
    return copy;
  }
}

export class WorksheetCollection extends ClientCollection<FakeWorkbookModel, Worksheet> {
  constructor(context: FakeRequestContext) {
    super(context, "WorksheetCollection", () => context.host.model);
  }
  protected _list(m: FakeWorkbookModel): Worksheet[] {
    return m.sheets.map((s) => {
      const w = new Worksheet(this.context, () => s);
      w._bind(s);
      return w;
    });
  }
  private _find(key: string): FakeSheet | null {
    const m = this._target();
    return findSheet(m, key) ?? m.sheets.find((s) => s.id === key) ?? null;
  }
  getItem(key: string): Worksheet {
    return new Worksheet(this.context, () => this._find(key));
  }
  /** ExcelApi 1.4. */
  getItemOrNullObject(key: string): Worksheet {
    return new Worksheet(this.context, () => {
      requireApi(this.context, 4, "WorksheetCollection.getItemOrNullObject");
      return this._find(key);
    }, true);
  }
  getActiveWorksheet(): Worksheet {
    return new Worksheet(this.context, () => {
      const m = this._target();
      return m.activeSheetId ? sheetById(m, m.activeSheetId) : null;
    });
  }
  /**
   * Adds a sheet after the last one (not activated); ItemAlreadyExists for a taken name.
   * https://learn.microsoft.com/javascript/api/excel/excel.worksheetcollection#excel-excel-worksheetcollection-add-member(1)
   */
  add(name?: string): Worksheet {
    const ws = new Worksheet(this.context, () => null);
    this._call("add", [name ?? null], (m) => {
      let n = name;
      if (n === undefined || n === null) {
        let k = m.sheets.length + 1;
        while (findSheet(m, `Sheet${k}`)) k++;
        n = `Sheet${k}`;
      }
      checkSheetName(m, n, null);
      const sheet = emptySheet(m, n);
      m.sheets.push(sheet);
      m.activeSheetId ??= sheet.id;
      ws._bind(sheet);
    });
    return ws;
  }
}

/** WorksheetFreezePanes (ExcelApi 1.7): https://learn.microsoft.com/javascript/api/excel/excel.worksheetfreezepanes */
export class WorksheetFreezePanes extends ClientObject<FakeSheet> {
  constructor(context: FakeRequestContext, resolver: () => FakeSheet | null) {
    super(context, "WorksheetFreezePanes", resolver);
  }
  protected _readers(): Record<string, (s: FakeSheet) => unknown> {
    return {};
  }
  freezeRows(count = 1): void {
    this._call("freezeRows", [count], (s) => { s.freeze = count > 0 ? { rows: count, cols: 0 } : null; });
  }
  freezeColumns(count = 1): void {
    this._call("freezeColumns", [count], (s) => { s.freeze = count > 0 ? { rows: 0, cols: count } : null; });
  }
  /** Freezes the cells above and left of, and including, the given range's bottom-right corner. */
  freezeAt(frozenRange: Range | string): void {
    this._call("freezeAt", [String(frozenRange)], (s) => {
      const r = typeof frozenRange === "string" ? rectOnSheet(s, frozenRange) : frozenRange._target().rect;
      s.freeze = { rows: r.row + r.rows, cols: r.col + r.cols };
    });
  }
  unfreeze(): void {
    this._call("unfreeze", [], (s) => { s.freeze = null; });
  }
  getLocationOrNullObject(): Range {
    return new Range(this.context, () => {
      const s = this._target();
      if (!s.freeze) return null;
      return { sheet: s, rect: { row: 0, col: 0, rows: Math.max(s.freeze.rows, 1), cols: Math.max(s.freeze.cols, 1) } };
    }, true);
  }
}

/** WorksheetProtection: https://learn.microsoft.com/javascript/api/excel/excel.worksheetprotection */
export class WorksheetProtection extends ClientObject<FakeSheet> {
  constructor(context: FakeRequestContext, resolver: () => FakeSheet | null) {
    super(context, "WorksheetProtection", resolver);
  }
  protected _readers(): Record<string, (s: FakeSheet) => unknown> {
    return { protected: (s) => s.protected };
  }
  get protected(): boolean { return this._get("protected"); }
  protect(): void {
    this._call("protect", [], (s) => { s.protected = true; });
  }
  unprotect(): void {
    this._call("unprotect", [], (s) => { s.protected = false; });
  }
}

/** Application (https://learn.microsoft.com/javascript/api/excel/excel.application). */
export class Application extends ClientObject<FakeWorkbookModel> {
  constructor(context: FakeRequestContext) {
    super(context, "Application", () => context.host.model);
  }
  protected _readers(): Record<string, (m: FakeWorkbookModel) => unknown> {
    return { calculationMode: () => "Automatic" };
  }
  get calculationMode(): string { return this._get("calculationMode"); }
  /** ExcelApi 1.6: calculation waits until the next sync (https://learn.microsoft.com/office/dev/add-ins/excel/performance). */
  suspendApiCalculationUntilNextSync(): void {
    this.context._suspendCalculation();
    this._call("suspendApiCalculationUntilNextSync", [], () => requireApi(this.context, 6, "Application.suspendApiCalculationUntilNextSync"));
  }
  calculate(_type?: string): void {
    this._call("calculate", [], () => {});
  }
}

export class Workbook extends ClientObject<FakeWorkbookModel> {
  readonly worksheets: WorksheetCollection;
  readonly tables: TableCollection;
  readonly application: Application;
  constructor(context: FakeRequestContext) {
    super(context, "Workbook", () => context.host.model);
    this.worksheets = new WorksheetCollection(context);
    this.tables = new TableCollection(context, () => ({ sheet: null }));
    this.application = new Application(context);
  }
  protected _readers(): Record<string, (m: FakeWorkbookModel) => unknown> {
    return {
      name: (m) => {
        requireApi(this.context, 7, "Workbook.name");
        return m.name;
      },
    };
  }
  protected override _navigation(): Record<string, () => AnyClientObject> {
    return { worksheets: () => this.worksheets, tables: () => this.tables, application: () => this.application };
  }
  /** ExcelApi 1.7. */
  get name(): string { return this._get("name"); }
  getSelectedRange(): Range {
    return new Range(this.context, () => {
      const m = this._target();
      const s = m.activeSheetId ? sheetById(m, m.activeSheetId) : null;
      if (!s) return null;
      return { sheet: s, rect: s.selection ?? { row: 0, col: 0, rows: 1, cols: 1 } };
    });
  }
  /** ExcelApi 1.7. */
  getActiveCell(): Range {
    return new Range(this.context, () => {
      requireApi(this.context, 7, "Workbook.getActiveCell");
      const m = this._target();
      const s = m.activeSheetId ? sheetById(m, m.activeSheetId) : null;
      if (!s) return null;
      const sel = s.selection ?? { row: 0, col: 0, rows: 1, cols: 1 };
      return { sheet: s, rect: { row: sel.row, col: sel.col, rows: 1, cols: 1 } };
    });
  }
}

export { assertWritable };
