/**
 * Insert the plan template (task pane "Plan" page, `salesplan template`): the six plan
 * tables on their own sheets, empty or holding the sample plan. A workbook that already has
 * a plan (a PlanTargets table) is refused; plan tables the workbook already has (say, actuals
 * converted earlier) are kept and not inserted again; a sheet name in use gets a new name
 * (`Targets (2)`), so no existing sheet is ever overwritten.
 */
import type { Msg } from "../core/errors";
import { type TableName } from "../core/schema";
import { todaySerial } from "../core/dates";
import { samplePlan } from "../core/sample";
import { templateSheets } from "../core/sheets/template";
import { type Lang, t } from "../i18n";
import type { WorkbookPort } from "../ports/types";

export interface InsertTemplateOptions {
  lang: Lang;
  /** Fill the tables with the sample plan. */
  sample?: boolean;
  /** FiscalYearStartMonth in PlanSettings (1–12, default 1). */
  fiscalStartMonth?: number;
  /** "Today" as a serial, for the sample's dates (default: the machine's local date). */
  today?: number;
}

export type InsertTemplateResult =
  | { ok: true; sheets: { table: TableName; sheet: string }[]; kept: TableName[] }
  | { ok: false; error: Msg };

/** Inserts the plan template into the workbook behind `port`. */
export async function insertTemplate(port: WorkbookPort, opts: InsertTemplateOptions): Promise<InsertTemplateResult> {
  const existing = await port.readPlanTables();
  if (existing.PlanTargets) return { ok: false, error: { key: "plan.template.hasPlan", params: { sheet: existing.PlanTargets.sheet } } };
  const kept = (Object.keys(existing) as TableName[]).filter((k) => existing[k] !== undefined);
  const sheets = await port.listSheets();
  const sample = opts.sample ? samplePlan(opts.today ?? todaySerial(), opts.lang) : undefined;
  const specs = templateSheets({
    lang: opts.lang,
    fiscalStartMonth: opts.fiscalStartMonth,
    sample,
    currency: sample ? t(opts.lang, "plan.sample.currency") : undefined,
    existingSheets: sheets.map((s) => s.name),
    skip: kept,
  });
  for (const [i, s] of specs.entries()) await port.applySheetSpec(s.spec, { activate: i === 0 });
  const first = specs[0];
  if (first) await port.selectCell(first.spec.name, "A2");
  return { ok: true, sheets: specs.map((s) => ({ table: s.table, sheet: s.spec.name })), kept };
}
