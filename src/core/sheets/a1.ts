/**
 * A1 addresses and ranges, and moving a formula to another row the way Excel's copy and
 * paste does (relative row references follow the cell; `$` rows stay).
 */
import { columnLetter } from "../schema";
import type { CellRange } from "./spec";

/** Excel's grid: 1,048,576 rows and 16,384 columns (XFD). */
export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

/** 1-based column number of column letters (`A` → 1, `AA` → 27), or null when not letters. */
export function columnNumber(letters: string): number | null {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) return null;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n <= MAX_COLS ? n : null;
}

/** A1 address of a 1-based row and column. */
export function a1(row: number, col: number): string {
  return columnLetter(col) + String(row);
}

/** The row and column of an A1 address (`$` allowed), or null when it is not one. */
export function parseA1(address: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(address.trim());
  if (!m) return null;
  const col = columnNumber(m[1]!);
  const row = Number(m[2]);
  return col !== null && row >= 1 && row <= MAX_ROWS ? { row, col } : null;
}

/** A1 text of a range (`B2:D9`, or `B2` for one cell). */
export function rangeA1(r: CellRange): string {
  const tl = a1(r.row, r.col);
  return r.rows === 1 && r.cols === 1 ? tl : `${tl}:${a1(r.row + r.rows - 1, r.col + r.cols - 1)}`;
}

/** The range of an A1 reference (`B2:D9` or `B2`), or null. */
export function parseRangeA1(ref: string): CellRange | null {
  const [a, b] = ref.split(":");
  const p = parseA1(a ?? "");
  const q = b === undefined ? p : parseA1(b);
  if (!p || !q) return null;
  const row = Math.min(p.row, q.row);
  const col = Math.min(p.col, q.col);
  return { row, col, rows: Math.abs(q.row - p.row) + 1, cols: Math.abs(q.col - p.col) + 1 };
}

/** True when the two ranges share a cell. */
export function rangesIntersect(a: CellRange, b: CellRange): boolean {
  return a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;
}

/** True when (row, col) lies in the range. */
export function inRange(r: CellRange, row: number, col: number): boolean {
  return row >= r.row && row < r.row + r.rows && col >= r.col && col < r.col + r.cols;
}

const NAME_CHAR = /[A-Za-z0-9_.\\]/;

/**
 * The formula as Excel would write it after copying its cell `delta` rows down (up when
 * negative): relative row references (`B7`, `B7:C9`, `7:9`) move, `$` rows do not, structured
 * references, names, strings and function names are untouched; a reference pushed off the
 * grid becomes `#REF!`.
 */
export function shiftFormulaRows(formula: string, delta: number): string {
  if (delta === 0) return formula;
  let out = "";
  let i = 0;
  const n = formula.length;
  const shift = (abs: string, row: number): string | null => {
    if (abs === "$") return `$${row}`;
    const r = row + delta;
    return r >= 1 && r <= MAX_ROWS ? String(r) : null;
  };
  while (i < n) {
    const ch = formula[i]!;
    if (ch === '"') {
      // a string literal, with "" as an escaped quote
      let j = i + 1;
      while (j < n) {
        if (formula[j] === '"') {
          if (formula[j + 1] === '"') j += 2;
          else break;
        } else j++;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === "'") {
      // a quoted sheet name, with '' as an escaped quote
      let j = i + 1;
      while (j < n) {
        if (formula[j] === "'") {
          if (formula[j + 1] === "'") j += 2;
          else break;
        } else j++;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === "[") {
      // a structured reference: copy it whole, nested brackets included ('-escapes inside)
      let depth = 0;
      let j = i;
      while (j < n) {
        const c = formula[j]!;
        if (c === "'") j += 2;
        else {
          if (c === "[") depth++;
          else if (c === "]") depth--;
          j++;
          if (depth === 0) break;
        }
      }
      out += formula.slice(i, j);
      i = j;
      continue;
    }
    const prev = i > 0 ? formula[i - 1]! : "";
    if (!NAME_CHAR.test(prev)) {
      const rest = formula.slice(i);
      // A cell reference: $A$1, A1, $A1, A$1
      const cm = /^(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})/.exec(rest);
      if (cm) {
        const after = rest[cm[0].length] ?? "";
        const col = columnNumber(cm[2]!);
        const row = Number(cm[4]);
        if (col !== null && row >= 1 && row <= MAX_ROWS && !/[A-Za-z0-9_(.!]/.test(after)) {
          const r = shift(cm[3]!, row);
          out += r === null ? "#REF!" : `${cm[1]}${cm[2]}${r}`;
          i += cm[0].length;
          continue;
        }
      }
      // A whole-row reference: 7:9, $7:$9
      const rm = /^(\$?)(\d{1,7}):(\$?)(\d{1,7})/.exec(rest);
      if (rm) {
        const after = rest[rm[0].length] ?? "";
        const r1 = Number(rm[2]);
        const r2 = Number(rm[4]);
        if (r1 >= 1 && r2 >= 1 && r1 <= MAX_ROWS && r2 <= MAX_ROWS && !/[A-Za-z0-9_(.]/.test(after)) {
          const s1 = shift(rm[1]!, r1);
          const s2 = shift(rm[3]!, r2);
          out += s1 === null || s2 === null ? "#REF!" : `${s1}:${s2}`;
          i += rm[0].length;
          continue;
        }
      }
      // A name or function: copy the whole word so its digits are not read as a row
      const wm = /^[A-Za-z_\\][A-Za-z0-9_.\\]*/.exec(rest);
      if (wm) {
        out += wm[0];
        i += wm[0].length;
        continue;
      }
      const nm = /^\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(rest);
      if (nm) {
        out += nm[0];
        i += nm[0].length;
        continue;
      }
    }
    out += ch;
    i++;
  }
  return out;
}
