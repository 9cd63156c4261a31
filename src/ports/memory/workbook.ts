/**
 * An in-memory workbook implementing WorkbookPort, for tests and the task pane's browser
 * preview (so: no Node imports). It stores what a spec writes (values, formulas as text,
 * number formats, tables, validations, conditional formats, charts, merges, styles, widths,
 * freeze panes, hidden sheets, the selection) and evaluates nothing: a formula cell's value
 * is null unless a seed gave it a cached one.
 *
 * It behaves like Excel where the actions depend on it: sheet and table names are unique
 * ignoring case, a table may not overlap another table or a merged range, a `null` cell in a
 * block leaves the cell as it is (as Office.js does with null in a values array), and
 * clearing a range also unmerges the merged ranges it touches (as Excel's Clear All does).
 */
import { type CellValue, cellText } from "../../core/cells";
import { type RawTable, type RawTables, type TableName, TABLE_NAMES, normalizeHeader } from "../../core/schema";
import type {
  CellRange, SheetSpec, SpecCell, SpecChart, SpecConditionalFormat, SpecStyle, SpecValidation,
} from "../../core/sheets/spec";
import { DATE_FORMAT } from "../../core/sheets/columns";
import { a1, parseA1, parseRangeA1, rangesIntersect } from "../../core/sheets/a1";
import {
  type ApplySheetSpecsOptions, type SheetContents, type SheetInfo, type WorkbookPort, applySheetSpecsInTurn, readPlanTablesAndSheetsInTurn,
} from "../types";
import { type WorkbookSeed, isSeedDate, isSeedFormula } from "./seed";

/** One cell: its value, its formula text (`=…`) or null, and its number format. */
export interface MemoryCell {
  value: CellValue;
  formula: string | null;
  numberFormat: string;
}

export interface MemoryTable {
  name: string;
  sheet: string;
  /** Header row and data rows. */
  range: CellRange;
  style?: string;
}

export interface MemorySheet {
  name: string;
  hidden: boolean;
  /** Cells by `row,col` (1-based). */
  cells: Map<string, MemoryCell>;
  merges: CellRange[];
  validations: SpecValidation[];
  conditionalFormats: SpecConditionalFormat[];
  charts: SpecChart[];
  styles: SpecStyle[];
  columnWidths: Map<number, number>;
  freeze: { rows: number; cols: number } | null;
  tabColor: string | null;
}

const key = (row: number, col: number) => `${row},${col}`;
const GENERAL = "General";

function emptySheet(name: string): MemorySheet {
  return {
    name, hidden: false, cells: new Map(), merges: [], validations: [], conditionalFormats: [], charts: [], styles: [],
    columnWidths: new Map(), freeze: null, tabColor: null,
  };
}

/** The plan table name of an Excel table name (matched ignoring case), or null. */
export function planTableName(name: string): TableName | null {
  const n = name.toLowerCase();
  return TABLE_NAMES.find((t) => t.toLowerCase() === n) ?? null;
}

export class MemoryWorkbook implements WorkbookPort {
  readonly kind = "memory" as const;
  readonly sheets: MemorySheet[] = [];
  readonly tables: MemoryTable[] = [];
  activeSheet: string | null = null;
  selection: { sheet: string; address: string } | null = null;
  private readonly name: string;

  constructor(seed?: WorkbookSeed) {
    this.name = seed?.name ?? "Book1.xlsx";
    for (const s of seed?.sheets ?? []) {
      const sh = this.addSheet(s.name);
      sh.hidden = s.hidden ?? false;
      const at = parseA1(s.at ?? "A1") ?? { row: 1, col: 1 };
      (s.cells ?? []).forEach((row, i) =>
        row.forEach((c, j) => {
          const r = at.row + i;
          const col = at.col + j;
          if (isSeedFormula(c)) this.setCell(sh, r, col, { value: c.v ?? null, formula: c.f.startsWith("=") ? c.f : `=${c.f}` });
          else if (isSeedDate(c)) this.setCell(sh, r, col, { value: c.date, numberFormat: DATE_FORMAT });
          else if (c !== null) this.setCell(sh, r, col, { value: c });
        }),
      );
      for (const [ref, fmt] of Object.entries(s.numberFormats ?? {})) {
        const range = parseRangeA1(ref);
        if (range) this.eachCell(range, (r, c) => this.setCell(sh, r, c, { numberFormat: fmt }));
      }
      for (const m of s.merges ?? []) {
        const range = parseRangeA1(m);
        if (range) sh.merges.push(range);
      }
      for (const t of s.tables ?? []) {
        const range = parseRangeA1(t.ref);
        if (range) this.addTable(sh, t.name, range);
      }
    }
    this.activeSheet = this.sheets[0]?.name ?? null;
  }

  // ---- inspection (tests and the preview) ----

  /** The sheet named `name` (ignoring case). */
  sheet(name: string): MemorySheet | undefined {
    const n = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === n);
  }

  /** The cell at an A1 address of a sheet, or undefined when it was never written. */
  cell(sheet: string, address: string): MemoryCell | undefined {
    const p = parseA1(address);
    const sh = this.sheet(sheet);
    return p && sh ? sh.cells.get(key(p.row, p.col)) : undefined;
  }

  /** The table named `name` (ignoring case). */
  table(name: string): MemoryTable | undefined {
    const n = name.toLowerCase();
    return this.tables.find((t) => t.name.toLowerCase() === n);
  }

  // ---- WorkbookPort ----

  async workbookName(): Promise<string> {
    return this.name;
  }

  async listSheets(): Promise<SheetInfo[]> {
    return this.sheets.map((s) => ({ name: s.name, visible: !s.hidden }));
  }

  async readPlanTables(names?: readonly TableName[]): Promise<RawTables> {
    const out: RawTables = {};
    for (const t of this.tables) {
      const name = planTableName(t.name);
      if (!name || (names && !names.includes(name))) continue;
      const sh = this.sheet(t.sheet)!;
      const { row, col, rows, cols } = t.range;
      const headers = Array.from({ length: cols }, (_, j) => cellText(sh.cells.get(key(row, col + j))?.value ?? null));
      const data: CellValue[][] = [];
      const formulaColumns = Array.from({ length: cols }, () => false);
      for (let i = 1; i < rows; i++) {
        data.push(
          Array.from({ length: cols }, (_, j) => {
            const c = sh.cells.get(key(row + i, col + j));
            if (c?.formula) formulaColumns[j] = true;
            return c?.value ?? null;
          }),
        );
      }
      const raw: RawTable = { name, sheet: sh.name, headerRow: row, firstCol: col, headers, rows: data, formulaColumns };
      out[name] = raw;
    }
    return out;
  }

  async readSheet(name: string): Promise<SheetContents> {
    const sh = this.requireSheet(name);
    let top = Infinity;
    let left = Infinity;
    let bottom = -Infinity;
    let right = -Infinity;
    for (const [k, c] of sh.cells) {
      if (c.value === null && c.formula === null) continue;
      const [r, col] = k.split(",").map(Number) as [number, number];
      top = Math.min(top, r);
      bottom = Math.max(bottom, r);
      left = Math.min(left, col);
      right = Math.max(right, col);
    }
    const tables = this.tables.filter((t) => t.sheet === sh.name).map((t) => t.name);
    if (top === Infinity) return { name: sh.name, origin: { row: 1, col: 1 }, values: [], formulas: [], numberFormats: [], merges: [...sh.merges], tables };
    const values: CellValue[][] = [];
    const formulas: (string | null)[][] = [];
    const numberFormats: string[][] = [];
    for (let r = top; r <= bottom; r++) {
      const v: CellValue[] = [];
      const f: (string | null)[] = [];
      const nf: string[] = [];
      for (let c = left; c <= right; c++) {
        const cell = sh.cells.get(key(r, c));
        v.push(cell?.value ?? null);
        f.push(cell?.formula ?? null);
        nf.push(cell?.numberFormat ?? GENERAL);
      }
      values.push(v);
      formulas.push(f);
      numberFormats.push(nf);
    }
    return { name: sh.name, origin: { row: top, col: left }, values, formulas, numberFormats, merges: sh.merges.map((m) => ({ ...m })), tables };
  }

  async applySheetSpec(spec: SheetSpec, opts?: { activate?: boolean }): Promise<void> {
    let sh = this.sheet(spec.name);
    if (!sh) sh = this.addSheet(spec.name);
    else if ((spec.mode ?? "replace") === "replace") {
      const fresh = emptySheet(sh.name);
      Object.assign(sh, { ...fresh, hidden: sh.hidden });
      for (let i = this.tables.length - 1; i >= 0; i--) if (this.tables[i]!.sheet === sh.name) this.tables.splice(i, 1);
    }
    if (spec.mode === "patch") for (const r of spec.clear ?? []) this.clearRange(sh, r);
    if (spec.hidden !== undefined) sh.hidden = spec.hidden;
    if (spec.tabColor !== undefined) sh.tabColor = spec.tabColor;
    for (const [c, w] of Object.entries(spec.columnWidths ?? {})) sh.columnWidths.set(Number(c), w);
    for (const b of spec.blocks) {
      b.cells.forEach((row, i) => row.forEach((c, j) => this.writeSpecCell(sh!, b.row + i, b.col + j, c)));
    }
    for (const nf of spec.numberFormats ?? []) this.eachCell(nf.range, (r, c) => this.setCell(sh!, r, c, { numberFormat: nf.format }));
    for (const m of spec.merges ?? []) {
      if (sh.merges.some((x) => rangesIntersect(x, m))) throw new Error(`Merged range ${a1(m.row, m.col)} overlaps another merged range on ${sh.name}`);
      sh.merges.push({ ...m });
    }
    for (const t of spec.tables ?? []) this.addTable(sh, t.name, t.range, t.style);
    sh.validations.push(...(spec.validations ?? []));
    sh.conditionalFormats.push(...(spec.conditionalFormats ?? []));
    sh.charts.push(...(spec.charts ?? []));
    sh.styles.push(...(spec.styles ?? []));
    if (spec.freeze) sh.freeze = { ...spec.freeze };
    if (opts?.activate) this.activeSheet = sh.name;
  }

  async copySheet(from: string, to: string, opts?: { hidden?: boolean }): Promise<void> {
    const src = this.requireSheet(from);
    if (this.sheet(to)) throw new Error(`A sheet named "${to}" already exists`);
    const copy: MemorySheet = {
      name: to,
      hidden: opts?.hidden ?? src.hidden,
      cells: new Map([...src.cells].map(([k, c]) => [k, { ...c }])),
      merges: src.merges.map((m) => ({ ...m })),
      validations: [...src.validations],
      conditionalFormats: [...src.conditionalFormats],
      charts: [...src.charts],
      styles: [...src.styles],
      columnWidths: new Map(src.columnWidths),
      freeze: src.freeze ? { ...src.freeze } : null,
      tabColor: src.tabColor,
    };
    // Tables are copied as plain cells: table names are unique in a workbook.
    this.sheets.splice(this.sheets.indexOf(src) + 1, 0, copy);
  }

  async writeTableColumn(table: TableName, header: string, values: readonly SpecCell[], opts?: { iconSet3?: { value1: number; value2: number } }): Promise<void> {
    const t = this.table(table);
    if (!t) throw new Error(`No table ${table}`);
    const sh = this.sheet(t.sheet)!;
    const { row, col, rows, cols } = t.range;
    let at = -1;
    for (let j = 0; j < cols; j++) {
      if (normalizeHeader(cellText(sh.cells.get(key(row, col + j))?.value ?? null)) === normalizeHeader(header)) {
        at = col + j;
        break;
      }
    }
    if (at < 0) {
      at = col + cols;
      const clash = this.tables.find((o) => o !== t && o.sheet === t.sheet && rangesIntersect(o.range, { row, col: at, rows, cols: 1 }));
      if (clash) throw new Error(`Table ${table} cannot grow into table ${clash.name}`);
      this.setCell(sh, row, at, { value: header, formula: null });
      t.range = { ...t.range, cols: cols + 1 };
    }
    for (let i = 1; i < rows; i++) {
      const c = values[i - 1] ?? null;
      if (c === null) this.setCell(sh, row + i, at, { value: null, formula: null });
      else this.writeSpecCell(sh, row + i, at, c);
    }
    if (opts?.iconSet3 && rows > 1) {
      // The column is ours: replace its rules (as the Office.js port's clearAll does), don't pile them up.
      const range = { row: row + 1, col: at, rows: rows - 1, cols: 1 };
      sh.conditionalFormats = sh.conditionalFormats.filter((cf) => !rangesIntersect(cf.range, range));
      sh.conditionalFormats.push({ range, kind: "iconSet3", ...opts.iconSet3 });
    }
  }

  async selectCell(sheet: string, address: string): Promise<void> {
    const sh = this.requireSheet(sheet);
    if (!parseA1(address) && !parseRangeA1(address)) throw new Error(`Not a cell address: ${address}`);
    this.activeSheet = sh.name;
    this.selection = { sheet: sh.name, address: address.toUpperCase() };
  }

  async readPlanTablesAndSheets(names?: readonly TableName[]): Promise<{ tables: RawTables; sheets: SheetInfo[] }> {
    return readPlanTablesAndSheetsInTurn(this, names);
  }

  async applySheetSpecs(specs: readonly SheetSpec[], opts?: ApplySheetSpecsOptions): Promise<void> {
    return applySheetSpecsInTurn(this, specs, opts);
  }

  // ---- internals ----

  private requireSheet(name: string): MemorySheet {
    const sh = this.sheet(name);
    if (!sh) throw new Error(`No sheet named "${name}"`);
    return sh;
  }

  private addSheet(name: string): MemorySheet {
    if (this.sheet(name)) throw new Error(`A sheet named "${name}" already exists`);
    const sh = emptySheet(name);
    this.sheets.push(sh);
    return sh;
  }

  private addTable(sh: MemorySheet, name: string, range: CellRange, style?: string): void {
    if (this.table(name)) throw new Error(`A table named ${name} already exists`);
    const clash = this.tables.find((t) => t.sheet === sh.name && rangesIntersect(t.range, range));
    if (clash) throw new Error(`Table ${name} would overlap table ${clash.name}`);
    if (sh.merges.some((m) => rangesIntersect(m, range))) throw new Error(`Table ${name} would overlap merged cells`);
    this.tables.push(style === undefined ? { name, sheet: sh.name, range: { ...range } } : { name, sheet: sh.name, range: { ...range }, style });
  }

  private setCell(sh: MemorySheet, row: number, col: number, patch: Partial<MemoryCell>): void {
    const k = key(row, col);
    const c = sh.cells.get(k) ?? { value: null, formula: null, numberFormat: GENERAL };
    sh.cells.set(k, { ...c, ...patch });
  }

  private writeSpecCell(sh: MemorySheet, row: number, col: number, c: SpecCell): void {
    if (c === null) return;
    switch (c.t) {
      case "s":
      case "n":
      case "b":
        this.setCell(sh, row, col, { value: c.v, formula: null });
        break;
      case "d": {
        const cur = sh.cells.get(key(row, col))?.numberFormat ?? GENERAL;
        this.setCell(sh, row, col, { value: c.v, formula: null, numberFormat: cur === GENERAL ? DATE_FORMAT : cur });
        break;
      }
      case "f":
        this.setCell(sh, row, col, { value: null, formula: c.f.startsWith("=") ? c.f : `=${c.f}` });
        break;
    }
  }

  private clearRange(sh: MemorySheet, r: CellRange): void {
    for (const k of [...sh.cells.keys()]) {
      const [row, col] = k.split(",").map(Number) as [number, number];
      if (row >= r.row && row < r.row + r.rows && col >= r.col && col < r.col + r.cols) sh.cells.delete(k);
    }
    sh.merges = sh.merges.filter((m) => !rangesIntersect(m, r));
  }

  private eachCell(r: CellRange, fn: (row: number, col: number) => void): void {
    for (let i = 0; i < r.rows; i++) for (let j = 0; j < r.cols; j++) fn(r.row + i, r.col + j);
  }
}

/** A memory workbook built from a seed. */
export function memoryWorkbook(seed?: WorkbookSeed): MemoryWorkbook {
  return new MemoryWorkbook(seed);
}
