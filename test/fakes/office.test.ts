/**
 * Tests of the Office.js fake itself: it must behave like Excel where our ports depend on it,
 * or port tests prove nothing.
 */
import { describe, expect, it } from "vitest";
import { createFakeExcel, globalSyncCount } from "./office";
import { serialFromYmd } from "../../src/core/dates";

const seeded = () =>
  createFakeExcel({
    name: "Plan.xlsx",
    sheets: [
      {
        name: "Targets",
        rows: [
          ["Goal ID", "Goal", "Target"],
          ["G-001", "Grow revenue", 5_000_000],
          ["G-002", "Win customers", 120],
        ],
      },
      { name: "Notes", cells: { B2: "hello", C3: { f: "=B2", v: "hello" } }, numberFormats: { "A1:A3": "@" } },
    ],
    tables: [{ name: "PlanTargets", sheet: "Targets", address: "A1:C3" }],
  });

describe("load and sync", () => {
  it("throws PropertyNotLoaded when a property is read before load() and sync()", async () => {
    const fake = seeded();
    await fake.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Targets").getRange("A2:C2");
      expect(() => r.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      r.load("values");
      expect(() => r.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      await ctx.sync();
      expect(r.values).toEqual([["G-001", "Grow revenue", 5_000_000]]);
      expect(() => r.address).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    });
  });

  it("applies writes only at sync, in order", async () => {
    const fake = seeded();
    await fake.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Notes").getRange("D1");
      r.values = [[42]];
      expect(fake.values("Notes", "D1")).toEqual([[null]]);
      await ctx.sync();
      expect(fake.values("Notes", "D1")).toEqual([[42]]);
    });
  });

  it("loads collections with items/name and nested paths", async () => {
    const fake = seeded();
    await fake.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets.load("items/name");
      const t = ctx.workbook.tables.getItem("PlanTargets");
      t.load("name, worksheet/name");
      expect(() => sheets.items).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      await ctx.sync();
      expect(sheets.items.map((s) => s.name)).toEqual(["Targets", "Notes"]);
      expect(t.worksheet.name).toBe("Targets");
    });
  });

  it("tells a missing item by isNullObject (OrNullObject) or ItemNotFound (getItem) at sync", async () => {
    const fake = seeded();
    await fake.run(async (ctx) => {
      const missing = ctx.workbook.worksheets.getItemOrNullObject("Nope");
      const present = ctx.workbook.tables.getItemOrNullObject("plantargets");
      expect(() => missing.isNullObject).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
      expect(present.isNullObject).toBe(false);
      ctx.workbook.worksheets.getItem("Nope").load("name");
      await expect(ctx.sync()).rejects.toMatchObject({ code: "ItemNotFound" });
    });
  });

  it("counts syncs per context, per fake and globally, including the sync Excel.run makes for leftover commands", async () => {
    const fake = seeded();
    const before = globalSyncCount();
    const n = await fake.run(async (ctx) => {
      await ctx.sync();
      await ctx.sync();
      ctx.workbook.worksheets.getItem("Notes").getRange("A5").values = [["x"]];
      return ctx.syncCount;
    });
    expect(n).toBe(2);
    expect(fake.stats.syncs).toBe(3); // 2 explicit + 1 for the queued write
    expect(fake.stats.runs).toBe(1);
    expect(globalSyncCount() - before).toBe(3);
    expect(fake.values("Notes", "A5")).toEqual([["x"]]);
  });

  it("rejects a batch that does not return a promise", async () => {
    const fake = seeded();
    await expect(fake.run((() => 1) as never)).rejects.toMatchObject({ code: "RunMustReturnPromise" });
  });

  it("refuses objects of a finished run", async () => {
    const fake = seeded();
    const r = await fake.run(async (ctx) => ctx.workbook.worksheets.getItem("Notes").getRange("A1"));
    expect(() => r.load("values")).toThrow(expect.objectContaining({ code: "InvalidRequestContext" }));
  });
});

describe("value parsing on write", () => {
  // 2026-12-31: serial of 2025-01-01 is 45658 (plan-workbook.md); + 365 (2025) + 364 = 46387.
  const DEC31 = 46387;

  it("turns text into numbers, dates, booleans and formulas in a General cell", async () => {
    expect(serialFromYmd(2026, 12, 31)).toBe(DEC31);
    const fake = seeded();
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Notes").getRange("E1:E7").values = [["00123"], ["2026-12-31"], ["TRUE"], ["=HYPERLINK(\"x\")"], ["+A1"], ["12%"], ["'00123"]];
      await ctx.sync();
    });
    expect(fake.values("Notes", "E1:E7")).toEqual([[123], [DEC31], [true], [null], [null], [0.12], ["00123"]]);
    expect(fake.formulas("Notes", "E4:E5")).toEqual([["=HYPERLINK(\"x\")"], ["=+A1"]]);
    expect(fake.cell("Notes", "E2")?.numberFormat).toBe("yyyy-mm-dd");
  });

  it("keeps text as typed in a cell formatted as text (@)", async () => {
    const fake = seeded();
    await fake.run(async (ctx) => {
      // A1:A3 of Notes are "@" (seeded); values and formulas alike stay text
      const r = ctx.workbook.worksheets.getItem("Notes").getRange("A1:A3");
      r.values = [["00123"], ["2026-12-31"], ["TRUE"]];
      ctx.workbook.worksheets.getItem("Notes").getRange("A1").formulas = [["=HYPERLINK(\"x\")"]];
      await ctx.sync();
    });
    expect(fake.values("Notes", "A1:A3")).toEqual([["=HYPERLINK(\"x\")"], ["2026-12-31"], ["TRUE"]]);
    expect(fake.cell("Notes", "A1")?.formula).toBeUndefined();
  });

  it("leaves a cell unchanged for null and clears it for an empty string", async () => {
    const fake = seeded();
    await fake.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Targets").getRange("A2:B2");
      r.values = [[null, ""]];
      r.numberFormat = [[null, "0.00"]];
      await ctx.sync();
    });
    expect(fake.values("Targets", "A2:B2")).toEqual([["G-001", null]]);
    expect(fake.numberFormats("Targets", "A2:B2")).toEqual([["General", "0.00"]]);
  });

  it("rejects a 2-D array of the wrong size with InvalidArgument", async () => {
    const fake = seeded();
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Notes").getRange("A1:B1").values = [[1]];
      await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    });
  });

  it("reads errors, types and text like Office.js", async () => {
    const fake = createFakeExcel({ sheets: [{ name: "S", rows: [[{ error: "#N/A" }, 1.5, true, null, { v: 45658, nf: "yyyy-mm-dd" }]] }] });
    await fake.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("S").getRange("A1:E1").load("values, valueTypes, text");
      await ctx.sync();
      expect(r.values).toEqual([["#N/A", 1.5, true, "", 45658]]);
      expect(r.valueTypes).toEqual([["Error", "Double", "Boolean", "Empty", "Double"]]);
      expect(r.text).toEqual([["#N/A", "1.5", "TRUE", "", "2025-01-01"]]);
    });
  });
});

describe("payload limits", () => {
  it("fails a request above 5 MB with RequestPayloadSizeLimitExceeded and applies nothing", async () => {
    const fake = createFakeExcel();
    const rows = Array.from({ length: 60_000 }, () => Array.from({ length: 10 }, () => "abcdefgh")); // ~11 bytes × 600,000 cells
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:J60000").values = rows;
      await expect(ctx.sync()).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    });
    expect(fake.values("Sheet1", "A1")).toEqual([[null]]);
    expect(fake.stats.perSync[0]!.requestBytes).toBeGreaterThan(5 * 1024 * 1024);
  });

  it("fails a response above the limit with ResponsePayloadSizeLimitExceeded, and counts bytes below it", async () => {
    const rows = Array.from({ length: 2_000 }, (_, i) => [`row ${i}`, i]);
    const fake = createFakeExcel({ sheets: [{ name: "S", rows }] }, { payloadLimitBytes: 20_000 });
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("S").getRange("A1:B2000").load("values");
      await expect(ctx.sync()).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
      ctx.workbook.worksheets.getItem("S").getRange("A1:B10").load("values");
      await ctx.sync();
    });
    const ok = fake.stats.perSync[1]!;
    expect(ok.responseBytes).toBeGreaterThan(100);
    expect(ok.responseBytes).toBeLessThan(20_000);
  });

  it("refuses to read more than 5,000,000 cells of a range at once", async () => {
    const fake = createFakeExcel();
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A:E").load("values");
      await expect(ctx.sync()).rejects.toMatchObject({ code: "RangeExceedsLimit" });
    });
  });
});

describe("worksheets and tables", () => {
  it("rejects duplicate and invalid sheet names", async () => {
    const fake = seeded();
    for (const [name, code] of [
      ["targets", "ItemAlreadyExists"],
      ["x".repeat(32), "InvalidArgument"],
      ["a/b", "InvalidArgument"],
      ["[x]", "InvalidArgument"],
      ["'quoted'", "InvalidArgument"],
    ] as const) {
      await fake.run(async (ctx) => {
        ctx.workbook.worksheets.add(name);
        await expect(ctx.sync()).rejects.toMatchObject({ code });
      });
    }
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.add("x".repeat(31));
      await ctx.sync();
    });
    expect(fake.sheetNames()).toEqual(["Targets", "Notes", "x".repeat(31)]);
  });

  it("rejects a malformed address with InvalidArgument", async () => {
    const fake = seeded();
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Notes").getRange("A0").load("values");
      await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    });
  });

  it("makes a table over written values: unique headers, a default name, no overlap, no duplicate names", async () => {
    const fake = createFakeExcel({ sheets: [{ name: "S", rows: [["Region", "", "Region", 2026], ["N", 1, 2, 3]] }] });
    await fake.run(async (ctx) => {
      const t = ctx.workbook.worksheets.getItem("S").tables.add("A1:D2", true);
      t.load("name");
      await ctx.sync();
      expect(t.name).toBe("Table1");
      t.name = "PlanActuals";
      await ctx.sync();
      ctx.workbook.tables.add("S!C2:E4", true);
      await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidOperation" });
      const other = ctx.workbook.worksheets.getItem("S").tables.add("G1:H2", true);
      other.name = "planactuals";
      await expect(ctx.sync()).rejects.toMatchObject({ code: "ItemAlreadyExists" });
    });
    expect(fake.tableHeaders("PlanActuals")).toEqual(["Region", "Column2", "Region2", "2026"]);
    expect(fake.tableAddress("PlanActuals")).toBe("S!A1:D2");
  });

  it("gives a header-only table one empty data row", async () => {
    const fake = createFakeExcel({ sheets: [{ name: "S", rows: [["A", "B"]] }] });
    await fake.run(async (ctx) => {
      const t = ctx.workbook.worksheets.getItem("S").tables.add("A1:B1", true);
      const body = t.getDataBodyRange().load("address");
      await ctx.sync();
      expect(body.address).toBe("S!A2:B2");
    });
  });

  it("refuses writes to a protected sheet with AccessDenied", async () => {
    const fake = createFakeExcel({ sheets: [{ name: "Locked", protected: true, rows: [["keep"]] }] });
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Locked").getRange("A1").values = [["overwrite"]];
      await expect(ctx.sync()).rejects.toMatchObject({ code: "AccessDenied" });
    });
    expect(fake.values("Locked", "A1")).toEqual([["keep"]]);
  });

  it("copies a sheet with its contents (ExcelApi 1.7) and reports ApiNotFound on older hosts", async () => {
    const fake = seeded();
    await fake.run(async (ctx) => {
      const src = ctx.workbook.worksheets.getItem("Targets");
      const copy = src.copy("After", src);
      copy.load("name, position");
      await ctx.sync();
      expect([copy.name, copy.position]).toEqual(["Targets (2)", 1]);
    });
    expect(fake.values("Targets (2)", "A1:C3")).toEqual(fake.values("Targets", "A1:C3"));
    expect(fake.table("PlanTargets2")?.sheetId).toBe(fake.sheet("Targets (2)").id);

    fake.setExcelApi("1.6");
    expect(fake.isSetSupported("ExcelApi", "1.7")).toBe(false);
    expect(fake.isSetSupported("ExcelApi", "1.6")).toBe(true);
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Targets").copy();
      await expect(ctx.sync()).rejects.toMatchObject({ code: "ApiNotFound" });
    });
  });

  it("keeps data validation, conditional formats, charts and freeze panes in the model", async () => {
    const fake = seeded();
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Targets");
      const r = ws.getRange("B2:B3");
      r.dataValidation.rule = { list: { inCellDropDown: true, source: "Revenue,Units" } };
      r.dataValidation.errorAlert = { showAlert: true, style: "Warning", title: "", message: "" };
      const cf = ws.getRange("C2:C3").conditionalFormats.add("IconSet");
      cf.iconSet.style = "ThreeTrafficLights1";
      cf.iconSet.criteria = [{}, { type: "Number", operator: "GreaterThanOrEqual", formula: "=0.9" }, { type: "Number", operator: "GreaterThanOrEqual", formula: "=1" }];
      const chart = ws.charts.add("ColumnClustered", ws.getRange("A1:C3"), "Columns");
      chart.title.text = "Targets";
      chart.setPosition("E2", "L15");
      ws.freezePanes.freezeRows(1);
      await ctx.sync();
    });
    const s = fake.sheet("Targets");
    expect(fake.validation("Targets", "B3")).toMatchObject({ rule: { list: { source: "Revenue,Units" } }, errorAlert: { style: "Warning" } });
    expect(fake.validation("Targets", "C3")).toBeUndefined();
    expect(s.conditionalFormats[0]).toMatchObject({ type: "IconSet", settings: { iconSet: { style: "ThreeTrafficLights1" } } });
    expect(s.charts[0]).toMatchObject({ chartType: "ColumnClustered", title: { text: "Targets" }, position: { start: "Targets!E2", end: "Targets!L15" } });
    expect(s.charts[0]!.series.map((x) => x.name)).toEqual(["Goal", "Target"]);
    expect(s.freeze).toEqual({ rows: 1, cols: 0 });
  });

  it("keeps text-comparison and custom conditional formats, and refuses a sub-object of another type", async () => {
    const fake = seeded();
    await fake.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Targets").getRange("B2:B3");
      const t = r.conditionalFormats.add("ContainsText");
      t.textComparison.format.font.color = "#9C0006";
      t.textComparison.rule = { operator: "Contains", text: "Grow" };
      const c = r.conditionalFormats.add("Custom");
      c.custom.rule.formula = "=LEN(B2)>5";
      await ctx.sync();
      c.iconSet.style = "ThreeArrows";
      await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    });
    const [custom, text] = fake.sheet("Targets").conditionalFormats;
    expect(text).toMatchObject({ type: "ContainsText", settings: { textComparison: { rule: { operator: "Contains", text: "Grow" }, format: { font: { color: "#9C0006" } } } } });
    expect(custom).toMatchObject({ type: "Custom", settings: { custom: { rule: { formula: "=LEN(B2)>5" } } } });
  });

  it("gives the used range, the top-left cell of a blank sheet, or a null object", async () => {
    const fake = createFakeExcel({ sheets: [{ name: "Blank" }, { name: "Data", cells: { C3: 1, E5: { v: null, nf: "0.00" } } }] });
    await fake.run(async (ctx) => {
      const blank = ctx.workbook.worksheets.getItem("Blank").getUsedRange().load("address");
      const none = ctx.workbook.worksheets.getItem("Blank").getUsedRangeOrNullObject();
      const values = ctx.workbook.worksheets.getItem("Data").getUsedRange(true).load("address");
      const all = ctx.workbook.worksheets.getItem("Data").getUsedRange().load("address");
      await ctx.sync();
      expect([blank.address, none.isNullObject, values.address, all.address]).toEqual(["Blank!A1", true, "Data!C3", "Data!C3:E5"]);
    });
  });
});
