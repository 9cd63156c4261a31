/**
 * The plan template as sheet specs: one sheet per plan table (PlanTargets, PlanActuals,
 * PlanActions, PlanRisks, PlanPhasing, PlanSettings), headers in the chosen language, the
 * table at A1 with its header row frozen, warning-style list, score and date validations,
 * number formats, column widths, the risk Score as a formula, and PlanSettings filled with
 * the defaults. With a sample plan (core/sample) the tables hold its rows.
 */
import { type TableName, TABLES, TABLE_NAMES, DEFAULT_SETTINGS } from "../schema";
import type { SampleRow, SamplePlan } from "../sample";
import { type Lang, t } from "../../i18n";
import { type SheetSpec, type SpecCell, type SpecNumberFormat, type SpecValidation, rangeOf } from "./spec";
import { headerIn, numberFormatFor, riskScoreFormula, validationFor, widthFor } from "./columns";
import { uniqueSheetName } from "./names";

/** Rows below the header that validations and formats cover, so rows typed later get them too. */
export const DRESSED_ROWS = 500;
/** The table style of plan tables. */
export const PLAN_TABLE_STYLE = "TableStyleMedium2";

/** What to build. */
export interface TemplateOptions {
  lang: Lang;
  /** FiscalYearStartMonth written to PlanSettings (1–12; default 1). */
  fiscalStartMonth?: number;
  /** The sample plan's rows (core/sample `samplePlan`); without it the tables are empty. */
  sample?: SamplePlan;
  /** Display currency written to PlanSettings (the sample's currency); blank when absent. */
  currency?: string;
  /** Sheet names the workbook already has: a clash gets a new name (`Targets (2)`), never an existing sheet. */
  existingSheets?: readonly string[];
  /** Plan tables to leave out (the workbook already has them). */
  skip?: readonly TableName[];
}

/** A template sheet and the plan table it holds. */
export interface TemplateSheet {
  table: TableName;
  spec: SheetSpec;
}

/** The keys of PlanSettings, in the order the template lists them. */
export const SETTING_KEYS = ["FiscalYearStartMonth", "AtRiskThreshold", "MaxGrowth", "Language", "Currency"] as const;

/** The PlanSettings rows of a new plan: each setting with its default (FiscalYearStartMonth as given). */
export function settingsRows(lang: Lang, fiscalStartMonth: number, currency?: string): SampleRow[] {
  const value: Record<(typeof SETTING_KEYS)[number], SpecCell> = {
    FiscalYearStartMonth: { t: "n", v: fiscalStartMonth },
    AtRiskThreshold: { t: "n", v: DEFAULT_SETTINGS.atRiskThreshold },
    MaxGrowth: { t: "n", v: DEFAULT_SETTINGS.maxGrowth },
    Language: { t: "s", v: lang },
    Currency: currency ? { t: "s", v: currency } : null,
  };
  return SETTING_KEYS.map((k) => ({ Key: { t: "s", v: k }, Value: value[k], Description: { t: "s", v: t(lang, `plan.settings.${k}`) } }));
}

/** The sheet spec of one plan table at A1 with `rows` (at least one row, blank when there are none). */
export function planTableSpec(table: TableName, lang: Lang, sheetName: string, rows: readonly SampleRow[]): SheetSpec {
  const def = TABLES[table];
  const cols = def.columns.length;
  const blankRow: SampleRow = table === "PlanRisks" ? { Score: { t: "f", f: riskScoreFormula(lang) } } : {};
  const body = rows.length > 0 ? rows : [blankRow];
  const cells: SpecCell[][] = [
    def.columns.map((c) => ({ t: "s", v: headerIn(c, lang) })),
    ...body.map((r) => def.columns.map((c) => r[c.key] ?? null)),
  ];
  const dressed = Math.max(body.length, DRESSED_ROWS);
  const numberFormats: SpecNumberFormat[] = [];
  const validations: SpecValidation[] = [];
  const columnWidths: Record<number, number> = {};
  def.columns.forEach((c, i) => {
    const range = rangeOf(2, i + 1, dressed, 1);
    const fmt = numberFormatFor(table, c.key);
    if (fmt) numberFormats.push({ range, format: fmt });
    const v = validationFor(table, c.key, lang, range);
    if (v) validations.push(v);
    columnWidths[i + 1] = widthFor(table, c.key);
  });
  if (table === "PlanSettings") validations.push(...settingValidations(lang, body));
  return {
    name: sheetName,
    mode: "replace",
    columnWidths,
    blocks: [{ row: 1, col: 1, cells }],
    tables: [{ name: table, range: rangeOf(1, 1, body.length + 1, cols), style: PLAN_TABLE_STYLE }],
    numberFormats,
    validations,
    // Table styles make the header bold in Excel; LibreOffice and printouts need it said.
    styles: [{ range: rangeOf(1, 1, 1, cols), bold: true }],
    freeze: { rows: 1, cols: 0 },
  };
}

/** Validations of the PlanSettings Value cells whose setting has a range. */
function settingValidations(lang: Lang, rows: readonly SampleRow[]): SpecValidation[] {
  const out: SpecValidation[] = [];
  rows.forEach((r, i) => {
    const key = r.Key && r.Key.t === "s" ? r.Key.v : "";
    const range = rangeOf(2 + i, 2);
    if (key === "FiscalYearStartMonth") out.push({ range, kind: "whole", min: 1, max: 12, alert: "warning", prompt: t(lang, "plan.settings.FiscalYearStartMonth") });
    if (key === "AtRiskThreshold") out.push({ range, kind: "decimal", min: 0, max: 1, alert: "warning", prompt: t(lang, "plan.settings.AtRiskThreshold") });
    if (key === "MaxGrowth") out.push({ range, kind: "decimal", min: 0, max: 10, alert: "warning", prompt: t(lang, "plan.settings.MaxGrowth") });
    if (key === "Language") out.push({ range, kind: "list", values: ["en", "zh-CN"], alert: "warning", prompt: t(lang, "plan.settings.Language") });
  });
  return out;
}

/**
 * The template's sheets, in table order (Targets, Actuals, Actions, Risks, Phasing,
 * Settings), each named in the chosen language and renamed when the workbook has that name.
 */
export function templateSheets(opts: TemplateOptions): TemplateSheet[] {
  const taken = [...(opts.existingSheets ?? [])];
  const out: TemplateSheet[] = [];
  for (const table of TABLE_NAMES) {
    if (opts.skip?.includes(table)) continue;
    const def = TABLES[table];
    const name = uniqueSheetName(opts.lang === "zh-CN" ? def.sheet.zh : def.sheet.en, taken);
    taken.push(name);
    const rows =
      table === "PlanSettings"
        ? settingsRows(opts.lang, opts.fiscalStartMonth ?? DEFAULT_SETTINGS.fiscalYearStartMonth, opts.currency)
        : (opts.sample?.[table] ?? []);
    out.push({ table, spec: planTableSpec(table, opts.lang, name, rows) });
  }
  return out;
}
