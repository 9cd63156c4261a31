/**
 * Text the xlsx port writes reads back as written, whatever characters it holds:
 * - characters outside the BMP (emoji, rare CJK) survive any position in a part: JSZip
 *   would split a surrogate pair at a 16,384-unit slice boundary (utf8ZipWriter stops that);
 * - escapeOoxmlText is the form in which carriage returns, control characters and text that
 *   reads `_xHHHH_` survive a file (ExcelJS's reader decodes it; the writer does not apply it yet).
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { newXlsx, openXlsx, saveXlsx } from "../../src/ports/xlsx";
import { escapeOoxmlText, utf8ZipWriter } from "../../src/ports/xlsx/package";

async function roundTrip(texts: readonly string[]): Promise<unknown[]> {
  const p = newXlsx();
  await p.applySheetSpec({ name: "Names", blocks: [{ row: 1, col: 1, cells: texts.map((v) => [{ t: "s", v }]) }] });
  const back = await (await openXlsx(await saveXlsx(p))).readSheet("Names");
  return back.values.map((r) => r[0]);
}

describe("characters outside the BMP", () => {
  it("ExcelJS's zip writer is given bytes", () => {
    expect(utf8ZipWriter()).toBe(true);
    expect(utf8ZipWriter()).toBe(true); // idempotent
  });

  it("survive a slice boundary of 16,384 UTF-16 units anywhere in the shared strings", async () => {
    // 👩‍💻 is 5 UTF-16 units (2 + 1 + 2): 6,000 of them cross the boundaries at 16,384 and 32,768 units
    // inside the text, in every phase of the 5-unit pattern over the three strings.
    const texts = ["👩‍💻".repeat(6_000), `x${"📈".repeat(12_000)}`, `xy${"𠜎".repeat(9_000)}`];
    expect(await roundTrip(texts)).toEqual(texts);
  });

  it("survive in a column of customer names, and the saved parts are valid UTF-8", async () => {
    const names = Array.from({ length: 4_000 }, (_, i) => `客户${i}📈${i % 7 === 0 ? "👩‍💻" : ""}`);
    const p = newXlsx();
    await p.applySheetSpec({ name: "Names", blocks: [{ row: 1, col: 1, cells: names.map((v) => [{ t: "s", v }]) }] });
    const bytes = await saveXlsx(p);
    const zip = await JSZip.loadAsync(bytes);
    const strict = new TextDecoder("utf-8", { fatal: true });
    for (const path of Object.keys(zip.files).filter((f) => f.endsWith(".xml"))) {
      const text = strict.decode(await zip.file(path)!.async("uint8array"));
      expect(text.includes("\ufffd"), path).toBe(false);
    }
    expect((await (await openXlsx(bytes)).readSheet("Names")).values.map((r) => r[0])).toEqual(names);
  });
});

describe("escapeOoxmlText", () => {
  it("writes what XML cannot hold as _xHHHH_, and an underscore that starts such a form as _x005F_", () => {
    expect(escapeOoxmlText("plain text, 销售额 📈")).toBe("plain text, 销售额 📈");
    expect(escapeOoxmlText("a\r\nb")).toBe("a_x000D_\nb");
    expect(escapeOoxmlText("tab\tkept\u000bvt\u0001\u007f")).toBe("tab\tkept_x000B_vt_x0001__x007F_");
    expect(escapeOoxmlText("_x0041_ and _x00e9_ and _x12_ and __x0041_")).toBe("_x005F_x0041_ and _x005F_x00e9_ and _x12_ and __x005F_x0041_");
  });

  it("is read back by ExcelJS as the text itself", async () => {
    const texts = ["line 1\r\nline 2", "vt\u000bff\u000cbell\u0007", "_x0041_", "_X0041_", "_x00e9_", "C:\\x0041_\\", "a_x000D_b"];
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("S");
    texts.forEach((t, i) => (ws.getCell(i + 1, 1).value = escapeOoxmlText(t)));
    const again = new ExcelJS.Workbook();
    await again.xlsx.load((await wb.xlsx.writeBuffer()) as ExcelJS.Buffer);
    expect(texts.map((_, i) => again.worksheets[0]!.getCell(i + 1, 1).value)).toEqual(texts);
  });
});
