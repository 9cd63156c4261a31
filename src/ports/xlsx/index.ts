/**
 * The xlsx file port (Node only: the CLI). `openXlsx` reads a workbook from a path or bytes
 * (normalising packages ExcelJS cannot load as they are), `newXlsx` starts an empty one,
 * `saveXlsx` writes one out (`saveXlsxFile` straight into a file). A big PlanActuals sheet is
 * streamed past ExcelJS rather than loaded into it (./stream.ts).
 */
import { createWriteStream } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { basename } from "node:path";
import { Writable } from "node:stream";
import ExcelJS from "exceljs";
import { XlsxWorkbook } from "./workbook";
import { normalizePackage, uncarriedContent as packageUncarried } from "./package";
import { ownChartSheets, takeOwnCharts, writeCharts } from "./charts";
import { STREAM_MIN_BYTES, prepareStream, withoutSheetData } from "./stream";
import type { UncarriedContent } from "../types";

export { XlsxWorkbook, isDateFormat } from "./workbook";
export { STREAM_MIN_BYTES } from "./stream";
export { fileKind, normalizePackage, spreadsheetKind } from "./package";
export type { FileKind, PackageInfo } from "./package";

/**
 * What a copy written by the CLI would lose (package.ts's `uncarriedContent`), less the charts
 * of sheets whose drawings hold only SalesPlan's own charts: the copy carries or redraws those.
 * Big sheets are looked at without their cells (none of what is looked for is in them).
 */
export async function uncarriedContent(bytes: Uint8Array): Promise<UncarriedContent[]> {
  const found = await packageUncarried(await withoutSheetData(bytes));
  if (!found.some((u) => u.kind === "chart" && u.detail === "chart")) return found;
  const own = new Set((await ownChartSheets(bytes)).map((s) => s.toLowerCase()));
  return found.filter((u) => !(u.kind === "chart" && u.detail === "chart" && u.sheet !== undefined && own.has(u.sheet.toLowerCase())));
}

/** Options of `openXlsx`. */
export interface OpenXlsxOptions {
  /** The workbook's file name (default: the path's base name, or Book1.xlsx). */
  name?: string;
  /**
   * Stream the sheet holding the PlanActuals table past ExcelJS (./stream.ts) when its XML is
   * at least this many bytes and it is plain; default STREAM_MIN_BYTES (8 MB). 0 streams any
   * plain PlanActuals sheet (tests); Infinity never streams.
   */
  streamMinBytes?: number;
}

/** Opens an .xlsx workbook from a file path or its bytes. */
export async function openXlsx(source: string | Uint8Array, opts: OpenXlsxOptions = {}): Promise<XlsxWorkbook> {
  const bytes = typeof source === "string" ? new Uint8Array(await readFile(source)) : source;
  const { bytes: normalized, info } = await normalizePackage(bytes);
  // SalesPlan's own charts are taken out before ExcelJS sees them and drawn again on save.
  const { bytes: loadable, charts } = await takeOwnCharts(normalized);
  const minBytes = opts.streamMinBytes ?? STREAM_MIN_BYTES;
  const streamed = minBytes === Infinity ? null : await prepareStream(loadable, minBytes);
  const load = streamed?.loadable ?? loadable;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(load.buffer, load.byteOffset, load.byteLength) as unknown as ExcelJS.Buffer);
  const port = new XlsxWorkbook(wb, opts.name ?? (typeof source === "string" ? basename(source) : "Book1.xlsx"), info);
  port.streamed = streamed?.sheet ?? null;
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
 * ExcelJS's package of the workbook with the sheets' charts drawn in (a streamed sheet still as
 * its stub). With a streamed sheet every part is deflated again when the package is written
 * out, so ExcelJS deflates at the fastest level then.
 */
async function writtenPackage(port: XlsxWorkbook): Promise<Uint8Array> {
  const wb = port.workbook;
  wb.calcProperties = { ...(wb.calcProperties ?? {}), fullCalcOnLoad: true };
  const fast = port.streamed ? { zip: { compression: "DEFLATE", compressionOptions: { level: 1 } } } : undefined;
  const written = new Uint8Array(await wb.xlsx.writeBuffer(fast as ExcelJS.XlsxWriteOptions | undefined));
  const { bytes: out, unwritten } = await writeCharts(written, port.chartsOf());
  port.setUnwrittenCharts(unwritten);
  return out;
}

/**
 * The workbook as .xlsx bytes, also written to `path` when given. Excel recalculates its
 * formulas on open. The sheets' charts are drawn into the package (./charts.ts); those that
 * could not be are listed in `port.unwrittenCharts`. A streamed sheet (./stream.ts) is written
 * with its original cells.
 */
export async function saveXlsx(port: XlsxWorkbook, path?: string): Promise<Uint8Array> {
  let out = await writtenPackage(port);
  if (port.streamed) {
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, cb) {
        chunks.push(chunk);
        cb();
      },
    });
    await port.streamed.write(out, sink);
    out = new Uint8Array(Buffer.concat(chunks));
  }
  if (path !== undefined) await writeFile(path, out);
  return out;
}

/**
 * Writes the workbook to the file `path` as `saveXlsx` does, streaming a streamed sheet's
 * cells into the file rather than holding the output whole.
 */
export async function saveXlsxFile(port: XlsxWorkbook, path: string): Promise<void> {
  if (!port.streamed) {
    await saveXlsx(port, path);
    return;
  }
  const out = await writtenPackage(port);
  const file = createWriteStream(path);
  const closed = new Promise<void>((res, rej) => {
    file.on("close", () => res());
    file.on("error", rej);
  });
  try {
    await port.streamed.write(out, file);
  } catch (e) {
    file.destroy();
    await closed.catch(() => undefined);
    throw e;
  }
  await closed;
}
