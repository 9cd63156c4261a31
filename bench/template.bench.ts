/**
 * Office.js syncs of the template and convert actions against the Office.js fake (which counts
 * syncs and bytes and refuses any request over Excel on the web's 5 MB), at 10 and 100,000 rows.
 *
 * syncs.template.10 / syncs.template.100000: inserting the plan template into an empty
 *   workbook, exactly as actions/insert-template does it (read the plan tables, list the
 *   sheets, write the six template sheets, select A2 of the first), with the sample plan's
 *   targets, actions, risks and phasing and a PlanActuals table of 10 / 100,000 rows (the
 *   sample's actuals repeated with later dates). insertTemplate builds its sample itself, so
 *   the bench runs the same steps with that PlanActuals; syncs.template.sample is the action
 *   itself (insertTemplate with the sample plan) for comparison.
 * syncs.convert.10 / syncs.convert.100000: actions/convert-sheet on a sheet of 10 / 100,000 order
 *   lines (Order date, Customer, Amount, Region, Rep under a title row), keeping the original.
 * Aim (issue 7): a fixed few syncs (≤ 5) at 10 rows, plus one per ~4 MB at 100,000.
 */
import { serialFromYmd } from "../src/core/dates";
import { type SamplePlan, type SampleRow, samplePlan } from "../src/core/sample";
import { templateSheets } from "../src/core/sheets/template";
import { insertTemplate } from "../src/actions/insert-template";
import { convertSheet } from "../src/actions/convert-sheet";
import { t } from "../src/i18n";
import { createExcelPort } from "../src/ports/excel";
import { type FakeExcel, createFakeExcel } from "../test/fakes/office";
import type { Benchmark, Figure } from "./harness";

const TODAY = serialFromYmd(2026, 8, 15);

interface Run {
  syncs: number;
  mb: number;
  maxRequestMb: number;
  ms: number;
}

async function measure(fake: FakeExcel, action: () => Promise<unknown>): Promise<Run> {
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
function sampleWithActuals(rows: number): SamplePlan {
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
async function insertTemplateWith(fake: FakeExcel, sample: SamplePlan): Promise<Run> {
  const port = createExcelPort(fake.excelRun, { isSetSupported: fake.isSetSupported });
  return measure(fake, async () => {
    const existing = await port.readPlanTables();
    if (existing.PlanTargets) throw new Error("the bench workbook already has a plan");
    const sheets = await port.listSheets();
    const specs = templateSheets({ lang: "en", sample, currency: t("en", "plan.sample.currency"), existingSheets: sheets.map((s) => s.name) });
    for (const [i, s] of specs.entries()) await port.applySheetSpec(s.spec, { activate: i === 0 });
    await port.selectCell(specs[0]!.spec.name, "A2");
  });
}

/** A fake holding a sheet of `rows` order lines under a title row. */
function ordersWorkbook(rows: number): FakeExcel {
  const regions = ["East", "West", "North", "South"];
  const lines = Array.from({ length: rows }, (_, i) => [serialFromYmd(2026, 1, 1) + (i % 365), `Customer ${i % 997}`, Math.round(((i * 7919) % 100_000) + 0.5) / 10, regions[i % 4]!, `Rep ${i % 40}`]);
  return createFakeExcel({ name: "Orders.xlsx", sheets: [{ name: "Orders", rows: [["Order lines export"], [], ["Order date", "Customer", "Amount", "Region", "Rep"], ...lines] }] });
}

async function convertOrders(rows: number): Promise<Run> {
  const fake = ordersWorkbook(rows);
  const port = createExcelPort(fake.excelRun, { isSetSupported: fake.isSetSupported });
  return measure(fake, async () => {
    const r = await convertSheet(port, { sheet: "Orders" });
    if (!r.ok || r.plan.rows !== rows) throw new Error("convert failed in the bench");
  });
}

const note = (r: Run, what: string) => `${what}; ${r.mb.toFixed(1)} MB moved, largest request ${r.maxRequestMb.toFixed(2)} MB, ${r.ms.toFixed(0)} ms against the fake`;

export const templateBenchmarks: Benchmark[] = [
  {
    name: "template",
    run: async (): Promise<Figure[]> => {
      const sample = await (async () => {
        const fake = createFakeExcel({ sheets: [] });
        const port = createExcelPort(fake.excelRun, { isSetSupported: fake.isSetSupported });
        return measure(fake, () => insertTemplate(port, { lang: "en", sample: true, today: TODAY }));
      })();
      const t10 = await insertTemplateWith(createFakeExcel({ sheets: [] }), sampleWithActuals(10));
      const t100k = await insertTemplateWith(createFakeExcel({ sheets: [] }), sampleWithActuals(100_000));
      const c10 = await convertOrders(10);
      const c100k = await convertOrders(100_000);
      return [
        { name: "syncs.template.10", value: t10.syncs, unit: "syncs", note: note(t10, "six template sheets, PlanActuals 10 rows") },
        { name: "syncs.template.100000", value: t100k.syncs, unit: "syncs", note: note(t100k, `PlanActuals 100,000 rows; fixed ${t10.syncs} + ${Math.ceil(t100k.mb / 4)} per ~4 MB allowed`) },
        { name: "syncs.template.sample", value: sample.syncs, unit: "syncs", note: note(sample, "insertTemplate itself with the sample plan") },
        { name: "syncs.convert.10", value: c10.syncs, unit: "syncs", note: note(c10, "convert a sheet of 10 order lines, original kept") },
        { name: "syncs.convert.100000", value: c100k.syncs, unit: "syncs", note: note(c100k, `100,000 order lines; fixed ${c10.syncs} + ${Math.ceil(c100k.mb / 4)} per ~4 MB allowed`) },
      ];
    },
  },
];
