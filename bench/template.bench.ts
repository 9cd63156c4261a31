/**
 * Office.js syncs of the template and convert actions against the Office.js fake (which counts
 * syncs and bytes and refuses any request over Excel on the web's 5 MB), at 10 and 100,000 rows.
 *
 * syncs.template.10 / syncs.template.100000: inserting the plan template into an empty
 *   workbook, exactly as actions/insert-template does it (read the plan tables and the sheets,
 *   then write the six template sheets and select A2 of the first in one applySheetSpecs), with the sample plan's
 *   targets, actions, risks and phasing and a PlanActuals table of 10 / 100,000 rows (the
 *   sample's actuals repeated with later dates). insertTemplate builds its sample itself, so
 *   the bench runs the same steps with that PlanActuals; syncs.template.sample is the action
 *   itself (insertTemplate with the sample plan) for comparison.
 * syncs.convert.10 / syncs.convert.100000: actions/convert-sheet on a sheet of 10 / 100,000 order
 *   lines (Order date, Customer, Amount, Region, Rep under a title row), keeping the original.
 * Aim (issue 7): a fixed few syncs (≤ 5) at 10 rows, plus one per ~4 MB at 100,000.
 */
import { insertTemplate } from "../src/actions/insert-template";
import { createExcelPort } from "../src/ports/excel";
import { createFakeExcel } from "../test/fakes/office";
import { type Run, TODAY, convertOrders, insertTemplateWith, measure, sampleWithActuals } from "../test/helpers/sync-runs";
import type { Benchmark, Figure } from "./harness";

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
