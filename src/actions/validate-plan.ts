/**
 * Validate the plan (task pane "Validate" page, ribbon "Check plan", `salesplan validate`):
 * reads the plan tables in one port call, runs the SMART and data rules of smart.md
 * (core/smart), and writes each goal's SMART score (0–5) into the `SMART` column of
 * PlanTargets with a three-icon set, adding the column when absent and touching no other
 * cell. The CLI runs it with `writeScores: false` (validate never writes the file).
 *
 * Also here, for the page and the CLI alike: where a finding points (`findingAddress`, the
 * cell to select) and the findings grouped by goal (`groupFindings`).
 */
import type { Msg } from "../core/errors";
import { asText } from "../core/cells";
import { type RawTable, type RawTables, columnForHeader, columnLetter } from "../core/schema";
import type { SpecCell } from "../core/sheets/spec";
import {
  type Finding, type GoalScore, type PlanValidation, type Severity, type ValidationReport,
  renderValidation, validatePlan,
} from "../core/smart";
import { type Lang, render } from "../i18n";
import type { WorkbookPort } from "../ports/types";

/** Header of the column validation owns in PlanTargets (smart.md). */
export const SMART_HEADER = "SMART";
/** The icon set on the SMART column: red below 3, amber 3–4, green at 5. */
export const SMART_ICONS = { value1: 3, value2: 5 } as const;

export interface ValidatePlanOptions {
  /** Language of the rendered messages; default: the workbook's Language setting. */
  lang?: Lang;
  /** Write the scores into PlanTargets' SMART column (default true; the CLI passes false). */
  writeScores?: boolean;
}

/** Counts for the page's summary. */
export interface ValidationSummary {
  /** Goals checked (non-blank PlanTargets rows). */
  goals: number;
  errors: number;
  warnings: number;
  infos: number;
  /** scoreDistribution[s] = number of goals whose SMART score is s (0–5). */
  scoreDistribution: number[];
}

export type ValidatePlanResult =
  | {
      ok: true;
      validation: PlanValidation;
      /** The findings with their messages rendered (the JSON of cli.md without `file`). */
      report: ValidationReport;
      summary: ValidationSummary;
      /** Whether the SMART column was written. */
      wrote: boolean;
      /** Why writing the scores failed (validation itself succeeded), when it did. */
      writeError?: Msg;
      /** The tables as read, for findingAddress. */
      tables: RawTables;
    }
  | { ok: false; error: Msg };

/** Validates the plan behind `port` and (unless `writeScores` is false) writes the SMART scores. */
export async function validatePlanAction(port: WorkbookPort, opts: ValidatePlanOptions = {}): Promise<ValidatePlanResult> {
  const tables = await port.readPlanTables();
  const targets = tables.PlanTargets;
  if (!targets) return { ok: false, error: { key: "validate.noPlan" } };
  const validation = validatePlan(tables, opts.lang);
  const report = renderValidation(validation);
  const summary = summarize(validation);
  if (opts.writeScores === false) return { ok: true, validation, report, summary, wrote: false, tables };
  try {
    await port.writeTableColumn("PlanTargets", SMART_HEADER, scoreColumn(targets, validation.scores), { iconSet3: { ...SMART_ICONS } });
  } catch (e) {
    return { ok: true, validation, report, summary, wrote: false, writeError: { key: "validate.writeFailed", params: { reason: errorText(e, validation.lang) } }, tables };
  }
  return { ok: true, validation, report, summary, wrote: true, tables };
}

/** A port's error as one line: its own localized message when it carries one (ExcelPortError's `msg`), else its text. */
function errorText(e: unknown, lang: Lang): string {
  const msg = (e as { msg?: unknown } | null)?.msg;
  if (typeof msg === "object" && msg !== null && typeof (msg as Msg).key === "string") return render(lang, msg as Msg);
  return (e instanceof Error ? e.message : String(e)).split("\n")[0]!.trim();
}

/** The SMART column's cells in data-row order: each goal's score, null (left blank) for a blank row. */
export function scoreColumn(targets: RawTable, scores: readonly GoalScore[]): SpecCell[] {
  const byRow = new Map<number, number>();
  for (const s of scores) byRow.set(s.row, s.score);
  return targets.rows.map((_, i) => {
    const score = byRow.get(targets.headerRow + 1 + i);
    return score === undefined ? null : { t: "n", v: score };
  });
}

/** Goals, findings by severity and the SMART score distribution of a validation. */
export function summarize(v: PlanValidation): ValidationSummary {
  const count: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of v.findings) count[f.severity]++;
  const scoreDistribution = [0, 0, 0, 0, 0, 0];
  for (const s of v.scores) scoreDistribution[s.score] = (scoreDistribution[s.score] ?? 0) + 1;
  return { goals: v.goals, errors: count.error, warnings: count.warning, infos: count.info, scoreDistribution };
}

/** Canonical key → 0-based column of a raw table (the first matching header wins, as bindTable does); cached per table. */
const columnIndexCache = new WeakMap<RawTable, ReadonlyMap<string, number>>();
function columnIndex(raw: RawTable): ReadonlyMap<string, number> {
  let index = columnIndexCache.get(raw);
  if (!index) {
    const m = new Map<string, number>();
    raw.headers.forEach((h, i) => {
      const c = columnForHeader(raw.name, h);
      if (c && !m.has(c.key)) m.set(c.key, i);
    });
    index = m;
    columnIndexCache.set(raw, index);
  }
  return index;
}

/**
 * The cell to select for a finding: its table's sheet and the A1 address of its row and
 * column. A finding about a missing column (D7, at the header row) points at the table's
 * first header cell. Null when the finding's table is not in the workbook (nothing to select).
 */
export function findingAddress(
  tables: RawTables, finding: Pick<Finding, "table" | "row" | "column">,
): { sheet: string; address: string } | null {
  const raw = tables[finding.table];
  if (!raw) return null;
  const i = finding.column === null ? undefined : columnIndex(raw).get(finding.column);
  const row = finding.row > 0 ? finding.row : raw.headerRow;
  return { sheet: raw.sheet, address: columnLetter(raw.firstCol + (i ?? 0)) + String(row) };
}

/** A sheet-qualified address as Excel writes it (`Targets!C7`, `'My plan'!C7`). */
export function qualifiedAddress(a: { sheet: string; address: string }): string {
  const plain = /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(a.sheet) && !/^[A-Za-z]{1,3}\d+$/.test(a.sheet) && !/^[RrCc]\d*$/.test(a.sheet);
  return `${plain ? a.sheet : `'${a.sheet.replace(/'/g, "''")}'`}!${a.address}`;
}

/** One goal with its score and the findings that belong to it. */
export interface GoalGroup<F> {
  goalId: string | null;
  row: number;
  score: number;
  unmet: GoalScore["unmet"];
  findings: F[];
}

/** Goal IDs compare as validation compares them: trimmed, ignoring case and width. */
function idKey(id: string | null): string | null {
  const s = asText(id);
  return s === null ? null : s.normalize("NFKC").toLowerCase();
}

/**
 * Findings grouped by goal, in PlanTargets order: a goal's own row's findings, then the
 * findings of other tables' rows that name it (actions, risks). `other` keeps the rest, in
 * order: whole-table findings, actuals, and rows naming no goal of the plan. With duplicate
 * Goal IDs, other tables' rows go to the ID's first row (the one validation refers to).
 */
export function groupFindings<F extends Pick<Finding, "table" | "row" | "goalId">>(
  scores: readonly GoalScore[], findings: readonly F[],
): { goals: GoalGroup<F>[]; other: F[] } {
  const goals: GoalGroup<F>[] = scores.map((s) => ({ goalId: s.goalId, row: s.row, score: s.score, unmet: s.unmet, findings: [] }));
  const byRow = new Map<number, GoalGroup<F>>();
  const byId = new Map<string, GoalGroup<F>>();
  for (const g of goals) {
    byRow.set(g.row, g);
    const k = idKey(g.goalId);
    if (k !== null && !byId.has(k)) byId.set(k, g);
  }
  const other: F[] = [];
  for (const f of findings) {
    const k = idKey(f.goalId);
    const g = f.table === "PlanTargets" ? byRow.get(f.row) : k !== null ? byId.get(k) : undefined;
    if (g) g.findings.push(f);
    else other.push(f);
  }
  return { goals, other };
}
