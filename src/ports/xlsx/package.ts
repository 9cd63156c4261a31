/**
 * The xlsx package (a zip of XML parts) before ExcelJS sees it: what kind of file this is,
 * making it loadable, and what in it a copy written by ExcelJS would lose.
 *
 * ExcelJS 4.4 finds parts by fixed names and resolves only relative relationship targets:
 * Python's openpyxl (and pandas) write absolute targets (`/xl/tables/table1.xml`), on which
 * ExcelJS crashes (`reading 'name'`). `normalizePackage` rewrites every internal target as a
 * relative one and renames the parts ExcelJS looks up by name (workbook, worksheets, tables,
 * shared strings, styles) to the names it expects, fixing the relationships that point at them.
 *
 * JSZip 3.10 encodes a string it is given to UTF-8 in slices of 16,384 UTF-16 code units, so a
 * character outside the Basic Multilingual Plane (an emoji, a rare CJK ideograph) whose
 * surrogate pair straddles a slice boundary is written as two U+FFFD
 * (https://github.com/Stuk/jszip/pull/963, open). ExcelJS 4.4 hands JSZip every part it writes
 * as a string: in a column of 20,000 customer names ending in 📈, the saved file loses one.
 * This module therefore gives JSZip bytes, never strings, and makes ExcelJS's zip writer do
 * the same (`utf8ZipWriter`, applied when the xlsx port loads), as the docx library did
 * (https://github.com/dolanmiu/docx/pull/3329).
 */
import { createInflateRaw } from "node:zlib";
// @ts-expect-error -- ExcelJS ships no types for its internal zip writer (exceljs/lib/utils/zip-stream.js, 4.4).
import excelJsZipStream from "exceljs/lib/utils/zip-stream";
import JSZip from "jszip";
import type { UncarriedContent } from "../types";

interface ZipWriterProto {
  append(data: unknown, options: { name: string; base64?: boolean }): void;
  salesplanUtf8?: true;
}

/**
 * Makes ExcelJS's zip writer hand JSZip the UTF-8 bytes of each part instead of the string
 * (see the module comment): the same file, without split surrogate pairs. Idempotent; true
 * when the writer is (now) patched, false when ExcelJS's internals are not where 4.4 has them.
 */
export function utf8ZipWriter(): boolean {
  const proto = (excelJsZipStream as { ZipWriter?: { prototype: ZipWriterProto } } | undefined)?.ZipWriter?.prototype;
  if (!proto || typeof proto.append !== "function") return false;
  if (proto.salesplanUtf8) return true;
  const append = proto.append;
  proto.append = function (this: unknown, data: unknown, options: { name: string; base64?: boolean }) {
    const bytes = typeof data === "string" && !options?.base64 ? Buffer.from(data, "utf8") : data;
    return append.call(this, bytes, options);
  };
  proto.salesplanUtf8 = true;
  return true;
}
utf8ZipWriter();

/** What a file's bytes are. */
export type FileKind = "zip" | "encrypted" | "cfb" | "other";

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * The kind of a file by its bytes: a zip (an xlsx, or another Office Open XML file), a
 * password-protected workbook (Office encrypts it into a compound file holding an
 * `EncryptionInfo` stream), another compound file (an .xls), or something else.
 */
export function fileKind(bytes: Uint8Array): FileKind {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5 || bytes[2] === 7)) return "zip";
  if (bytes.length >= 8 && CFB_MAGIC.every((b, i) => bytes[i] === b)) {
    return indexOfUtf16(bytes, "EncryptionInfo") >= 0 || indexOfUtf16(bytes, "EncryptedPackage") >= 0 ? "encrypted" : "cfb";
  }
  return "other";
}

function indexOfUtf16(bytes: Uint8Array, text: string): number {
  const pat = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) pat[2 * i] = text.charCodeAt(i);
  outer: for (let i = 0; i + pat.length <= bytes.length; i++) {
    for (let j = 0; j < pat.length; j++) if (bytes[i + j] !== pat[j]) continue outer;
    return i;
  }
  return -1;
}

const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
  /** The target as an absolute part name without a leading `/` (internal targets only). */
  part: string | null;
}

/** A relationships part and the part it belongs to. */
interface RelsPart {
  path: string;
  source: string; // "" for the package itself
  xml: string;
  rels: Relationship[];
}

/** The directory of a part name (`xl/worksheets/sheet1.xml` → `xl/worksheets/`). */
export function dirOf(part: string): string {
  const i = part.lastIndexOf("/");
  return i < 0 ? "" : part.slice(0, i + 1);
}

/** Resolves a relationship target against the directory of its source part (`\\` read as `/`, as some writers emit). */
export function resolvePart(baseDir: string, target: string): string {
  const raw = target.startsWith("/") ? target.slice(1) : baseDir + target;
  const out: string[] = [];
  for (const seg of raw.replace(/\\/g, "/").split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") out.pop();
    else out.push(seg);
  }
  return out.join("/");
}

/** The relative target from a source part's directory to a part. */
function relativeTarget(fromDir: string, part: string): string {
  const from = fromDir.split("/").filter(Boolean);
  const to = part.split("/");
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...from.slice(i).map(() => ".."), ...to.slice(i)].join("/");
}

const attr = (tag: string, name: string): string | undefined => {
  const m = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(tag);
  return m ? decodeXml(m[2] ?? m[3] ?? "") : undefined;
};

function decodeXml(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) =>
    e === "amp" ? "&" : e === "lt" ? "<" : e === "gt" ? ">" : e === "quot" ? '"' : e === "apos" ? "'" : String.fromCodePoint(e.startsWith("#x") ? parseInt(e.slice(2), 16) : Number(e.slice(1))),
  );
}

function encodeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function relsSource(relsPath: string): string {
  // `xl/worksheets/_rels/sheet1.xml.rels` belongs to `xl/worksheets/sheet1.xml`; `_rels/.rels` to the package.
  const m = /^(.*?)_rels\/([^/]*)\.rels$/.exec(relsPath);
  if (!m) return "";
  return (m[1] ?? "") + (m[2] ?? "");
}

function relsPathOf(part: string): string {
  return `${dirOf(part)}_rels/${part.slice(dirOf(part).length)}.rels`;
}

async function readRels(zip: JSZip): Promise<RelsPart[]> {
  const out: RelsPart[] = [];
  for (const path of Object.keys(zip.files)) {
    const name = path.replace(/^\//, "");
    if (zip.files[path]!.dir || !/(^|\/)_rels\/[^/]*\.rels$/.test(name)) continue;
    const xml = await zip.files[path]!.async("string");
    const source = relsSource(name);
    const baseDir = dirOf(source);
    const rels: Relationship[] = [];
    for (const m of xml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
      const tag = m[0];
      const target = attr(tag, "Target") ?? "";
      const external = (attr(tag, "TargetMode") ?? "").toLowerCase() === "external";
      rels.push({ id: attr(tag, "Id") ?? "", type: attr(tag, "Type") ?? "", target, external, part: external ? null : resolvePart(baseDir, target.replace(/\\/g, "/")) });
    }
    out.push({ path: name, source, xml, rels });
  }
  return out;
}

/** What normalising found. */
export interface PackageInfo {
  /** Names of tables whose XML says they have no header row (`headerRowCount="0"`). */
  headerlessTables: string[];
  /**
   * Drawing parts left out because ExcelJS cannot parse them (it expects the `xdr:` prefix;
   * openpyxl writes the default namespace and ExcelJS then crashes on `anchors`). Their charts
   * and pictures are what `uncarriedContent` reports, so the CLI refuses such a file unless --force.
   */
  droppedDrawings: string[];
  /** Per table name, the columns (0-based) whose filter button the file hides (`hiddenButton="1"`). */
  hiddenFilterButtons: Record<string, number[]>;
  /** Whether anything was rewritten. */
  changed: boolean;
}

/** The package with relative relationship targets and the part names ExcelJS expects. */
export async function normalizePackage(bytes: Uint8Array): Promise<{ bytes: Uint8Array; info: PackageInfo }> {
  const zip = await JSZip.loadAsync(bytes);
  // Entry names with a leading `/` (some writers do that) are renamed first.
  for (const path of Object.keys(zip.files)) {
    if (path.startsWith("/") && !zip.files[path]!.dir) {
      const data = await zip.files[path]!.async("uint8array");
      zip.remove(path);
      zip.file(path.slice(1), data);
    }
  }
  const relsParts = await readRels(zip);
  const exists = (p: string) => zip.file(p) !== null;

  // Parts ExcelJS looks up by name, and the names it expects.
  const renames = new Map<string, string>();
  const pkg = relsParts.find((r) => r.source === "");
  const wbPart = pkg?.rels.find((r) => r.type.endsWith("/officeDocument"))?.part ?? "xl/workbook.xml";
  if (wbPart !== "xl/workbook.xml" && exists(wbPart)) renames.set(wbPart, "xl/workbook.xml");
  const wbRels = relsParts.find((r) => r.source === wbPart);
  const taken = new Set(Object.keys(zip.files));
  const freeName = (pattern: (n: number) => string): string => {
    for (let n = 1; ; n++) {
      const p = pattern(n);
      if (!taken.has(p)) {
        taken.add(p);
        return p;
      }
    }
  };
  for (const r of wbRels?.rels ?? []) {
    if (!r.part || !exists(r.part)) continue;
    if (r.type === `${REL}worksheet` && !/^xl\/worksheets\/sheet\d+\.xml$/.test(r.part)) renames.set(r.part, freeName((n) => `xl/worksheets/sheet${n}.xml`));
    if (r.type === `${REL}sharedStrings` && r.part !== "xl/sharedStrings.xml") renames.set(r.part, "xl/sharedStrings.xml");
    if (r.type === `${REL}styles` && r.part !== "xl/styles.xml") renames.set(r.part, "xl/styles.xml");
  }
  for (const rp of relsParts) {
    for (const r of rp.rels) {
      if (r.part && r.type === `${REL}table` && !/^xl\/tables\/table\d+\.xml$/.test(r.part) && exists(r.part) && !renames.has(r.part)) {
        renames.set(r.part, freeName((n) => `xl/tables/table${n}.xml`));
      }
    }
  }

  let changed = renames.size > 0;
  const newName = (p: string) => renames.get(p) ?? p;
  // Rewrite every relationships part: internal targets relative to the (possibly renamed) source.
  for (const rp of relsParts) {
    const source = rp.source === "" ? "" : newName(rp.source);
    const newDir = rp.source === "" ? "" : dirOf(source);
    let xml = rp.xml;
    let touched = false;
    xml = xml.replace(/<(?:\w+:)?Relationship\b[^>]*>/g, (tag) => {
      const target = attr(tag, "Target");
      const external = (attr(tag, "TargetMode") ?? "").toLowerCase() === "external";
      if (target === undefined || external) return tag;
      const part = resolvePart(dirOf(rp.source), target.replace(/\\/g, "/"));
      const rel = relativeTarget(newDir, newName(part));
      if (rel === target) return tag;
      touched = true;
      return tag.replace(/(\sTarget\s*=\s*)("[^"]*"|'[^']*')/, `$1"${encodeXml(rel)}"`);
    });
    const newPath = rp.source === "" ? rp.path : relsPathOf(source);
    if (touched || newPath !== rp.path) {
      changed = true;
      zip.remove(rp.path);
      zip.file(newPath, utf8(xml));
    }
  }
  for (const [from, to] of renames) {
    const data = await zip.file(from)!.async("uint8array");
    zip.remove(from);
    zip.file(to, data);
  }
  if (renames.has(wbPart)) {
    const ct = zip.file("[Content_Types].xml");
    if (ct) {
      let xml = await ct.async("string");
      for (const [from, to] of renames) xml = xml.split(`"/${from}"`).join(`"/${to}"`);
      zip.file("[Content_Types].xml", utf8(xml));
    }
  }

  // Drawings ExcelJS cannot read: drop the sheet's reference to them (and the parts).
  const droppedDrawings: string[] = [];
  for (const sheetPath of Object.keys(zip.files).filter((p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p))) {
    const relsPath = relsPathOf(sheetPath);
    const relsXml = await zip.file(relsPath)?.async("string");
    if (!relsXml) continue;
    const bad: string[] = [];
    for (const m of relsXml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
      const type = attr(m[0], "Type") ?? "";
      const target = attr(m[0], "Target") ?? "";
      if (!type.endsWith("/drawing")) continue;
      const part = resolvePart(dirOf(sheetPath), target);
      const xml = (await zip.file(part)?.async("string")) ?? "";
      if (!/<xdr:wsDr\b/.test(xml)) {
        bad.push(attr(m[0], "Id") ?? "");
        droppedDrawings.push(part);
        zip.remove(part);
        zip.remove(relsPathOf(part));
      }
    }
    if (bad.length === 0) continue;
    changed = true;
    zip.file(relsPath, utf8(relsXml.replace(/<(?:\w+:)?Relationship\b[^>]*>/g, (tag) => (bad.includes(attr(tag, "Id") ?? "") ? "" : tag))));
    const sheetXml = await zip.file(sheetPath)!.async("string");
    zip.file(sheetPath, utf8(sheetXml.replace(/<(?:\w+:)?drawing\b[^>]*\/>/g, (tag) => (bad.some((id) => new RegExp(`:id="${id}"`).test(tag)) ? "" : tag))));
  }


  const headerlessTables: string[] = [];
  const hiddenFilterButtons: Record<string, number[]> = {};
  for (const path of Object.keys(zip.files)) {
    if (!/^xl\/tables\/[^/]+\.xml$/.test(path)) continue;
    const xml = await zip.file(path)!.async("string");
    const tag = /<(?:\w+:)?table\b[^>]*>/.exec(xml)?.[0] ?? "";
    const name = attr(tag, "name") ?? "";
    if (attr(tag, "headerRowCount") === "0") headerlessTables.push(name);
    const hidden = [...xml.matchAll(/<(?:\w+:)?filterColumn\b[^>]*>/g)]
      .filter((m) => attr(m[0], "hiddenButton") === "1" || attr(m[0], "hiddenButton") === "true")
      .map((m) => Number(attr(m[0], "colId")));
    if (hidden.length > 0) hiddenFilterButtons[name] = hidden;
  }
  const info = { headerlessTables, droppedDrawings, hiddenFilterButtons, changed };
  if (!changed) return { bytes, info };
  return { bytes: await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }), info };
}

/** UTF-8 bytes of a string. JSZip is always given bytes: given a string it may split surrogate pairs (see the module comment). */
function utf8(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

/**
 * Text in the form OOXML stores it (ECMA-376 Part 1, 22.9.2.19 ST_Xstring): a character XML
 * cannot hold, or that XML would change (a carriage return), as `_xHHHH_`, and an underscore
 * that starts such a form as `_x005F_`, so that the text reads back as written. ExcelJS 4.4
 * writes text as it is: it drops control characters, a carriage return comes back as a line
 * feed, and text reading `_x0041_` comes back as "A". Its reader decodes these forms.
 */
export function escapeOoxmlText(text: string): string {
  return text.replace(/_(?=x[0-9A-Fa-f]{4}_)|[\u0000-\u0008\u000b\u000c\u000d\u000e-\u001f\u007f\ufffe\uffff]/g, (c) =>
    c === "_" ? "_x005F_" : `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`,
  );
}

/** True when the zip is an Office Open XML spreadsheet whose workbook part is XML (not .xlsb, not a Word file). */
export async function spreadsheetKind(bytes: Uint8Array): Promise<"xlsx" | "xlsb" | "other"> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    return "other";
  }
  const rels = await readRels(zip);
  const doc = rels.find((r) => r.source === "")?.rels.find((r) => r.type.endsWith("/officeDocument"))?.part;
  if (!doc || zip.file(doc) === null) return zip.file("xl/workbook.xml") ? "xlsx" : zip.file("xl/workbook.bin") ? "xlsb" : "other";
  if (doc.endsWith(".bin")) return "xlsb";
  const ct = (await zip.file("[Content_Types].xml")?.async("string")) ?? "";
  return /spreadsheetml|ms-excel/i.test(ct) || doc.startsWith("xl/") ? "xlsx" : "other";
}

/**
 * What a copy written by ExcelJS would lose: charts (and chart sheets), pivot tables, images,
 * macros, slicers and timelines, and other parts it drops (shapes, form controls, external
 * links, data connections, threaded comments, sparklines), each named with its sheet where there is one.
 */
export async function uncarriedContent(bytes: Uint8Array): Promise<UncarriedContent[]> {
  const zip = await JSZip.loadAsync(bytes);
  const rels = await readRels(zip);
  const out: UncarriedContent[] = [];
  const relsOf = (part: string) => rels.find((r) => r.source === part)?.rels ?? [];
  const wbPart = rels.find((r) => r.source === "")?.rels.find((r) => r.type.endsWith("/officeDocument"))?.part ?? "xl/workbook.xml";
  const wbXml = (await zip.file(wbPart)?.async("string")) ?? "";
  const sheetNames = new Map<string, string>(); // rId → name
  for (const m of wbXml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const id = attr(m[0], "r:id") ?? /\s(\w+:)?id\s*=\s*"([^"]*)"/.exec(m[0])?.[2];
    if (id) sheetNames.set(id, attr(m[0], "name") ?? "");
  }
  const push = (kind: UncarriedContent["kind"], detail: string, sheet?: string) => {
    if (!out.some((x) => x.kind === kind && x.sheet === sheet && x.detail === detail)) out.push(sheet === undefined ? { kind, detail } : { kind, sheet, detail });
  };
  if (Object.keys(zip.files).some((p) => /vbaProject\.bin$/i.test(p))) push("macro", "vbaProject");
  for (const r of relsOf(wbPart)) {
    if (r.type.endsWith("/externalLink")) push("other", "externalLink");
    if (r.type.endsWith("/connections")) push("other", "connection");
    if (r.type.endsWith("/slicerCache") || r.type.endsWith("/timelineCache")) push("slicer", "slicerCache");
    if (!r.part) continue;
    const sheet = sheetNames.get(r.id);
    if (r.type.endsWith("/chartsheet")) push("chart", "chartsheet", sheet);
    if (!r.type.endsWith("/worksheet")) continue;
    const sheetXml = (await zip.file(r.part)?.async("string")) ?? "";
    if (/<(?:\w+:)?sparklineGroups\b/.test(sheetXml)) push("other", "sparkline", sheet);
    for (const sr of relsOf(r.part)) {
      if (sr.type.endsWith("/pivotTable")) push("pivotTable", "pivotTable", sheet);
      if (sr.type.endsWith("/slicer") || sr.type.endsWith("/timeline")) push("slicer", "slicer", sheet);
      if (sr.type.endsWith("/queryTable")) push("other", "connection", sheet);
      if (sr.type.endsWith("/threadedComment")) push("other", "threadedComment", sheet);
      if (sr.type.endsWith("/control") || sr.type.endsWith("/ctrlProp")) push("other", "control", sheet);
      if (sr.type.endsWith("/image")) push("image", "image", sheet);
      if (sr.type.endsWith("/drawing") && sr.part) {
        for (const dr of relsOf(sr.part)) {
          if (dr.type.endsWith("/chart") || dr.type.endsWith("/chartEx")) push("chart", "chart", sheet);
          if (dr.type.endsWith("/image")) push("image", "image", sheet);
        }
        const dxml = (await zip.file(sr.part)?.async("string")) ?? "";
        if (/<(?:\w+:)?(sp|cxnSp|grpSp)\b/.test(dxml)) push("other", "shape", sheet);
      }
    }
  }
  return out;
}

/** One entry of a zip's central directory, as the directory declares it. */
export interface ZipEntryInfo {
  name: string;
  /** 0 stored, 8 deflated (others are refused by JSZip anyway). */
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Offset of the entry's local header in the file. */
  localHeaderOffset: number;
}

const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_EOCD64_LOCATOR = 0x07064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;

/**
 * The entries of a zip as its central directory declares them (APPNOTE.TXT 4.3.12–4.3.16,
 * ZIP64 included), read without inflating anything; null when the bytes hold no readable
 * central directory. The sizes are what the file claims: `inflatedSizesHold` checks them.
 */
export function readZipDirectory(bytes: Uint8Array): ZipEntryInfo[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const len = bytes.byteLength;
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const u64 = (at: number) => Number(view.getBigUint64(at, true));
  // The end-of-central-directory record: 22 bytes plus a comment of up to 65,535 bytes, at the end.
  let eocd = -1;
  for (let i = len - 22; i >= Math.max(0, len - 22 - 0xffff); i--) {
    if (u32(i) === SIG_EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  let count = u16(eocd + 10);
  let cdSize = u32(eocd + 12);
  let cdOffset = u32(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || u32(loc) !== SIG_EOCD64_LOCATOR) return null;
    const at = u64(loc + 8);
    if (at + 56 > len || u32(at) !== SIG_EOCD64) return null;
    count = u64(at + 32);
    cdSize = u64(at + 40);
    cdOffset = u64(at + 48);
  }
  if (cdOffset + cdSize > len || count > cdSize / 46) return null;
  const out: ZipEntryInfo[] = [];
  let p = cdOffset;
  const decoder = new TextDecoder();
  for (let n = 0; n < count; n++) {
    if (p + 46 > len || u32(p) !== SIG_CENTRAL) return null;
    const nameLen = u16(p + 28);
    const extraLen = u16(p + 30);
    const commentLen = u16(p + 32);
    if (p + 46 + nameLen + extraLen + commentLen > len) return null;
    let compressedSize = u32(p + 20);
    let uncompressedSize = u32(p + 24);
    let localHeaderOffset = u32(p + 42);
    // ZIP64 extended information (header 0x0001): the 8-byte fields whose 4-byte ones are 0xFFFFFFFF, in this order.
    for (let e = p + 46 + nameLen; e + 4 <= p + 46 + nameLen + extraLen; ) {
      const id = u16(e);
      const size = u16(e + 2);
      if (id === 0x0001) {
        let f = e + 4;
        const end = f + size;
        if (uncompressedSize === 0xffffffff && f + 8 <= end) (uncompressedSize = u64(f)), (f += 8);
        if (compressedSize === 0xffffffff && f + 8 <= end) (compressedSize = u64(f)), (f += 8);
        if (localHeaderOffset === 0xffffffff && f + 8 <= end) localHeaderOffset = u64(f);
      }
      e += 4 + size;
    }
    out.push({
      name: decoder.decode(bytes.subarray(p + 46, p + 46 + nameLen)),
      method: u16(p + 10),
      compressedSize,
      uncompressedSize,
      localHeaderOffset,
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** The bytes of an entry's data as stored (compressed), or null when its local header is not where the directory says. */
function entryData(bytes: Uint8Array, e: ZipEntryInfo): Uint8Array | null {
  const at = e.localHeaderOffset;
  if (at + 30 > bytes.byteLength) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(at, true) !== SIG_LOCAL) return null;
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + e.compressedSize > bytes.byteLength) return null;
  return bytes.subarray(start, start + e.compressedSize);
}

/** Inflates `data` without keeping the output; false as soon as it passes `cap` bytes. */
function inflatesWithin(data: Uint8Array, cap: number): Promise<boolean> {
  return new Promise((resolve) => {
    const z = createInflateRaw();
    let n = 0;
    let done = false;
    const finish = (ok: boolean) => {
      if (done) return;
      done = true;
      z.destroy();
      resolve(ok);
    };
    z.on("data", (chunk: Buffer) => {
      n += chunk.length;
      if (n > cap) finish(false);
    });
    z.on("end", () => finish(true));
    // A damaged stream is not a size problem: the zip reader reports it when it gets there.
    z.on("error", () => finish(true));
    z.end(data);
  });
}

/**
 * The first deflated entry that inflates to more than its central directory declares, or
 * null when every one keeps its word. Each entry is inflated once into nothing (constant
 * memory), stopping as soon as it passes its declared size, so a directory that understates
 * sizes cannot smuggle a zip bomb past checks made on the declared sizes.
 */
export async function entryExceedingDeclaredSize(bytes: Uint8Array, entries: readonly ZipEntryInfo[]): Promise<ZipEntryInfo | null> {
  for (const e of entries) {
    if (e.method !== 8 || e.compressedSize === 0) continue;
    const data = entryData(bytes, e);
    if (data === null) continue;
    if (!(await inflatesWithin(data, e.uncompressedSize))) return e;
  }
  return null;
}
