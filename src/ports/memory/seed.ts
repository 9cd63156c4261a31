/**
 * A workbook described as plain data, to start a port from in tests and in the task pane's
 * browser preview. Every port's test bed builds the same workbook from a seed (the memory
 * port directly, the xlsx port through ExcelJS, the Office.js fake through its API), so the
 * contract suite (test/ports/contract.ts) runs the same cases on all of them.
 */
import type { CellValue } from "../../core/cells";

/** A seed cell: a value (text is always text), a formula with an optional cached value, or a date serial (written with a date format). */
export type SeedCell = CellValue | { f: string; v?: CellValue } | { date: number };

export interface SeedSheet {
  name: string;
  hidden?: boolean;
  /** Rows of cells, the first at `at` (default `A1`). */
  cells?: readonly (readonly SeedCell[])[];
  at?: string;
  /** Merged ranges, e.g. `A1:D1`. */
  merges?: readonly string[];
  /** Excel tables: name and range (header row included), e.g. `{ name: "PlanTargets", ref: "A3:Q10" }`. */
  tables?: readonly { name: string; ref: string }[];
  /** Number formats by A1 address or range. */
  numberFormats?: Readonly<Record<string, string>>;
}

export interface WorkbookSeed {
  /** File name (default `Book1.xlsx`). */
  name?: string;
  sheets: readonly SeedSheet[];
}

/** True when a seed cell is a formula. */
export function isSeedFormula(c: SeedCell): c is { f: string; v?: CellValue } {
  return typeof c === "object" && c !== null && "f" in c;
}

/** True when a seed cell is a date. */
export function isSeedDate(c: SeedCell): c is { date: number } {
  return typeof c === "object" && c !== null && "date" in c;
}
