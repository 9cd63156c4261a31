/**
 * Convert a user's own sheet into a plan table (task pane, `salesplan convert`), by the rules
 * of plan-workbook.md "Converting a sheet" (core/convert plans it; this applies it).
 *
 * `previewConversion` reads and plans without changing anything (the task pane shows the
 * mapping for the user to confirm or correct); `convertSheet` then keeps the original as a
 * hidden copy `<sheet> (original)` (unless the user opts out) and patches the sheet in place.
 */
import type { Msg } from "../core/errors";
import { type TableName, columnLetter } from "../core/schema";
import type { ConvertKind } from "../core/detect";
import { type ConvertPlan, planConversion } from "../core/convert";
import { copySheetName } from "../core/sheets/names";
import { type Lang, t } from "../i18n";
import type { WorkbookPort } from "../ports/types";

export interface ConvertSheetOptions {
  /** The sheet to convert; default: the first visible sheet that holds no plan table. */
  sheet?: string;
  kind?: ConvertKind;
  /** Fills an added Metric column (actuals default: Revenue, in the sheet's language). */
  metric?: string;
  /** The header row and mapping as the user confirmed or corrected them. */
  headerRow?: number;
  mapping?: Readonly<Record<number, string | null>>;
  /** Keep the original as a hidden copy (default true). */
  keepOriginal?: boolean;
  /** Language of the copy's name suffix (default en: ` (original)`). */
  lang?: Lang;
}

export type ConvertSheetResult =
  | { ok: true; plan: ConvertPlan; original: string | null }
  | { ok: false; error: Msg };

/** Reads the sheet and plans its conversion, changing nothing. */
export async function previewConversion(port: WorkbookPort, opts: ConvertSheetOptions = {}): Promise<ConvertSheetResult> {
  const r = await previewWith(port, opts);
  return r.ok ? { ok: true, plan: r.plan, original: null } : r;
}

/** previewConversion, also giving the workbook's sheet names as read (for the copy's name). */
async function previewWith(port: WorkbookPort, opts: ConvertSheetOptions): Promise<{ ok: true; plan: ConvertPlan; sheetNames: string[] } | { ok: false; error: Msg }> {
  const { sheets, tables } = await port.readPlanTablesAndSheets();
  const existingTables: Partial<Record<TableName, string>> = {};
  for (const [name, raw] of Object.entries(tables)) if (raw) existingTables[name as TableName] = raw.sheet;
  let sheet: string;
  if (opts.sheet !== undefined) {
    const found = sheets.find((s) => s.name.toLowerCase() === opts.sheet!.toLowerCase());
    if (!found) return { ok: false, error: { key: "plan.convert.noSheet", params: { sheet: opts.sheet } } };
    sheet = found.name;
  } else {
    const planSheets = new Set(Object.values(existingTables).map((s) => s.toLowerCase()));
    const found = sheets.find((s) => s.visible && !planSheets.has(s.name.toLowerCase()));
    if (!found) return { ok: false, error: { key: "plan.convert.noCandidate" } };
    sheet = found.name;
  }
  const contents = await port.readSheet(sheet);
  const outcome = planConversion(contents, {
    kind: opts.kind, metric: opts.metric, headerRow: opts.headerRow, mapping: opts.mapping, existingTables,
  });
  return outcome.ok ? { ok: true, plan: outcome.plan, sheetNames: sheets.map((s) => s.name) } : outcome;
}

/**
 * Converts the sheet: hidden copy of the original first, then the patch, then the first data
 * cell selected, in one write (applySheetSpecs: the copy is made before the sheet is touched and
 * stays if the patch fails).
 */
export async function convertSheet(port: WorkbookPort, opts: ConvertSheetOptions = {}): Promise<ConvertSheetResult> {
  const preview = await previewWith(port, opts);
  if (!preview.ok) return preview;
  const { plan } = preview;
  const original = (opts.keepOriginal ?? true) ? copySheetName(plan.sheet, t(opts.lang ?? "en", "plan.convert.originalSuffix"), preview.sheetNames) : null;
  await port.applySheetSpecs([plan.spec], {
    copies: original === null ? [] : [{ from: plan.sheet, to: original, hidden: true }],
    activate: plan.spec.name,
    select: { sheet: plan.sheet, address: `${columnLetter(plan.firstCol)}${plan.headerRow + 1}` },
  });
  return { ok: true, plan, original };
}
