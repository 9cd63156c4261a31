/**
 * Test bed for the validate action and command: a plan given as rows of { key: value } (the
 * rows of test/core/smart/tables.ts) turned into the template's own sheet specs, so the memory
 * port and a real .xlsx file get the same plan as the add-in would lay it out (table at A1,
 * headers in English or Chinese). A number in a date column is written as a date; text is
 * written as text (a text date stays text).
 */
import type { CellValue } from "../../src/core/cells";
import { isError } from "../../src/core/errors";
import { TABLES, type TableName } from "../../src/core/schema";
import type { SheetSpec, SpecCell } from "../../src/core/sheets/spec";
import { planTableSpec } from "../../src/core/sheets/template";
import type { Lang } from "../../src/i18n";
import type { WorkbookPort } from "../../src/ports/types";
import type { Row } from "../core/smart/tables";

export interface PlanRows {
  targets?: readonly Row[];
  actuals?: readonly Row[];
  actions?: readonly Row[];
  risks?: readonly Row[];
  phasing?: readonly Row[];
  settings?: readonly Row[];
}

const TABLE_OF: Readonly<Record<keyof PlanRows, TableName>> = {
  targets: "PlanTargets", actuals: "PlanActuals", actions: "PlanActions", risks: "PlanRisks", phasing: "PlanPhasing", settings: "PlanSettings",
};

/** A cell of a plan row as a spec cell: numbers in date columns as dates, text as text. */
function specCell(table: TableName, key: string, v: CellValue | undefined): SpecCell {
  if (v === null || v === undefined) return null;
  if (isError(v)) throw new Error("spec cells cannot hold error values");
  if (typeof v === "string") return { t: "s", v };
  if (typeof v === "boolean") return { t: "b", v };
  const type = TABLES[table].columns.find((c) => c.key === key)?.type;
  return type === "date" ? { t: "d", v } : { t: "n", v };
}

/** The sheet specs of a plan (one sheet per table given, headers in `lang`). */
export function planSpecs(p: PlanRows, lang: Lang = "en"): SheetSpec[] {
  const out: SheetSpec[] = [];
  for (const k of Object.keys(TABLE_OF) as (keyof PlanRows)[]) {
    const rows = p[k];
    if (!rows) continue;
    const table = TABLE_OF[k];
    const sheet = lang === "zh-CN" ? TABLES[table].sheet.zh : TABLES[table].sheet.en;
    const specRows = rows.map((r) => Object.fromEntries(Object.entries(r).map(([key, v]) => [key, specCell(table, key, v)])));
    out.push(planTableSpec(table, lang, sheet, specRows));
  }
  return out;
}

/** Writes a plan into a workbook through its port. */
export async function writePlan(port: WorkbookPort, p: PlanRows, lang: Lang = "en"): Promise<void> {
  for (const spec of planSpecs(p, lang)) await port.applySheetSpec(spec);
}
