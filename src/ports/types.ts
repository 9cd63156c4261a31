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
}

/** Sheet names Excel forbids: at most 31 characters, none of `[]:*?/\`, not starting or ending with `'`. */
export const SHEET_NAME_MAX = 31;
