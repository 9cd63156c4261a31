/**
 * The xlsx file port: the port contract on real file bytes, then what files from elsewhere
 * need (openpyxl's absolute relationship targets and inline strings, LibreOffice's files,
 * the 1904 date system, rich text, shared formulas) and what a written file holds.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { serialFromYmd } from "../../src/core/dates";
import type { RawTables } from "../../src/core/schema";
import { rangeOf } from "../../src/core/sheets/spec";
import { insertTemplate } from "../../src/actions/insert-template";
import { convertSheet } from "../../src/actions/convert-sheet";
import {
  fileKind, isDateFormat, newXlsx, normalizePackage, openXlsx, saveXlsx, spreadsheetKind, uncarriedContent, type XlsxWorkbook,
} from "../../src/ports/xlsx";
import { HAS_OPENPYXL, SOFFICE, type PyCell, type PySheet, libreOfficeConvert, openpyxlWorkbook, tempDir } from "../fixtures/fixtures";
import { formulaAt, runWorkbookPortContract, valueAt } from "./contract";
import { xlsxBytesFromSeed, xlsxPortFromSeed } from "./xlsx-seed";

runWorkbookPortContract("xlsx", (seed) => xlsxPortFromSeed(seed));

const TODAY = serialFromYmd(2026, 8, 15);

async function zipText(bytes: Uint8Array, path: string): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const f = zip.file(path);
  if (!f) throw new Error(`no ${path} in the package`);
  return f.async("string");
}

async function sampleWorkbook(lang: "en" | "zh-CN"): Promise<{ port: XlsxWorkbook; bytes: Uint8Array }> {
  const port = newXlsx("plan.xlsx");
  const r = await insertTemplate(port, { lang, sample: true, today: TODAY });
  expect(r.ok).toBe(true);
  return { port, bytes: await saveXlsx(port) };
}

/** A port's sheets as openpyxl_workbook.py input: dates as dates, formulas as formulas, tables at their places. */
async function asPySheets(port: XlsxWorkbook): Promise<PySheet[]> {
  const tables = await port.readPlanTables();
  const out: PySheet[] = [];
  for (const info of await port.listSheets()) {
    const s = await port.readSheet(info.name);
    const cells: PyCell[][] = s.values.map((row, i) =>
      row.map((v, j): PyCell => {
        const f = s.formulas[i]![j];
        if (f) return { f };
        if (typeof v === "number" && isDateFormat(s.numberFormats[i]![j]!)) return { date: v };
        return v as PyCell;
      }),
    );
    const ts = Object.values(tables).filter((t) => t!.sheet === info.name).map((t) => ({
      name: t!.name,
      ref: `${String.fromCharCode(64 + t!.firstCol)}${t!.headerRow}:${String.fromCharCode(64 + t!.firstCol + t!.headers.length - 1)}${t!.headerRow + Math.max(t!.rows.length, 1)}`,
    }));
    out.push({ name: info.name, at: `${String.fromCharCode(64 + s.origin.col)}${s.origin.row}`, cells, tables: ts });
  }
  return out;
}

/** Plan tables without the Score column's cached values (writers differ: none, or computed). */
function withoutScores(t: RawTables): RawTables {
  const risks = t.PlanRisks!;
  const i = risks.headers.indexOf("Score") >= 0 ? risks.headers.indexOf("Score") : risks.headers.indexOf("评分");
  return { ...t, PlanRisks: { ...risks, rows: risks.rows.map((r) => r.map((v, j) => (j === i ? null : v))) } };
}

describe("xlsx port: files from other programs", () => {
  it.skipIf(!HAS_OPENPYXL)("reads an openpyxl workbook (absolute relationship targets, inline strings) as the same plan as our own", async () => {
    for (const lang of ["en", "zh-CN"] as const) {
      const ours = await sampleWorkbook(lang);
      const expected = await (await openXlsx(ours.bytes)).readPlanTables();
      const file = openpyxlWorkbook(await asPySheets(await openXlsx(ours.bytes)), { name: `plan-${lang}` });
      const bytes = new Uint8Array(readFileSync(file));
      // The fixture really has what breaks ExcelJS 4.4: absolute targets and inline strings.
      expect(await zipText(bytes, "xl/worksheets/_rels/sheet1.xml.rels")).toMatch(/Target="\/xl\/tables\/table1\.xml"/);
      expect(await zipText(bytes, "xl/worksheets/sheet1.xml")).toMatch(/t="inlineStr"/);
      const theirs = await (await openXlsx(file)).readPlanTables();
      expect(Object.keys(theirs).sort()).toEqual(Object.keys(expected).sort());
      for (const name of Object.keys(expected) as (keyof RawTables)[]) {
        expect(theirs[name], name).toEqual(expected[name]);
      }
    }
  });

  it.skipIf(!HAS_OPENPYXL)("normalises the package: every internal relationship target becomes relative", async () => {
    const file = openpyxlWorkbook([{ name: "Data", cells: [["Goal ID", "Goal"], ["G-001", "x"]], tables: [{ name: "PlanTargets", ref: "A1:B2" }] }]);
    const { bytes, info } = await normalizePackage(new Uint8Array(readFileSync(file)));
    expect(info.changed).toBe(true);
    const zip = await JSZip.loadAsync(bytes);
    for (const path of Object.keys(zip.files).filter((p) => p.endsWith(".rels"))) {
      const xml = await zip.file(path)!.async("string");
      expect(xml, path).not.toMatch(/Target="\//);
    }
    expect(await zipText(bytes, "xl/worksheets/_rels/sheet1.xml.rels")).toMatch(/Target="\.\.\/tables\/table1\.xml"/);
    // A package that needs nothing is returned as it is.
    const again = await normalizePackage(bytes);
    expect(again.info.changed).toBe(false);
    expect(again.bytes).toBe(bytes);
  });

  it("renames parts ExcelJS finds only by name, and fixes the relationships to them", async () => {
    const bytes = await xlsxBytesFromSeed({ sheets: [{ name: "S", cells: [["Goal ID", "Goal"], ["G-001", "Grow"]], tables: [{ name: "PlanTargets", ref: "A1:B2" }] }] });
    const zip = await JSZip.loadAsync(bytes);
    const move = async (from: string, to: string) => {
      const data = await zip.file(from)!.async("uint8array");
      zip.remove(from);
      zip.file(to, data);
    };
    await move("xl/worksheets/sheet1.xml", "xl/worksheets/Data.xml");
    await move("xl/worksheets/_rels/sheet1.xml.rels", "xl/worksheets/_rels/Data.xml.rels");
    await move("xl/tables/table1.xml", "xl/tables/targets.xml");
    const wbRels = (await zip.file("xl/_rels/workbook.xml.rels")!.async("string")).replace("worksheets/sheet1.xml", "/xl/worksheets/Data.xml");
    zip.file("xl/_rels/workbook.xml.rels", wbRels);
    const sheetRels = (await zip.file("xl/worksheets/_rels/Data.xml.rels")!.async("string")).replace("../tables/table1.xml", "/xl/tables/targets.xml");
    zip.file("xl/worksheets/_rels/Data.xml.rels", sheetRels);
    const odd = await zip.generateAsync({ type: "uint8array" });
    const t = await (await openXlsx(odd)).readPlanTables();
    expect(t.PlanTargets).toMatchObject({ sheet: "S", headers: ["Goal ID", "Goal"], rows: [["G-001", "Grow"]] });
  });

  it.skipIf(!HAS_OPENPYXL)("reads dates of a 1904 workbook as 1900-system serials, date-formatted or not", async () => {
    const file = openpyxlWorkbook(
      [{
        name: "Actuals",
        cells: [["Date", "Metric", "Value"], [{ date: 46_023 }, "Revenue", 10], [46_024 - 1462, "Revenue", 20]],
        tables: [{ name: "PlanActuals", ref: "A1:C3" }],
      }],
      { date1904: true },
    );
    const port = await openXlsx(file);
    expect(port.date1904).toBe(true);
    const a = (await port.readPlanTables()).PlanActuals!;
    // 46023 is 2026-01-01: openpyxl stores it as the 1904 serial 44561; ExcelJS hands out the date.
    // The second row holds the plain number 44562, a 1904 serial in a date column: 44562 + 1462 = 46024.
    expect(a.rows.map((r) => r[0])).toEqual([46_023, 46_024]);
  });

  it.skipIf(!HAS_OPENPYXL)("writes dates into a 1904 workbook so they read back as the same days", async () => {
    const file = openpyxlWorkbook([{ name: "Orders", cells: [["Order date", "Amount"], [{ date: 46_023 }, 10], [{ date: 46_100 }, 20]] }], { date1904: true });
    const port = await openXlsx(file);
    const r = await convertSheet(port, {});
    expect(r.ok).toBe(true);
    await port.applySheetSpec({ name: "More", blocks: [{ row: 1, col: 1, cells: [[{ t: "d", v: 46_200 }]] }] });
    const bytes = await saveXlsx(port);
    // The file stays a 1904 workbook: 2026-01-01 is stored as 46023 − 1462 = 44561.
    expect(await zipText(bytes, "xl/workbook.xml")).toMatch(/date1904="1"/);
    const back = await openXlsx(bytes);
    expect((await back.readPlanTables()).PlanActuals!.rows.map((row) => row[0])).toEqual([46_023, 46_100]);
    expect((await back.readSheet("More")).values).toEqual([[46_200]]);
  });

  it.skipIf(!SOFFICE)("reads a file LibreOffice wrote as the same plan, with the risk scores it computed", async () => {
    const dir = tempDir();
    const ours = await sampleWorkbook("en");
    const src = join(dir, "plan.xlsx");
    await saveXlsx(ours.port, src);
    const lo = libreOfficeConvert(src, "xlsx", join(dir, "lo"));
    const expected = await (await openXlsx(src)).readPlanTables();
    const theirs = await (await openXlsx(lo)).readPlanTables();
    expect(withoutScores(theirs)).toEqual(withoutScores(expected));
    // Score = Likelihood × Impact, computed by LibreOffice from the structured-reference formula.
    for (const r of theirs.PlanRisks!.rows) expect(r[6]).toBe((r[4] as number) * (r[5] as number));
  });

  it("reads rich text and hyperlinks as their text, and expands shared formulas", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("S");
    ws.getCell("A1").value = { richText: [{ text: "Grow " }, { text: "revenue", font: { bold: true } }] };
    ws.getCell("B1").value = { text: "site", hyperlink: "https://example.com" };
    ws.getCell("A2").value = 1;
    ws.getCell("A3").value = 2;
    ws.getCell("A4").value = 3;
    ws.getCell("B2").value = { formula: "A2*2", shareType: "shared", ref: "B2:B4", result: 2 } as unknown as ExcelJS.CellFormulaValue;
    ws.getCell("B3").value = { sharedFormula: "B2", result: 4 } as unknown as ExcelJS.CellSharedFormulaValue;
    ws.getCell("B4").value = { sharedFormula: "B2", result: 6 } as unknown as ExcelJS.CellSharedFormulaValue;
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    expect(await zipText(bytes, "xl/worksheets/sheet1.xml")).toMatch(/t="shared"/);
    const port = await openXlsx(bytes);
    const s = await port.readSheet("S");
    expect(s.values[0]).toEqual(["Grow revenue", "site"]);
    expect([2, 3, 4].map((r) => formulaAt(s, r, 2))).toEqual(["=A2*2", "=A3*2", "=A4*2"]);
    expect([2, 3, 4].map((r) => valueAt(s, r, 2))).toEqual([2, 4, 6]);
    // Rewriting the first cell does not break the others.
    await port.applySheetSpec({ name: "S", mode: "patch", blocks: [{ row: 2, col: 2, cells: [[{ t: "s", v: "text now" }]] }] });
    const back = await (await openXlsx(await saveXlsx(port))).readSheet("S");
    expect([3, 4].map((r) => formulaAt(back, r, 2))).toEqual(["=A3*2", "=A4*2"]);
    expect(valueAt(back, 2, 2)).toBe("text now");
  });
});

describe("xlsx port: what a written file holds", () => {
  it("writes tables, warning-style validations, formats, freeze panes, widths and text as text", async () => {
    const port = newXlsx();
    await port.applySheetSpec({
      name: "Targets",
      columnWidths: { 1: 12, 2: 40 },
      blocks: [{ row: 1, col: 1, cells: [
        [{ t: "s", v: "Goal ID" }, { t: "s", v: "Metric" }, { t: "s", v: "Start" }, { t: "s", v: "Score" }],
        [{ t: "s", v: "00123" }, { t: "s", v: "=HYPERLINK(\"http://x\",\"y\")" }, { t: "d", v: 46_023 }, { t: "n", v: 3 }],
      ] }],
      tables: [{ name: "PlanTargets", range: rangeOf(1, 1, 2, 4), style: "TableStyleMedium2" }],
      validations: [
        { range: rangeOf(2, 2, 500, 1), kind: "list", values: ["Revenue", "销售额"], alert: "warning", prompt: "Pick one" },
        { range: rangeOf(2, 3, 500, 1), kind: "date", min: 32_874, max: 109_572, alert: "warning" },
        { range: rangeOf(2, 4, 500, 1), kind: "whole", min: 1, max: 5, alert: "warning" },
      ],
      conditionalFormats: [{ range: rangeOf(2, 4, 1, 1), kind: "cellValue", operator: "greaterThan", value: 2, font: "#9C0006" }],
      freeze: { rows: 1, cols: 0 },
    });
    const bytes = await saveXlsx(port);
    const sheet = await zipText(bytes, "xl/worksheets/sheet1.xml");
    const table = await zipText(bytes, "xl/tables/table1.xml");
    expect(table).toMatch(/name="PlanTargets"/);
    expect(table).toMatch(/ref="A1:D2"/);
    expect(table).toMatch(/headerRowCount="1"/);
    expect(table).toMatch(/<tableColumn id="2" name="Metric"/);
    expect(sheet).toMatch(/<dataValidation type="list" allowBlank="1" showInputMessage="1" prompt="Pick one" showErrorMessage="1" errorStyle="warning" sqref="B2:B501"><formula1>&quot;Revenue,销售额&quot;<\/formula1>/);
    expect(sheet).toMatch(/type="date"[^>]*errorStyle="warning"[^>]*sqref="C2:C501"><formula1>32874<\/formula1><formula2>109572<\/formula2>/);
    expect(sheet).toMatch(/type="whole"[^>]*errorStyle="warning"[^>]*sqref="D2:D501"><formula1>1<\/formula1><formula2>5<\/formula2>/);
    expect(sheet).toMatch(/<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"\/>/);
    expect(sheet).toMatch(/<col min="2" max="2" width="40"/);
    expect(sheet).toMatch(/<conditionalFormatting sqref="D2">/);
    // Text that looks like a number or a formula is a string cell, not a number or a formula.
    expect(sheet).not.toMatch(/<f>HYPERLINK/);
    const back = await openXlsx(bytes);
    const s = await back.readSheet("Targets");
    expect(s.values[1]).toEqual(["00123", "=HYPERLINK(\"http://x\",\"y\")", 46_023, 3]);
    expect(s.formulas[1]).toEqual([null, null, null, null]);
    expect(s.numberFormats[1]![2]).toBe("yyyy-mm-dd");
  });

  it("keeps the header rows, filter buttons and style of tables it loaded, as Excel wrote them", async () => {
    const bytes = await xlsxBytesFromSeed({ sheets: [{ name: "S", cells: [["Goal ID", "Goal"], ["G-001", "x"]], tables: [{ name: "PlanTargets", ref: "A1:B2" }] }] });
    // As Excel writes a table: no headerRowCount (default 1), no filterColumn unless a button is
    // hidden (here column 2's), sometimes no tableStyleInfo.
    const zip = await JSZip.loadAsync(bytes);
    const xml = (await zip.file("xl/tables/table1.xml")!.async("string"))
      .replace(/\sheaderRowCount="1"/, "")
      .replace(/<autoFilter[^>]*?(\/>|>[\s\S]*?<\/autoFilter>)/, '<autoFilter ref="A1:B2"><filterColumn colId="1" hiddenButton="1"/></autoFilter>')
      .replace(/<tableStyleInfo[^>]*\/>/, "");
    zip.file("xl/tables/table1.xml", xml);
    const excelLike = await zip.generateAsync({ type: "uint8array" });
    const port = await openXlsx(excelLike);
    expect((await port.readPlanTables()).PlanTargets!.rows).toEqual([["G-001", "x"]]);
    const saved = await zipText(await saveXlsx(port), "xl/tables/table1.xml");
    expect(saved).not.toMatch(/headerRowCount="0"/);
    expect(saved).toMatch(/<filterColumn colId="0" hiddenButton="0"\/><filterColumn colId="1" hiddenButton="1"\/>/);
  });

  it("writes a copied sheet hidden, after its original, without a second table", async () => {
    const port = await xlsxPortFromSeed({ sheets: [
      { name: "A", cells: [["Goal ID"], ["G-001"]], tables: [{ name: "PlanTargets", ref: "A1:A2" }], merges: [] },
      { name: "B", cells: [["b"]] },
    ] });
    await port.copySheet("A", "A (original)", { hidden: true });
    const back = await openXlsx(await saveXlsx(port));
    expect(await back.listSheets()).toEqual([
      { name: "A", visible: true }, { name: "A (original)", visible: false }, { name: "B", visible: true },
    ]);
    expect((await back.readSheet("A (original)")).values).toEqual([["Goal ID"], ["G-001"]]);
    expect((await back.readPlanTables()).PlanTargets!.sheet).toBe("A");
  });

  it("writes a table column with its icon set, and draws the spec's chart into the file", async () => {
    const port = await xlsxPortFromSeed({ sheets: [{ name: "T", cells: [["Goal ID", "Goal"], ["G-001", "x"], ["G-002", "y"]], tables: [{ name: "PlanTargets", ref: "A1:B3" }] }] });
    await port.writeTableColumn("PlanTargets", "SMART", [{ t: "n", v: 5 }, { t: "n", v: 2 }], { iconSet3: { value1: 3, value2: 5 } });
    await port.applySheetSpec({
      name: "Review", blocks: [{ row: 1, col: 1, cells: [[{ t: "s", v: "Goal" }, { t: "s", v: "Actual" }], [{ t: "s", v: "G-001" }, { t: "n", v: 5 }]] }],
      charts: [{ kind: "columnClustered", title: "Target vs actual", categories: rangeOf(1, 1, 2, 1), series: [rangeOf(1, 2, 2, 1)], anchor: rangeOf(1, 4, 15, 8) }],
    });
    const bytes = await saveXlsx(port);
    expect(port.unwrittenCharts).toEqual([]);
    expect(await zipText(bytes, "xl/charts/chart1.xml")).toMatch(/<c:barDir val="col"\/>[\s\S]*Review(&apos;|')!\$B\$2/);
    expect(await zipText(bytes, "xl/tables/table1.xml")).toMatch(/ref="A1:C3"[\s\S]*name="SMART"/);
    expect(await zipText(bytes, "xl/worksheets/sheet1.xml")).toMatch(/<iconSet iconSet="3TrafficLights1"/);
    const back = await openXlsx(bytes);
    expect((await back.readPlanTables()).PlanTargets!.rows).toEqual([["G-001", "x", 5], ["G-002", "y", 2]]);
  });
});

describe("xlsx port: what a file is, and what a copy would lose", () => {
  it("tells an xlsx, a password-protected workbook, an .xls and anything else apart by their bytes", async () => {
    expect(fileKind(await xlsxBytesFromSeed({ sheets: [{ name: "S" }] }))).toBe("zip");
    const cfb = new Uint8Array(1024);
    cfb.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(fileKind(cfb)).toBe("cfb");
    // An encrypted OOXML file is a compound file with an "EncryptionInfo" stream (names are UTF-16LE).
    const name = "EncryptionInfo";
    name.split("").forEach((ch, i) => (cfb[512 + 2 * i] = ch.charCodeAt(0)));
    expect(fileKind(cfb)).toBe("encrypted");
    expect(fileKind(new TextEncoder().encode("Date,Value\n2026-01-01,5\n"))).toBe("other");
  });

  it("tells a spreadsheet package from an .xlsb and from other zips", async () => {
    expect(await spreadsheetKind(await xlsxBytesFromSeed({ sheets: [{ name: "S" }] }))).toBe("xlsx");
    const docx = new JSZip();
    docx.file("_rels/.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
    docx.file("word/document.xml", "<w:document/>");
    docx.file("[Content_Types].xml", '<Types><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
    expect(await spreadsheetKind(await docx.generateAsync({ type: "uint8array" }))).toBe("other");
    const xlsb = new JSZip();
    xlsb.file("_rels/.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.bin"/></Relationships>');
    xlsb.file("xl/workbook.bin", "binary");
    expect(await spreadsheetKind(await xlsb.generateAsync({ type: "uint8array" }))).toBe("xlsb");
  });

  it.skipIf(!HAS_OPENPYXL)("names charts with their sheet", async () => {
    const file = openpyxlWorkbook([
      { name: "Sales", cells: [["Month", "Revenue"], ["Jan", 1], ["Feb", 2], ["Mar", 3]], charts: [{ anchor: "D2", data: "B1:B4", categories: "A2:A4" }] },
      { name: "Plain", cells: [["x"]] },
    ]);
    expect(await uncarriedContent(new Uint8Array(readFileSync(file)))).toEqual([{ kind: "chart", sheet: "Sales", detail: "chart" }]);
  });

  it("names images, pivot tables, slicers, sparklines and macros, and nothing in a plain workbook", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Pics");
    wb.addWorksheet("Plain").getCell("A1").value = "x";
    // A 1×1 PNG.
    const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
    const id = wb.addImage({ buffer: png as unknown as ExcelJS.Buffer, extension: "png" });
    ws.addImage(id, "B2:C4");
    const withImage = new Uint8Array(await wb.xlsx.writeBuffer());
    expect(await uncarriedContent(withImage)).toEqual([{ kind: "image", sheet: "Pics", detail: "image" }]);

    const plain = await xlsxBytesFromSeed({ sheets: [{ name: "S", cells: [["a"]] }] });
    expect(await uncarriedContent(plain)).toEqual([]);

    const zip = await JSZip.loadAsync(plain);
    zip.file("xl/vbaProject.bin", "macro");
    const rels = await zip.file("xl/worksheets/_rels/sheet1.xml.rels")?.async("string");
    zip.file(
      "xl/worksheets/_rels/sheet1.xml.rels",
      (rels ?? '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>').replace(
        "</Relationships>",
        '<Relationship Id="rId90" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/pivotTable" Target="../pivotTables/pivotTable1.xml"/>' +
          '<Relationship Id="rId91" Type="http://schemas.microsoft.com/office/2007/relationships/slicer" Target="../slicers/slicer1.xml"/></Relationships>',
      ),
    );
    const sheetXml = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    zip.file("xl/worksheets/sheet1.xml", sheetXml.replace("</worksheet>", '<extLst><ext uri="{05C60535-1F16-4fd2-B633-F4F36F0B64E0}"><x14:sparklineGroups xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"/></ext></extLst></worksheet>'));
    const rich = await zip.generateAsync({ type: "uint8array" });
    expect(await uncarriedContent(rich)).toEqual([
      { kind: "macro", detail: "vbaProject" },
      { kind: "other", sheet: "S", detail: "sparkline" },
      { kind: "pivotTable", sheet: "S", detail: "pivotTable" },
      { kind: "slicer", sheet: "S", detail: "slicer" },
    ]);
  });

  it("knows date formats from others", () => {
    for (const f of ["yyyy-mm-dd", "d mmm yyyy", "m/d/yy", "[$-409]mmmm d, yyyy", "yyyy\"年\"m\"月\"d\"日\"", "hh:mm"]) expect(isDateFormat(f), f).toBe(true);
    for (const f of ["General", "#,##0", "0.0%", "\"m\"0", "@", "[Red]#,##0"]) expect(isDateFormat(f), f).toBe(false);
  });
});
