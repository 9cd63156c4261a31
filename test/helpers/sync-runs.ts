/**
 * Runs of the template and convert actions against the Office.js fake, counting syncs and
 * bytes: shared by the sync-count tests (test/actions/syncs.test.ts) and bench/template.bench.ts.
 */
import { serialFromYmd } from "../../src/core/dates";
import { type SamplePlan, type SampleRow, samplePlan } from "../../src/core/sample";
import { templateSheets } from "../../src/core/sheets/template";
import { convertSheet } from "../../src/actions/convert-sheet";
import { t } from "../../src/i18n";
import { createExcelPort } from "../../src/ports/excel";
import { type FakeExcel, createFakeExcel } from "../fakes/office";

export const TODAY = serialFromYmd(2026, 8, 15);

export interface Run {
  syncs: number;
  mb: number;
  maxRequestMb: number;
  ms: number;
}

export async function measure(fake: FakeExcel, action: () => Promise<unknown>): Promise<Run> {
  fake.resetStats();
  const t0 = process.hrtime.bigint();
  await action();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const per = fake.stats.perSync;
  const failed = per.filter((x) => x.failed);
  if (failed.length > 0) throw new Error(`a sync failed in the bench: ${failed.map((x) => x.failed).join(", ")}`);
  return {
    syncs: fake.stats.syncs,
    mb: per.reduce((b, x) => b + x.requestBytes + x.responseBytes, 0) / 1e6,
    maxRequestMb: Math.max(...per.map((x) => x.requestBytes)) / 1e6,
    ms,
  };
}

/** The sample plan with a PlanActuals table of `rows` rows (the sample's own, repeated a year later each time round). */
export function sampleWithActuals(rows: number): SamplePlan {
  const sample = samplePlan(TODAY, "en");
  const base = sample.PlanActuals;
  const actuals: SampleRow[] = Array.from({ length: rows }, (_, i) => {
    const r = base[i % base.length]!;
    const shift = 365 * Math.floor(i / base.length);
    const date = r.Date && r.Date.t === "d" ? { t: "d" as const, v: r.Date.v - shift } : r.Date ?? null;
    return { ...r, Date: date };
  });
  return { ...sample, PlanActuals: actuals };
}

/** insertTemplate's steps with a given sample plan. */
export async function insertTemplateWith(fake: FakeExcel, sample: SamplePlan): Promise<Run> {
  const port = createExcelPort(fake.excelRun, { isSetSupported: fake.isSetSupported });
  return measure(fake, async () => {
    const { tables: existing, sheets } = await port.readPlanTablesAndSheets();
    if (existing.PlanTargets) throw new Error("the bench workbook already has a plan");
    const specs = templateSheets({ lang: "en", sample, currency: t("en", "plan.sample.currency"), existingSheets: sheets.map((s) => s.name) });
    const first = specs[0]!.spec.name;
    await port.applySheetSpecs(specs.map((s) => s.spec), { activate: first, select: { sheet: first, address: "A2" } });
  });
}

/** A fake holding a sheet of `rows` order lines under a title row. */
export function ordersWorkbook(rows: number): FakeExcel {
  const regions = ["East", "West", "North", "South"];
  const lines = Array.from({ length: rows }, (_, i) => [serialFromYmd(2026, 1, 1) + (i % 365), `Customer ${i % 997}`, Math.round(((i * 7919) % 100_000) + 0.5) / 10, regions[i % 4]!, `Rep ${i % 40}`]);
  return createFakeExcel({ name: "Orders.xlsx", sheets: [{ name: "Orders", rows: [["Order lines export"], [], ["Order date", "Customer", "Amount", "Region", "Rep"], ...lines] }] });
}

export async function convertOrders(rows: number): Promise<Run> {
  const fake = ordersWorkbook(rows);
  const port = createExcelPort(fake.excelRun, { isSetSupported: fake.isSetSupported });
  return measure(fake, async () => {
    const r = await convertSheet(port, { sheet: "Orders" });
    if (!r.ok || r.plan.rows !== rows) throw new Error("convert failed in the bench");
  });
}

