/**
 * Text stays text in every port: random user strings (quotes, `* ? ~`, leading `= + - @`,
 * CJK, emoji, numbers and dates and booleans as text, `2026-12-31`, `TRUE`, very long) written
 * as SheetSpec text cells {t:'s'} read back as exactly the same text, never as a formula, a
 * number, a date or a boolean: in memory, in an .xlsx file saved and opened again, and in
 * Excel (the Office.js fake parses what it is given as Office.js does).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SheetSpec, SpecCell } from "../../src/core/sheets/spec";
import { createExcelPort } from "../../src/ports/excel";
import { memoryWorkbook } from "../../src/ports/memory";
import { newXlsx, openXlsx, saveXlsx } from "../../src/ports/xlsx";
import type { SheetContents, WorkbookPort } from "../../src/ports/types";
import { createFakeExcel } from "../fakes/office";
import { LOOKALIKES, nonBlankUserString, runs } from "./arbitraries";

/** A sheet holding `texts` down column B from row 2 (row 1: a header), and the same texts across row 1 from column D. */
function specOf(texts: readonly string[]): SheetSpec {
  const s = (v: string): SpecCell => ({ t: "s", v });
  return {
    name: "Pasted",
    blocks: [
      { row: 1, col: 2, cells: [[s("Value")], ...texts.map((x) => [s(x)])] },
      { row: 1, col: 4, cells: [texts.map(s)] },
    ],
  };
}

/** What a port reads back: each written cell's value, formula and number format. */
function readBack(sheet: SheetContents, n: number): { down: unknown[]; across: unknown[]; formulas: unknown[] } {
  const at = (row: number, col: number) => sheet.values[row - sheet.origin.row]?.[col - sheet.origin.col] ?? null;
  const f = (row: number, col: number) => sheet.formulas[row - sheet.origin.row]?.[col - sheet.origin.col] ?? null;
  const idx = Array.from({ length: n }, (_, i) => i);
  return {
    down: idx.map((i) => at(2 + i, 2)),
    across: idx.map((i) => at(1, 4 + i)),
    formulas: [...idx.map((i) => f(2 + i, 2)), ...idx.map((i) => f(1, 4 + i))].filter((x) => x !== null),
  };
}

async function roundTrip(port: WorkbookPort, texts: readonly string[], reopen: (p: WorkbookPort) => Promise<WorkbookPort>): Promise<void> {
  await port.applySheetSpec(specOf(texts));
  const back = readBack(await (await reopen(port)).readSheet("Pasted"), texts.length);
  expect(back.down).toEqual(texts);
  expect(back.across).toEqual(texts);
  expect(back.formulas).toEqual([]);
}

const texts = fc.array(nonBlankUserString, { minLength: 1, maxLength: 25 });
/** Every lookalike at least once, so the known troublemakers are always in the run. */
const ALL_LOOKALIKES = LOOKALIKES.filter((x) => x !== "");

describe("text written through a SheetSpec reads back as the same text", () => {
  it("in memory", async () => {
    await roundTrip(memoryWorkbook(), ALL_LOOKALIKES, async (p) => p);
    await fc.assert(fc.asyncProperty(texts, async (t) => roundTrip(memoryWorkbook(), t, async (p) => p)), { numRuns: runs(300) });
  });

  it("in Excel (Office.js fake): every text cell gets the text format before its value", async () => {
    const check = async (t: readonly string[]) => {
      const fake = createFakeExcel();
      await roundTrip(createExcelPort(fake.excelRun, { isSetSupported: fake.isSetSupported }), t, async (p) => p);
      // What Excel itself holds: text, no formula, the "@" format.
      for (let i = 0; i < t.length; i++) {
        const cell = fake.cell("Pasted", `B${i + 2}`);
        expect(cell?.value).toBe(t[i]);
        expect(cell?.formula).toBeUndefined();
      }
      expect(fake.numberFormats("Pasted", `B2:B${t.length + 1}`).flat().every((f) => f === "@")).toBe(true);
    };
    await check(ALL_LOOKALIKES);
    await fc.assert(fc.asyncProperty(texts, check), { numRuns: runs(200) });
  });

  const reopenXlsx = async (p: WorkbookPort) => openXlsx(await saveXlsx(p as ReturnType<typeof newXlsx>));

  it("in an .xlsx file, saved and opened again", async () => {
    await roundTrip(newXlsx(), ALL_LOOKALIKES, reopenXlsx);
    const safe = fc.array(nonBlankUserString, { minLength: 1, maxLength: 25 });
    await fc.assert(fc.asyncProperty(safe, async (t) => roundTrip(newXlsx(), t, reopenXlsx)), { numRuns: runs(40) });
  });

  // ExcelJS 4.4 writes text without OOXML's `_xHHHH_` escapes (a carriage return came back as a
  // line feed, control characters vanished, text reading `_x0041_` came back as "A"); the xlsx
  // port escapes them as Excel does (`_x000D_`, `_x000B_`, `_x005F_x0041_`).
  it("in an .xlsx file: carriage returns, control characters and `_xHHHH_` text (ExcelJS does not escape them: the port does)", async () => {
    await roundTrip(newXlsx(), ["line 1\r\nline 2", "tab\u000bbed", "bell\u0007", "_x0041_"], reopenXlsx);
  });
});
