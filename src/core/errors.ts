/**
 * Excel error values as plain data. Core functions return these (never throw) so that
 * the custom-function wrappers, the CLI and the review engine all see the same thing.
 */
export type ExcelErrorCode = "#VALUE!" | "#DIV/0!" | "#NUM!" | "#N/A" | "#NULL!" | "#REF!" | "#NAME?" | "#SPILL!" | "#CALC!" | "#GETTING_DATA";

/** Every error code Excel can hold in a cell, for recognising error values read from a workbook. */
export const EXCEL_ERROR_CODES: readonly ExcelErrorCode[] = [
  "#VALUE!", "#DIV/0!", "#NUM!", "#N/A", "#NULL!", "#REF!", "#NAME?", "#SPILL!", "#CALC!", "#GETTING_DATA",
];

/** A message that the i18n layer renders in the user's language: a key and its parameters. */
export interface Msg {
  key: string;
  params?: Record<string, string | number>;
}

/** An Excel error value with a one-line explanation. */
export interface ErrorValue {
  readonly kind: "error";
  readonly code: ExcelErrorCode;
  readonly msg?: Msg;
}

/** Makes an error value. */
export function excelError(code: ExcelErrorCode, key?: string, params?: Record<string, string | number>): ErrorValue {
  return key === undefined ? { kind: "error", code } : { kind: "error", code, msg: { key, params } };
}

/** True when `v` is an error value. */
export function isError(v: unknown): v is ErrorValue {
  return typeof v === "object" && v !== null && (v as { kind?: unknown }).kind === "error";
}

/** Relative tolerance for threshold comparisons (functions.md, smart.md, review.md). */
export const REL_TOL = 1e-9;

/** a ≥ b allowing a relative tolerance of 1e-9: a value exactly at a threshold never falls below it. */
export function geTol(a: number, b: number): boolean {
  return a >= b - REL_TOL * Math.max(Math.abs(a), Math.abs(b));
}

/** a ≤ b allowing a relative tolerance of 1e-9. */
export function leTol(a: number, b: number): boolean {
  return a <= b + REL_TOL * Math.max(Math.abs(a), Math.abs(b));
}

/** a > b by more than the relative tolerance: a value at the threshold does not cross it. */
export function gtTol(a: number, b: number): boolean {
  return !leTol(a, b);
}

/** a < b by more than the relative tolerance. */
export function ltTol(a: number, b: number): boolean {
  return !geTol(a, b);
}
