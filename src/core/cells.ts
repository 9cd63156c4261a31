/**
 * What a worksheet cell holds, as every port hands it to the core: numbers (dates are
 * serials), text, booleans, blanks (null) and Excel error values.
 */
import { EXCEL_ERROR_CODES, type ErrorValue, type ExcelErrorCode, excelError, isError } from "./errors";
import { parseTextDate } from "./dates";

export type CellValue = number | string | boolean | null | ErrorValue;

/** True for an empty cell or one holding only spaces (review.md: such a goal cell is blank). */
export function isBlank(v: CellValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

/** The error value for an error text such as `#N/A` that a file or the Excel API reports, else null. */
export function errorFromText(text: string): ErrorValue | null {
  return EXCEL_ERROR_CODES.includes(text as ExcelErrorCode) ? excelError(text as ExcelErrorCode) : null;
}

/** The text of a cell as Excel would display a plain value (for messages and IDs). */
export function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return "";
  if (isError(v)) return v.code;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return String(v);
}

/** A cell read as text: trimmed text, a number's digits, or null for a blank or an error. */
export function asText(v: CellValue | undefined): string | null {
  if (isBlank(v) || isError(v)) return null;
  return typeof v === "string" ? v.trim() : cellText(v);
}

/** A cell read as a number: only a real number counts (text "123" does not). */
export function asNumber(v: CellValue | undefined): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

/** A date read from a cell: the whole-day serial, and whether it was typed as text. */
export interface CellDate {
  serial: number;
  fromText: boolean;
}

/** Serial range that counts as a plan date (smart.md: 1990-01-01 … 2199-12-31). */
export const PLAN_DATE_MIN = 32_874; // 1990-01-01
export const PLAN_DATE_MAX = 109_574; // 2199-12-31

/**
 * A cell read as a plan date: a serial in 1990…2199 (a year typed alone, 2026, is 1905
 * and so not a date), or text that parses as such a date (flagged fromText). Null otherwise.
 */
export function asPlanDate(v: CellValue | undefined): CellDate | null {
  if (typeof v === "number" && Number.isFinite(v)) {
    const serial = Math.floor(v);
    return serial >= PLAN_DATE_MIN && serial <= PLAN_DATE_MAX ? { serial, fromText: false } : null;
  }
  if (typeof v === "string") {
    const serial = parseTextDate(v);
    return serial !== null && serial >= PLAN_DATE_MIN && serial <= PLAN_DATE_MAX ? { serial, fromText: true } : null;
  }
  return null;
}
