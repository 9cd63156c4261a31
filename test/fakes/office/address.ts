/**
 * A1 addresses and rectangles for the fake. Rectangles are 0-based (row 0 = worksheet row 1),
 * as Office.js reports rowIndex and columnIndex.
 * Docs: https://learn.microsoft.com/javascript/api/excel/excel.range (address, rowIndex, columnIndex)
 * and https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-ranges-get.
 */
import { officeError } from "./errors";

/** Excel's grid: 1,048,576 rows × 16,384 columns. */
export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

export interface Rect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/** 0-based column index of column letters ("A" → 0, "AA" → 26); -1 when not letters. */
export function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) {
    const c = ch.charCodeAt(0);
    if (c < 65 || c > 90) return -1;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

/** Column letters of a 0-based column index. */
export function colLetters(index: number): string {
  let s = "";
  for (let x = index + 1; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;
const COL = /^\$?([A-Za-z]{1,3})$/;
const ROW = /^\$?(\d{1,7})$/;

function bad(address: string): never {
  // Office.js rejects a malformed address with InvalidArgument.
  // https://learn.microsoft.com/javascript/api/excel/excel.errorcodes
  throw officeError("InvalidArgument", `The argument is invalid or missing or has an incorrect format: address "${address}".`);
}

function parseRef(ref: string, whole: string): Rect {
  const parts = ref.split(":");
  if (parts.length > 2 || parts.some((p) => p === "")) bad(whole);
  const [a, b = a] = parts as [string, string?] as [string, string];
  const ca = CELL.exec(a), cb = CELL.exec(b);
  if (ca && cb) {
    const c1 = colIndex(ca[1]!), c2 = colIndex(cb[1]!);
    const r1 = Number(ca[2]) - 1, r2 = Number(cb[2]) - 1;
    if (r1 < 0 || r2 < 0 || r1 >= MAX_ROWS || r2 >= MAX_ROWS || c1 < 0 || c2 < 0 || c1 >= MAX_COLS || c2 >= MAX_COLS) bad(whole);
    const row = Math.min(r1, r2), col = Math.min(c1, c2);
    return { row, col, rows: Math.abs(r2 - r1) + 1, cols: Math.abs(c2 - c1) + 1 };
  }
  if (parts.length === 2) {
    const ka = COL.exec(a), kb = COL.exec(b);
    if (ka && kb) {
      const c1 = colIndex(ka[1]!), c2 = colIndex(kb[1]!);
      if (c1 < 0 || c2 < 0 || c1 >= MAX_COLS || c2 >= MAX_COLS) bad(whole);
      return { row: 0, col: Math.min(c1, c2), rows: MAX_ROWS, cols: Math.abs(c2 - c1) + 1 };
    }
    const ra = ROW.exec(a), rb = ROW.exec(b);
    if (ra && rb) {
      const r1 = Number(ra[1]) - 1, r2 = Number(rb[1]) - 1;
      if (r1 < 0 || r2 < 0 || r1 >= MAX_ROWS || r2 >= MAX_ROWS) bad(whole);
      return { row: Math.min(r1, r2), col: 0, rows: Math.abs(r2 - r1) + 1, cols: MAX_COLS };
    }
  }
  return bad(whole);
}

/** Splits `Sheet1!A1:B2` / `'My sheet'!A1` into sheet name and rectangle; throws InvalidArgument. */
export function parseAddress(address: string): { sheet?: string; rect: Rect } {
  const s = address.trim();
  const m = /^(?:'((?:[^']|'')+)'|([^'!]+))!(.+)$/.exec(s);
  if (m) return { sheet: m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]!, rect: parseRef(m[3]!, address) };
  return { rect: parseRef(s, address) };
}

/** A1 text of a rectangle: `A1`, `A1:C3`, `A:B` for whole columns, `2:3` for whole rows. */
export function formatRect(r: Rect): string {
  if (r.row === 0 && r.rows === MAX_ROWS) return `${colLetters(r.col)}:${colLetters(r.col + r.cols - 1)}`;
  if (r.col === 0 && r.cols === MAX_COLS) return `${r.row + 1}:${r.row + r.rows}`;
  const a = `${colLetters(r.col)}${r.row + 1}`;
  return r.rows === 1 && r.cols === 1 ? a : `${a}:${colLetters(r.col + r.cols - 1)}${r.row + r.rows}`;
}

/** A sheet name as Excel writes it in an address: quoted when it is not a plain identifier. */
export function quoteSheet(name: string): string {
  const plain = /^[A-Za-z_\p{L}][\p{L}\p{N}_.]*$/u.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^[RrCc]\d*$/.test(name);
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}

export function sheetAddress(sheet: string, r: Rect): string {
  return `${quoteSheet(sheet)}!${formatRect(r)}`;
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;
}

export function contains(outer: Rect, inner: Rect): boolean {
  return inner.row >= outer.row && inner.col >= outer.col && inner.row + inner.rows <= outer.row + outer.rows && inner.col + inner.cols <= outer.col + outer.cols;
}

export function intersection(a: Rect, b: Rect): Rect | null {
  const row = Math.max(a.row, b.row), col = Math.max(a.col, b.col);
  const r2 = Math.min(a.row + a.rows, b.row + b.rows), c2 = Math.min(a.col + a.cols, b.col + b.cols);
  return r2 > row && c2 > col ? { row, col, rows: r2 - row, cols: c2 - col } : null;
}

export function boundingRect(a: Rect, b: Rect): Rect {
  const row = Math.min(a.row, b.row), col = Math.min(a.col, b.col);
  const r2 = Math.max(a.row + a.rows, b.row + b.rows), c2 = Math.max(a.col + a.cols, b.col + b.cols);
  return { row, col, rows: r2 - row, cols: c2 - col };
}

/**
 * Why `name` cannot be a worksheet name, or null when it can: at most 31 characters, none of
 * `[ ] : * ? / \`, not blank, not starting or ending with `'`, not the reserved "History".
 * Docs: https://learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-name-member
 * ("The name must be fewer than 32 characters") and Excel's rules for renaming a worksheet
 * (https://support.microsoft.com/office/rename-a-worksheet-3f1f7148-ee83-404d-8ef0-9ff99fbad1f9).
 */
export function sheetNameProblem(name: string): string | null {
  if (name.trim() === "") return "blank";
  if (name.length > 31) return "longer than 31 characters";
  if (/[[\]:*?/\\]/.test(name)) return "contains one of [ ] : * ? / \\";
  if (name.startsWith("'") || name.endsWith("'")) return "starts or ends with an apostrophe";
  if (name.toLowerCase() === "history") return "reserved name History";
  return null;
}

/** The parts of `a` outside `b` (up to four rectangles). */
export function subtractRect(a: Rect, b: Rect): Rect[] {
  const i = intersection(a, b);
  if (!i) return [a];
  const out: Rect[] = [];
  if (i.row > a.row) out.push({ row: a.row, col: a.col, rows: i.row - a.row, cols: a.cols });
  const bottom = i.row + i.rows;
  if (bottom < a.row + a.rows) out.push({ row: bottom, col: a.col, rows: a.row + a.rows - bottom, cols: a.cols });
  if (i.col > a.col) out.push({ row: i.row, col: a.col, rows: i.rows, cols: i.col - a.col });
  const right = i.col + i.cols;
  if (right < a.col + a.cols) out.push({ row: i.row, col: right, rows: i.rows, cols: a.col + a.cols - right });
  return out;
}
