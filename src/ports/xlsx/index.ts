/**
 * The xlsx file port (Node only: the CLI). `openXlsx` reads a workbook from a path or bytes
 * (normalising packages ExcelJS cannot load as they are), `newXlsx` starts an empty one,
 * `saveXlsx` writes one out.
 */
import { readFile, writeFile } from "node:fs/promises";
import { basename } from "node:path";
import ExcelJS from "exceljs";
import { XlsxWorkbook } from "./workbook";
import { normalizePackage } from "./package";

export { XlsxWorkbook, isDateFormat } from "./workbook";
export { fileKind, normalizePackage, spreadsheetKind, uncarriedContent } from "./package";
export type { FileKind, PackageInfo } from "./package";

/** Opens an .xlsx workbook from a file path or its bytes; `name` is the workbook's file name (default: the path's base name). */
export async function openXlsx(source: string | Uint8Array, opts: { name?: string } = {}): Promise<XlsxWorkbook> {
  const bytes = typeof source === "string" ? new Uint8Array(await readFile(source)) : source;
  const { bytes: loadable, info } = await normalizePackage(bytes);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(loadable.buffer, loadable.byteOffset, loadable.byteLength) as unknown as ExcelJS.Buffer);
  return new XlsxWorkbook(wb, opts.name ?? (typeof source === "string" ? basename(source) : "Book1.xlsx"), info);
}

/** A new, empty workbook (no sheets yet). */
export function newXlsx(name = "Book1.xlsx"): XlsxWorkbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "SalesPlan";
  wb.created = new Date();
  return new XlsxWorkbook(wb, name);
}

/** The workbook as .xlsx bytes, also written to `path` when given. Excel recalculates its formulas on open. */
export async function saveXlsx(port: XlsxWorkbook, path?: string): Promise<Uint8Array> {
  const wb = port.workbook;
  wb.calcProperties = { ...(wb.calcProperties ?? {}), fullCalcOnLoad: true };
  const out = new Uint8Array(await wb.xlsx.writeBuffer());
  if (path !== undefined) await writeFile(path, out);
  return out;
}
