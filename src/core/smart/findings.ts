/**
 * SMART findings (smart.md): what is wrong with one cell, row or column of a plan, and which
 * letter it counts against. In the core a finding's message is a Msg (key + parameters) so
 * that it can be shown in either language; renderFinding turns it into the sentence the
 * task pane, the CLI and the JSON carry.
 */
import type { Msg } from "../errors";
import type { TableName } from "../schema";
import { TABLE_NAMES } from "../schema";
import { render, type Lang } from "../../i18n";

/** The five SMART letters, in their order. */
export type SmartLetter = "S" | "M" | "A" | "R" | "T";
/** S, M, A, R, T in order (scores and PLAN.SMARTGAPS list unmet letters in this order). */
export const SMART_LETTERS: readonly SmartLetter[] = ["S", "M", "A", "R", "T"];

/** A finding's letter: a SMART letter, P (plan hygiene) or D (data in the other tables). */
export type Criterion = SmartLetter | "P" | "D";
/** Letter order of findings: S M A R T P D. */
export const CRITERIA: readonly Criterion[] = ["S", "M", "A", "R", "T", "P", "D"];

export type Severity = "error" | "warning" | "info";

/** Every code of smart.md. */
export type FindingCode =
  | "S1" | "S2" | "S3" | "M1" | "M2" | "M3" | "M4" | "A1" | "A2" | "A3" | "A4"
  | "R1" | "R2" | "R3" | "T1" | "T2" | "T3" | "P1" | "P2" | "P3" | "P4" | "P5" | "P6"
  | "D1" | "D2" | "D3" | "D4" | "D5" | "D6" | "D7" | "D8" | "D9";

/** Letter and severity of each code (the tables of smart.md). */
export const CODE_INFO: Readonly<Record<FindingCode, { criterion: Criterion; severity: Severity }>> = {
  S1: { criterion: "S", severity: "error" }, S2: { criterion: "S", severity: "warning" }, S3: { criterion: "S", severity: "warning" },
  M1: { criterion: "M", severity: "error" }, M2: { criterion: "M", severity: "error" }, M3: { criterion: "M", severity: "warning" },
  M4: { criterion: "M", severity: "warning" },
  A1: { criterion: "A", severity: "error" }, A2: { criterion: "A", severity: "warning" }, A3: { criterion: "A", severity: "warning" },
  A4: { criterion: "A", severity: "info" },
  R1: { criterion: "R", severity: "error" }, R2: { criterion: "R", severity: "error" }, R3: { criterion: "R", severity: "warning" },
  T1: { criterion: "T", severity: "error" }, T2: { criterion: "T", severity: "error" }, T3: { criterion: "T", severity: "warning" },
  P1: { criterion: "P", severity: "error" }, P2: { criterion: "P", severity: "warning" }, P3: { criterion: "P", severity: "error" },
  P4: { criterion: "P", severity: "warning" }, P5: { criterion: "P", severity: "warning" }, P6: { criterion: "P", severity: "warning" },
  D1: { criterion: "D", severity: "error" }, D2: { criterion: "D", severity: "error" }, D3: { criterion: "D", severity: "warning" },
  D4: { criterion: "D", severity: "error" }, D5: { criterion: "D", severity: "warning" }, D6: { criterion: "D", severity: "error" },
  D7: { criterion: "D", severity: "error" }, D8: { criterion: "D", severity: "error" }, D9: { criterion: "D", severity: "warning" },
};

/** A finding about one goal row, before it is placed in a table (what the row-local rules give). */
export interface RowFinding {
  code: FindingCode;
  criterion: Criterion;
  severity: Severity;
  /** Canonical key of the cell at fault. */
  column: string;
  message: Msg;
}

/** A finding of smart.md, its message still a Msg. */
export interface Finding {
  table: TableName;
  /** 1-based worksheet row; the header row for a finding about a whole column; 0 when the table itself is missing. */
  row: number;
  /** The goal the row belongs to; null for actuals, phasing rows and whole-table findings. */
  goalId: string | null;
  /** Canonical key of the column; null only when the whole table is missing. */
  column: string | null;
  criterion: Criterion;
  code: FindingCode;
  severity: Severity;
  message: Msg;
}

/** A finding with its message rendered: the shape of cli.md's `validate --json`. */
export interface RenderedFinding extends Omit<Finding, "message"> {
  message: string;
}

/** Makes a row finding of `code` (letter and severity from CODE_INFO). */
export function rowFinding(code: FindingCode, column: string, key: string, params?: Record<string, string | number>): RowFinding {
  const { criterion, severity } = CODE_INFO[code];
  return { code, criterion, severity, column, message: params ? { key, params } : { key } };
}

/** Places a row finding in a table row. */
export function placeFinding(f: RowFinding, table: TableName, row: number, goalId: string | null): Finding {
  return { table, row, goalId, column: f.column, criterion: f.criterion, code: f.code, severity: f.severity, message: f.message };
}

/** The finding with its message rendered in `lang`. */
export function renderFinding(lang: Lang, f: Finding): RenderedFinding {
  return { ...f, message: render(lang, f.message) };
}

const TABLE_ORDER = new Map<string, number>(TABLE_NAMES.map((n, i) => [n, i]));
const CRITERION_ORDER = new Map<string, number>(CRITERIA.map((c, i) => [c, i]));

/** Orders findings by table (schema order), row, criterion (S M A R T P D), code number; stable otherwise. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    (TABLE_ORDER.get(a.table) ?? 99) - (TABLE_ORDER.get(b.table) ?? 99) ||
    a.row - b.row ||
    (CRITERION_ORDER.get(a.criterion) ?? 99) - (CRITERION_ORDER.get(b.criterion) ?? 99) ||
    Number(a.code.slice(1)) - Number(b.code.slice(1))
  );
}

/** A number as messages show it: up to 12 significant digits, thousands separated by commas. */
export function fmtNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const rounded = Number(n.toPrecision(12));
  const [intPart = "0", frac] = Math.abs(rounded).toString().includes("e")
    ? [Math.abs(rounded).toString()]
    : Math.abs(rounded).toString().split(".");
  const grouped = intPart.includes("e") ? intPart : intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return (rounded < 0 ? "-" : "") + grouped + (frac ? "." + frac : "");
}

/** A ratio as a percentage for messages: 1.6 → "160", 0.505 → "50.5" (at most `decimals` decimals, default 1). */
export function fmtPct(ratio: number, decimals = 1): string {
  const f = 10 ** decimals;
  return fmtNumber(Math.round(ratio * 100 * f) / f);
}
