/**
 * Insert the plan template (task pane "Plan" page, `salesplan template`): the six plan
 * tables on their own sheets, empty or holding the sample plan. A workbook that already has
 * a plan (a PlanTargets table) is refused; plan tables the workbook already has (say, actuals
 * converted earlier) are kept and not inserted again; a sheet name in use gets a new name
 * (`Targets (2)`), so no existing sheet is ever overwritten.
 *
 * Port calls: readPlanTablesAndSheets, then applySheetSpecs with every sheet and the selection
 * (on Office.js: a fixed few syncs, plus one per ~4 MB of data).
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
  const { tables: existing, sheets } = await port.readPlanTablesAndSheets();
  if (existing.PlanTargets) return { ok: false, error: { key: "plan.template.hasPlan", params: { sheet: existing.PlanTargets.sheet } } };
  const kept = (Object.keys(existing) as TableName[]).filter((k) => existing[k] !== undefined);
  const sample = opts.sample ? samplePlan(opts.today ?? todaySerial(), opts.lang) : undefined;
  const specs = templateSheets({
    lang: opts.lang,
    fiscalStartMonth: opts.fiscalStartMonth,
    sample,
    currency: sample ? t(opts.lang, "plan.sample.currency") : undefined,
    existingSheets: sheets.map((s) => s.name),
    skip: kept,
  });
  // All sheets in one write (one Excel.run on Office.js), ending on A2 of the first.
  const first = specs[0]?.spec.name;
  await port.applySheetSpecs(specs.map((s) => s.spec), first === undefined ? {} : { activate: first, select: { sheet: first, address: "A2" } });
  return { ok: true, sheets: specs.map((s) => ({ table: s.table, sheet: s.spec.name })), kept };
}
