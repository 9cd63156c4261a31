/**
 * Native charts in the xlsx port's files (src/ports/xlsx/charts.ts): the parts a saved
 * review-like workbook holds (references, content types, the `<drawing>` element before
 * `tableParts`), LibreOffice reading the chart, a reopened file regenerated in place holding
 * exactly one chart, `salesplan review` drawing its chart, and `uncarriedContent` telling our
 * charts from a user's.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serialFromYmd } from "../../src/core/dates";
import { rangeOf, type SheetSpec } from "../../src/core/sheets/spec";
import { run } from "../../src/cli/main";
import { newXlsx, openXlsx, saveXlsx, uncarriedContent } from "../../src/ports/xlsx";
import { absoluteRef, insertDrawingElement, parseRef } from "../../src/ports/xlsx/charts";
import { writePlan } from "../actions/plan-sheets";
import { hasSoffice, recalc, sofficeSkipReason } from "../helpers/libreoffice";

const s = (v: string) => ({ t: "s" as const, v });
const n = (v: number) => ({ t: "n" as const, v });

/** A review-like sheet: goals A2:A4, Target C1:C4, Actual D1:D4 in a table, a chart at F1 (10 × 20). */
function reviewSpec(sheet: string, title: string, actuals: readonly number[] = [80, 95, 40]): SheetSpec {
  return {
    name: sheet,
    mode: "replace",
    blocks: [{
      row: 1, col: 1, cells: [
        [s("Goal ID"), s("Goal"), s("Target"), s("Actual")],
        [s("G-001"), s("Revenue"), n(100), n(actuals[0]!)],
        [s("G-002"), s("Margin"), n(90), n(actuals[1]!)],
        [s("G-003"), s("Leads"), n(50), n(actuals[2]!)],
      ],
    }],
    tables: [{ name: "ReviewTest", range: rangeOf(1, 1, 4, 4) }],
    charts: [{ kind: "columnClustered", title, categories: rangeOf(2, 1, 3, 1), series: [rangeOf(1, 3, 4, 1), rangeOf(1, 4, 4, 1)], anchor: rangeOf(1, 6, 20, 10) }],
  };
}

async function parts(bytes: Uint8Array) {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files).filter((p) => !zip.files[p]!.dir);
  const text = async (p: string) => (await zip.file(p)?.async("string")) ?? "";
  return { names, text, charts: names.filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p)), drawings: names.filter((p) => /^xl\/drawings\/drawing\d+\.xml$/.test(p)) };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "salesplan-charts-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("chart references", () => {
  it("writes absolute references with the sheet name quoted (quotes doubled) and reads them back", () => {
    expect(absoluteRef("Review 2026-Q3", rangeOf(2, 1, 8, 1))).toBe("'Review 2026-Q3'!$A$2:$A$9");
    expect(absoluteRef("Bob's", rangeOf(1, 3))).toBe("'Bob''s'!$C$1");
    expect(parseRef("'Bob''s'!$C$1")).toEqual({ sheet: "Bob's", range: rangeOf(1, 3) });
    expect(parseRef("Sheet1!B2:B9")).toEqual({ sheet: "Sheet1", range: rangeOf(2, 2, 8, 1) });
    expect(parseRef("B2:B9")).toBeNull();
  });

  it("puts <drawing> after pageMargins and before tableParts and extLst", () => {
    const xml = `<worksheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData/><pageMargins left="0.7"/><tableParts count="1"><tablePart r:id="rId1"/></tableParts><extLst/></worksheet>`;
    expect(insertDrawingElement(xml, "rId2")).toBe(
      `<worksheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData/><pageMargins left="0.7"/><drawing r:id="rId2"/><tableParts count="1"><tablePart r:id="rId1"/></tableParts><extLst/></worksheet>`,
    );
    expect(insertDrawingElement(`<worksheet><sheetData/></worksheet>`, "rId1")).toBe(
      `<worksheet><sheetData/><drawing xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1"/></worksheet>`,
    );
  });
});

describe("xlsx port: native charts", () => {
  it("saves a review-like sheet with a clustered column chart: parts, references, anchor, content types", async () => {
    const port = newXlsx();
    await port.applySheetSpec({ name: "Data", blocks: [{ row: 1, col: 1, cells: [[s("x")]] }] });
    await port.applySheetSpec(reviewSpec("Review 2026-Q3", "Target vs actual"));
    const bytes = await saveXlsx(port);
    expect(port.unwrittenCharts).toEqual([]);
    const p = await parts(bytes);
    expect(p.charts).toEqual(["xl/charts/chart1.xml"]);
    expect(p.drawings).toEqual(["xl/drawings/drawing1.xml"]);
    const chart = await p.text("xl/charts/chart1.xml");
    expect(chart).toContain('<c:barDir val="col"/><c:grouping val="clustered"/>');
    expect(chart).toContain("<a:t>Target vs actual</a:t>");
    // Two series: names C1 and D1, values C2:C4 and D2:D4, both over the goals A2:A4.
    expect([...chart.matchAll(/<c:tx><c:strRef><c:f>([^<]*)<\/c:f>/g)].map((m) => m[1])).toEqual(["'Review 2026-Q3'!$C$1", "'Review 2026-Q3'!$D$1"]);
    expect([...chart.matchAll(/<c:cat><c:strRef><c:f>([^<]*)<\/c:f>/g)].map((m) => m[1])).toEqual(["'Review 2026-Q3'!$A$2:$A$4", "'Review 2026-Q3'!$A$2:$A$4"]);
    expect([...chart.matchAll(/<c:val><c:numRef><c:f>([^<]*)<\/c:f>/g)].map((m) => m[1])).toEqual(["'Review 2026-Q3'!$C$2:$C$4", "'Review 2026-Q3'!$D$2:$D$4"]);
    expect(chart).toMatch(/<c:catAx>[\s\S]*<c:valAx>/);
    // Anchor F1 (col 6 → 0-based 5, row 0) over 10 columns × 20 rows → to col 15, row 20.
    const drawing = await p.text("xl/drawings/drawing1.xml");
    expect(drawing).toMatch(/<xdr:from><xdr:col>5<\/xdr:col><xdr:colOff>0<\/xdr:colOff><xdr:row>0<\/xdr:row>/);
    expect(drawing).toMatch(/<xdr:to><xdr:col>15<\/xdr:col><xdr:colOff>0<\/xdr:colOff><xdr:row>20<\/xdr:row>/);
    expect(await p.text("xl/drawings/_rels/drawing1.xml.rels")).toContain('Target="../charts/chart1.xml"');
    // The review is the second sheet: its rels point at the drawing, and <drawing> comes before <tableParts>.
    const sheetRels = await p.text("xl/worksheets/_rels/sheet2.xml.rels");
    const rid = /Id="(rId\d+)"[^>]*Type="[^"]*\/drawing"[^>]*Target="..\/drawings\/drawing1.xml"/.exec(sheetRels)?.[1];
    expect(rid).toBeDefined();
    const sheet = await p.text("xl/worksheets/sheet2.xml");
    expect(sheet).toMatch(new RegExp(`<drawing r:id="${rid}"/><tableParts`));
    expect(await p.text("xl/worksheets/sheet1.xml")).not.toContain("<drawing");
    const ct = await p.text("[Content_Types].xml");
    expect(ct).toContain('<Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>');
    expect(ct).toContain('<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>');
  });

  it("reopened and regenerated in place, the sheet holds exactly one chart, from the new spec; other sheets keep theirs", async () => {
    const port = newXlsx();
    await port.applySheetSpec(reviewSpec("Review 2026-Q2", "Q2 chart"));
    await port.applySheetSpec({ ...reviewSpec("Review 2026-Q3", "Old title"), tables: [{ name: "ReviewQ3", range: rangeOf(1, 1, 4, 4) }] });
    const first = await saveXlsx(port);
    expect((await parts(first)).charts).toHaveLength(2);

    const again = await openXlsx(first);
    expect(again.chartsOf().map((c) => [c.sheet, c.chart.title])).toEqual([["Review 2026-Q2", "Q2 chart"], ["Review 2026-Q3", "Old title"]]);
    // Read back as the spec that drew it.
    expect(again.chartsOf()[0]!.chart).toEqual(reviewSpec("Review 2026-Q2", "Q2 chart").charts![0]);
    await again.applySheetSpec({ ...reviewSpec("Review 2026-Q3", "New title", [10, 20, 30]), tables: [{ name: "ReviewQ3", range: rangeOf(1, 1, 4, 4) }] });
    const second = await saveXlsx(again);
    const p = await parts(second);
    expect(p.charts).toHaveLength(2);
    expect(p.drawings).toHaveLength(2);
    const titles = await Promise.all(p.charts.map(async (c) => /<a:t>([^<]*)<\/a:t>/.exec(await p.text(c))?.[1]));
    expect(titles.sort()).toEqual(["New title", "Q2 chart"]);
    for (const sheet of ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"]) expect((await p.text(sheet)).match(/<drawing\b/g)).toHaveLength(1);
    // Once more: still two, nothing piles up.
    const third = await saveXlsx(await openXlsx(second));
    expect((await parts(third)).charts).toHaveLength(2);
    expect((await openXlsx(third)).chartsOf().map((c) => c.chart.title)).toEqual(["Q2 chart", "New title"]);
  });

  it("uncarriedContent does not name our own charts, but names a user's chart on a user sheet", async () => {
    const port = newXlsx();
    await port.applySheetSpec(reviewSpec("Review 2026-Q3", "Target vs actual"));
    await port.applySheetSpec({ ...reviewSpec("Sales", "User chart"), charts: [], tables: [{ name: "SalesTable", range: rangeOf(1, 1, 4, 4) }] });
    const ours = await saveXlsx(port);
    expect(await uncarriedContent(ours)).toEqual([]);

    // A user's chart: the same parts, but a frame Excel named "Chart 1" on the Sales sheet.
    const port2 = await openXlsx(ours);
    await port2.applySheetSpec({ ...reviewSpec("Sales", "User chart"), mode: "patch", blocks: [], tables: [] });
    const zip = await JSZip.loadAsync(await saveXlsx(port2));
    const rels = await zip.file("xl/drawings/_rels/drawing2.xml.rels")!.async("string");
    expect(rels).toContain("chart2.xml");
    const drawing = await zip.file("xl/drawings/drawing2.xml")!.async("string");
    zip.file("xl/drawings/drawing2.xml", drawing.replace(/name="SalesPlan chart 1"/, 'name="Chart 1"'));
    const foreign = await zip.generateAsync({ type: "uint8array" });
    expect(await uncarriedContent(foreign)).toEqual([{ kind: "chart", sheet: "Sales", detail: "chart" }]);
    // The user's chart is not taken for ours on open: only the review's is carried.
    expect((await openXlsx(foreign)).chartsOf().map((c) => c.sheet)).toEqual(["Review 2026-Q3"]);
  });

  it("leaves the chart of a sheet where ExcelJS drew a picture unwritten, and says so", async () => {
    const port = newXlsx();
    await port.applySheetSpec(reviewSpec("Review 2026-Q3", "Target vs actual"));
    // A 1 × 1 PNG.
    const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
    const id = port.workbook.addImage({ buffer: png as unknown as import("exceljs").Buffer, extension: "png" });
    port.workbook.getWorksheet("Review 2026-Q3")!.addImage(id, "H30:I31");
    const p = await parts(await saveXlsx(port));
    expect(port.unwrittenCharts).toEqual([{ sheet: "Review 2026-Q3", title: "Target vs actual" }]);
    expect(p.charts).toEqual([]);
    expect(p.drawings).toHaveLength(1); // ExcelJS's, with the picture
  });

  it.skipIf(!hasSoffice && !process.env.CI)(`LibreOffice reads the chart: its own xlsx of our file still has a chart part${sofficeSkipReason}`, async () => {
    const port = newXlsx();
    await port.applySheetSpec(reviewSpec("Review 2026-Q3", "Target vs actual"));
    const path = join(dir, "chart.xlsx");
    await saveXlsx(port, path);
    const converted = await recalc(path);
    const p = await parts(new Uint8Array(readFileSync(converted)));
    expect(p.charts.length).toBe(1);
    const chart = await p.text(p.charts[0]!);
    expect(chart).toMatch(/barDir val="col"/);
    expect(chart).toContain("$C$2:$C$4");
  }, 120_000);
});

describe("salesplan review draws its chart", () => {
  it("writes the review's column chart and prints no 'Charts could not be written' line", async () => {
    const d = serialFromYmd;
    const q3 = { Unit: "CNY", Start: d(2026, 7, 1), End: d(2026, 9, 30) };
    const plan = newXlsx("plan.xlsx");
    await writePlan(plan, {
      targets: [
        { GoalID: "G-001", Goal: "Q3 revenue", Metric: "Revenue", Target: 9_200, Owner: "Wang", ...q3 },
        { GoalID: "G-002", Goal: "Q3 cost", Metric: "Cost", Direction: "lower", Target: 920, Owner: "Li", ...q3 },
      ],
      actuals: [{ Date: d(2026, 7, 10), Metric: "Revenue", Value: 3_000 }, { Date: d(2026, 7, 5), Metric: "Cost", Value: 500 }],
    }, "en");
    const input = join(dir, "plan.xlsx");
    writeFileSync(input, await saveXlsx(plan));
    const cli = async (args: string[]) => {
      let out = "";
      let err = "";
      const code = await run(["node", "salesplan", ...args], { stdout: (x) => (out += x), stderr: (x) => (err += x), isTTY: false });
      return { code, out, err };
    };
    const out1 = join(dir, "plan (review).xlsx");
    const r = await cli(["review", input, "--period", "2026-Q3", "--as-of", "2026-08-15"]);
    expect(r.code).toBe(0);
    expect(r.err).not.toContain("Charts could not be written");
    const p = await parts(new Uint8Array(readFileSync(out1)));
    expect(p.charts).toHaveLength(1);
    expect(await p.text(p.charts[0]!)).toContain("'Review 2026-Q3'!$");
    // The output as input: its own chart does not stop the run, and the new copy has one chart.
    const out2 = join(dir, "again.xlsx");
    const r2 = await cli(["review", out1, "--period", "2026-Q3", "--as-of", "2026-08-20", "-o", out2]);
    expect(r2.code).toBe(0);
    expect(r2.err).not.toContain("Charts could not be written");
    expect((await parts(new Uint8Array(readFileSync(out2)))).charts).toHaveLength(1);
  });
});
