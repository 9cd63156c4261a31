/**
 * A declarative sheet: what a generated worksheet holds (cells, tables, formats,
 * validations, conditional formats, charts). core/sheets builds these from a model; the
 * renderers in ports/excel, ports/xlsx and ports/memory write them and decide nothing, so a
 * sheet made in Excel and one made by the CLI are the same sheet.
 *
 * Coordinates are 1-based (row 1, column 1 = A1). Formulas are English, with a leading `=`,
 * comma separators and structured references in the long form (`PlanActuals[[#This Row],[Value]]`
 * is never needed in generated cells: use `Table[Column]` or A1 references).
 */

/** A cell to write. Text is always written as text, never parsed into a number, date, boolean or formula. */
export type SpecCell =
  | { t: "s"; v: string }
  | { t: "n"; v: number }
  | { t: "d"; v: number } // Excel serial; written with a date format
  | { t: "b"; v: boolean }
  | { t: "f"; f: string } // formula, English, starting with `=`
  | null; // leave blank

export interface CellRange {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export interface SpecBlock {
  row: number;
  col: number;
  /** Rows of cells; all rows have the same length. */
  cells: SpecCell[][];
}

export interface SpecTable {
  /** Excel table name (unique in the workbook; letters, digits, `_`, `.`). */
  name: string;
  /** Header row and data rows; the headers are the first row of `range`, written by a block. */
  range: CellRange;
  style?: string; // e.g. "TableStyleMedium2"
}

export interface SpecNumberFormat {
  range: CellRange;
  format: string; // Excel format code: "#,##0", "0.0%", "yyyy-mm-dd", "@"
}

export type SpecValidation =
  | { range: CellRange; kind: "list"; values: readonly string[]; alert: "warning" | "stop"; prompt?: string }
  | { range: CellRange; kind: "date"; min: number; max: number; alert: "warning" | "stop"; prompt?: string }
  | { range: CellRange; kind: "whole"; min: number; max: number; alert: "warning" | "stop"; prompt?: string }
  | { range: CellRange; kind: "decimal"; min: number; max?: number; alert: "warning" | "stop"; prompt?: string };

export type SpecConditionalFormat =
  /** Fill/font colour when the cell equals a text (status colours). */
  | { range: CellRange; kind: "textEquals"; text: string; fill: string; font?: string }
  /** Fill/font colour by comparing the cell's value to a number. */
  | { range: CellRange; kind: "cellValue"; operator: "greaterThan" | "lessThan" | "between" | "equal"; value: number; value2?: number; fill?: string; font: string }
  /** Fill/font colour when an A1 formula relative to the range's top-left cell is true. */
  | { range: CellRange; kind: "expression"; formula: string; fill?: string; font?: string }
  | { range: CellRange; kind: "dataBar"; color: string }
  /** Three icons (red/amber/green) with thresholds as numbers (>= value2 green, >= value1 amber). */
  | { range: CellRange; kind: "iconSet3"; value1: number; value2: number };

export interface SpecChart {
  kind: "columnClustered";
  title: string;
  /** Category labels (one column) and series (one column each, header row included). */
  categories: CellRange;
  series: readonly CellRange[];
  /** Where the chart sits: top-left cell and size in columns × rows. */
  anchor: CellRange;
}

export interface SpecStyle {
  range: CellRange;
  bold?: boolean;
  italic?: boolean;
  fontSize?: number;
  fontColor?: string; // "#RRGGBB"
  fill?: string; // "#RRGGBB"
  wrap?: boolean;
  horizontal?: "left" | "center" | "right";
}

export interface SheetSpec {
  name: string;
  /**
   * `replace` (default): create the sheet, or clear an existing one's contents, formats,
   * tables, validations, conditional formats and charts and write it anew in place (the sheet
   * is never deleted, so other sheets' references to it keep working).
   * `patch`: keep what the sheet holds; clear only the `clear` ranges, then write.
   */
  mode?: "replace" | "patch";
  /** With `patch`: ranges whose values and formats are cleared before writing. */
  clear?: CellRange[];
  /** Column widths in characters, by 1-based column. */
  columnWidths?: Readonly<Record<number, number>>;
  blocks: SpecBlock[];
  tables?: SpecTable[];
  numberFormats?: SpecNumberFormat[];
  validations?: SpecValidation[];
  conditionalFormats?: SpecConditionalFormat[];
  charts?: SpecChart[];
  styles?: SpecStyle[];
  merges?: CellRange[];
  /** Frozen rows at the top and columns at the left. */
  freeze?: { rows: number; cols: number };
  hidden?: boolean;
  tabColor?: string;
}

/** A range from its corners, for readability in specs. */
export function rangeOf(row: number, col: number, rows = 1, cols = 1): CellRange {
  return { row, col, rows, cols };
}
