/**
 * Streaming the PlanActuals sheet of a big workbook past ExcelJS (issue 7: `salesplan review`
 * on 1,000,000 actuals).
 *
 * ExcelJS holds every cell of a workbook as objects; on a sheet of a million rows that is
 * gigabytes and minutes. When the sheet holding the PlanActuals table is big and "plain"
 * (no formulas, merges, hyperlinks or comments; see `scanSheet`), `prepareStream`:
 *  - reads the table's cells in one pass over the inflating sheet XML, with ExcelJS's own
 *    rules (the RawTable equals what XlsxWorkbook.readPlanTables reads through ExcelJS);
 *  - gives ExcelJS a stub of the sheet instead: everything outside `<sheetData>` as it was,
 *    and of the rows only those up to the table's header row plus a few that together use
 *    every cell and row style index of the sheet.
 * On save (`writeStreamed`), ExcelJS writes the workbook with the stub; its `<sheetData>` is
 * then replaced by the original one, streamed through a transform that maps each style index
 * to the index ExcelJS gave the same style (read back from the stub's cells in ExcelJS's
 * output) and turns shared-string cells into inline strings (ExcelJS rewrites the shared
 * strings part with only the strings it saw). The output zip is written by a streaming zip
 * writer, so neither the sheet's XML nor the output file is ever held whole.
 *
 * The sheet is read by a scanner of its own rather than a general XML parser: one pass must
 * give the values, the rows for the stub and their exact text, and a sheet's cells come in a
 * few fixed forms. Anything outside them (comments, CDATA, prefixed elements, content other
 * than a `<v>` or an `<is>`) makes the sheet "not plain": ExcelJS loads it as before.
 *
 * Anything that needs the sheet's cells through ExcelJS (reading the sheet, writing to it,
 * copying it) calls `materialize`, which loads the original sheet with ExcelJS after all and
 * puts its rows into the stub worksheet; the workbook is then an ordinary one.
 */
import { Readable, type Writable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { createInflateRaw, inflateRawSync } from "node:zlib";
// @ts-expect-error -- archiver (an ExcelJS dependency) ships no types.
import archiver from "archiver";
import ExcelJS from "exceljs";
// @ts-expect-error -- ExcelJS ships no types for its internals (exceljs/lib/utils/utils.js, 4.4).
import excelJsUtils from "exceljs/lib/utils/utils";
// @ts-expect-error -- as above (exceljs/lib/xlsx/xform/style/numfmt-xform.js, 4.4).
import NumFmtXform from "exceljs/lib/xlsx/xform/style/numfmt-xform";
import JSZip from "jszip";
import { type CellValue, cellText, errorFromText } from "../../core/cells";
import { from1904, serialFromUtcDate } from "../../core/dates";
import { excelError } from "../../core/errors";
import { type RawTable, columnForHeader } from "../../core/schema";
import { parseA1, parseRangeA1 } from "../../core/sheets/a1";
import { planTableName } from "../memory/workbook";
import { type ZipEntryInfo, readZipDirectory, resolvePart } from "./package";

const utils = excelJsUtils as { isDateFmt(f: string | undefined): boolean; excelToDate(v: number, date1904: boolean): Date; xmlDecode(s: string): string };
const defaultFmt = (NumFmtXform as { getDefaultFmtCode(id: number): string | undefined }).getDefaultFmtCode;

/** Below this many bytes of sheet XML the PlanActuals sheet is loaded by ExcelJS as usual. */
export const STREAM_MIN_BYTES = 8 * 1024 * 1024;

/** A sheet streamed past ExcelJS. */
export interface StreamedSheet {
  /** The sheet's name (as in the workbook). */
  sheetName: string;
  /** The PlanActuals table read from it. */
  table: RawTable;
  /** Rows of the original sheet holding at least one value (ExcelJS's actualRowCount of it). */
  valueRows: number;
  /** Loads the original sheet's rows into `ws` (the stub) through ExcelJS. */
  materialize(ws: ExcelJS.Worksheet): Promise<void>;
  /** Writes the output package: ExcelJS's `written` bytes with the sheet's original cells, to `sink`. */
  write(written: Uint8Array, sink: Writable): Promise<void>;
  /**
   * How the last write put the cells in: "same" (ExcelJS kept every style index and no cell is
   * a shared string: the original bytes as they are) or "mapped" (through the transform).
   */
  lastWrite: "same" | "mapped" | null;
}

// ---- zip parts ----

/** The stored (compressed) bytes of an entry, found through its local header. */
function storedData(bytes: Uint8Array, e: ZipEntryInfo): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = e.localHeaderOffset;
  if (at + 30 > bytes.byteLength || view.getUint32(at, true) !== 0x04034b50) throw new Error(`zip entry ${e.name}: no local header`);
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  return bytes.subarray(start, start + e.compressedSize);
}

/** A small part's text. */
function partText(bytes: Uint8Array, e: ZipEntryInfo): string {
  const data = storedData(bytes, e);
  return new TextDecoder().decode(e.method === 0 ? data : inflateRawSync(data));
}

/** A part's text in chunks of about 1 MB, inflated as it is read. */
async function* partChunks(bytes: Uint8Array, e: ZipEntryInfo): AsyncGenerator<string> {
  const decoder = new StringDecoder("utf8");
  let first = true;
  for await (const chunk of partBytes(bytes, e)) {
    const text = decoder.write(chunk);
    // A byte order mark is no part of the XML.
    yield first && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    first = false;
  }
  yield decoder.end();
}

/** A part's bytes in chunks of about 1 MB, inflated as they are read. */
async function* partBytes(bytes: Uint8Array, e: ZipEntryInfo): AsyncGenerator<Buffer> {
  const data = storedData(bytes, e);
  if (e.method === 0) {
    for (let i = 0; i < data.length; i += 1 << 20) yield Buffer.from(data.buffer, data.byteOffset + i, Math.min(1 << 20, data.length - i));
    return;
  }
  const z = createInflateRaw({ chunkSize: 1 << 20 });
  z.end(data);
  for await (const chunk of z) yield chunk as Buffer;
}

// ---- XML bits ----

const attrOf = (tag: string, name: string): string | undefined => {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag);
  return m ? decodeText(m[1] ?? m[2] ?? "") : undefined;
};

const ENTITY = /&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;

/** XML character data as a parser hands it out: line ends normalised, references decoded. */
function decodeText(s: string): string {
  if (s.indexOf("\r") >= 0) s = s.replace(/\r\n?/g, "\n");
  if (s.indexOf("&") < 0) return s;
  return s.replace(ENTITY, (_, e: string) =>
    e === "amp" ? "&" : e === "lt" ? "<" : e === "gt" ? ">" : e === "quot" ? '"' : e === "apos" ? "'" : String.fromCodePoint(e.startsWith("#x") ? parseInt(e.slice(2), 16) : Number(e.slice(1))),
  );
}

/** ExcelJS's TextXform: `_xHHHH_` (upper-case hex) as the character. */
const unescapeOoxml = (s: string) => (s.indexOf("_x") < 0 ? s : s.replace(/_x([0-9A-F]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))));

/** Texts of the `<t>` elements in `xml`, decoded. */
function tTexts(xml: string): string[] {
  const out: string[] = [];
  for (const m of xml.matchAll(/<t\b[^>]*?(?:\/>|>([^<]*)<\/t>)/g)) out.push(decodeText(m[1] ?? ""));
  return out;
}

/** A shared string's value as ExcelJS reads it (SharedStringXform), made plain: text, rich text joined, or null for an empty `<si/>`. */
function sharedValue(inner: string): CellValue {
  const body = inner.replace(/<rPh\b[\s\S]*?<\/rPh>|<rPh\b[^>]*\/>/g, "");
  const runs = [...body.matchAll(/<r\b[^>]*>([\s\S]*?)<\/r>/g)];
  if (runs.length > 0) return runs.map((r) => unescapeOoxml(tTexts(r[1]!).join(""))).join("");
  const ts = tTexts(body.replace(/<rPr\b[\s\S]*?<\/rPr>/g, ""));
  return ts.length > 0 ? unescapeOoxml(ts[ts.length - 1]!) : null;
}

/** An inline string's value as ExcelJS's CellXform reads it: runs' text joined (unescaped), else the `<t>` texts as they are; null without text. */
function inlineValue(inner: string): CellValue {
  const runs = [...inner.matchAll(/<r\b[^>]*>([\s\S]*?)<\/r>/g)];
  if (runs.length > 0) return runs.map((r) => unescapeOoxml(tTexts(r[1]!).join(""))).join("");
  const text = tTexts(inner).join("");
  return text === "" ? null : text;
}

/** The `<si>` elements of a shared strings part: their inner XML, in order. */
function sharedItems(xml: string): string[] {
  const out: string[] = [];
  for (const m of xml.matchAll(/<si\b[^>]*?(?:\/>|>([\s\S]*?)<\/si>)/g)) out.push(m[1] ?? "");
  return out;
}

/**
 * A shared string's `<si>` content as an inline string's `<is>` content that ExcelJS reads
 * back as the same text. The two share a content model (CT_Rst) and Excel reads them alike,
 * but ExcelJS 4.4 does not: in an inline string it stops reading the sheet at a phonetic run
 * (`<rPh>`, dropped here with its `<phoneticPr>`: the reading guide of East Asian text, not
 * the text), decodes `_xHHHH_` only inside a run, and reads an empty `<t>` as a blank cell.
 * A plain `<t>` holding `_x` or nothing is therefore written as a single run (a run without
 * properties: the same text to Excel).
 */
function inlineFromShared(si: string): string {
  const inner = si.includes("<rPh") || si.includes("<phoneticPr") ? si.replace(/<rPh\b[\s\S]*?<\/rPh>|<rPh\b[^>]*\/>|<phoneticPr\b[^>]*\/>|<phoneticPr\b[\s\S]*?<\/phoneticPr>/g, "") : si;
  if (/<r\b[^>]*>/.test(inner)) return inner;
  const t = /^(\s*)(<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>))/.exec(inner);
  if (!t || !(inner.includes("_x") || (t[3] ?? "") === "")) return inner;
  return `${t[1]}<r>${t[2]}</r>${inner.slice(t[0].length)}`;
}

// ---- the package ----

interface Target {
  sheetName: string;
  part: string;
  entry: ZipEntryInfo;
  tableRef: string;
  headerRow: boolean;
  totalsRow: boolean;
  columns: string[];
  date1904: boolean;
  /** Per cell style index (cellXfs), whether ExcelJS reads a number in it as a date. */
  dateStyles: boolean[];
  shared: ZipEntryInfo | null;
}

const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

/** Relationships of a part: id → { type, part }. */
function relsOf(bytes: Uint8Array, entries: Map<string, ZipEntryInfo>, part: string): Map<string, { type: string; part: string }> {
  const dir = part.slice(0, part.lastIndexOf("/") + 1);
  const e = entries.get(`${dir}_rels/${part.slice(dir.length)}.rels`);
  const out = new Map<string, { type: string; part: string }>();
  if (!e) return out;
  for (const m of partText(bytes, e).matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    if ((attrOf(m[0], "TargetMode") ?? "").toLowerCase() === "external") continue;
    out.set(attrOf(m[0], "Id") ?? "", { type: attrOf(m[0], "Type") ?? "", part: resolvePart(dir, attrOf(m[0], "Target") ?? "") });
  }
  return out;
}

/** For each cellXfs index, whether ExcelJS turns a number with that style into a Date (StylesXform.getStyleModel + utils.isDateFmt). */
function dateStylesOf(xml: string): boolean[] {
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<numFmt\b[^>]*>/g)) custom.set(parseInt(attrOf(m[0], "numFmtId") ?? "", 10), attrOf(m[0], "formatCode") ?? "");
  const cellXfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? "";
  const out: boolean[] = [];
  for (const m of cellXfs.matchAll(/<xf\b[^>]*>/g)) {
    const id = parseInt(attrOf(m[0], "numFmtId") ?? "", 10);
    out.push(Boolean(id) && utils.isDateFmt(custom.get(id) || defaultFmt(id)));
  }
  return out;
}

/** The sheet holding the PlanActuals table, when it is at least `minBytes` of XML; else null. */
function findTarget(bytes: Uint8Array, minBytes: number): Target | null {
  const list = readZipDirectory(bytes);
  if (!list) return null;
  const entries = new Map(list.map((e) => [e.name, e]));
  const wbEntry = entries.get("xl/workbook.xml");
  if (!wbEntry) return null;
  const wbXml = partText(bytes, wbEntry);
  const wbRels = relsOf(bytes, entries, "xl/workbook.xml");
  for (const m of wbXml.matchAll(/<sheet\b[^>]*>/g)) {
    const id = /\s[\w]+:id\s*=\s*"([^"]*)"/.exec(m[0])?.[1] ?? "";
    const rel = wbRels.get(id);
    if (!rel || !rel.type.endsWith("/worksheet")) continue;
    const sheetEntry = entries.get(rel.part);
    if (!sheetEntry) continue;
    const tables = [...relsOf(bytes, entries, rel.part).values()].filter((r) => r.type === `${REL}table` && entries.has(r.part));
    const tags = tables.map((t) => /<(?:\w+:)?table\b[^>]*>/.exec(partText(bytes, entries.get(t.part)!))?.[0] ?? "");
    const i = tags.findIndex((tag) => planTableName(attrOf(tag, "name") ?? "") === "PlanActuals");
    if (i < 0) continue;
    // Another plan table on the same sheet would be read from the stub: load such a sheet as usual.
    if (tags.some((tag, j) => j !== i && planTableName(attrOf(tag, "name") ?? "") !== null)) return null;
    if (sheetEntry.uncompressedSize < minBytes) return null;
    const tableXml = partText(bytes, entries.get(tables[i]!.part)!);
    const tag = tags[i]!;
    const styles = entries.get("xl/styles.xml");
    const pr = /<(?:\w+:)?workbookPr\b[^>]*>/.exec(wbXml)?.[0] ?? "";
    return {
      sheetName: attrOf(m[0], "name") ?? "",
      part: rel.part,
      entry: sheetEntry,
      tableRef: attrOf(tag, "ref") ?? "",
      headerRow: attrOf(tag, "headerRowCount") !== "0",
      totalsRow: attrOf(tag, "totalsRowCount") === "1",
      columns: [...tableXml.matchAll(/<(?:\w+:)?tableColumn\b[^>]*>/g)].map((c) => attrOf(c[0], "name") ?? ""),
      date1904: attrOf(pr, "date1904") === "1",
      dateStyles: styles ? dateStylesOf(partText(bytes, styles)) : [],
      shared: entries.get("xl/sharedStrings.xml") ?? null,
    };
  }
  return null;
}

// ---- reading the sheet ----

/** What one pass over the sheet found, or why it is not streamed. */
type Scan =
  | {
      ok: true;
      stub: string;
      table: RawTable;
      valueRows: number;
      /** Style index of each cell (by reference) and row (by number) of the stub's sample rows. */
      stubCells: Map<string, number>;
      stubRows: Map<number, number>;
      /** Every cell and row style index the sheet uses. */
      cellStyles: Set<number>;
      rowStyles: Set<number>;
      /** Whether any cell is a shared string. */
      sharedCells: boolean;
      dimension: string | null;
    }
  | { ok: false; reason: string };

const ROW = /<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g;
const CELL = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
// What fastCell read.
let fastCol = 0;
let fastS = 0;
let fastT: string | undefined;

/**
 * Reads a cell's attributes (`a` from `from` to `n`) in the form most writers use (` r="B12" s="3" t="inlineStr"`: r,
 * then s, then t, double quotes, one space) into fastCol, fastS and fastT, without a regular
 * expression (this runs for every cell); false for any other form, read by the general rule.
 */
function fastCell(a: string, from: number, n: number, row: number): boolean {
  if (n - from < 7 || a.charCodeAt(from) !== 32 || a.charCodeAt(from + 1) !== 114 || a.charCodeAt(from + 2) !== 61 || a.charCodeAt(from + 3) !== 34) return false;
  let i = from + 4;
  let col = 0;
  for (let k = a.charCodeAt(i); k >= 65 && k <= 90; k = a.charCodeAt(++i)) col = col * 26 + k - 64;
  let num = 0;
  const digits = i;
  for (let k = a.charCodeAt(i); k >= 48 && k <= 57; k = a.charCodeAt(++i)) num = num * 10 + k - 48;
  if (col === 0 || i === digits || num !== row || a.charCodeAt(i) !== 34) return false;
  i++;
  let s = 0;
  let type: string | undefined;
  if (a.startsWith(' s="', i)) {
    i += 4;
    const sFrom = i;
    for (let k = a.charCodeAt(i); k >= 48 && k <= 57; k = a.charCodeAt(++i)) s = s * 10 + k - 48;
    if (i === sFrom || a.charCodeAt(i) !== 34) return false;
    i++;
  }
  if (a.startsWith(' t="', i)) {
    const end = a.indexOf('"', i + 4);
    if (end < 0 || end >= n) return false;
    type = a.slice(i + 4, end);
    i = end + 1;
  }
  if (i !== n) return false;
  fastCol = col;
  fastS = s;
  fastT = type;
  return true;
}
const ATTR = /\s([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const SHEET_DATA = /<sheetData\b[^>]*?(\/?)>/;

/** Where a buffer of rows can be cut so that everything before the cut is whole rows. */
function rowCut(buf: string): number {
  const close = buf.lastIndexOf("</row>");
  const open = buf.lastIndexOf("<row");
  return open > close ? open : close >= 0 ? close + 6 : 0;
}

class NotPlain extends Error {}

/**
 * Texts kept in the RawTable, each once: a table repeats its regions, products and metrics
 * a million times. A kept text is a flat copy, never a slice: V8 makes a substring of 13 or
 * more characters a view that keeps the whole chunk of sheet XML it came from alive.
 */
class Texts {
  private readonly seen = new Map<string, string>();
  get(s: string): string {
    const known = this.seen.get(s);
    if (known !== undefined) return known;
    const copy = s.length >= 13 ? (JSON.parse(JSON.stringify(s)) as string) : s;
    if (this.seen.size < 200_000) this.seen.set(copy, copy);
    return copy;
  }
}

/**
 * One pass over the sheet: the PlanActuals RawTable (ExcelJS's CellXform and reconcile rules:
 * shared and inline strings, `str`, booleans as parseInt ≠ 0, errors, numbers as parseFloat
 * turned into dates by a date-formatted style other than 0), the stub, and the stub's styles.
 * Not plain (ok: false): formulas, merges, hyperlinks, comments, prefixed elements or
 * attributes other than x14ac's, cells or rows without a reference or out of order, anything
 * else inside a cell than a `<v>` or an `<is>`.
 */
async function scanSheet(bytes: Uint8Array, t: Target, shared: readonly CellValue[]): Promise<Scan> {
  const range = parseRangeA1(t.tableRef);
  if (!range) return { ok: false, reason: "table range" };
  const cols = range.cols;
  const headerRow = t.headerRow ? range.row : range.row - 1;
  const lastRow = range.row + range.rows - 1 - (t.totalsRow ? 1 : 0);
  const firstCol = range.col;
  const headerCells: CellValue[] = Array.from({ length: cols }, () => null);
  let headers: string[] = t.headerRow ? [] : Array.from({ length: cols }, (_, j) => t.columns[j] ?? "");
  let dateCols: boolean[] = headers.map((h) => columnForHeader("PlanActuals", h)?.type === "date");
  const rows: CellValue[][] = [];
  const seenCellStyles = new Set<number>();
  const seenRowStyles = new Set<number>();
  const stubCells = new Map<string, number>();
  const stubRows = new Map<number, number>();
  const kept: string[] = [];
  const texts = new Texts();
  let valueRows = 0;
  let sharedCells = false;
  let lastR = 0;
  let prefix = "";
  let suffix = "";

  // Set by cellValue: whether the value it returned came from a date (ExcelJS's Date).
  let fromDate = false;
  /** A `<v>`'s text as ExcelJS's CellXform turns it into a value of type `type`. */
  const fromV = (type: string | undefined, s: number, raw: string): CellValue | undefined => {
    if (raw === "") return undefined;
    switch (type) {
      case "s": {
        const x = shared[parseInt(raw, 10)];
        if (x === undefined) throw new NotPlain("shared string index");
        return x;
      }
      case "str":
        return utils.xmlDecode(raw);
      case "inlineStr":
        return raw;
      case "b":
        return parseInt(raw, 10) !== 0;
      case "e":
        return errorFromText(raw) ?? excelError("#VALUE!");
      default: {
        const n = parseFloat(raw);
        if (s > 0 && t.dateStyles[s]) {
          const d = utils.excelToDate(n, t.date1904);
          fromDate = true;
          return Number.isNaN(d.getTime()) ? null : serialFromUtcDate(d);
        }
        return n;
      }
    }
  };
  /** A cell's value from its content; undefined when it has none (ExcelJS's Null or Merge cell). */
  const cellValue = (type: string | undefined, s: number, content: string): CellValue | undefined => {
    fromDate = false;
    if (content === "") return undefined;
    // The usual forms first: <v>…</v> and <is><t>…</t></is>.
    if (content.startsWith("<v>") && content.endsWith("</v>") && content.indexOf("<", 3) === content.length - 4) {
      return fromV(type, s, decodeText(content.slice(3, -4)));
    }
    if (type === "inlineStr" && content.startsWith("<is><t>") && content.endsWith("</t></is>") && content.indexOf("<", 7) === content.length - 9) {
      const x = decodeText(content.slice(7, -9));
      return x === "" ? undefined : x;
    }
    const v = /^\s*<v>([^<]*)<\/v>\s*$/.exec(content);
    if (v) return fromV(type, s, decodeText(v[1]!));
    if (/^\s*<v\s*\/>\s*$/.test(content)) return undefined;
    const is = /^\s*<is>([\s\S]*)<\/is>\s*$/.exec(content);
    if (is) {
      if (type !== "inlineStr") throw new NotPlain("inline string type");
      // ExcelJS 4.4 stops reading a sheet at an inline string's phonetic run: leave that to it.
      if (is[1]!.includes("<rPh")) throw new NotPlain("phonetic run in an inline string");
      const x = inlineValue(is[1]!);
      return x === null ? undefined : x;
    }
    throw new NotPlain("cell content");
  };

  const blank = (s: string, from: number, to: number) => from >= to || s.slice(from, to).trim() === "";
  const doRows = (seg: string) => {
    let p = 0;
    for (;;) {
      const open = seg.indexOf("<row", p);
      if (open < 0) break;
      if (!blank(seg, p, open)) throw new NotPlain("text between rows");
      const gt = seg.indexOf(">", open);
      const selfClosing = seg.charCodeAt(gt - 1) === 47;
      const rowAttrs = seg.slice(open + 4, selfClosing ? gt - 1 : gt);
      let content = "";
      if (selfClosing) p = gt + 1;
      else {
        const close = seg.indexOf("</row>", gt);
        if (close < 0) throw new NotPlain("unterminated row");
        content = seg.slice(gt + 1, close);
        p = close + 6;
      }
      let r = 0;
      let rowS = -1;
      ATTR.lastIndex = 0;
      for (let a = ATTR.exec(rowAttrs); a; a = ATTR.exec(rowAttrs)) {
        const name = a[1]!;
        if (name === "r") r = Number(a[2] ?? a[3]);
        else if (name === "s") rowS = Number(a[2] ?? a[3]);
        else if (name.indexOf(":") >= 0 && !name.startsWith("x14ac:")) throw new NotPlain(`row attribute ${name}`);
      }
      if (!(r > lastR)) throw new NotPlain("row order");
      lastR = r;
      const inData = r > headerRow && r <= lastRow;
      const isHeader = t.headerRow && r === headerRow;
      let out: CellValue[] | null = null;
      if (inData) {
        out = new Array<CellValue>(cols).fill(null);
        while (rows.length < r - headerRow - 1) rows.push(new Array<CellValue>(cols).fill(null));
        rows.push(out);
      }
      let newStyle = rowS >= 0 && !seenRowStyles.has(rowS);
      let hasValue = false;
      let q = 0;
      for (;;) {
        const cOpen = content.indexOf("<c", q);
        if (cOpen < 0) break;
        if (!blank(content, q, cOpen)) throw new NotPlain("text between cells");
        const cGt = content.indexOf(">", cOpen);
        const cSelf = content.charCodeAt(cGt - 1) === 47;
        const attrsEnd = cSelf ? cGt - 1 : cGt;
        let body = "";
        // The text of a cell holding just <v>…</v> (most do), read without slicing out its content first.
        let vText: string | null = null;
        if (cSelf) q = cGt + 1;
        else {
          const cClose = content.indexOf("</c>", cGt);
          if (cClose < 0) throw new NotPlain("unterminated cell");
          if (cClose - cGt > 7 && content.startsWith("<v>", cGt + 1) && content.indexOf("<", cGt + 4) === cClose - 4 && content.startsWith("</v>", cClose - 4)) {
            vText = content.slice(cGt + 4, cClose - 4);
            body = "<v>";
          } else body = content.slice(cGt + 1, cClose);
          q = cClose + 4;
        }
        let col = 0;
        let s = 0;
        let type: string | undefined;
        if (fastCell(content, cOpen + 2, attrsEnd, r)) {
          col = fastCol;
          s = fastS;
          type = fastT;
        } else {
          const cellAttrs = content.slice(cOpen + 2, attrsEnd);
          let ref = "";
          ATTR.lastIndex = 0;
          for (let a = ATTR.exec(cellAttrs); a; a = ATTR.exec(cellAttrs)) {
            const name = a[1]!;
            const val = a[2] ?? a[3] ?? "";
            if (name === "r") ref = val;
            else if (name === "s") s = Number(val);
            else if (name === "t") type = val;
            else if (name === "vm" || name === "cm" || name.indexOf(":") >= 0) throw new NotPlain(`cell attribute ${name}`);
          }
          const at = parseA1(ref);
          if (!at || at.row !== r) throw new NotPlain("cell reference");
          col = at.col;
        }
        if (body.indexOf("<f") >= 0) throw new NotPlain("formula");
        if (!seenCellStyles.has(s)) newStyle = true;
        if (type === "s") sharedCells = true;
        if (!inData && !isHeader && body === "") continue;
        let v: CellValue | undefined;
        if (vText !== null) {
          fromDate = false;
          v = fromV(type, s, decodeText(vText));
        } else v = cellValue(type, s, body);
        if (v === undefined) continue;
        hasValue = true;
        const j = col - firstCol;
        if (j < 0 || j >= cols) continue;
        // A plain number in a date column of a 1904 workbook is a 1904 serial (XlsxWorkbook.readPlanTables).
        if (out) out[j] = typeof v === "string" ? texts.get(v) : t.date1904 && dateCols[j] && typeof v === "number" && !fromDate ? from1904(v) : v;
        else if (isHeader) headerCells[j] = v;
      }
      if (!blank(content, q, content.length)) throw new NotPlain("text after cells");
      if (hasValue) valueRows++;
      if (isHeader) {
        headers = headerCells.map((h) => cellText(h).trim());
        dateCols = headers.map((h) => columnForHeader("PlanActuals", h)?.type === "date");
      }
      if (r <= headerRow || newStyle) {
        kept.push(seg.slice(open, p));
        if (rowS >= 0) {
          seenRowStyles.add(rowS);
          stubRows.set(r, rowS);
        }
        for (const c of content.matchAll(CELL)) {
          const x = Number(attrOf(c[1]!, "s") ?? 0);
          seenCellStyles.add(x);
          stubCells.set(attrOf(c[1]!, "r") ?? "", x);
        }
      }
    }
    if (!blank(seg, p, seg.length)) throw new NotPlain("text after rows");
  };

  try {
    let phase: "prefix" | "rows" | "suffix" = "prefix";
    let buf = "";
    for await (const text of partChunks(bytes, t.entry)) {
      buf += text;
      if (phase === "prefix") {
        const m = SHEET_DATA.exec(buf);
        if (!m) {
          if (buf.length > 64 << 20) return { ok: false, reason: "no sheetData" };
          continue;
        }
        if (m[1] === "/") return { ok: false, reason: "empty sheetData" };
        prefix = buf.slice(0, m.index + m[0].length);
        buf = buf.slice(prefix.length);
        phase = "rows";
      }
      if (phase === "rows") {
        const close = buf.indexOf("</sheetData>");
        const cut = close >= 0 ? close : rowCut(buf);
        doRows(buf.slice(0, cut));
        buf = buf.slice(cut);
        if (close >= 0) phase = "suffix";
      }
      if (phase === "suffix") {
        suffix += buf;
        buf = "";
      }
    }
    if (phase !== "suffix") return { ok: false, reason: "unterminated sheetData" };
  } catch (e) {
    if (e instanceof NotPlain) return { ok: false, reason: e.message };
    throw e;
  }
  if (!/^(?:<\?xml[^>]*>)?\s*<worksheet\b/.test(prefix.replace(/^\uFEFF/, ""))) return { ok: false, reason: "prefixed worksheet" };
  for (const bad of ["<hyperlinks", "<legacyDrawing", "<mergeCell", "<oleObjects", "<controls"]) {
    if (prefix.includes(bad) || suffix.includes(bad)) return { ok: false, reason: bad.slice(1) };
  }
  while (rows.length < lastRow - headerRow) rows.push(new Array<CellValue>(cols).fill(null));
  if (t.headerRow && headers.length === 0) headers = headerCells.map((h) => cellText(h).trim());
  const dimension = /<dimension\b[^>]*>/.exec(prefix)?.[0];
  return {
    ok: true,
    stub: prefix + kept.join("") + suffix,
    table: { name: "PlanActuals", sheet: t.sheetName, headerRow, firstCol, headers, rows, formulaColumns: Array.from({ length: cols }, () => false) },
    valueRows,
    stubCells,
    stubRows,
    cellStyles: seenCellStyles,
    rowStyles: seenRowStyles,
    sharedCells,
    dimension: dimension ? (attrOf(dimension, "ref") ?? null) : null,
  };
}

/**
 * Prepares `bytes` (a normalised package) for loading with the PlanActuals sheet streamed:
 * the package to give ExcelJS (with the stub) and the streamed sheet, or null when the sheet
 * is small (under `minBytes` of XML), missing or not plain: load `bytes` as usual then.
 */
export async function prepareStream(bytes: Uint8Array, minBytes: number): Promise<{ loadable: Uint8Array; sheet: StreamedSheet } | null> {
  const t = findTarget(bytes, minBytes);
  if (!t) return null;
  const shared = t.shared ? sharedItems(partText(bytes, t.shared)).map(sharedValue) : [];
  const scan = await scanSheet(bytes, t, shared);
  shared.length = 0;
  if (!scan.ok) return null;
  const zip = await JSZip.loadAsync(bytes);
  zip.file(t.part, new TextEncoder().encode(scan.stub));
  // Entries not rewritten keep their compressed bytes (JSZip reuses them for the same method).
  const loadable = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
  const sheet: StreamedSheet = {
    sheetName: t.sheetName,
    table: scan.table,
    valueRows: scan.valueRows,
    async materialize(ws) {
      const full = new ExcelJS.Workbook();
      await full.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
      const src = full.worksheets.find((w) => w.name === t.sheetName);
      if (!src) throw new Error(`No sheet named "${t.sheetName}" in the original package`);
      src.eachRow({ includeEmpty: true }, (row, r) => {
        const model = row.model as ExcelJS.RowModel | null;
        const target = ws.getRow(r);
        if (model) target.model = model;
        else {
          // A row without cells has no model: keep its height and visibility.
          if (row.height) target.height = row.height;
          target.hidden = row.hidden;
        }
      });
    },
    lastWrite: null,
    async write(written, sink) {
      this.lastWrite = await writeStreamed(written, sink, bytes, t, scan);
    },
  };
  return { loadable, sheet };
}

/**
 * The package with the cells of every big worksheet left out (`<sheetData/>`), all else as
 * it was: for checks that look at a sheet's XML outside its cells (what a copy would lose),
 * which need not inflate a sheet of a million rows into one string. Parts under `minBytes`
 * and packages without such parts are returned as they are.
 */
export async function withoutSheetData(bytes: Uint8Array, minBytes = STREAM_MIN_BYTES): Promise<Uint8Array> {
  const big = (readZipDirectory(bytes) ?? []).filter((e) => e.uncompressedSize >= minBytes && /\.xml$/i.test(e.name) && (e.method === 0 || e.method === 8));
  if (big.length === 0) return bytes;
  const OPEN = Buffer.from("<sheetData");
  const CLOSE = Buffer.from("</sheetData>");
  const light = new Map<string, Buffer>();
  for (const e of big) {
    // Searched in bytes (the tags are ASCII): no text is decoded.
    const head: Buffer[] = [];
    const tail: Buffer[] = [];
    let phase: "head" | "cells" | "tail" = "head";
    let carry = Buffer.alloc(0);
    let headBytes = 0;
    for await (const chunk of partBytes(bytes, e)) {
      let b = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
      carry = Buffer.alloc(0);
      if (phase === "head") {
        const at = b.indexOf(OPEN);
        const gt = at < 0 ? -1 : b.indexOf(">", at);
        if (gt < 0) {
          const keep = at >= 0 ? b.length - at : Math.min(OPEN.length, b.length);
          head.push(b.subarray(0, b.length - keep));
          headBytes += b.length - keep;
          carry = Buffer.from(b.subarray(b.length - keep));
          if (headBytes > 64 << 20) break;
          continue;
        }
        head.push(b.subarray(0, at));
        if (b[gt - 1] === 47) break; // <sheetData/>: nothing to leave out
        b = b.subarray(gt + 1);
        phase = "cells";
      }
      if (phase === "cells") {
        const close = b.indexOf(CLOSE);
        if (close < 0) {
          carry = Buffer.from(b.subarray(Math.max(0, b.length - CLOSE.length + 1)));
          continue;
        }
        b = b.subarray(close + CLOSE.length);
        phase = "tail";
      }
      tail.push(Buffer.from(b));
    }
    if (phase === "tail") light.set(e.name, Buffer.concat([...head, Buffer.from("<sheetData/>"), ...tail]));
  }
  if (light.size === 0) return bytes;
  const zip = await JSZip.loadAsync(bytes);
  for (const [name, xml] of light) zip.file(name, xml);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

// ---- writing ----

/** The part of a written package that holds the sheet named `name`. */
async function sheetPartIn(zip: JSZip, name: string): Promise<string> {
  const wb = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
  const rels = (await zip.file("xl/_rels/workbook.xml.rels")?.async("string")) ?? "";
  for (const m of wb.matchAll(/<sheet\b[^>]*>/g)) {
    if (attrOf(m[0], "name") !== name) continue;
    const id = /\s[\w]+:id\s*=\s*"([^"]*)"/.exec(m[0])?.[1];
    for (const r of rels.matchAll(/<Relationship\b[^>]*>/g)) if (attrOf(r[0], "Id") === id) return resolvePart("xl/", attrOf(r[0], "Target") ?? "");
  }
  throw new Error(`The written package has no sheet named "${name}"`);
}

/** Original style index → the index ExcelJS wrote for it, from the stub's cells and rows in ExcelJS's output. */
function styleMaps(written: string, scan: Extract<Scan, { ok: true }>): { cells: Map<number, string>; rows: Map<number, string> } {
  const cells = new Map<number, string>([[0, "0"]]);
  const rows = new Map<number, string>();
  const data = /<sheetData\b[^>]*>([\s\S]*)<\/sheetData>/.exec(written)?.[1] ?? "";
  for (const m of data.matchAll(ROW)) {
    const r = Number(attrOf(m[1]!, "r"));
    const rs = attrOf(m[1]!, "s");
    const orig = scan.stubRows.get(r);
    if (orig !== undefined && rs !== undefined && !rows.has(orig)) rows.set(orig, rs);
    for (const c of (m[2] ?? "").matchAll(CELL)) {
      const o = scan.stubCells.get(attrOf(c[1]!, "r") ?? "");
      const s = attrOf(c[1]!, "s") ?? "0";
      if (o !== undefined && !cells.has(o)) cells.set(o, s);
    }
  }
  return { cells, rows };
}

/**
 * Deflate level of the written package (zlib's 1–9). 1: a sheet of a million rows deflates in
 * a third of the time level 6 takes, into a file about 30 % bigger (like its input's, as a rule).
 */
const ZIP_LEVEL = 1;

const TRANSFORM = /<c\b([^>]*?)(\/?)>(?:\s*<v>\s*(\d+)\s*<\/v>\s*<\/c>)?|<row\b([^>]*?)(\/?)>/g;
const SHARED_T = /\st\s*=\s*(?:"s"|'s')/;
const S_ATTR = /\ss\s*=\s*(?:"(\d+)"|'(\d+)')/;

/**
 * Writes the output package to `sink`: every part of ExcelJS's `written` package as it is,
 * except the streamed sheet, whose `<sheetData>` is the original's (style indices mapped,
 * shared strings inlined) and whose `<dimension>` is the original's.
 */
async function writeStreamed(written: Uint8Array, sink: Writable, bytes: Uint8Array, t: Target, scan: Extract<Scan, { ok: true }>): Promise<"same" | "mapped"> {
  const zip = await JSZip.loadAsync(written);
  const part = await sheetPartIn(zip, t.sheetName);
  const stubOut = await zip.file(part)!.async("string");
  const maps = styleMaps(stubOut, scan);
  const open = SHEET_DATA.exec(stubOut);
  if (!open) throw new Error("ExcelJS wrote no sheetData");
  let head: string;
  let tail: string;
  if (open[1] === "/") {
    head = `${stubOut.slice(0, open.index)}<sheetData>`;
    tail = `</sheetData>${stubOut.slice(open.index + open[0].length)}`;
  } else {
    const close = stubOut.indexOf("</sheetData>", open.index);
    head = stubOut.slice(0, open.index + open[0].length);
    tail = stubOut.slice(close);
  }
  if (scan.dimension) head = head.replace(/<dimension\b[^>]*>/, `<dimension ref="${scan.dimension}"/>`);
  const shared = t.shared ? sharedItems(partText(bytes, t.shared)).map(inlineFromShared) : [];

  const mapS = (attrs: string, map: Map<number, string>, extra?: RegExp): string => {
    const m = S_ATTR.exec(attrs);
    if (!m) return attrs;
    const to = map.get(Number(m[1] ?? m[2]));
    if (to !== undefined) return attrs.replace(S_ATTR, ` s="${to}"`);
    const without = attrs.replace(S_ATTR, "");
    return extra ? without.replace(extra, "") : without;
  };
  // ExcelJS often keeps the indices (a file it wrote): then the cells go through as they are.
  const same = (used: Set<number>, map: Map<number, string>) => [...used].every((i) => map.get(i) === String(i));
  const identity = !scan.sharedCells && same(scan.cellStyles, maps.cells) && same(scan.rowStyles, maps.rows);
  const transform = (seg: string): string => (identity ? seg : mapped(seg));
  const mapped = (seg: string): string =>
    seg.replace(TRANSFORM, (_whole, cAttrs: string | undefined, cSlash: string, v: string | undefined, rAttrs: string | undefined, rSlash: string) => {
      if (rAttrs !== undefined) return `<row${mapS(rAttrs, maps.rows, /\scustomFormat\s*=\s*("[^"]*"|'[^']*')/)}${rSlash}>`;
      const attrs = mapS(cAttrs!, maps.cells);
      if (SHARED_T.test(attrs)) {
        // A shared-string cell without a value (`<c t="s"/>`) keeps no type.
        if (v === undefined) return `<c${attrs.replace(SHARED_T, "")}${cSlash}>`;
        return `<c${attrs.replace(SHARED_T, ' t="inlineStr"')}><is>${shared[Number(v)] ?? ""}</is></c>`;
      }
      return v !== undefined ? `<c${attrs}${cSlash}><v>${v}</v></c>` : `<c${attrs}${cSlash}>`;
    });

  /** The original `<sheetData>` content as it is, byte for byte (no text decoded). */
  async function* sameBytes(): AsyncGenerator<Buffer> {
    const END = "</sheetData>";
    let started = false;
    let carry: Buffer = Buffer.alloc(0);
    for await (const chunk of partBytes(bytes, t.entry)) {
      let b = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
      carry = Buffer.alloc(0);
      if (!started) {
        const at = b.indexOf("<sheetData");
        const gt = at < 0 ? -1 : b.indexOf(">", at);
        if (gt < 0) {
          carry = Buffer.from(b);
          continue;
        }
        started = true;
        if (b[gt - 1] === 47) return; // <sheetData/>
        b = b.subarray(gt + 1);
      }
      const close = b.indexOf(END);
      if (close >= 0) {
        yield b.subarray(0, close);
        return;
      }
      // The end tag may straddle two chunks: hold back its length less one.
      const keep = Math.min(END.length - 1, b.length);
      yield b.subarray(0, b.length - keep);
      carry = Buffer.from(b.subarray(b.length - keep));
    }
  }

  async function* sheetBytes(): AsyncGenerator<Buffer> {
    yield Buffer.from(head);
    if (identity) {
      yield* sameBytes();
      yield Buffer.from(tail);
      return;
    }
    let phase: "prefix" | "rows" | "done" = "prefix";
    let buf = "";
    for await (const text of partChunks(bytes, t.entry)) {
      if (phase === "done") continue;
      buf += text;
      if (phase === "prefix") {
        const m = SHEET_DATA.exec(buf);
        if (!m) continue;
        buf = buf.slice(m.index + m[0].length);
        phase = "rows";
      }
      const close = buf.indexOf("</sheetData>");
      const lastCell = buf.lastIndexOf("</c>");
      const cut = close >= 0 ? close : Math.max(lastCell >= 0 ? lastCell + 4 : 0, rowCut(buf));
      if (cut > 0) yield Buffer.from(transform(buf.slice(0, cut)));
      buf = buf.slice(cut);
      if (close >= 0) {
        phase = "done";
        buf = "";
      }
    }
    yield Buffer.from(tail);
  }

  const archive = archiver("zip", { zlib: { level: ZIP_LEVEL } }) as {
    append(source: Buffer | Readable, data: { name: string }): void;
    finalize(): Promise<void>;
    pipe(dest: Writable): void;
    on(event: "error" | "warning", fn: (e: Error) => void): void;
  };
  const done = new Promise<void>((res, rej) => {
    archive.on("error", rej);
    archive.on("warning", rej);
    sink.on("error", rej);
    sink.on("finish", () => res());
  });
  archive.pipe(sink);
  const names: string[] = [];
  zip.forEach((path, file) => {
    if (!file.dir) names.push(path);
  });
  for (const name of names) {
    if (name === part) archive.append(Readable.from(sheetBytes(), { objectMode: false }), { name });
    else archive.append(await zip.file(name)!.async("nodebuffer"), { name });
  }
  await archive.finalize();
  await done;
  return identity ? "same" : "mapped";
}
