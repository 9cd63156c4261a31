/**
 * Excel's limits, handled by the Office.js port (over the Office.js fake, which enforces Excel
 * on the web's 5 MB per request and parses written values as Office.js does):
 * - a 200,000 × 20 write goes out in requests under 4 MB, in a fixed few syncs plus one per ~4 MB;
 * - sheet names: 31 characters, `[]:*?/\`, quotes and apostrophes, clashes (`Targets (2)`);
 * - protected sheets: a message naming the sheet (or the table) and what to do;
 * - Office.js errors (InvalidArgument, ItemAlreadyExists, GeneralException) as messages that
 *   say what to do, in English and Chinese.
 */
import { describe, expect, it } from "vitest";
import { type SheetSpec, type SpecCell, rangeOf } from "../../src/core/sheets/spec";
import { insertTemplate } from "../../src/actions/insert-template";
import { convertSheet } from "../../src/actions/convert-sheet";
import { render } from "../../src/i18n";
import { ExcelPortError, createExcelPort, toPortError } from "../../src/ports/excel";
import { type FakeExcel, createFakeExcel } from "../fakes/office";

const portOver = (fake: FakeExcel) => createExcelPort(fake.excelRun, { isSetSupported: fake.isSetSupported });
const s = (v: string): SpecCell => ({ t: "s", v });

async function rejection(p: Promise<unknown>): Promise<ExcelPortError> {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(ExcelPortError);
  return e as ExcelPortError;
}

describe("a 200,000 × 20 write", () => {
  it("goes out in requests under 4 MB: one sync for the names, then one per ~4 MB", async () => {
    const ROWS = 200_000;
    const COLS = 20;
    // Per row: 5 text cells, 5 dates, 10 numbers (text and dates also get a number format each).
    const cells: SpecCell[][] = Array.from({ length: ROWS }, (_, i) =>
      Array.from({ length: COLS }, (_, j): SpecCell =>
        j % 4 === 0 ? { t: "s", v: `Customer ${i % 997}-${j}` } : j % 4 === 1 ? { t: "d", v: 46_023 + (i % 365) } : { t: "n", v: i * COLS + j + 0.25 },
      ),
    );
    const spec: SheetSpec = { name: "Actuals", blocks: [{ row: 1, col: 1, cells }] };
    const fake = createFakeExcel();
    await portOver(fake).applySheetSpec(spec);

    const per = fake.stats.perSync;
    const sent = per.reduce((b, x) => b + x.requestBytes, 0);
    // 4,000,000 cells cannot go in one request: tens of megabytes are sent.
    expect(sent).toBeGreaterThan(40_000_000);
    for (const x of per) expect(x.requestBytes).toBeLessThan(4 * 1024 * 1024);
    expect(per.filter((x) => x.failed)).toEqual([]);
    // Fixed: one sync reads the sheet and table names. Then every ~4 MB of data is one sync:
    // at least sent / 4 MiB of them, and at most one more than sent / 4,000,000.
    const writes = fake.stats.syncs - 1;
    expect(writes).toBeGreaterThanOrEqual(Math.ceil(sent / (4 * 1024 * 1024)));
    expect(writes).toBeLessThanOrEqual(Math.ceil(sent / 4_000_000) + 1);
    // Calculation is suspended for every write batch of a big write.
    expect(per.slice(1).every((x) => x.calcSuspended)).toBe(true);
    // Every cell arrived, in its place and kind: corners, and a row in the middle.
    expect(fake.values("Actuals", "A1:C1")).toEqual([["Customer 0-0", 46_023, 2.25]]);
    // Row 200,000 is i = 199,999: 199,999 mod 997 = 599 and mod 365 = 344; 199,999 × 20 + 19 + 0.25 = 3,999,999.25.
    expect(fake.values("Actuals", "Q200000:T200000")).toEqual([["Customer 599-16", 46_023 + 344, 3_999_998.25, 3_999_999.25]]);
    expect(fake.numberFormats("Actuals", "A123457:B123457")).toEqual([["@", "yyyy-mm-dd"]]);
    expect(fake.values("Actuals", "E123457")).toEqual([[`Customer ${123_456 % 997}-4`]]);
  }, 180_000);
});

describe("sheet names", () => {
  it("takes names up to 31 characters and refuses longer ones before writing, in both languages", async () => {
    const f = createFakeExcel();
    const port = portOver(f);
    await port.applySheetSpec({ name: "x".repeat(31), blocks: [] });
    expect(f.sheetNames()).toContain("x".repeat(31));
    f.resetStats();
    const e = await rejection(port.applySheetSpec({ name: "y".repeat(32), blocks: [] }));
    expect(e.msg.key).toBe("excel.err.invalidSheetName");
    expect(e.message).toContain("at most 31 characters");
    expect(render("zh-CN", e.msg)).toContain("最多 31 个字符");
    expect(f.stats.syncs).toBe(0); // refused before anything was sent to Excel
  });

  it("refuses each of [ ] : * ? / \\ and an apostrophe at either end, and keeps quotes inside a name", async () => {
    const f = createFakeExcel();
    const port = portOver(f);
    for (const bad of ["Q[1]", "Q]1", "a:b", "a*b", "a?b", "a/b", "a\\b", "'Plan", "Plan'"]) {
      const e = await rejection(port.applySheetSpec({ name: bad, blocks: [] }));
      expect(e.msg).toEqual({ key: "excel.err.invalidSheetName", params: { name: bad } });
    }
    await port.applySheetSpec({ name: `Bob's "plan"`, blocks: [{ row: 1, col: 1, cells: [[s("ok")]] }] });
    expect(f.sheetNames()).toContain(`Bob's "plan"`);
    expect(f.values(`Bob's "plan"`, "A1")).toEqual([["ok"]]);
  });

  it("inserts the template beside sheets of the same names as Targets (2), Targets (3) …, overwriting none", async () => {
    const f = createFakeExcel({ sheets: [{ name: "targets", rows: [["mine"]] }, { name: "Targets (2)", rows: [["mine too"]] }, { name: "Actuals", rows: [["keep"]] }] });
    const r = await insertTemplate(portOver(f), { lang: "en" });
    expect(r.ok).toBe(true);
    expect(f.sheetNames()).toEqual(["targets", "Targets (2)", "Actuals", "Targets (3)", "Actuals (2)", "Actions", "Risks", "Phasing", "Settings"]);
    expect(f.values("targets", "A1")).toEqual([["mine"]]);
    expect(f.values("Targets (2)", "A1")).toEqual([["mine too"]]);
    expect(f.values("Actuals", "A1")).toEqual([["keep"]]);
  });

  it("keeps a converted sheet's original under a free name of at most 31 characters, shortening the sheet's name, not the suffix", async () => {
    const long = "Orders by region and month 2026"; // 31 characters
    const rows = [["Order date", "Customer", "Amount"], [46_235, "Acme", 1200]];
    // " (original)" is 11 characters: the name keeps 20 ("Orders by region and"); that is taken, so " (original) (2)" (15) leaves 16.
    const f = createFakeExcel({ sheets: [{ name: long, rows }, { name: "Orders by region and (original)", rows: [["older copy"]] }] });
    const r = await convertSheet(portOver(f), { sheet: long });
    expect(r.ok && r.original).toBe("Orders by region (original) (2)");
    expect(f.values("Orders by region and (original)", "A1")).toEqual([["older copy"]]);
    expect(f.values("Orders by region (original) (2)", "A1:C2")).toEqual(rows);
    expect(f.sheet("Orders by region (original) (2)").visibility).toBe("Hidden");
  });
});

describe("protected sheets", () => {
  it("writing a protected sheet says which sheet and how to unprotect it", async () => {
    const f = createFakeExcel({ sheets: [{ name: "Targets 2026", protected: true, rows: [["Goal ID"], ["G-1"]] }] });
    const e = await rejection(portOver(f).applySheetSpec({ name: "Targets 2026", mode: "patch", blocks: [{ row: 3, col: 1, cells: [[s("G-2")]] }] }));
    expect(e.officeCode).toBe("AccessDenied");
    expect(e.message).toBe("The sheet “Targets 2026” is protected. Unprotect it (Review › Unprotect Sheet) and try again.");
    expect(render("zh-CN", e.msg)).toBe("工作表“Targets 2026”受保护。请先撤消保护（审阅 › 撤消工作表保护），然后重试。");
    expect(f.values("Targets 2026", "A1:A3")).toEqual([["Goal ID"], ["G-1"], [null]]);
  });

  it("writing a table column on a protected sheet names the table", async () => {
    const f = createFakeExcel({
      sheets: [{ name: "Targets", protected: true, rows: [["Goal ID", "Goal"], ["G-1", "Grow"]] }],
      tables: [{ name: "PlanTargets", sheet: "Targets", address: "A1:B2" }],
    });
    const e = await rejection(portOver(f).writeTableColumn("PlanTargets", "SMART", [{ t: "n", v: 5 }]));
    expect(e.msg).toEqual({ key: "excel.err.protectedTable", params: { name: "PlanTargets" } });
    expect(e.message).toBe("The sheet holding table “PlanTargets” is protected. Unprotect it (Review › Unprotect Sheet) and try again.");
    expect(render("zh-CN", e.msg)).toContain("表格“PlanTargets”所在的工作表受保护");
  });

  it("converting a protected sheet fails with its name, and every cell of it is still there", async () => {
    const rows = [["Order date", "Customer", "Amount"], [46_235, "Acme", 1200], [46_236, "=not a formula", 800]];
    const f = createFakeExcel({ sheets: [{ name: "Orders", protected: true, rows }] });
    const e = await rejection(convertSheet(portOver(f), { sheet: "Orders" }));
    expect(e.msg).toEqual({ key: "excel.err.protected", params: { name: "Orders" } });
    expect(f.values("Orders", "A1:C3")).toEqual(rows);
  });

  it("adding a sheet to a workbook whose structure is protected says so", () => {
    const office = Object.assign(new Error("Access denied"), { code: "AccessDenied", debugInfo: { errorLocation: "WorksheetCollection.add" } });
    const e = toPortError(office, { sheet: "Targets" }) as ExcelPortError;
    expect(e.msg.key).toBe("excel.err.workbookProtected");
    expect(e.message).toContain("Review › Protect Workbook");
  });
});

describe("Office.js errors say what to do", () => {
  const spec: SheetSpec = { name: "Review", blocks: [{ row: 1, col: 1, cells: [[s("Goal")], [s("G-1")]] }], tables: [{ name: "ReviewTable", range: rangeOf(1, 1, 2, 1) }] };

  it("InvalidArgument while writing a sheet names it and what to check", async () => {
    const f = createFakeExcel();
    f.failSync("InvalidArgument", "The argument is invalid or missing or has an incorrect format.", 2);
    const e = await rejection(portOver(f).applySheetSpec(spec));
    expect(e.officeCode).toBe("InvalidArgument");
    expect(e.message).toBe("Excel rejected a name, address or value while changing sheet “Review” (The argument is invalid or missing or has an incorrect format.). Check that the sheet name follows Excel's rules (at most 31 characters, none of [ ] : * ? / \\), then try again; if it keeps failing, save and reopen the workbook.");
    expect(render("zh-CN", e.msg)).toContain("更改工作表“Review”时，Excel 拒绝了一个名称、地址或值");
    expect(render("zh-CN", e.msg)).toContain("然后重试");
  });

  it("ItemAlreadyExists names the sheet or the table, and how to free the name", async () => {
    const f = createFakeExcel();
    f.failSync("ItemAlreadyExists", "A resource with the same name or identifier already exists.", 2);
    const sheetClash = await rejection(portOver(f).applySheetSpec(spec));
    expect(sheetClash.msg).toEqual({ key: "excel.err.sheetExists", params: { name: "Review" } });
    expect(sheetClash.message).toBe("A sheet named “Review” already exists in this workbook. Rename or delete that sheet, or choose another name, and try again.");
    expect(render("zh-CN", sheetClash.msg)).toBe("此工作簿中已有名为“Review”的工作表。请重命名或删除该工作表，或换一个名称，然后重试。");
    // Excel names the API that failed: a table name in use.
    const tableClash = toPortError(Object.assign(new Error("exists"), { code: "ItemAlreadyExists", debugInfo: { errorLocation: "TableCollection.add" } }), { sheet: "Review", table: "ReviewTable" }) as ExcelPortError;
    expect(tableClash.message).toBe("A table named “ReviewTable” already exists in this workbook. Rename that table (Table Design › Table Name) or convert it to a range, then try again.");
  });

  it("GeneralException asks to try again, then to save and reopen", async () => {
    const f = createFakeExcel({ sheets: [{ name: "S", rows: [["Goal ID"], ["G-1"]] }], tables: [{ name: "PlanTargets", sheet: "S", address: "A1:A2" }] });
    f.failSync("GeneralException", "There was an internal error while processing the request.", 1);
    const e = await rejection(portOver(f).readPlanTables());
    expect(e.message).toBe("Excel could not complete the change (There was an internal error while processing the request.). Try again; if it keeps failing, save and reopen the workbook.");
    expect(render("zh-CN", e.msg)).toBe("Excel 无法完成此更改（There was an internal error while processing the request.）。请重试；如果仍然失败，请保存并重新打开工作簿。");
    // The next try goes through.
    expect(Object.keys(await portOver(f).readPlanTables())).toEqual(["PlanTargets"]);
  });
});
