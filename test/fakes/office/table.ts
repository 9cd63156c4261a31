/**
 * Excel tables: TableCollection.add, Table, TableColumnCollection, TableColumn.
 * Docs: https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-tables,
 * https://learn.microsoft.com/javascript/api/excel/excel.table,
 * https://learn.microsoft.com/javascript/api/excel/excel.tablecollection,
 * https://learn.microsoft.com/javascript/api/excel/excel.tablecolumncollection.
 */
import { type Rect, intersects, parseAddress } from "./address";
import { type AnyClientObject, ClientCollection, ClientObject, type FakeRequestContext, requireApi } from "./context";
import { officeError, unsupported } from "./errors";
import { type FakeSheet, type FakeTable, type FakeWorkbookModel, ensureCell, findSheet, forEachStoredCell, getCell, newId, sheetById } from "./model";
import { displayText } from "./parse";
import { Range, type RangeTarget, assertWritable, clearRect, writeInputs } from "./range";
import { Worksheet } from "./workbook";

/**
 * Why `name` cannot name a table, or null: it must start with a letter, `_` or `\`, hold only
 * letters, digits, `.` and `_`, have no spaces, not look like a cell reference, and have at most
 * 255 characters. Docs: https://learn.microsoft.com/javascript/api/excel/excel.table#excel-excel-table-name-member
 * (which refers to https://support.microsoft.com/office/rename-an-excel-table-fbf49a4f-82a3-43eb-8ba2-44d21233b114).
 */
export function tableNameProblem(name: string): string | null {
  if (name.length === 0 || name.length > 255) return "length";
  if (!/^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(name)) return "characters";
  if (/^[A-Za-z]{1,3}\d+$/.test(name) || /^[RrCc]$/.test(name) || /^[Rr]\d*[Cc]\d*$/.test(name)) return "looks like a cell reference";
  return null;
}

export function headerTexts(sheet: FakeSheet, t: FakeTable): string[] {
  const out: string[] = [];
  for (let j = 0; j < t.rect.cols; j++) {
    const c = getCell(sheet, t.rect.row, t.rect.col + j);
    out.push(c ? displayText(c.value, c.numberFormat) : "");
  }
  return out;
}

/** Blank headers become ColumnN and repeated ones get a number, as Excel does when making a table. */
function uniqueHeaders(headers: string[]): string[] {
  const seen = new Set<string>();
  return headers.map((h, j) => {
    let base = h.trim() === "" ? `Column${j + 1}` : h;
    let name = base;
    for (let k = 2; seen.has(name.toLowerCase()); k++) name = `${base}${k}`;
    seen.add(name.toLowerCase());
    base = name;
    return base;
  });
}

function checkTableName(model: FakeWorkbookModel, name: string, self: FakeTable | null): void {
  const problem = tableNameProblem(name);
  if (problem) throw officeError("InvalidArgument", `The argument is invalid or missing or has an incorrect format: table name "${name}" (${problem}).`);
  const other = model.tables.find((t) => t !== self && t.name.toLowerCase() === name.toLowerCase());
  if (other) throw officeError("ItemAlreadyExists", `The resource being created already exists: a table named "${other.name}".`);
}

function bodyRect(t: FakeTable): Rect {
  return { row: t.rect.row + 1, col: t.rect.col, rows: t.rect.rows - 1 - (t.showTotals ? 1 : 0), cols: t.rect.cols };
}

/**
 * Makes a table over `rect` of `sheet`: the model side of tables.add(address, true)
 * (https://learn.microsoft.com/javascript/api/excel/excel.tablecollection#excel-excel-tablecollection-add-member(1)).
 * As Excel does when it makes a table: tables may not overlap each other or merged cells,
 * headers become unique text (blank → ColumnN, a repeat gets a number), a header-only range
 * gets one empty data row, and the table is named TableN until renamed
 * (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-tables).
 */
export function addTable(model: FakeWorkbookModel, sheet: FakeSheet, rect: Rect): FakeTable {
  assertWritable(sheet);
  if (model.tables.some((o) => o.sheetId === sheet.id && intersects(o.rect, rect))) {
    throw officeError("InvalidOperation", "A table can't overlap another table.");
  }
  if (sheet.merges.some((m) => intersects(m, rect))) throw officeError("MergedRangeConflict", "A table can't overlap a range that contains merged cells.");
  // A table has at least one data row: a header-only range gets an empty row below it.
  const r: Rect = rect.rows === 1 ? { ...rect, rows: 2 } : { ...rect };
  const heads = uniqueHeaders(
    Array.from({ length: r.cols }, (_, j) => {
      const c = getCell(sheet, r.row, r.col + j);
      return c ? displayText(c.value, c.numberFormat) : "";
    }),
  );
  heads.forEach((h, j) => {
    const c = ensureCell(sheet, r.row, r.col + j);
    c.value = h;
    delete c.formula;
  });
  let n = 1;
  while (model.tables.some((t) => t.name.toLowerCase() === `table${n}`)) n++;
  const table: FakeTable = { id: newId(model, "table"), name: `Table${n}`, sheetId: sheet.id, rect: r, showHeaders: true, showTotals: false, style: "TableStyleMedium2" };
  model.tables.push(table);
  return table;
}

interface Scope {
  sheet: FakeSheet | null;
}

export class TableCollection extends ClientCollection<Scope, Table> {
  constructor(context: FakeRequestContext, resolver: () => Scope | null) {
    super(context, "TableCollection", resolver);
  }
  private get _model(): FakeWorkbookModel {
    return this.context.host.model;
  }
  private _scoped(s: Scope): FakeTable[] {
    return this._model.tables.filter((t) => s.sheet === null || t.sheetId === s.sheet.id);
  }
  protected _list(s: Scope): Table[] {
    return this._scoped(s).map((t) => {
      const item = new Table(this.context, () => t);
      item._bind(t);
      return item;
    });
  }
  private _find(key: string): FakeTable | null {
    const s = this._target();
    const k = key.toLowerCase();
    return this._scoped(s).find((t) => t.name.toLowerCase() === k || t.id === key) ?? null;
  }
  getItem(key: string): Table {
    return new Table(this.context, () => this._find(key));
  }
  /** ExcelApi 1.4. */
  getItemOrNullObject(key: string): Table {
    return new Table(this.context, () => {
      requireApi(this.context, 4, "TableCollection.getItemOrNullObject");
      return this._find(key);
    }, true);
  }
  getItemAt(index: number): Table {
    return new Table(this.context, () => this._scoped(this._target())[index] ?? null);
  }
  /**
   * Creates a table (ExcelApi 1.1). `address` without a sheet name means the active sheet
   * (workbook.tables) or this sheet (worksheet.tables). Only hasHeaders = true is modelled.
   */
  add(address: Range | string, hasHeaders: boolean): Table {
    const table = new Table(this.context, () => null);
    this._call("add", [typeof address === "string" ? address : "<Range>", hasHeaders], (scope) => {
      if (!hasHeaders) throw unsupported("tables.add(address, false) (Excel inserts a header row)");
      let target: RangeTarget;
      if (typeof address !== "string") target = address._target();
      else {
        const { sheet: named, rect } = parseAddress(address);
        let sheet: FakeSheet | undefined;
        if (named !== undefined) sheet = findSheet(this._model, named);
        else sheet = scope.sheet ?? (this._model.activeSheetId ? sheetById(this._model, this._model.activeSheetId) : undefined);
        if (!sheet) throw officeError("InvalidArgument", `The argument is invalid or missing or has an incorrect format: "${address}".`);
        target = { sheet, rect };
      }
      if (scope.sheet && target.sheet !== scope.sheet) throw officeError("InvalidArgument", "The address is on another worksheet.");
      table._bind(addTable(this._model, target.sheet, target.rect));
    });
    return table;
  }
}

export class Table extends ClientObject<FakeTable> {
  constructor(context: FakeRequestContext, resolver: () => FakeTable | null, nullable = false) {
    super(context, "Table", resolver, nullable);
  }
  protected override _stillValid(t: FakeTable): boolean {
    return this.context.host.model.tables.includes(t);
  }
  private _sheet(): FakeSheet {
    return sheetById(this.context.host.model, this._target().sheetId);
  }
  protected _readers(): Record<string, (t: FakeTable) => unknown> {
    return {
      name: (t) => t.name,
      id: (t) => t.id,
      showHeaders: (t) => t.showHeaders,
      showTotals: (t) => t.showTotals,
      style: (t) => t.style,
      showBandedRows: () => true,
      showFilterButton: () => true,
    };
  }
  protected override _navigation(): Record<string, () => AnyClientObject> {
    return { worksheet: () => this.worksheet, columns: () => this.columns };
  }
  get name(): string { return this._get("name"); }
  set name(v: string) {
    this._set("name", v, (t) => {
      checkTableName(this.context.host.model, v, t);
      t.name = v;
    });
  }
  get id(): string { return this._get("id"); }
  get showHeaders(): boolean { return this._get("showHeaders"); }
  get showTotals(): boolean { return this._get("showTotals"); }
  set showTotals(v: boolean) {
    this._set("showTotals", v, (t) => {
      assertWritable(this._sheet());
      if (v !== t.showTotals) t.rect = { ...t.rect, rows: t.rect.rows + (v ? 1 : -1) };
      t.showTotals = v;
    });
  }
  get style(): string { return this._get("style"); }
  set style(v: string) { this._set("style", v, (t) => { assertWritable(this._sheet()); t.style = v; }); }

  get worksheet(): Worksheet {
    return this._child("worksheet", () => new Worksheet(this.context, () => this._sheet()));
  }
  get columns(): TableColumnCollection {
    return this._child("columns", () => new TableColumnCollection(this.context, () => this._target()));
  }
  private _range(rect: (t: FakeTable) => Rect | null): Range {
    return new Range(this.context, () => {
      const t = this._target();
      const r = rect(t);
      if (!r || r.rows < 1) throw officeError("ItemNotFound", "The table has no such range.");
      return { sheet: this._sheet(), rect: r };
    });
  }
  getRange(): Range { return this._range((t) => t.rect); }
  getHeaderRowRange(): Range { return this._range((t) => ({ ...t.rect, rows: 1 })); }
  getDataBodyRange(): Range { return this._range(bodyRect); }
  getTotalRowRange(): Range { return this._range((t) => (t.showTotals ? { ...t.rect, row: t.rect.row + t.rect.rows - 1, rows: 1 } : null)); }
  /** Deletes the table and clears its cells. */
  delete(): void {
    this._call("delete", [], (t) => {
      const sheet = this._sheet();
      clearRect(sheet, t.rect, "All");
      const m = this.context.host.model;
      m.tables = m.tables.filter((x) => x !== t);
    });
  }
  /** Turns the table back into plain cells (values and formats stay). ExcelApi 1.2. */
  convertToRange(): Range {
    const range = this.getRange();
    this._call("convertToRange", [], (t) => {
      assertWritable(this._sheet());
      range._resolveMaybe();
      const m = this.context.host.model;
      m.tables = m.tables.filter((x) => x !== t);
    });
    return range;
  }
  clearFilters(): void {
    this._call("clearFilters", [], () => {});
  }
}

interface ColTarget {
  table: FakeTable;
  index: number;
}

export class TableColumnCollection extends ClientCollection<FakeTable, TableColumn> {
  constructor(context: FakeRequestContext, resolver: () => FakeTable | null) {
    super(context, "TableColumnCollection", resolver);
  }
  private _sheetOf(t: FakeTable): FakeSheet {
    return sheetById(this.context.host.model, t.sheetId);
  }
  protected _list(t: FakeTable): TableColumn[] {
    return Array.from({ length: t.rect.cols }, (_, index) => {
      const item = new TableColumn(this.context, () => ({ table: t, index }));
      item._bind({ table: t, index });
      return item;
    });
  }
  private _find(key: string | number): ColTarget | null {
    const t = this._target();
    const heads = headerTexts(this._sheetOf(t), t);
    const k = String(key).toLowerCase();
    let index = heads.findIndex((h) => h.toLowerCase() === k);
    if (index < 0 && /^\d+$/.test(String(key))) index = Number(key) - 1;
    return index >= 0 && index < t.rect.cols ? { table: t, index } : null;
  }
  getItem(key: string | number): TableColumn {
    return new TableColumn(this.context, () => this._find(key));
  }
  /** ExcelApi 1.4. */
  getItemOrNullObject(key: string | number): TableColumn {
    return new TableColumn(this.context, () => {
      requireApi(this.context, 4, "TableColumnCollection.getItemOrNullObject");
      return this._find(key);
    }, true);
  }
  getItemAt(index: number): TableColumn {
    return new TableColumn(this.context, () => {
      const t = this._target();
      return index >= 0 && index < t.rect.cols ? { table: t, index } : null;
    });
  }
  /**
   * Adds a column at the right edge (the `name` argument needs ExcelApi 1.4). The fake models
   * only the case where the cells to the right of the table are empty: Excel would shift
   * occupied cells, which a caller should do explicitly (Range.insert) to be sure.
   */
  add(index?: number | null, values?: unknown[][] | null, name?: string | null): TableColumn {
    const col = new TableColumn(this.context, () => null);
    this._call("add", [index ?? null, values ?? null, name ?? null], (t) => {
      if (name !== undefined && name !== null) requireApi(this.context, 4, "TableColumnCollection.add(name)");
      const sheet = this._sheetOf(t);
      assertWritable(sheet);
      if (index !== undefined && index !== null && index !== t.rect.cols) throw unsupported("adding a table column in the middle of a table");
      const right: Rect = { row: t.rect.row, col: t.rect.col + t.rect.cols, rows: t.rect.rows, cols: 1 };
      if (right.col >= 16_384) throw officeError("InvalidArgument", "The table reaches the last column of the worksheet.");
      let occupied = false;
      forEachStoredCell(sheet, right, (_r, _c, cell) => {
        if (cell.value !== null || cell.formula !== undefined) occupied = true;
      });
      if (occupied) throw unsupported("tables.columns.add when the column to the right of the table holds data");
      const heads = headerTexts(sheet, t);
      const body = t.rect.rows - 1;
      let header = name ?? null;
      let bodyValues: unknown[][] | null = null;
      if (values) {
        if (values.length === t.rect.rows) {
          header ??= String(values[0]?.[0] ?? "");
          bodyValues = values.slice(1);
        } else if (values.length === body) bodyValues = values;
        else throw officeError("InvalidArgument", "The number of values doesn't match the table's rows.");
      }
      const finalName = uniqueHeaders([...heads, header ?? ""]).at(-1)!;
      t.rect = { ...t.rect, cols: t.rect.cols + 1 };
      const hc = ensureCell(sheet, t.rect.row, right.col);
      hc.value = finalName;
      delete hc.formula;
      if (bodyValues) {
        writeInputs({ sheet, rect: { row: t.rect.row + 1, col: right.col, rows: bodyValues.length, cols: 1 } }, bodyValues);
      }
      col._bind({ table: t, index: t.rect.cols - 1 });
    });
    return col;
  }
}

export class TableColumn extends ClientObject<ColTarget> {
  constructor(context: FakeRequestContext, resolver: () => ColTarget | null, nullable = false) {
    super(context, "TableColumn", resolver, nullable);
  }
  private _sheetOf(t: ColTarget): FakeSheet {
    return sheetById(this.context.host.model, t.table.sheetId);
  }
  protected _readers(): Record<string, (t: ColTarget) => unknown> {
    return {
      name: (t) => headerTexts(this._sheetOf(t), t.table)[t.index],
      id: (t) => t.index + 1,
      index: (t) => t.index,
    };
  }
  get name(): string { return this._get("name"); }
  set name(v: string) {
    this._set("name", v, (t) => {
      const sheet = this._sheetOf(t);
      assertWritable(sheet);
      const heads = headerTexts(sheet, t.table);
      if (heads.some((h, i) => i !== t.index && h.toLowerCase() === v.toLowerCase())) throw officeError("ItemAlreadyExists", `A column named "${v}" already exists.`);
      ensureCell(sheet, t.table.rect.row, t.table.rect.col + t.index).value = v;
    });
  }
  get id(): number { return this._get("id"); }
  get index(): number { return this._get("index"); }
  private _range(rows: (t: FakeTable) => { row: number; rows: number }): Range {
    return new Range(this.context, () => {
      const t = this._target();
      const r = rows(t.table);
      return { sheet: this._sheetOf(t), rect: { row: r.row, rows: r.rows, col: t.table.rect.col + t.index, cols: 1 } };
    });
  }
  getRange(): Range { return this._range((t) => ({ row: t.rect.row, rows: t.rect.rows })); }
  getHeaderRowRange(): Range { return this._range((t) => ({ row: t.rect.row, rows: 1 })); }
  getDataBodyRange(): Range { return this._range((t) => bodyRect(t)); }
}
