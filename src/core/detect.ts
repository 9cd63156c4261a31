/**
 * Reading a user's own sheet (plan-workbook.md, "Converting a sheet"): which row holds the
 * headers, which header is which plan column (with a confidence), which kind of plan table
 * the sheet is, and which language its headers are in.
 */
import { type CellValue, cellText, isBlank } from "./cells";
import { isError } from "./errors";
import { type TableName, TABLES, normalizeHeader } from "./schema";

/** The kinds of sheet `convert --as` accepts, and their plan tables. */
export type ConvertKind = "targets" | "actuals" | "actions" | "risks";
export const CONVERT_KINDS: readonly ConvertKind[] = ["targets", "actuals", "actions", "risks"];
export const TABLE_OF_KIND: Readonly<Record<ConvertKind, TableName>> = {
  targets: "PlanTargets", actuals: "PlanActuals", actions: "PlanActions", risks: "PlanRisks",
};

/** The convert kind of a `--as` word (case-insensitive; the table name is accepted too), or null. */
export function parseConvertKind(text: string): ConvertKind | null {
  const s = text.trim().toLowerCase();
  for (const k of CONVERT_KINDS) if (s === k || s === TABLE_OF_KIND[k].toLowerCase()) return k;
  return null;
}

/**
 * Confidence of a header match: the key's own header exactly as the template writes it,
 * the key's header once case, spaces, `_` and full-width forms are ignored, and an alias.
 */
export const CONFIDENCE = { exact: 1, normalized: 0.9, alias: 0.8 } as const;

/** How one header matched a key. */
export interface HeaderMatch {
  key: string;
  confidence: number;
}

/** The key a header names in `table` (its English or Chinese header, or an alias), with a confidence; null when none. */
export function matchHeader(table: TableName, header: string): HeaderMatch | null {
  const h = normalizeHeader(header);
  if (h === "") return null;
  const trimmed = header.trim();
  let best: HeaderMatch | null = null;
  for (const c of TABLES[table].columns) {
    let conf = 0;
    if (trimmed === c.en || trimmed === c.zh) conf = CONFIDENCE.exact;
    else if (normalizeHeader(c.en) === h || normalizeHeader(c.zh) === h) conf = CONFIDENCE.normalized;
    else if (c.aliases.some((a) => normalizeHeader(a) === h)) conf = CONFIDENCE.alias;
    // A key's own header outranks another key's alias (`Due` is End's alias but Due's header in PlanActions).
    if (conf > 0 && (best === null || conf > best.confidence)) best = { key: c.key, confidence: conf };
  }
  return best;
}

/** One column of a header row and the key it maps to (null: unmapped). */
export interface ColumnMapping {
  /** 0-based position in the header row given. */
  index: number;
  header: string;
  key: string | null;
  confidence: number;
}

/** Maps a header row to `table`'s keys: each key is used at most once, the first column naming it wins. */
export function mapHeaderRow(table: TableName, headers: readonly CellValue[]): ColumnMapping[] {
  const used = new Set<string>();
  return headers.map((v, index) => {
    const header = headerText(v);
    const m = matchHeader(table, header);
    if (m && !used.has(m.key)) {
      used.add(m.key);
      return { index, header, key: m.key, confidence: m.confidence };
    }
    return { index, header, key: null, confidence: 0 };
  });
}

/** A header cell's text: text trimmed, numbers and booleans as Excel shows them, blanks and errors empty. */
export function headerText(v: CellValue | undefined): string {
  if (isBlank(v) || isError(v)) return "";
  return typeof v === "string" ? v.trim() : cellText(v);
}

/** The number of required keys of `table` a mapping covers. */
export function requiredMapped(table: TableName, mapping: readonly ColumnMapping[]): number {
  const keys = new Set(mapping.map((m) => m.key));
  return TABLES[table].columns.filter((c) => c.required && keys.has(c.key)).length;
}

/**
 * The table kind of a header row: the one with the most required keys mapped; a tie goes to
 * the one with more columns mapped, then to the first of targets, actuals, actions, risks.
 */
export function guessKind(headers: readonly CellValue[]): ConvertKind {
  let best: ConvertKind = "targets";
  let bestReq = -1;
  let bestAll = -1;
  for (const k of CONVERT_KINDS) {
    const mapping = mapHeaderRow(TABLE_OF_KIND[k], headers);
    const req = requiredMapped(TABLE_OF_KIND[k], mapping);
    const all = mapping.filter((m) => m.key !== null).length;
    if (req > bestReq || (req === bestReq && all > bestAll)) {
      best = k;
      bestReq = req;
      bestAll = all;
    }
  }
  return best;
}

/** A grid of cells with the worksheet position of its top-left cell (a used range). */
export interface CellGrid {
  origin: { row: number; col: number };
  values: readonly (readonly CellValue[])[];
}

/** The rows among which the header row is looked for: the first 20 of the worksheet. */
export const HEADER_SEARCH_ROWS = 20;

/** The header row found: its worksheet row, the table kind and the mapping of its cells. */
export interface HeaderDetection {
  /** 1-based worksheet row. */
  row: number;
  kind: ConvertKind;
  table: TableName;
  /** One entry per column of the grid, index 0 = grid column origin.col. */
  mapping: ColumnMapping[];
}

/**
 * The header row of a sheet: among worksheet rows 1–20, the row with the most cells that map
 * to one table's keys (only `kind`'s table when given); the earliest wins a tie. Null when no
 * row has a single mapped cell.
 */
export function detectHeader(grid: CellGrid, kind?: ConvertKind): HeaderDetection | null {
  const kinds = kind ? [kind] : CONVERT_KINDS;
  let bestRow = -1;
  let bestScore = 0;
  const last = Math.min(HEADER_SEARCH_ROWS, grid.origin.row + grid.values.length - 1);
  for (let r = grid.origin.row; r <= last; r++) {
    const cells = grid.values[r - grid.origin.row] ?? [];
    let score = 0;
    for (const k of kinds) score = Math.max(score, mapHeaderRow(TABLE_OF_KIND[k], cells).filter((m) => m.key !== null).length);
    if (score > bestScore) {
      bestScore = score;
      bestRow = r;
    }
  }
  if (bestRow < 0) return null;
  const cells = grid.values[bestRow - grid.origin.row] ?? [];
  const k = kind ?? guessKind(cells);
  return { row: bestRow, kind: k, table: TABLE_OF_KIND[k], mapping: mapHeaderRow(TABLE_OF_KIND[k], cells) };
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const LATIN = /[A-Za-z]/;

/** The language of a sheet's headers: Chinese when more headers hold CJK characters than Latin letters. */
export function headerLanguage(headers: readonly string[]): "en" | "zh-CN" {
  let zh = 0;
  let en = 0;
  for (const h of headers) {
    if (CJK.test(h)) zh++;
    else if (LATIN.test(h)) en++;
  }
  return zh > en ? "zh-CN" : "en";
}

const TOTAL_WORDS = new Set(["total", "totals", "subtotal", "sub-total", "grandtotal", "合计", "总计", "小计", "总合计", "共计"]);

/** True when a text is a totals label (`Total`, `Subtotal`, `Grand total`, `合计`, `总计`, `小计`; a trailing colon allowed). */
export function isTotalsLabel(text: string): boolean {
  return TOTAL_WORDS.has(normalizeHeader(text).replace(/[:：]+$/, ""));
}

/** True when a row is a totals row: its first non-blank cell is a totals label. */
export function isTotalsRow(cells: readonly CellValue[]): boolean {
  const first = cells.find((v) => !isBlank(v));
  return typeof first === "string" && isTotalsLabel(first);
}
