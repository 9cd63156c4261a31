/**
 * Issue 3: inserting the template and converting a sheet take a fixed number of Office.js
 * syncs plus at most one per ~4 MB of data, whatever the number of rows (against the fake,
 * which counts syncs and bytes and refuses any request over 5 MB).
 */
import { describe, expect, it } from "vitest";
import { TODAY, convertOrders, insertTemplateWith, measure, sampleWithActuals } from "../helpers/sync-runs";
import { createFakeExcel } from "../fakes/office";
import { insertTemplate } from "../../src/actions/insert-template";
import { createExcelPort } from "../../src/ports/excel";

describe("Office.js syncs of the template and convert actions", () => {
  it("template: the same fixed count at 10 rows of actuals, and at 10,000 no more than one more per ~4 MB", async () => {
    const small = await insertTemplateWith(createFakeExcel({ sheets: [] }), sampleWithActuals(10));
    const big = await insertTemplateWith(createFakeExcel({ sheets: [] }), sampleWithActuals(10_000));
    // Six sheets, each its own batch (names, then writes), plus reading the plan tables and selecting.
    expect(small.syncs).toBeLessThanOrEqual(15);
    // insertTemplateWith mirrors the action's steps with a chosen PlanActuals; the action itself agrees.
    const fake = createFakeExcel({ sheets: [] });
    const action = await measure(fake, () => insertTemplate(createExcelPort(fake.excelRun, { isSetSupported: fake.isSetSupported }), { lang: "en", sample: true, today: TODAY }));
    expect(action.syncs).toBe(small.syncs);
    expect(big.syncs).toBeLessThanOrEqual(small.syncs + Math.ceil(big.mb / 4));
    expect(big.maxRequestMb).toBeLessThan(4.2);
  });
  it("convert: the same fixed count at 10 order lines, and at 10,000 no more than one more per ~4 MB", async () => {
    const small = await convertOrders(10);
    const big = await convertOrders(10_000);
    expect(small.syncs).toBeLessThanOrEqual(11);
    expect(big.syncs).toBeLessThanOrEqual(small.syncs + Math.ceil(big.mb / 4));
    expect(big.maxRequestMb).toBeLessThan(4.2);
  });
});
