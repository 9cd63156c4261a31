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

// ---- Excel's `=` between two cells (review.md "Which actuals count for a goal"): the one implementation ----

/** Excel's smallest positive number (its specifications: 2.2251E-308); a smaller magnitude is stored as 0. */
export const EXCEL_MIN_POSITIVE = 2.2250738585072014e-308;

/**
 * A number as an Excel cell holds it: a magnitude below EXCEL_MIN_POSITIVE (a subnormal
 * double, which Excel cannot hold and LibreOffice rejects as a formula constant) is 0, and
 * -0 is 0.
 */
export function excelStored(x: number): number {
  return Math.abs(x) < EXCEL_MIN_POSITIVE ? 0 : x;
}

const ASCII_ONLY = /^[\x00-\x7f]*$/;

/**
 * Text folded for Excel's case-insensitive `=`, as Unicode's simple case folding (what
 * LibreOffice's ICU compares by): each character (code point) on its own, so that no mapping
 * depends on its neighbours (JavaScript's toLowerCase maps a word-final Σ to ς: "ΟΣ" = "οσ"
 * holds here), lower-cased, then through its upper case and back, so that variants fold
 * together (ς = σ = Σ, ſ = s, ϐ = β). A character whose case mapping changes its length is
 * kept as it is or as its lower case (İ lower-cases to i + U+0307 and stays İ, so "İ" ≠ "i̇";
 * ß stays ß). Dotless ı stays ı (it folds only under Turkish rules). Checked against
 * Python's str.casefold over every code point: the same classes wherever it folds to one.
 */
export function foldCase(s: string): string {
  if (ASCII_ONLY.test(s)) return s.toLowerCase();
  let out = "";
  for (const ch of s) out += foldChar(ch);
  return out;
}

/** One code point folded (see foldCase). */
function foldChar(ch: string): string {
  if (ch === "\u0131") return ch; // ı
  const lower = ch.toLowerCase();
  if (lower.length !== ch.length) return ch;
  const upper = lower.toUpperCase();
  if (upper.length !== lower.length) return lower;
  const back = upper.toLowerCase();
  return back.length === lower.length ? back : lower;
}

/**
 * The number Excel's `=` compares: Excel compares numbers to 15 significant digits, so
 * 0.1 + 0.2 = 0.3 and 1 = 1 + 2^-52 hold; a subnormal is 0 (excelStored).
 */
export function excelComparable(x: number): number {
  const v = excelStored(x);
  if (v === 0) return 0;
  const r = Number(v.toPrecision(15));
  return Number.isFinite(r) ? r : v; // near Number.MAX_VALUE rounding up would overflow: beyond Excel's range anyway
}

/** The key of an empty cell in excelEqualityKey (no other key starts with a control character). */
export const BLANK_KEY = "\u0001";

/**
 * The class of a cell under Excel's `=`: two non-error cells are equal exactly when their
 * keys are, except that an empty cell also equals 0, FALSE and "" (see matchingKeys in the
 * review's actuals index). Texts fold case (foldCase, no trimming, no wildcards), numbers
 * compare to 15 significant digits (excelComparable), a text never equals a number or a
 * boolean. Null for an error or a non-finite number: it equals nothing.
 */
export function excelEqualityKey(v: CellValue | undefined): string | null {
  if (v === null || v === undefined) return BLANK_KEY;
  if (typeof v === "string") return `s${foldCase(v)}`;
  if (typeof v === "number") return Number.isFinite(v) ? `n${String(excelComparable(v))}` : null; // String(-0) is "0", as Excel's -0 = 0
  if (typeof v === "boolean") return v ? "b1" : "b0";
  return null;
}
