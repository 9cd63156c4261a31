/**
 * How each plan column is dressed wherever SalesPlan writes a plan table (the template and a
 * converted sheet): its number format, its data validation (always Excel's warning style, so
 * free text and the other language can still be typed) and its width.
 */
import { PLAN_DATE_MAX, PLAN_DATE_MIN } from "../cells";
import { type ColumnDef, type TableName, TABLES } from "../schema";
import { type Lang, t } from "../../i18n";
import type { CellRange, SpecValidation } from "./spec";

/** The date format of every plan date column. */
export const DATE_FORMAT = "yyyy-mm-dd";
/** Money and counts. */
export const AMOUNT_FORMAT = "#,##0";

const AMOUNT_KEYS = new Set(["Baseline", "Target", "Value", "Budget"]);

/** The column definition of `key` in `table`. */
export function columnDef(table: TableName, key: string): ColumnDef | undefined {
  return TABLES[table].columns.find((c) => c.key === key);
}

/** The header of a column in a language. */
export function headerIn(c: ColumnDef, lang: Lang): string {
  return lang === "zh-CN" ? c.zh : c.en;
}

/** The number format of a plan column, or null to leave the cells' own format. */
export function numberFormatFor(table: TableName, key: string): string | null {
  const c = columnDef(table, key);
  if (!c) return null;
  if (c.type === "date") return DATE_FORMAT;
  if (c.type === "score" || c.type === "formula") return "0";
  // PlanSettings' Value holds 0.9 and 0.5 as well as 4: a thousands format would show them as 1.
  if (AMOUNT_KEYS.has(key) && table !== "PlanSettings") return AMOUNT_FORMAT;
  return null;
}

/** The data validation of a plan column over `range` (warning style), or null when it has none. */
export function validationFor(table: TableName, key: string, lang: Lang, range: CellRange): SpecValidation | null {
  const c = columnDef(table, key);
  if (!c) return null;
  if (c.list) {
    const values = c.list.map((v) => (lang === "zh-CN" ? v.zh : v.en));
    return { range, kind: "list", values, alert: "warning", prompt: t(lang, "plan.validation.list") };
  }
  if (c.type === "date") return { range, kind: "date", min: PLAN_DATE_MIN, max: PLAN_DATE_MAX, alert: "warning", prompt: t(lang, "plan.validation.date") };
  if (c.type === "score") return { range, kind: "whole", min: 1, max: 5, alert: "warning", prompt: t(lang, "plan.validation.score") };
  if (table === "PlanPhasing" && c.type === "number") return { range, kind: "decimal", min: 0, alert: "warning", prompt: t(lang, "plan.validation.weight") };
  return null;
}

const WIDE = new Set(["Goal", "Action", "Risk", "Objective", "Notes", "Resources", "Description", "Strategy"]);

/** Column width in characters of a plan column. */
export function widthFor(table: TableName, key: string): number {
  if (WIDE.has(key)) return table === "PlanSettings" ? 48 : 40;
  const c = columnDef(table, key);
  if (!c) return 14;
  if (c.type === "date") return 12;
  if (table === "PlanPhasing" && key !== "Profile") return 8;
  if (c.type === "score" || c.type === "formula") return 11;
  if (key === "Key") return 24;
  return 14;
}

/** The risk score formula of a PlanRisks row, in the long structured-reference form files store. */
export function riskScoreFormula(lang: Lang): string {
  const l = columnDef("PlanRisks", "Likelihood")!;
  const i = columnDef("PlanRisks", "Impact")!;
  return `=PlanRisks[[#This Row],[${escapeColumnName(headerIn(l, lang))}]]*PlanRisks[[#This Row],[${escapeColumnName(headerIn(i, lang))}]]`;
}

/** A column name inside a structured reference: `[`, `]`, `#` and `'` are escaped with `'`. */
export function escapeColumnName(name: string): string {
  return name.replace(/['[\]#]/g, (c) => `'${c}`);
}
