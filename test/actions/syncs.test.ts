/**
 * Issues 3 and 7: inserting the template and converting a sheet take a fixed few Office.js
 * syncs (at most 5) plus at most one per ~4 MB of data, whatever the number of rows (against
 * the fake, which counts syncs and bytes and refuses any request over 5 MB). The review and
 * validate actions have the same checks beside their other tests (generate-review.test.ts,
 * validate-plan.test.ts).
 */
import { describe, expect, it } from "vitest";
import { TODAY, convertOrders, insertTemplateWith, measure, ordersWorkbook, sampleWithActuals } from "../helpers/sync-runs";
import { createFakeExcel } from "../fakes/office";
import { convertSheet } from "../../src/actions/convert-sheet";
import { insertTemplate } from "../../src/actions/insert-template";
import { createExcelPort } from "../../src/ports/excel";

/** Issue 7's aim for a small workbook. */
const FEW = 5;

describe("Office.js syncs of the template and convert actions", () => {
  it("template: at most 5 at 10 rows of actuals, and at 10,000 no more than one more per ~4 MB", async () => {
    const small = await insertTemplateWith(createFakeExcel({ sheets: [] }), sampleWithActuals(10));
    const big = await insertTemplateWith(createFakeExcel({ sheets: [] }), sampleWithActuals(10_000));
    // Reading the plan tables and the sheets (an empty workbook: one sync), then the six sheets and
    // the selection in one write: one sync for names, one for the data.
    expect(small.syncs).toBeLessThanOrEqual(FEW);
    // insertTemplateWith mirrors the action's steps with a chosen PlanActuals; the action itself agrees.
    const fake = createFakeExcel({ sheets: [] });
    const action = await measure(fake, () => insertTemplate(createExcelPort(fake.excelRun, { isSetSupported: fake.isSetSupported }), { lang: "en", sample: true, today: TODAY }));
    expect(action.syncs).toBe(small.syncs);
    expect(fake.activeSheet()).toBe("Targets");
    expect(fake.sheet("Targets").selection).toEqual({ row: 1, col: 0, rows: 1, cols: 1 });
    expect(big.syncs).toBeLessThanOrEqual(small.syncs + Math.ceil(big.mb / 4));
    expect(big.maxRequestMb).toBeLessThan(4.2);
  });

  it("template into a workbook that already holds plan tables: still at most 5", async () => {
    // Actuals converted earlier: the template keeps them and reads their rows first.
    const fake = createFakeExcel({
      sheets: [{ name: "Actuals", rows: [["Date", "Metric", "Value"], [46_235, "Revenue", 1200]] }],
      tables: [{ name: "PlanActuals", sheet: "Actuals", address: "A1:C2" }],
    });
    const r = await measure(fake, () => insertTemplate(createExcelPort(fake.excelRun, { isSetSupported: fake.isSetSupported }), { lang: "en" }));
    expect(r.syncs).toBeLessThanOrEqual(FEW);
    expect(fake.tableAddress("PlanActuals")).toBe("Actuals!A1:C2");
    expect(fake.table("PlanTargets")).toBeDefined();
  });

  it("convert: at most 5 at 10 order lines, and at 10,000 no more than one more per ~4 MB", async () => {
    const small = await convertOrders(10);
    const big = await convertOrders(10_000);
    // Tables and sheets 1, the sheet 2 (used range, data), the copy, the patch and the selection 2.
    expect(small.syncs).toBeLessThanOrEqual(FEW);
    expect(big.syncs).toBeLessThanOrEqual(small.syncs + Math.ceil(big.mb / 4));
    expect(big.maxRequestMb).toBeLessThan(4.2);
  });

  it("convert in one write still keeps the original as it was, hidden, and selects the first data cell", async () => {
    const fake = ordersWorkbook(10);
    const before = fake.values("Orders", "A1:E13");
    const r = await convertSheet(createExcelPort(fake.excelRun, { isSetSupported: fake.isSetSupported }), { sheet: "Orders" });
    expect(r.ok && r.original).toBe("Orders (original)");
    expect(fake.values("Orders (original)", "A1:E13")).toEqual(before);
    expect(fake.sheet("Orders (original)").visibility).toBe("Hidden");
    expect(fake.sheetNames()).toEqual(["Orders", "Orders (original)"]);
    expect(fake.activeSheet()).toBe("Orders");
    // Header on row 3: the first data cell is A4.
    expect(fake.sheet("Orders").selection).toEqual({ row: 3, col: 0, rows: 1, cols: 1 });
  });
});
