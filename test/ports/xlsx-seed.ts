/**
 * Builds the seed workbook of the port contract as a real .xlsx file with ExcelJS (the way
 * another program would have written it), so the xlsx port is tested on file bytes.
 */
import ExcelJS from "exceljs";
import { utcDateFromSerial } from "../../src/core/dates";
import { isError } from "../../src/core/errors";
import { a1, parseA1, parseRangeA1, rangeA1 } from "../../src/core/sheets/a1";
import { cellText } from "../../src/core/cells";
import { type WorkbookSeed, isSeedDate, isSeedFormula } from "../../src/ports/memory/seed";
import { type XlsxWorkbook, openXlsx } from "../../src/ports/xlsx";

/** The seed as .xlsx bytes. */
export async function xlsxBytesFromSeed(seed: WorkbookSeed): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const sh of seed.sheets) {
    const ws = wb.addWorksheet(sh.name, { state: sh.hidden ? "hidden" : "visible" });
    const at = parseA1(sh.at ?? "A1")!;
    (sh.cells ?? []).forEach((row, i) =>
      row.forEach((c, j) => {
        const cell = ws.getCell(at.row + i, at.col + j);
        if (c === null) return;
        if (isSeedFormula(c)) {
          const v = c.v ?? undefined;
          const result = isError(v) ? { error: v.code } : v === null ? undefined : v;
          cell.value = { formula: c.f.replace(/^=/, ""), result } as ExcelJS.CellFormulaValue;
        } else if (isSeedDate(c)) {
          cell.value = utcDateFromSerial(c.date);
          cell.numFmt = "yyyy-mm-dd";
        } else if (isError(c)) cell.value = { error: c.code } as ExcelJS.CellErrorValue;
        else cell.value = c;
      }),
    );
    for (const [ref, fmt] of Object.entries(sh.numberFormats ?? {})) {
      const r = parseRangeA1(ref)!;
      for (let i = 0; i < r.rows; i++) for (let j = 0; j < r.cols; j++) ws.getCell(r.row + i, r.col + j).numFmt = fmt;
    }
    for (const m of sh.merges ?? []) ws.mergeCells(m);
    for (const t of sh.tables ?? []) {
      const r = parseRangeA1(t.ref)!;
      const columns = Array.from({ length: r.cols }, (_, j) => ({ name: cellText((ws.getCell(r.row, r.col + j).value as string) ?? "") }));
      const table = ws.addTable({ name: t.name, ref: a1(r.row, r.col), headerRow: true, columns, rows: [] } as unknown as ExcelJS.TableProperties) as unknown as {
        table: { tableRef: string; autoFilterRef: string };
      };
      table.table.tableRef = rangeA1(r);
      table.table.autoFilterRef = rangeA1(r);
    }
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** An xlsx port over the seed written to bytes and read back. */
export async function xlsxPortFromSeed(seed?: WorkbookSeed): Promise<XlsxWorkbook> {
  return openXlsx(await xlsxBytesFromSeed(seed ?? { sheets: [] }), { name: seed?.name ?? "Book1.xlsx" });
}
