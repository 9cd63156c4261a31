/**
 * Reading a big PlanActuals sheet (issue 7): does the hand-written scanner of ./src/ports/xlsx/stream.ts
 * earn its place against well-kept libraries? Figures, never pass/fail; the workbook (1,000 goals,
 * 100,000 actuals, written by review.bench.ts's planWorkbook) goes to a temp dir. Every figure reads
 * the same bytes, held in memory; median of 5 runs after a warm-up (of 3 for ExcelJS's full load).
 * The notes add each read's median CPU time (process, all threads: zlib inflates on the thread pool).
 *
 * xlsx.read.stream.ms            our port as the CLI opens a file: openXlsx (default streamMinBytes,
 *                                8 MB; the sheet is bigger, and the bench checks the port streamed it)
 *                                + readPlanTables. The note gives prepareStream's share (find the sheet,
 *                                scan it, zip the stub; ExcelJS then loads the stub workbook).
 * xlsx.read.exceljs.ms           the same with streaming off (streamMinBytes Infinity): ExcelJS loads
 *                                every cell (today's fallback path) + readPlanTables.
 * xlsx.read.exceljs-stream.ms    ExcelJS's streaming reader (ExcelJS.stream.xlsx.WorkbookReader, shared
 *                                strings cached, worksheets emitted, the rest ignored) reading the
 *                                Actuals worksheet's rows into arrays of plain values. The note adds the
 *                                same read of the package with workbook.xml, its rels and sharedStrings.xml
 *                                moved to the front of the zip (no spooling of sheets to temp files).
 * xlsx.read.saxes.ms             a minimal reader on saxes 6 (ExcelJS's own XML parser), written here:
 *                                the sheet found through workbook.xml and its rels, shared strings parsed
 *                                with saxes, the sheet inflated in 1 MB chunks and tokenized, rows built
 *                                from <row>, <c r t s>, <v> and <is><t> (numbers, shared and inline
 *                                strings, booleans, str and error texts).
 * xlsx.read.exceljs-stream.ratio / xlsx.read.saxes.ratio   the alternative ÷ xlsx.read.stream.ms.
 *
 * The alternatives do less than our port: they read one sheet's values only (no stub for ExcelJS,
 * no other sheets, no table lookup: the Actuals sheet's row 1 is the header, columns A… as wide as
 * it), and neither applies date styles (the generated sheet's cells carry none, so the values are
 * the same). Before any figure is given, each alternative must read as many data rows as our port's
 * RawTable holds, the same sum of the Value column (added in the same order: exactly equal) and
 * the same count and total length of texts; the bench throws otherwise.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { createInflateRaw, inflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { SaxesParser } from "saxes";
import type { CellValue } from "../src/core/cells";
import { STREAM_MIN_BYTES, openXlsx } from "../src/ports/xlsx";
import { type ZipEntryInfo, readZipDirectory, resolvePart } from "../src/ports/xlsx/package";
import { prepareStream } from "../src/ports/xlsx/stream";
import type { Benchmark, Figure } from "./harness";
import { planWorkbook } from "./review.bench";

const ACTUALS = 100_000;
const GOALS = 1_000;
const SHEET = "Actuals";

/** What a reader read: the data rows (after the header row) as value arrays, and the header. */
interface Read {
  headers: readonly string[];
  rows: readonly (readonly CellValue[])[];
}

/**
 * Median wall time (ms) of an async `fn` over `runs` runs after one warm-up, the median CPU time
 * of the process over the same runs (user + system, all threads), and the last result.
 */
async function medianAsync<T>(fn: () => Promise<T>, runs = 3): Promise<{ ms: number; cpuMs: number; all: number[]; last: T }> {
  let last = await fn();
  const all: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    last = await fn();
    all.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1e3);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { ms: median(all), cpuMs: median(cpu), all, last };
}

// ---- our port ----

async function readOurs(bytes: Uint8Array, streamMinBytes: number, expectStreamed: boolean): Promise<Read> {
  const port = await openXlsx(bytes, { name: "plan.xlsx", streamMinBytes });
  if ((port.streamed !== null) !== expectStreamed) throw new Error(`openXlsx ${expectStreamed ? "did not stream" : "streamed"} the Actuals sheet (streamMinBytes ${streamMinBytes})`);
  const t = (await port.readPlanTables(["PlanActuals"])).PlanActuals;
  if (!t) throw new Error("no PlanActuals table read");
  return { headers: t.headers, rows: t.rows };
}

// ---- ExcelJS's streaming reader ----

/** A cell value of ExcelJS's as a plain one (as XlsxWorkbook's plainValue, less dates: styles are ignored). */
function plain(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (typeof v === "object") {
    const o = v as { richText?: { text?: string }[]; error?: string; text?: unknown; result?: unknown };
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text ?? "").join("");
    if (typeof o.error === "string") return o.error;
    if ("result" in o) return plain(o.result);
    if ("text" in o) return plain(o.text);
  }
  return null;
}

async function readExcelJsStream(bytes: Uint8Array): Promise<Read> {
  const input = Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { sharedStrings: "cache", worksheets: "emit", hyperlinks: "ignore", styles: "ignore", entries: "ignore" });
  let out: Read | null = null;
  for await (const ws of reader) {
    const name = (ws as unknown as { name: string }).name;
    if (name !== SHEET) {
      // Rows of other sheets are parsed and dropped (the reader must get past them).
      for await (const _ of ws) void _;
      continue;
    }
    const headers: string[] = [];
    const rows: CellValue[][] = [];
    let cols = 0;
    for await (const row of ws) {
      const values = row.values as unknown[];
      if (row.number === 1) {
        for (let j = 1; j < values.length; j++) headers.push(String(plain(values[j]) ?? "").trim());
        cols = headers.length;
        continue;
      }
      while (rows.length < row.number - 2) rows.push(new Array<CellValue>(cols).fill(null));
      const r = new Array<CellValue>(cols);
      for (let j = 0; j < cols; j++) r[j] = plain(values[j + 1]);
      rows.push(r);
    }
    out = { headers, rows };
  }
  if (!out) throw new Error(`ExcelJS's WorkbookReader found no sheet ${SHEET}`);
  return out;
}

/**
 * The same package with the parts WorkbookReader needs before a sheet (workbook.xml, its rels,
 * sharedStrings.xml) moved to the front: it then parses the sheets as they inflate instead of
 * spooling them to temp files. Entries keep their compressed bytes.
 */
async function sharedPartsFirst(bytes: Uint8Array): Promise<Uint8Array> {
  const src = await JSZip.loadAsync(bytes);
  const first = ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml"];
  const names = Object.keys(src.files).filter((n) => !src.files[n]!.dir);
  const out = new JSZip();
  for (const n of [...first.filter((n) => names.includes(n)), ...names.filter((n) => !first.includes(n))]) out.file(n, await src.file(n)!.async("uint8array"));
  return out.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 1 } });
}

// ---- a minimal reader on saxes ----

/** The stored bytes of a zip entry (after its local header). */
function stored(bytes: Uint8Array, e: ZipEntryInfo): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = e.localHeaderOffset;
  if (view.getUint32(at, true) !== 0x04034b50) throw new Error(`zip entry ${e.name}: no local header`);
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  return bytes.subarray(start, start + e.compressedSize);
}

const partText = (bytes: Uint8Array, e: ZipEntryInfo) => new TextDecoder().decode(e.method === 0 ? stored(bytes, e) : inflateRawSync(stored(bytes, e)));

/** Runs saxes over a small part, calling `open` and `close` for each element (and `text` for character data). */
function saxParse(xml: string, h: { open?: (name: string, attrs: Record<string, string>) => void; text?: (t: string) => void; close?: (name: string) => void }): void {
  const p = new SaxesParser({ position: false });
  if (h.open) p.on("opentag", (t) => h.open!(t.name, t.attributes as Record<string, string>));
  if (h.text) p.on("text", h.text);
  if (h.close) p.on("closetag", (t) => h.close!(t.name));
  p.write(xml).close();
}

/** Shared strings: each <si>'s <t> texts joined (runs included, phonetic runs left out). */
function sharedStrings(xml: string): string[] {
  const out: string[] = [];
  let text = "";
  let inT = false;
  let inRph = 0;
  saxParse(xml, {
    open: (n) => {
      if (n === "si") text = "";
      else if (n === "rPh") inRph++;
      else if (n === "t" && inRph === 0) inT = true;
    },
    text: (t) => {
      if (inT) text += t;
    },
    close: (n) => {
      if (n === "t") inT = false;
      else if (n === "rPh") inRph--;
      else if (n === "si") out.push(text);
    },
  });
  return out;
}

/** 1-based column number of an A1 reference's letters. */
function colOf(ref: string): number {
  let c = 0;
  for (let i = 0; i < ref.length; i++) {
    const k = ref.charCodeAt(i);
    if (k >= 65 && k <= 90) c = c * 26 + k - 64;
    else break;
  }
  return c;
}

async function readSaxes(bytes: Uint8Array): Promise<Read> {
  const entries = new Map((readZipDirectory(bytes) ?? []).map((e) => [e.name, e]));
  const part = (name: string) => {
    const e = entries.get(name);
    if (!e) throw new Error(`no part ${name}`);
    return e;
  };
  // The sheet's part: workbook.xml's <sheet name r:id> and the workbook's relationships.
  let rId = "";
  saxParse(partText(bytes, part("xl/workbook.xml")), { open: (n, a) => (n === "sheet" && a.name === SHEET ? (rId = a["r:id"] ?? "") : undefined) });
  let target = "";
  saxParse(partText(bytes, part("xl/_rels/workbook.xml.rels")), { open: (n, a) => (n === "Relationship" && a.Id === rId ? (target = a.Target ?? "") : undefined) });
  const sheetEntry = part(resolvePart("xl/", target));
  const shared = entries.has("xl/sharedStrings.xml") ? sharedStrings(partText(bytes, part("xl/sharedStrings.xml"))) : [];

  const headers: string[] = [];
  const rows: CellValue[][] = [];
  let cols = 0;
  let rowNo = 0;
  let out: CellValue[] | null = null;
  let col = 0;
  let type: string | undefined;
  let capture = false;
  let text = "";
  let has = false;
  const p = new SaxesParser({ position: false });
  p.on("opentag", (tag) => {
    const a = tag.attributes as Record<string, string>;
    switch (tag.name) {
      case "row":
        rowNo = Number(a.r);
        if (rowNo > 1) {
          while (rows.length < rowNo - 2) rows.push(new Array<CellValue>(cols).fill(null));
          out = new Array<CellValue>(cols).fill(null);
          rows.push(out);
        } else out = null;
        break;
      case "c":
        col = colOf(a.r ?? "");
        type = a.t;
        has = false;
        text = "";
        break;
      case "v":
      case "t":
        capture = true;
        has = true;
        break;
    }
  });
  p.on("text", (t) => {
    if (capture) text += t;
  });
  p.on("closetag", (tag) => {
    switch (tag.name) {
      case "v":
      case "t":
        capture = false;
        break;
      case "c": {
        if (!has) break;
        let v: CellValue;
        switch (type) {
          case "s":
            v = shared[parseInt(text, 10)] ?? null;
            break;
          case "inlineStr":
          case "str":
          case "e":
            v = text === "" ? null : text;
            break;
          case "b":
            v = parseInt(text, 10) !== 0;
            break;
          default:
            v = text === "" ? null : parseFloat(text);
        }
        if (rowNo === 1) headers[col - 1] = String(v ?? "").trim();
        else if (out && col >= 1 && col <= cols) out[col - 1] = v;
        break;
      }
      case "row":
        if (rowNo === 1) cols = headers.length;
        break;
    }
  });
  const decoder = new StringDecoder("utf8");
  const z = createInflateRaw({ chunkSize: 1 << 20 });
  z.end(stored(bytes, sheetEntry));
  for await (const chunk of z) p.write(decoder.write(chunk as Buffer));
  p.write(decoder.end()).close();
  return { headers, rows };
}

// ---- the check ----

/** Data rows, the Value column's sum (in row order) and the texts' count and total length. */
function fingerprint(r: Read): { rows: number; valueSum: number; texts: number; textChars: number } {
  const iValue = r.headers.indexOf("Value");
  if (iValue < 0) throw new Error(`no Value column in ${r.headers.join(", ")}`);
  let valueSum = 0;
  let texts = 0;
  let textChars = 0;
  for (const row of r.rows) {
    const v = row[iValue];
    if (typeof v === "number") valueSum += v;
    for (const c of row) if (typeof c === "string") (texts++, (textChars += c.length));
  }
  return { rows: r.rows.length, valueSum, texts, textChars };
}

function sameWork(label: string, ours: ReturnType<typeof fingerprint>, theirs: Read): void {
  const f = fingerprint(theirs);
  if (f.rows !== ours.rows || f.valueSum !== ours.valueSum || f.texts !== ours.texts || f.textChars !== ours.textChars) {
    throw new Error(`${label} read different data: ${JSON.stringify(f)} vs ours ${JSON.stringify(ours)}`);
  }
}

async function readFigures(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), "salesplan-bench-stream-"));
  try {
    const path = join(dir, `plan-${ACTUALS}.xlsx`);
    await planWorkbook(path, GOALS, ACTUALS);
    const bytes = new Uint8Array(readFileSync(path));
    const sheetXml = Math.max(...(readZipDirectory(bytes) ?? []).filter((e) => /^xl\/worksheets\/sheet\d+\.xml$/.test(e.name)).map((e) => e.uncompressedSize));
    if (sheetXml < STREAM_MIN_BYTES) throw new Error(`the Actuals sheet is ${sheetXml} bytes of XML, under STREAM_MIN_BYTES`);
    const what = `${GOALS.toLocaleString("en")} goals, ${ACTUALS.toLocaleString("en")} actuals (${(bytes.length / 1e6).toFixed(1)} MB file, ${(sheetXml / 1e6).toFixed(1)} MB sheet XML)`;
    const runs = (m: { all: number[]; cpuMs: number }) => `runs ${m.all.map((x) => x.toFixed(0)).join(", ")} ms, CPU ${m.cpuMs.toFixed(0)} ms`;

    // Median of 5 for the reads of a second or two (a shared machine moves one run by ±30 %), of 3 for ExcelJS's full load.
    const stream = await medianAsync(() => readOurs(bytes, STREAM_MIN_BYTES, true), 5);
    const ours = fingerprint(stream.last);
    if (ours.rows !== ACTUALS) throw new Error(`our port read ${ours.rows} rows, not ${ACTUALS}`);
    const prepare = await medianAsync(async () => {
      if (!(await prepareStream(bytes, STREAM_MIN_BYTES))) throw new Error("prepareStream did not stream");
    }, 5);
    const full = await medianAsync(() => readOurs(bytes, Infinity, false));
    sameWork("openXlsx without streaming", ours, full.last);
    const xs = await medianAsync(() => readExcelJsStream(bytes), 5);
    sameWork("ExcelJS's WorkbookReader", ours, xs.last);
    const early = await sharedPartsFirst(bytes);
    const xsEarly = await medianAsync(() => readExcelJsStream(early), 5);
    sameWork("ExcelJS's WorkbookReader (shared parts first)", ours, xsEarly.last);
    const sx = await medianAsync(() => readSaxes(bytes), 5);
    sameWork("the saxes reader", ours, sx.last);

    const same = `same ${ours.rows.toLocaleString("en")} rows, Value sum and texts as ours`;
    return [
      {
        name: "xlsx.read.stream.ms", value: stream.ms, unit: "ms",
        note: `openXlsx (streamed) + readPlanTables, ${what}; ${runs(stream)}; prepareStream alone ${prepare.ms.toFixed(0)} ms (CPU ${prepare.cpuMs.toFixed(0)} ms)`,
      },
      { name: "xlsx.read.exceljs.ms", value: full.ms, unit: "ms", note: `openXlsx with streamMinBytes Infinity (ExcelJS loads every cell) + readPlanTables; ${runs(full)}; ${same}` },
      {
        name: "xlsx.read.exceljs-stream.ms", value: xs.ms, unit: "ms",
        note: `ExcelJS.stream.xlsx.WorkbookReader, Actuals rows to value arrays; ${runs(xs)}; ${same}. ` +
          `The sheets precede sharedStrings.xml and workbook.xml in the zip (as ExcelJS writes them), so it spools them to temp files first; ` +
          `with those parts moved to the front: ${xsEarly.ms.toFixed(0)} ms (${runs(xsEarly)})`,
      },
      { name: "xlsx.read.saxes.ms", value: sx.ms, unit: "ms", note: `minimal saxes 6 reader (bench only) of the Actuals sheet; ${runs(sx)}; ${same}` },
      {
        name: "xlsx.read.exceljs-stream.ratio", value: xs.ms / stream.ms, unit: "×",
        note: `WorkbookReader ÷ our streamed open (ExcelJS's full load: ${(full.ms / stream.ms).toFixed(1)}×); vs prepareStream alone ${(xs.ms / prepare.ms).toFixed(1)}×; shared parts first: ${(xsEarly.ms / stream.ms).toFixed(2)}×; by CPU time ${(xs.cpuMs / stream.cpuMs).toFixed(2)}×`,
      },
      {
        name: "xlsx.read.saxes.ratio", value: sx.ms / stream.ms, unit: "×",
        note: `saxes reader (sheet values only) ÷ our whole streamed open; vs prepareStream alone ${(sx.ms / prepare.ms).toFixed(1)}×; by CPU time ${(sx.cpuMs / stream.cpuMs).toFixed(2)}×`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const streamBenchmarks: Benchmark[] = [{ name: "xlsx.read", run: readFigures }];
