/**
 * Test bed for reviews: plan tables as a port hands them to the core, written as rows of
 * { key: value } objects (keys are canonical column keys; headers are the English ones
 * unless a test asks for Chinese).
 */
import type { CellValue } from "../../../src/core/cells";
import { serialFromYmd } from "../../../src/core/dates";
import { isError, type ErrorValue } from "../../../src/core/errors";
import { TABLES, type RawTable, type RawTables, type TableName } from "../../../src/core/schema";
import { buildReview, type Review, type ReviewGoal, type ReviewOptions } from "../../../src/core/review/engine";

export type Row = Record<string, CellValue>;

/** Serial of a date: d(2026, 7, 1). */
export const d = serialFromYmd;

/** A raw table holding every column of `name` (English or Chinese headers) and the rows. */
export function table(name: TableName, rows: readonly Row[], lang: "en" | "zh" = "en"): RawTable {
  const cols = TABLES[name].columns;
  return {
    name,
    sheet: TABLES[name].sheet.en,
    headerRow: 1,
    firstCol: 1,
    headers: cols.map((c) => c[lang]),
    rows: rows.map((r) => cols.map((c) => (Object.prototype.hasOwnProperty.call(r, c.key) ? r[c.key]! : null))),
  };
}

/** A plan from rows per table (PlanTargets and PlanActuals always present). */
export function plan(p: { targets: Row[]; actuals?: Row[]; actions?: Row[]; risks?: Row[]; phasing?: Row[]; settings?: Row[] }, lang: "en" | "zh" = "en"): RawTables {
  const out: RawTables = { PlanTargets: table("PlanTargets", p.targets, lang), PlanActuals: table("PlanActuals", p.actuals ?? [], lang) };
  if (p.actions) out.PlanActions = table("PlanActions", p.actions, lang);
  if (p.risks) out.PlanRisks = table("PlanRisks", p.risks, lang);
  if (p.phasing) out.PlanPhasing = table("PlanPhasing", p.phasing, lang);
  if (p.settings) out.PlanSettings = table("PlanSettings", p.settings, lang);
  return out;
}

/** A Revenue goal (higher, CNY) over `start..end` (override what a test needs). */
export function goal(over: Row = {}): Row {
  return { GoalID: "G-001", Goal: "Revenue", Metric: "Revenue", Unit: "CNY", Target: 100, Start: d(2026, 7, 1), End: d(2026, 9, 30), ...over };
}

/** An actual of `value` on `date` (Revenue unless given). */
export function actual(date: CellValue, value: CellValue, over: Row = {}): Row {
  return { Date: date, Metric: "Revenue", Value: value, ...over };
}

/** The review, failing the test when it is an error. */
export function review(tables: RawTables, opts: ReviewOptions): Review {
  const r = buildReview(tables, opts);
  if (isError(r)) throw new Error(`review failed: ${r.code} ${r.msg?.key ?? ""}`);
  return r;
}

/** The review's goal with this ID. */
export function goalOf(r: Review, id: string): ReviewGoal {
  const g = r.goals.find((x) => x.goalId === id);
  if (!g) throw new Error(`no goal ${id} in the review (have ${r.goals.map((x) => x.goalId).join(", ")})`);
  return g;
}

/** The error of a result that should be one. */
export function errorOf(v: unknown): ErrorValue {
  if (!isError(v)) throw new Error("expected an error value");
  return v;
}

/** A weights row of PlanPhasing: profile name and Jan … Dec. */
export function profile(name: string, weights: readonly CellValue[]): Row {
  const keys = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const r: Row = { Profile: name };
  keys.forEach((k, i) => (r[k] = weights[i] ?? null));
  return r;
}
