/**
 * Converting between Office.js range data and the core's cell values, and between the core's
 * 1-based CellRange and A1 addresses.
 */
import { type CellValue, errorFromText } from "../../core/cells";
import { excelError } from "../../core/errors";
import { columnLetter } from "../../core/schema";
import type { CellRange, SpecCell } from "../../core/sheets/spec";
import { SHEET_NAME_MAX } from "../types";

/** The number format a date cell gets when the spec gives none. */
export const DEFAULT_DATE_FORMAT = "yyyy-mm-dd";

/** A1 address of a 1-based range (`B2:D9`, or `B2` for one cell). */
export function addressOf(r: CellRange): string {
  const tl = `${columnLetter(r.col)}${r.row}`;
  return r.rows === 1 && r.cols === 1 ? tl : `${tl}:${columnLetter(r.col + r.cols - 1)}${r.row + r.rows - 1}`;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** The 1-based range of an A1 reference (`B2`, `$B$2:D9`, with or without a sheet), or null. */
export function parseRef(ref: string): CellRange | null {
  const bang = ref.lastIndexOf("!");
  const body = (bang >= 0 ? ref.slice(bang + 1) : ref).trim();
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})(?::\$?([A-Za-z]{1,3})\$?(\d{1,7}))?$/.exec(body);
  if (!m) return null;
  const c1 = columnNumber(m[1]!), r1 = Number(m[2]);
  const c2 = m[3] ? columnNumber(m[3]) : c1, r2 = m[4] ? Number(m[4]) : r1;
  if (Math.min(r1, r2) < 1 || Math.max(r1, r2) > 1_048_576 || Math.max(c1, c2) > 16_384) return null;
  return { row: Math.min(r1, r2), col: Math.min(c1, c2), rows: Math.abs(r2 - r1) + 1, cols: Math.abs(c2 - c1) + 1 };
}

/** Splits a RangeAreas address ("S!A1:B2,'My, sheet'!C3") into its ranges. */
export function parseAreas(address: string): CellRange[] {
  const parts: string[] = [];
  let cur = "";
  let quoted = false;
  for (const ch of address) {
    if (ch === "'") quoted = !quoted;
    if (ch === "," && !quoted) {
      parts.push(cur);
      cur = "";
    } else cur += ch;
  }
  if (cur.trim() !== "") parts.push(cur);
  return parts.map((p) => parseRef(p.trim())).filter((r): r is CellRange => r !== null);
}

/** True when Excel would refuse `name` as a sheet name (types.ts: at most SHEET_NAME_MAX characters, none of `[]:*?/\`, no `'` at either end). */
export function isBadSheetName(name: string): boolean {
  return name.trim() === "" || name.length > SHEET_NAME_MAX || /[[\]:*?/\\]/.test(name) || name.startsWith("'") || name.endsWith("'");
}

/**
 * A cell as the core sees it, from Office.js `values` and `valueTypes`: errors (which `values`
 * reports as their text) become ErrorValue, empty cells null.
 * https://learn.microsoft.com/javascript/api/excel/excel.rangevaluetype
 */
export function cellFromApi(value: unknown, type: string | undefined): CellValue {
  switch (type) {
    case "Empty":
      return null;
    case "Error":
      return errorFromText(String(value)) ?? excelError("#VALUE!");
    case "Double":
      return typeof value === "number" ? value : Number(value);
    case "Boolean":
      return value === true || value === "TRUE";
    case "String":
      return String(value);
    default:
      if (typeof value === "number" || typeof value === "boolean") return value;
      if (typeof value === "string") return value === "" ? null : value;
      return null;
  }
}

/** True when a cell holds a formula: its `formulas` entry is `=…` text different from its value. */
export function isFormulaCell(formula: unknown, value: unknown): boolean {
  return typeof formula === "string" && formula.startsWith("=") && formula !== value;
}

/** What to write for a spec cell through Range.formulas (null leaves the cell as it is). */
export function inputOf(c: SpecCell): string | number | boolean | null {
  if (c === null) return null;
  switch (c.t) {
    case "s":
      return c.v;
    case "n":
    case "d":
      return c.v;
    case "b":
      return c.v;
    case "f":
      return c.f.startsWith("=") ? c.f : `=${c.f}`;
  }
}

/**
 * Office.js column widths are in points; spec widths are in characters of the default font.
 * Excel's width of n characters is n × 7 + 5 pixels (7-pixel digits plus padding), and a pixel
 * is 0.75 point. https://learn.microsoft.com/javascript/api/excel/excel.rangeformat#excel-excel-rangeformat-columnwidth-member
 */
export function pointsFromChars(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

/** Office.js horizontal alignment of a spec alignment. */
export function alignmentOf(h: "left" | "center" | "right"): "Left" | "Center" | "Right" {
  return h === "left" ? "Left" : h === "center" ? "Center" : "Right";
}
