/**
 * The xlsx port with the PlanActuals sheet streamed past ExcelJS (src/ports/xlsx/stream.ts,
 * issue 7): the table it reads equals what the ExcelJS path reads from the same file, the
 * copy it writes holds every original cell (values and number formats), the paths that need
 * the sheet's cells through ExcelJS materialize it first, and the port contract holds.
 * Streaming is forced with streamMinBytes 0; the reference is the same file opened with
 * streamMinBytes Infinity (ExcelJS reads every cell).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import JSZip from "jszip";
import { afterAll, describe, expect, it } from "vitest";
import { serialFromYmd } from "../../src/core/dates";
import { isError } from "../../src/core/errors";
import { buildReview } from "../../src/core/review/engine";
import type { RawTables } from "../../src/core/schema";
import { REVIEW_LAYOUT, reviewCol } from "../../src/core/sheets/review";
import { generateReview } from "../../src/actions/generate-review";
import { insertTemplate } from "../../src/actions/insert-template";
import { writeWorkbook } from "../../src/cli/io";
import { run } from "../../src/cli/main";
import { type XlsxWorkbook, newXlsx, openXlsx, saveXlsx, saveXlsxFile } from "../../src/ports/xlsx";
import { uncarriedContent as packageUncarried } from "../../src/ports/xlsx/package";
import { withoutSheetData } from "../../src/ports/xlsx/stream";
import type { Row } from "../core/smart/tables";
import { writePlan } from "../actions/plan-sheets";
import { HAS_OPENPYXL, type PyCell, openpyxlWorkbook } from "../fixtures/fixtures";
import { hasSoffice, readSavedValues, recalc, sofficeSkipReason } from "../helpers/libreoffice";
import { runWorkbookPortContract } from "./contract";
import { xlsxBytesFromSeed } from "./xlsx-seed";

const d = serialFromYmd;
const AS_OF = d(2026, 8, 15);
const dir = mkdtempSync(join(tmpdir(), "salesplan-xlsx-stream-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

runWorkbookPortContract("xlsx (PlanActuals streamed)", async (seed) => {
  const port = await openXlsx(await xlsxBytesFromSeed(seed ?? { sheets: [] }), { name: seed?.name ?? "Book1.xlsx", streamMinBytes: 0 });
  // The contract's seed has a PlanActuals table: it must really be streamed here.
  if (seed?.sheets.some((s) => s.tables?.some((t) => t.name === "PlanActuals"))) expect(port.streamed).not.toBeNull();
  return port;
});

const plain = (bytes: Uint8Array) => openXlsx(bytes, { streamMinBytes: Infinity });
const streamed = async (bytes: Uint8Array): Promise<XlsxWorkbook> => {
  const port = await openXlsx(bytes, { streamMinBytes: 0 });
  expect(port.streamed, "the PlanActuals sheet is streamed").not.toBeNull();
  return port;
};

const TARGETS: Row[] = [
  { GoalID: "G-001", Goal: "Q3 revenue East", Metric: "Revenue", Target: 9_200, Owner: "Wang", Region: "East", Unit: "CNY", Start: d(2026, 7, 1), End: d(2026, 9, 30) },
  { GoalID: "G-002", Goal: "Q3 units", Metric: "Units", Target: 500, Owner: "Li", Unit: "pcs", Start: d(2026, 7, 1), End: d(2026, 9, 30) },
  { GoalID: "G-003", Goal: "Year revenue", Metric: "Revenue", Target: 50_000, Owner: "Li", Unit: "CNY", Start: d(2026, 1, 1), End: d(2026, 12, 31) },
];

/** `n` actuals over 2026 with cents, blanks, odd texts (XML specials, a surrogate pair, a _x0041_ look-alike, a line break). */
function actuals(n: number): Row[] {
  const regions = ["East", "West", "North & South", "<Central>", "Ost 📈", "_x0041_", "a\nb", null];
  return Array.from({ length: n }, (_, i) => ({
    Date: d(2026, 1, 1) + ((i * 7) % 365),
    Metric: i % 3 === 0 ? "Units" : "Revenue",
    Value: i % 11 === 0 ? null : Math.round(((i * 7919) % 100_000) - 20_000) / 100,
    Region: regions[i % regions.length]!,
    Product: i % 4 === 0 ? null : `P-${i % 13}`,
    Customer: `C${i % 97}`,
  }));
}

async function planBytes(acts: readonly Row[], lang: "en" | "zh-CN" = "en"): Promise<Uint8Array> {
  const port = newXlsx("plan.xlsx");
  await writePlan(port, { targets: TARGETS, actuals: acts }, lang);
  return saveXlsx(port);
}

/** Everything the reference port reads of a sheet that a copy must keep. */
async function sheetOf(port: XlsxWorkbook, name: string) {
  const s = await port.readSheet(name);
  return { origin: s.origin, values: s.values, formulas: s.formulas, numberFormats: s.numberFormats, merges: s.merges, tables: s.tables };
}

/** A package with parts replaced (text). */
async function withParts(bytes: Uint8Array, parts: Record<string, (xml: string) => string>): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  for (const [path, edit] of Object.entries(parts)) zip.file(path, edit((await zip.file(path)?.async("string")) ?? ""));
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/** The part holding a sheet, by its name. */
async function sheetPart(bytes: Uint8Array, name: string): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const wb = await zip.file("xl/workbook.xml")!.async("string");
  const id = new RegExp(`<sheet [^>]*name="${name}"[^>]*r:id="([^"]+)"`).exec(wb)![1];
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)!;
  return `xl/${(target[1] ?? target[2])!.replace(/^\/?xl\//, "")}`;
}

async function tablePart(bytes: Uint8Array, name: string): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  for (const path of Object.keys(zip.files)) {
    if (/^xl\/tables\/.*\.xml$/.test(path) && new RegExp(`\\sname="${name}"`).test(await zip.file(path)!.async("string"))) return path;
  }
  throw new Error(`no table ${name}`);
}

/** Opens both ways; the streamed PlanActuals equals the reference, and so does every other table. */
async function expectSameTables(bytes: Uint8Array): Promise<{ ref: RawTables; port: XlsxWorkbook }> {
  const ref = await (await plain(bytes)).readPlanTables();
  const port = await streamed(bytes);
  expect(await port.readPlanTables()).toEqual(ref);
  expect(await port.readPlanTables(["PlanActuals"])).toEqual({ PlanActuals: ref.PlanActuals });
  return { ref, port };
}

/** Saves a port, reopens the copy with ExcelJS reading every cell, and checks its Actuals sheet against the input's. */
async function expectCopyKeepsActuals(input: Uint8Array, port: XlsxWorkbook, sheet = "Actuals"): Promise<XlsxWorkbook> {
  const copy = await plain(await saveXlsx(port));
  expect(await sheetOf(copy, sheet)).toEqual(await sheetOf(await plain(input), sheet));
  expect((await copy.readPlanTables()).PlanActuals).toEqual((await (await plain(input)).readPlanTables()).PlanActuals);
  return copy;
}

describe("streamed PlanActuals: the table read equals ExcelJS's", () => {
  it("our own template (insert-template with the sample) and a plan of 3,000 actuals, English and Chinese", async () => {
    const port = newXlsx("plan.xlsx");
    expect((await insertTemplate(port, { lang: "en", sample: true, today: AS_OF })).ok).toBe(true);
    const sample = await saveXlsx(port);
    const { ref } = await expectSameTables(sample);
    expect(ref.PlanActuals!.rows.length).toBeGreaterThan(100);
    for (const lang of ["en", "zh-CN"] as const) {
      const { ref: big } = await expectSameTables(await planBytes(actuals(3_000), lang));
      expect(big.PlanActuals!.rows).toHaveLength(3_000);
    }
  });

  it("property: any actuals (texts of any characters, numbers, booleans, blanks) read the same streamed", async () => {
    const text = fc.string({ unit: "grapheme", maxLength: 12 });
    const cell = fc.oneof(text, fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.boolean(), fc.constant(null));
    const row = fc.record({ Date: fc.oneof(fc.integer({ min: 1, max: 80_000 }), fc.constant(null)), Metric: text, Value: cell, Region: cell, Customer: text });
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 40 }), async (rows) => {
        await expectSameTables(await planBytes(rows));
      }),
      { numRuns: 15 },
    );
  }, 120_000);

  it.skipIf(!HAS_OPENPYXL)("openpyxl's files (absolute targets, inline strings), 1900 and 1904 date systems", async () => {
    const header: PyCell[] = ["Date", "Metric", "Value", "Region", "Product", "Segment", "Rep", "Customer"];
    const cells: PyCell[][] = [header, ...actuals(300).map((a): PyCell[] => [
      a.Date === null ? null : { date: a.Date as number }, a.Metric as PyCell, a.Value as PyCell, a.Region as PyCell, a.Product as PyCell, null, null, a.Customer as PyCell,
    ])];
    // A plain number in the date column too: in a 1904 workbook it is a 1904 serial.
    cells.push([45_000, "Revenue", 1, "East", null, null, null, true]);
    for (const date1904 of [false, true]) {
      const file = openpyxlWorkbook([{ name: "Actuals", cells, tables: [{ name: "PlanActuals", ref: `A1:H${cells.length}` }], formats: Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`C${i + 2}`, i % 2 ? "#,##0.00" : "0.0%"])) }], {
        date1904, dir, name: `openpyxl-${date1904}`,
      });
      const bytes = new Uint8Array(readFileSync(file));
      const { ref, port } = await expectSameTables(bytes);
      expect(ref.PlanActuals!.rows).toHaveLength(301);
      await expectCopyKeepsActuals(bytes, port);
    }
  });

  it("hand-written XML: shared strings (rich text, phonetic runs, escapes, empty), inline strings, str, booleans, errors, date styles, blanks, gaps", async () => {
    const bytes = await handWritten();
    const { ref, port } = await expectSameTables(bytes);
    const rows = ref.PlanActuals!.rows;
    // What ExcelJS reads, by hand (the reference path agrees, so this pins the fixture).
    expect(rows[0]).toEqual([46_024, "Revenue", 1200.5, "North & South", "rich text", "line\nbreak", "A_x0041_", true]);
    expect(rows[1]!.slice(0, 4)).toEqual([46_025, "kanji", -0.25, null]);
    expect(isError(rows[1]![4]!)).toBe(true);
    expect(rows[2]).toEqual(Array.from({ length: 8 }, () => null)); // a row missing from the XML
    await expectCopyKeepsActuals(bytes, port);
  });

  it("a totals row, a headerless table, the 1904 date system", async () => {
    const base = await planBytes(actuals(50));
    const table = await tablePart(base, "PlanActuals");
    const part = await sheetPart(base, "Actuals");
    // Totals row: the last row of the range is not data.
    const totals = await withParts(base, { [table]: (x) => x.replace(/<table /, '<table totalsRowCount="1" ') });
    const t1 = await expectSameTables(totals);
    expect(t1.ref.PlanActuals!.rows).toHaveLength(49);
    await expectCopyKeepsActuals(totals, t1.port);
    // Headerless: the header row is the row above the range, headers are the table's column names.
    const headerless = await withParts(base, {
      [table]: (x) => x.replace(/headerRowCount="1"/, 'headerRowCount="0"').replace(/ref="A1:/g, 'ref="A2:'),
    });
    const t2 = await expectSameTables(headerless);
    expect(t2.ref.PlanActuals!.headerRow).toBe(1);
    expect(t2.ref.PlanActuals!.rows).toHaveLength(50);
    // 1904: dates with a date style read in the 1904 system, plain numbers in the Date column shifted.
    const in1904 = await withParts(base, {
      "xl/workbook.xml": (x) => (/<workbookPr/.test(x) ? x.replace(/<workbookPr/, '<workbookPr date1904="1"') : x.replace(/<bookViews/, '<workbookPr date1904="1"/><bookViews')),
      [part]: (x) => x.replace(/(<c r="A3")( s="\d+")?/, "$1"),
    });
    const t3 = await expectSameTables(in1904);
    // Row 2's date (date style) reads in the 1904 system; row 3's (a plain number now) is shifted as a 1904 serial: both 1,462 days on.
    expect(t3.ref.PlanActuals!.rows[0]![0]).toBe((actuals(2)[0]!.Date as number) + 1462);
    expect(t3.ref.PlanActuals!.rows[1]![0]).toBe((actuals(2)[1]!.Date as number) + 1462);
    await expectCopyKeepsActuals(in1904, t3.port);
  });

  it("falls back to ExcelJS for a sheet that is not plain (a formula, merged cells, a hyperlink) and reads the same", async () => {
    const base = await planBytes(actuals(20));
    const part = await sheetPart(base, "Actuals");
    const formula = await withParts(base, { [part]: (x) => x.replace(/<c r="C3"([^>]*)><v>([^<]*)<\/v><\/c>/, '<c r="C3"$1><f>1+1</f><v>$2</v></c>') });
    expect(await (await JSZip.loadAsync(formula)).file(part)!.async("string")).toContain("<f>1+1</f>");
    const merged = await withParts(base, { [part]: (x) => x.replace("</sheetData>", '</sheetData><mergeCells count="1"><mergeCell ref="J1:K1"/></mergeCells>') });
    for (const bytes of [formula, merged]) {
      const port = await openXlsx(bytes, { streamMinBytes: 0 });
      expect(port.streamed).toBeNull();
      expect(await port.readPlanTables()).toEqual(await (await plain(bytes)).readPlanTables());
    }
  });

  it("streams only at streamMinBytes and above (the sheet's XML size)", async () => {
    const bytes = await planBytes(actuals(200));
    const size = (await JSZip.loadAsync(bytes)).file(await sheetPart(bytes, "Actuals"))!;
    const xmlBytes = (await size.async("uint8array")).length;
    expect((await openXlsx(bytes, { streamMinBytes: xmlBytes })).streamed).not.toBeNull();
    expect((await openXlsx(bytes, { streamMinBytes: xmlBytes + 1 })).streamed).toBeNull();
    expect((await openXlsx(bytes)).streamed).toBeNull(); // default 8 MB
  });
});

describe("streamed PlanActuals: writing", () => {
  it("review round trip: every PlanActuals cell and number format as in the input, the review sheet there, the same review", async () => {
    const input = await planBytes(actuals(2_000));
    const port = await streamed(input);
    const r = await generateReview(port, { period: "2026-Q3", asOf: AS_OF, lang: "en", now: AS_OF });
    expect(r.ok).toBe(true);
    expect(port.streamed, "generating a review does not materialize PlanActuals").not.toBeNull();
    const copy = await expectCopyKeepsActuals(input, port);
    expect((await copy.listSheets()).map((s) => s.name)).toContain("Review 2026-Q3");
    const ref = await plain(input);
    await generateReview(ref, { period: "2026-Q3", asOf: AS_OF, lang: "en", now: AS_OF });
    expect(await sheetOf(copy, "Review 2026-Q3")).toEqual(await sheetOf(await plain(await saveXlsx(ref)), "Review 2026-Q3"));
    // Saving twice gives the same cells (the streamed sheet is read again from the input).
    const again = await plain(await saveXlsx(port));
    expect(await sheetOf(again, "Actuals")).toEqual(await sheetOf(copy, "Actuals"));
  });

  it("cells go through byte for byte when ExcelJS keeps every style index and there are no shared strings, else mapped", async () => {
    const inline = await inlineOnly(await planBytes(actuals(300)));
    const port = await streamed(inline);
    await expectCopyKeepsActuals(inline, port);
    expect(port.streamed!.lastWrite).toBe("same");
    const mapped = await streamed(await handWritten());
    await expectCopyKeepsActuals(await handWritten(), mapped);
    expect(mapped.streamed!.lastWrite).toBe("mapped");
  });

  it("writeWorkbook (the CLI's writer) and saveXlsxFile stream into the file; it reads as saveXlsx's bytes do", async () => {
    const input = await planBytes(actuals(500));
    const port = await streamed(input);
    expect(port.rowCount()).toBe((await plain(input)).rowCount());
    await generateReview(port, { period: "2026-Q3", asOf: AS_OF, lang: "en", now: AS_OF });
    const a = join(dir, "cli-copy.xlsx");
    const b = join(dir, "file-copy.xlsx");
    await writeWorkbook(port, a);
    await saveXlsxFile(port, b);
    const bytes = await plain(await saveXlsx(port));
    for (const f of [a, b]) {
      const copy = await plain(new Uint8Array(readFileSync(f)));
      for (const s of ["Actuals", "Targets", "Review 2026-Q3"]) expect(await sheetOf(copy, s)).toEqual(await sheetOf(bytes, s));
    }
  });

  it("salesplan review on a plan whose Actuals sheet is over 8 MB of XML streams it: the copy has every cell, inline strings, the review", async () => {
    const input = join(dir, "big.xlsx");
    const bytes = await planBytes(actuals(36_000));
    const part = await sheetPart(bytes, "Actuals");
    expect((await (await JSZip.loadAsync(bytes)).file(part)!.async("uint8array")).length).toBeGreaterThan(8 * 1024 * 1024);
    writeFileSync(input, bytes);
    const out = join(dir, "big (review).xlsx");
    let err = "";
    const code = await run(["node", "salesplan", "review", input, "--period", "2026-Q3", "--as-of", "2026-08-15", "-o", out], { stdout: () => undefined, stderr: (x) => (err += x), isTTY: false });
    expect(code, err).toBe(0);
    const written = new Uint8Array(readFileSync(out));
    // ExcelJS writes strings as shared strings: a streamed sheet's come out inline.
    const sheet = await (await JSZip.loadAsync(written)).file(await sheetPart(written, "Actuals"))!.async("string");
    expect(sheet).toContain('t="inlineStr"');
    expect(sheet).not.toMatch(/t="s"/);
    const copy = await plain(written);
    expect((await copy.readPlanTables()).PlanActuals).toEqual((await (await plain(bytes)).readPlanTables()).PlanActuals);
    expect((await copy.listSheets()).map((x) => x.name)).toContain("Review 2026-Q3");
  }, 120_000);

  it.skipIf(!hasSoffice && !process.env.CI)(`LibreOffice recalculates the review's Actual column of a streamed copy to the engine's${sofficeSkipReason}`, async () => {
    const input = await planBytes(actuals(1_500));
    const port = await streamed(input);
    expect((await generateReview(port, { period: "2026-Q3", asOf: AS_OF, lang: "en", now: AS_OF })).ok).toBe(true);
    const out = join(dir, "lo.xlsx");
    await writeWorkbook(port, out);
    const review = buildReview(await (await plain(input)).readPlanTables(), { period: "2026-Q3", asOf: AS_OF, lang: "en" });
    if (isError(review)) throw new Error(review.code);
    expect(review.goals.some((g) => (g.actual ?? 0) !== 0)).toBe(true);
    const at = await readSavedValues(await recalc(out), "Review 2026-Q3");
    review.goals.forEach((g, i) => {
      const row = REVIEW_LAYOUT.tableHeader + 1 + i;
      expect(at(row, reviewCol("goalId"))).toBe(g.goalId);
      const got = at(row, reviewCol("actual"));
      expect(typeof got, g.goalId).toBe("number");
      expect(Math.abs((got as number) - g.actual!), `${g.goalId}: LibreOffice ${got} vs engine ${g.actual}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(g.actual!)));
    });
  }, 240_000);
});

describe("the input check looks at big sheets without their cells", () => {
  it("withoutSheetData leaves out exactly the cells: every other byte of the sheet and every other part as it was; what a copy would lose is the same", async () => {
    const base = await planBytes(actuals(400));
    const part = await sheetPart(base, "Actuals");
    const sparkline = '<extLst><ext uri="{05C60535-1F16-4fd2-B633-F4F36F0B64E0}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:sparklineGroups/></ext></extLst>';
    const bytes = await withParts(base, { [part]: (x) => x.replace("</worksheet>", `${sparkline}</worksheet>`) });
    const light = await withoutSheetData(bytes, 0);
    const [a, b] = [await JSZip.loadAsync(bytes), await JSZip.loadAsync(light)];
    const before = await a.file(part)!.async("string");
    expect(await b.file(part)!.async("string")).toBe(before.replace(/<sheetData>[\s\S]*<\/sheetData>/, "<sheetData/>"));
    for (const name of Object.keys(a.files).filter((n) => n !== part && !a.files[n]!.dir && !/worksheets\/sheet\d+\.xml$/.test(n))) {
      expect(await b.file(name)!.async("string"), name).toBe(await a.file(name)!.async("string"));
    }
    const found = await packageUncarried(bytes);
    expect(found).toContainEqual(expect.objectContaining({ detail: "sparkline", sheet: "Actuals" }));
    expect(await packageUncarried(light)).toEqual(found);
    // Under the size limit nothing is rewritten.
    expect(await withoutSheetData(bytes)).toBe(bytes);
  });
});

describe("streamed PlanActuals: paths that need its cells materialize it and keep every cell", () => {
  const ops: [string, (p: XlsxWorkbook) => Promise<unknown>][] = [
    ["readSheet", (p) => p.readSheet("Actuals")],
    ["applySheetSpec (patch)", (p) => p.applySheetSpec({ name: "Actuals", mode: "patch", blocks: [{ row: 3, col: 10, cells: [[{ t: "s", v: "note" }]] }] })],
    ["copySheet", (p) => p.copySheet("Actuals", "Actuals copy")],
    ["writeTableColumn", (p) => p.writeTableColumn("PlanActuals", "Checked", [{ t: "b", v: true }, null, { t: "n", v: 3 }])],
  ];
  for (const [name, op] of ops) {
    it(name, async () => {
      const input = await handWritten();
      const port = await streamed(input);
      const ref = await plain(input);
      const rows = ref.rowCount();
      expect(port.rowCount()).toBe(rows);
      await op(port);
      await op(ref);
      expect(port.streamed).toBeNull();
      const a = await plain(await saveXlsx(port));
      const b = await plain(await saveXlsx(ref));
      for (const s of (await b.listSheets()).map((x) => x.name)) expect(await sheetOf(a, s), s).toEqual(await sheetOf(b, s));
      expect(await a.readPlanTables()).toEqual(await b.readPlanTables());
      expect(await port.readPlanTables()).toEqual(await ref.readPlanTables());
    });
  }
});

/** The package with the Actuals sheet's shared-string cells made inline strings (as the benchmark's and openpyxl's files have them). */
async function inlineOnly(bytes: Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const sst = [...(await zip.file("xl/sharedStrings.xml")!.async("string")).matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => m[1]!);
  const part = await sheetPart(bytes, "Actuals");
  const xml = await zip.file(part)!.async("string");
  zip.file(part, xml.replace(/<c ([^>]*?)t="s"([^>]*)><v>(\d+)<\/v><\/c>/g, (_, a: string, b: string, i: string) => `<c ${a}t="inlineStr"${b}><is>${sst[Number(i)]}</is></c>`));
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/**
 * A plan whose Actuals sheet and shared strings are written by hand: every kind of cell
 * ExcelJS reads differently. Styles are taken from the file's own cellXfs (a date style, a
 * number style), the rest of the package is ExcelJS's.
 */
async function handWritten(): Promise<Uint8Array> {
  const base = await planBytes(actuals(3));
  const zip = await JSZip.loadAsync(base);
  const part = await sheetPart(base, "Actuals");
  const xml = await zip.file(part)!.async("string");
  const dateS = /<c r="A2" s="(\d+)"/.exec(xml)![1]!;
  const numS = /<c r="C2" s="(\d+)"/.exec(xml)?.[1] ?? "0";
  const headS = /<c r="A1" s="(\d+)"/.exec(xml)?.[1] ?? "0";
  const shared = [
    "<si><t>Date</t></si>", "<si><t>Metric</t></si>", "<si><t>Value</t></si>", "<si><t>Region</t></si>",
    "<si><t>Product</t></si>", "<si><t>Segment</t></si>", "<si><t>Rep</t></si>", "<si><t>Customer</t></si>",
    "<si><t>Revenue</t></si>",
    '<si><t>North &amp; South</t></si>',
    '<si><r><rPr><b/><sz val="11"/></rPr><t>rich </t></r><r><t xml:space="preserve">text</t></r></si>',
    "<si><t>line_x000A_break</t></si>",
    '<si><t>漢字</t><rPh sb="0" eb="2"><t>kanji</t></rPh><phoneticPr fontId="1"/></si>',
    "<si/>",
  ];
  // Our strings go after the file's own (the other sheets use those).
  const sst = await zip.file("xl/sharedStrings.xml")!.async("string");
  const base0 = [...sst.matchAll(/<si>|<si\/>/g)].length;
  const ss = (i: number) => `<v>${base0 + i}</v>`;
  const head = ["Date", "Metric", "Value", "Region", "Product", "Segment", "Rep", "Customer"]
    .map((_, j) => `<c r="${"ABCDEFGH"[j]}1" s="${headS}" t="s">${ss(j)}</c>`).join("");
  const rows = [
    `<row r="1">${head}</row>`,
    `<row r="2" s="${numS}" customFormat="1"><c r="A2" s="${dateS}"><v>46024</v></c><c r="B2" t="s">${ss(8)}</c><c r="C2" s="${numS}"><v>1200.5</v></c>` +
      `<c r="D2" t="s">${ss(9)}</c><c r="E2" t="s">${ss(10)}</c><c r="F2" t="s">${ss(11)}</c><c r="G2" t="inlineStr"><is><t>A_x0041_</t></is></c><c r="H2" t="b"><v>1</v></c></row>`,
    `<row r="3"><c r="A3" s="${dateS}"><v>46025</v></c><c r="B3" t="inlineStr"><is><r><t>kan</t></r><r><rPr><i/></rPr><t>ji</t></r></is></c><c r="C3"><v> -0.25 </v></c>` +
      `<c r="D3" s="${numS}"/><c r="E3" t="e"><v>#N/A</v></c><c r="F3" t="str"><v>a &amp;amp; b</v></c><c r="G3" t="s">${ss(12)}</c><c r="H3" t="s">${ss(13)}</c><c r="J3" t="b"><v>0</v></c></row>`,
    // Row 4 is missing; row 5 has blanks only; row 6 is below the table.
    `<row r="5" spans="1:8"><c r="A5" s="${dateS}"/><c r="B5" t="inlineStr"><is><t></t></is></c><c r="C5"><v></v></c></row>`,
    `<row r="6"><c r="A6" t="s">${ss(8)}</c><c r="K6"><v>7</v></c></row>`,
  ];
  const sheet = xml
    .replace(/<sheetData>[\s\S]*<\/sheetData>|<sheetData\/>/, `<sheetData>${rows.join("")}</sheetData>`)
    .replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:K6"/>');
  zip.file(part, sheet);
  zip.file("xl/sharedStrings.xml", sst.replace(/\s(count|uniqueCount)="\d+"/g, "").replace("</sst>", `${shared.join("")}</sst>`));
  const table = await tablePart(base, "PlanActuals");
  zip.file(table, (await zip.file(table)!.async("string")).replace(/ref="A1:H\d+"/g, 'ref="A1:H5"'));
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

