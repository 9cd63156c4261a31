/**
 * Test bed for SMART validation: builds RawTable objects (headers + rows) the way a port
 * would hand them to the core, from rows written as { key: value } objects.
 */
import type { CellValue } from "../../../src/core/cells";
import { serialFromYmd } from "../../../src/core/dates";
import { TABLES, type RawTable, type RawTables, type TableName } from "../../../src/core/schema";

export type Row = Record<string, CellValue>;

/** Serial of a date: d(2026, 1, 1). */
export const d = serialFromYmd;

/**
 * A raw table with the given headers (canonical keys are turned into their English
 * headers; other strings are used as typed) and rows given as objects keyed the same way.
 */
export function rawTable(name: TableName, headers: readonly string[], rows: readonly Row[], headerRow = 1, lang: "en" | "zh" = "en"): RawTable {
  const header = (k: string) => TABLES[name].columns.find((c) => c.key === k)?.[lang] ?? k;
  return {
    name,
    sheet: TABLES[name].sheet.en,
    headerRow,
    firstCol: 1,
    headers: headers.map(header),
    rows: rows.map((r) => headers.map((h) => r[h] ?? null)),
  };
}

/** All keys of a table, in schema order (the template's columns). */
export function keysOf(name: TableName): string[] {
  return TABLES[name].columns.map((c) => c.key);
}

/** A raw table with every schema column. */
export function fullTable(name: TableName, rows: readonly Row[], headerRow = 1): RawTable {
  return rawTable(name, keysOf(name), rows, headerRow);
}

/** A goal that meets every rule (override what a test needs). Growth 6M / 5M − 1 = 20%. */
export function goal(over: Row = {}): Row {
  return {
    GoalID: "G-001", Goal: "East region revenue FY2026", Objective: "Grow the core regions", Metric: "Revenue",
    Unit: "CNY", Direction: "higher", Baseline: 5_000_000, Target: 6_000_000,
    Start: d(2026, 1, 1), End: d(2026, 12, 31), Owner: "Wang Wei", ...over,
  };
}

/** An action that meets every rule. */
export function action(over: Row = {}): Row {
  return {
    ActionID: "A-001", GoalID: "G-001", Action: "Weekly key-account visits", Owner: "Wang Wei",
    Start: d(2026, 1, 5), Due: d(2026, 6, 30), Status: "In progress", ...over,
  };
}

/** A risk that meets every rule. */
export function risk(over: Row = {}): Row {
  return { RiskID: "R-001", GoalID: "G-001", Risk: "Key account churn", Likelihood: 2, Impact: 4, ...over };
}

/** An actual that meets every rule. */
export function actual(over: Row = {}): Row {
  return { Date: d(2026, 2, 3), Metric: "Revenue", Value: 120_000, ...over };
}

/** A phasing profile from twelve weights. */
export function profile(name: string, weights: readonly CellValue[]): Row {
  const r: Row = { Profile: name };
  ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"].forEach((m, i) => (r[m] = weights[i] ?? null));
  return r;
}

/** A plan from row lists; a table left out is absent from the workbook. */
export function plan(p: {
  targets?: readonly Row[]; actuals?: readonly Row[]; actions?: readonly Row[]; risks?: readonly Row[];
  phasing?: readonly Row[]; settings?: readonly Row[];
}): RawTables {
  const t: RawTables = {};
  if (p.targets) t.PlanTargets = fullTable("PlanTargets", p.targets);
  if (p.actuals) t.PlanActuals = fullTable("PlanActuals", p.actuals);
  if (p.actions) t.PlanActions = fullTable("PlanActions", p.actions);
  if (p.risks) t.PlanRisks = fullTable("PlanRisks", p.risks);
  if (p.phasing) t.PlanPhasing = fullTable("PlanPhasing", p.phasing);
  if (p.settings) t.PlanSettings = fullTable("PlanSettings", p.settings);
  return t;
}
