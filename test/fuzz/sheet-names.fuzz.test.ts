/**
 * Fuzzing sheet names: from any text (quotes, `[]:*?/\`, apostrophes at the ends, emoji,
 * very long, `History`), the names SalesPlan picks are valid for Excel, never one the
 * workbook has, at most 31 UTF-16 units, and Excel (the Office.js fake) and ExcelJS take them as they are.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SHEET_NAME_LIMIT, cleanSheetName, copySheetName, hasSheet, isValidSheetName, uniqueSheetName } from "../../src/core/sheets/names";
import { createExcelPort } from "../../src/ports/excel";
import { newXlsx } from "../../src/ports/xlsx";
import { createFakeExcel } from "../fakes/office";
import { runs, userString } from "./arbitraries";

const nameish = fc.oneof(
  userString,
  fc.constantFrom("History", "history", "'Plan'", "Plan'", "'", "Targets", "目标", "Review 2026-Q3", "a".repeat(40), "📈".repeat(20), "[Q3]", "a:b/c\\d*e?f"),
);
const existing = fc.array(fc.oneof(fc.constantFrom("Targets", "targets (2)", "TARGETS (3)", "Sheet1", "History (2)"), nameish.map((n) => cleanSheetName(n))), { maxLength: 12 });

describe("sheet names (fuzz)", () => {
  it("a unique name is valid, new and within 31 units, and a valid free name is kept as it is", () => {
    fc.assert(
      fc.property(nameish, existing, (base, taken) => {
        const name = uniqueSheetName(base, taken);
        expect(isValidSheetName(name), JSON.stringify(name)).toBe(true);
        expect(name.length).toBeLessThanOrEqual(SHEET_NAME_LIMIT);
        expect(hasSheet(taken, name)).toBe(false);
        if (isValidSheetName(base) && !hasSheet(taken, base)) expect(name).toBe(base);
        const copy = copySheetName(base, " (original)", [...taken, name]);
        expect(isValidSheetName(copy), JSON.stringify(copy)).toBe(true);
        expect(hasSheet([...taken, name], copy)).toBe(false);
      }),
      { numRuns: runs(3000) },
    );
  });

  it("Excel and ExcelJS take every name picked, exactly as it is", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(nameish, { minLength: 1, maxLength: 6 }), async (bases) => {
        const fake = createFakeExcel();
        const port = createExcelPort(fake.excelRun, { isSetSupported: fake.isSetSupported });
        const file = newXlsx();
        const names: string[] = [...fake.sheetNames()];
        for (const b of bases) {
          const name = uniqueSheetName(b, names);
          names.push(name);
          await port.applySheetSpec({ name, blocks: [{ row: 1, col: 1, cells: [[{ t: "s", v: b || "x" }]] }] });
          await file.applySheetSpec({ name, blocks: [] });
        }
        expect(fake.sheetNames()).toEqual(names);
        expect((await file.listSheets()).map((s) => s.name)).toEqual(names.slice(1));
      }),
      { numRuns: runs(150) },
    );
  });
});
