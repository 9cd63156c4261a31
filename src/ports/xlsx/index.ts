/**
 * The xlsx file port (Node only: the CLI). `openXlsx` reads a workbook from a path or bytes
 * (normalising packages ExcelJS cannot load as they are), `newXlsx` starts an empty one,
 * `saveXlsx` writes one out.
 */
import { readFile, writeFile } from "node:fs/promises";
import { basename } from "node:path";
import ExcelJS from "exceljs";
import { XlsxWorkbook } from "./workbook";
import { normalizePackage, uncarriedContent as packageUncarried } from "./package";
import { ownChartSheets, takeOwnCharts, writeCharts } from "./charts";
import type { UncarriedContent } from "../types";

export { XlsxWorkbook, isDateFormat } from "./workbook";
export { fileKind, normalizePackage, spreadsheetKind } from "./package";
export type { FileKind, PackageInfo } from "./package";

/**
 * What a copy written by the CLI would lose (package.ts's `uncarriedContent`), less the charts
 * of sheets whose drawings hold only SalesPlan's own charts: the copy carries or redraws those.
 */
export async function uncarriedContent(bytes: Uint8Array): Promise<UncarriedContent[]> {
  const found = await packageUncarried(bytes);
  if (!found.some((u) => u.kind === "chart" && u.detail === "chart")) return found;
  const own = new Set((await ownChartSheets(bytes)).map((s) => s.toLowerCase()));
  return found.filter((u) => !(u.kind === "chart" && u.detail === "chart" && u.sheet !== undefined && own.has(u.sheet.toLowerCase())));
}

/** Opens an .xlsx workbook from a file path or its bytes; `name` is the workbook's file name (default: the path's base name). */
export async function openXlsx(source: string | Uint8Array, opts: { name?: string } = {}): Promise<XlsxWorkbook> {
  const bytes = typeof source === "string" ? new Uint8Array(await readFile(source)) : source;
  const { bytes: normalized, info } = await normalizePackage(bytes);
  // SalesPlan's own charts are taken out before ExcelJS sees them and drawn again on save.
  const { bytes: loadable, charts } = await takeOwnCharts(normalized);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(loadable.buffer, loadable.byteOffset, loadable.byteLength) as unknown as ExcelJS.Buffer);
  const port = new XlsxWorkbook(wb, opts.name ?? (typeof source === "string" ? basename(source) : "Book1.xlsx"), info);
  port.carryCharts(charts);
  return port;
}

/** A new, empty workbook (no sheets yet). */
export function newXlsx(name = "Book1.xlsx"): XlsxWorkbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "SalesPlan";
  wb.created = new Date();
  return new XlsxWorkbook(wb, name);
}

/**
 * The workbook as .xlsx bytes, also written to `path` when given. Excel recalculates its
 * formulas on open. The sheets' charts are drawn into the package (./charts.ts); those that
 * could not be are listed in `port.unwrittenCharts`.
 */
export async function saveXlsx(port: XlsxWorkbook, path?: string): Promise<Uint8Array> {
  const wb = port.workbook;
  wb.calcProperties = { ...(wb.calcProperties ?? {}), fullCalcOnLoad: true };
  const written = new Uint8Array(await wb.xlsx.writeBuffer());
  const { bytes: out, unwritten } = await writeCharts(written, port.chartsOf());
  port.setUnwrittenCharts(unwritten);
  if (path !== undefined) await writeFile(path, out);
  return out;
}
