/**
 * Turns a catalogue result into what Excel's custom-functions runtime expects: error values
 * become CustomFunctions.Error (thrown for a single-cell result, so Excel shows its message;
 * placed in the array for a multi-cell one), and a 1×1 array is its single value.
 */
import type { CellValue } from "../core/cells";
import { type ErrorValue, isError } from "../core/errors";
import { type Lang, render } from "../i18n";
import type { Result } from "./coerce";

let lang: Lang = "en";
/** Sets the language of error messages (the Office display language). */
export function setFunctionsLang(l: Lang): void {
  lang = l;
}

/** The message Excel shows for an error (Excel shows one only for #VALUE! and #N/A). */
export function errorMessage(e: ErrorValue, l: Lang = lang): string {
  return e.msg ? render(l, e.msg) : "";
}

function toCustomError(e: ErrorValue): CustomFunctions.Error {
  // The ErrorCode enum's values are the error texts themselves ("#VALUE!", …).
  const code = e.code as unknown as CustomFunctions.ErrorCode;
  const withMessage = e.code === "#VALUE!" || e.code === "#N/A";
  return withMessage ? new CustomFunctions.Error(code, errorMessage(e)) : new CustomFunctions.Error(code);
}

type ExcelCell = number | string | boolean | CustomFunctions.Error;

/** A single-cell result for Excel: the value, or a thrown CustomFunctions.Error. */
export function toExcelScalar(r: Result): number | string | boolean {
  const v = Array.isArray(r) && r.length === 1 && r[0]!.length === 1 ? r[0]![0]! : r;
  if (Array.isArray(v)) throw toCustomError({ kind: "error", code: "#VALUE!" });
  if (isError(v)) throw toCustomError(v);
  return v ?? "";
}

/** A spilling result for Excel: always a 2-D array; errors inside it are CustomFunctions.Error. */
export function toExcelMatrix(r: Result): ExcelCell[][] {
  if (!Array.isArray(r)) {
    if (isError(r)) throw toCustomError(r);
    return [[r ?? ""]];
  }
  if (r.length === 1 && r[0]!.length === 1) {
    const v = r[0]![0]!;
    if (isError(v)) throw toCustomError(v);
    return [[v ?? ""]];
  }
  // Rewrite in place, and only the cells that need it: a million-cell result is not copied.
  for (const row of r) {
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") continue;
      if (v === null || v === undefined) row[c] = "";
      else if (isError(v)) row[c] = toCustomError(v) as unknown as CellValue;
    }
  }
  return r as unknown as ExcelCell[][];
}
