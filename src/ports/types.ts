/**
 * WorkbookPort: the one interface between user actions and a workbook. Three
 * implementations: ports/excel (Office.js), ports/xlsx (files, for the CLI) and
 * ports/memory (tests and the task pane's browser preview). One contract suite
 * (test/ports/contract.ts) runs against all three.
 */
import type { CellValue } from "../core/cells";
import type { RawTables, TableName } from "../core/schema";
import type { CellRange, SheetSpec, SpecCell } from "../core/sheets/spec";

export interface SheetInfo {
  name: string;
  visible: boolean;
}

/** A worksheet's used range as values, for converting a user's own sheet. */
export interface SheetContents {
  name: string;
  /** 1-based row and column of values[0][0]. */
  origin: { row: number; col: number };
  values: CellValue[][];
  /** Formula text (`=…`) where a cell holds a formula, else null; same shape as values. */
  formulas: (string | null)[][];
  /** Number format codes, same shape as values ("General" where none). */
  numberFormats: string[][];
  merges: CellRange[];
  /** Names of the Excel tables on this sheet. */
  tables: string[];
}

/** Something a copy of the workbook could not carry (charts, pivot tables, images, macros, slicers). */
export interface UncarriedContent {
  kind: "chart" | "pivotTable" | "image" | "macro" | "slicer" | "other";
  sheet?: string;
  detail: string;
}

export interface WorkbookPort {
  readonly kind: "excel" | "xlsx" | "memory";
  /** The workbook's file name, for "which workbook am I on". */
  workbookName(): Promise<string>;
  listSheets(): Promise<SheetInfo[]>;
  /** The plan tables, found by table name wherever their sheets are; absent ones are left out. */
  readPlanTables(names?: readonly TableName[]): Promise<RawTables>;
  readSheet(name: string): Promise<SheetContents>;
  /** Writes a sheet spec (see SheetSpec.mode); `activate` makes it the active sheet. */
  applySheetSpec(spec: SheetSpec, opts?: { activate?: boolean }): Promise<void>;
  /** Copies a sheet with all its contents under a new name, optionally hidden. */
  copySheet(from: string, to: string, opts?: { hidden?: boolean }): Promise<void>;
  /**
   * Writes one column of a plan table's data rows (values in row order), adding the column
   * at the table's right edge under `header` when absent; touches no other cell.
   */
  writeTableColumn(table: TableName, header: string, values: readonly SpecCell[], opts?: { iconSet3?: { value1: number; value2: number } }): Promise<void>;
  /** Activates `sheet` and selects `address` (A1, e.g. "C7"). */
  selectCell(sheet: string, address: string): Promise<void>;
  /**
   * The plan tables (as readPlanTables) and the sheets (as listSheets), read together: on
   * Office.js in one batch, so an action that needs both pays for one read.
   */
  readPlanTablesAndSheets(names?: readonly TableName[]): Promise<{ tables: RawTables; sheets: SheetInfo[] }>;
  /**
   * Writes several sheet specs (distinct sheet names) as one change: first `opts.copies`, each
   * as copySheet would (so a copy holds the sheet as it was before any spec touches it, and
   * stays if a write fails), then each spec as applySheetSpec would, in order, then activates
   * `opts.activate` (one of the specs) and selects `opts.select` as selectCell would. On
   * Office.js this is one Excel.run: one sync to look at the workbook (one more when a spec
   * replaces an existing sheet), then all writes in as few syncs as the payload limit allows;
   * names (sheets, copies, tables) are checked before anything is written.
   */
  applySheetSpecs(specs: readonly SheetSpec[], opts?: ApplySheetSpecsOptions): Promise<void>;
}

/** A sheet to copy before the specs of WorkbookPort.applySheetSpecs are written. */
export interface SheetCopy {
  from: string;
  to: string;
  hidden?: boolean;
}

export interface ApplySheetSpecsOptions {
  copies?: readonly SheetCopy[];
  /** Name of the sheet (one of the specs) to activate; a hidden one is not activated. */
  activate?: string;
  /** A cell to select once everything is written (its sheet is activated). */
  select?: { sheet: string; address: string };
}

/** Throws when two specs name the same sheet (ignoring case): applySheetSpecs takes each sheet once. */
export function assertDistinctSheets(specs: readonly SheetSpec[]): void {
  const seen = new Set<string>();
  for (const s of specs) {
    const k = s.name.toLowerCase();
    if (seen.has(k)) throw new Error(`applySheetSpecs: sheet "${s.name}" is given twice`);
    seen.add(k);
  }
}

/**
 * applySheetSpecs as a sequence of the single-sheet calls, for ports where a call costs no
 * round trip (memory, xlsx).
 */
export async function applySheetSpecsInTurn(port: WorkbookPort, specs: readonly SheetSpec[], opts: ApplySheetSpecsOptions = {}): Promise<void> {
  assertDistinctSheets(specs);
  for (const c of opts.copies ?? []) await port.copySheet(c.from, c.to, c.hidden === undefined ? undefined : { hidden: c.hidden });
  const active = opts.activate?.toLowerCase();
  for (const s of specs) await port.applySheetSpec(s, { activate: s.name.toLowerCase() === active });
  if (opts.select) await port.selectCell(opts.select.sheet, opts.select.address);
}

/** readPlanTablesAndSheets as two calls, for ports where a call costs no round trip. */
export async function readPlanTablesAndSheetsInTurn(port: WorkbookPort, names?: readonly TableName[]): Promise<{ tables: RawTables; sheets: SheetInfo[] }> {
  return { tables: await port.readPlanTables(names), sheets: await port.listSheets() };
}

/** Sheet names Excel forbids: at most 31 characters, none of `[]:*?/\`, not starting or ending with `'`. */
export const SHEET_NAME_MAX = 31;
