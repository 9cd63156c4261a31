/**
 * Native charts in the saved .xlsx (ExcelJS 4.4 cannot write charts): after ExcelJS has
 * written the package, `writeCharts` adds for each sheet with charts a DrawingML chart part
 * per chart (`xl/charts/chartN.xml`: a clustered column chart, one series per spec series, its
 * name the series' header cell, categories and values as absolute A1 references), one drawing
 * part (`xl/drawings/drawingN.xml`, a two-cell anchor per chart) with its relationships, the
 * sheet's relationship and `<drawing>` element (at its schema position, before `tableParts`)
 * and the content-type overrides.
 *
 * Our charts are marked: each graphic frame is named `SalesPlan chart N` (Excel keeps shape
 * names when it saves). On open, `takeOwnCharts` reads such charts back as SheetSpec charts and
 * removes their drawing from the package, so ExcelJS never sees it and saving draws them again
 * (from the new spec where a sheet is rewritten): a chart is never duplicated or lost.
 * `ownChartSheets` names the sheets whose charts are all ours, which `uncarriedContent` then
 * does not report. A drawing holding anything else (a picture, a user's chart, a chart edited
 * so that it no longer reads back) is left alone and reported as before.
 */
import JSZip from "jszip";
import type { CellRange, SpecChart } from "../../core/sheets/spec";
import { a1, parseA1 } from "../../core/sheets/a1";
import { dirOf, resolvePart } from "./package";

const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const CHART_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
const DRAWING_TYPE = "application/vnd.openxmlformats-officedocument.drawing+xml";
/** The name prefix of our charts' graphic frames: how a chart is known to be SalesPlan's. */
export const CHART_NAME_PREFIX = "SalesPlan chart";

/** A chart to draw, or one read back, on a sheet. */
export interface SheetChart {
  sheet: string;
  chart: SpecChart;
}

// ---- XML text ----

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function unesc(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) =>
    e === "amp" ? "&" : e === "lt" ? "<" : e === "gt" ? ">" : e === "quot" ? '"' : e === "apos" ? "'" : String.fromCodePoint(e.startsWith("#x") ? parseInt(e.slice(2), 16) : Number(e.slice(1))),
  );
}

const attr = (tag: string, name: string): string | undefined => {
  const m = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(tag);
  return m ? unesc(m[2] ?? m[3] ?? "") : undefined;
};

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** `'Sheet Name'!$A$2:$A$9`: an absolute reference to a range, the sheet name always quoted. */
export function absoluteRef(sheet: string, r: CellRange): string {
  const cell = (row: number, col: number) => a1(row, col).replace(/^([A-Z]+)(\d+)$/, "$$$1$$$2");
  const tl = cell(r.row, r.col);
  const ref = r.rows === 1 && r.cols === 1 ? tl : `${tl}:${cell(r.row + r.rows - 1, r.col + r.cols - 1)}`;
  return `'${sheet.replace(/'/g, "''")}'!${ref}`;
}

/** The sheet and range of a reference like `'Sheet'!$A$2:$A$9` or `Sheet1!A2`, or null. */
export function parseRef(ref: string): { sheet: string; range: CellRange } | null {
  const m = /^(?:'((?:[^']|'')+)'|([^'!]+))!(\$?[A-Za-z]{1,3}\$?\d+)(?::(\$?[A-Za-z]{1,3}\$?\d+))?$/.exec(ref.trim());
  if (!m) return null;
  const p = parseA1(m[3]!);
  const q = m[4] === undefined ? p : parseA1(m[4]);
  if (!p || !q || q.row < p.row || q.col < p.col) return null;
  return { sheet: m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]!, range: { row: p.row, col: p.col, rows: q.row - p.row + 1, cols: q.col - p.col + 1 } };
}

/** The chart part of one clustered column chart. */
export function chartXml(sheet: string, chart: SpecChart): string {
  const valuesOf = (s: CellRange): CellRange => ({ row: s.row + 1, col: s.col, rows: Math.max(1, s.rows - 1), cols: s.cols });
  const header = (s: CellRange): CellRange => ({ row: s.row, col: s.col, rows: 1, cols: 1 });
  const sers = chart.series.map((s, i) =>
    `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>` +
    `<c:tx><c:strRef><c:f>${esc(absoluteRef(sheet, header(s)))}</c:f></c:strRef></c:tx>` +
    `<c:invertIfNegative val="0"/>` +
    `<c:cat><c:strRef><c:f>${esc(absoluteRef(sheet, chart.categories))}</c:f></c:strRef></c:cat>` +
    `<c:val><c:numRef><c:f>${esc(absoluteRef(sheet, valuesOf(s)))}</c:f></c:numRef></c:val>` +
    `</c:ser>`,
  ).join("");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${REL}">` +
    `<c:roundedCorners val="0"/><c:chart>` +
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr/></a:pPr><a:r><a:t>${esc(chart.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>` +
    `<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>` +
    `<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>${sers}` +
    `<c:gapWidth val="150"/><c:axId val="500000001"/><c:axId val="500000002"/></c:barChart>` +
    `<c:catAx><c:axId val="500000001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/>` +
    `<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `<c:crossAx val="500000002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="500000002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/>` +
    `<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `<c:crossAx val="500000001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>` +
    `</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/>` +
    `</c:chart></c:chartSpace>`;
}

/** The drawing part placing charts `rId1…rIdN` at their anchors. */
export function drawingXml(charts: readonly SpecChart[]): string {
  const pos = (tag: string, col: number, row: number) =>
    `<xdr:${tag}><xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  const anchors = charts.map((ch, i) => {
    const a = ch.anchor;
    return `<xdr:twoCellAnchor editAs="oneCell">${pos("from", a.col - 1, a.row - 1)}${pos("to", a.col - 1 + a.cols, a.row - 1 + a.rows)}` +
      `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${esc(`${CHART_NAME_PREFIX} ${i + 1}`)}" descr="${esc(ch.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
      `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
      `<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">` +
      `<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="${REL}" r:id="rId${i + 1}"/>` +
      `</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`;
  }).join("");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">${anchors}</xdr:wsDr>`;
}

// ---- package helpers ----

function relsPathOf(part: string): string {
  return `${dirOf(part)}_rels/${part.slice(dirOf(part).length)}.rels`;
}

interface Rel {
  id: string;
  type: string;
  part: string | null;
  tag: string;
}

async function text(zip: JSZip, part: string): Promise<string | null> {
  const f = zip.file(part) ?? zip.file(`/${part}`);
  return f ? f.async("string") : null;
}

async function relsOf(zip: JSZip, part: string): Promise<Rel[]> {
  const xml = await text(zip, relsPathOf(part));
  if (xml === null) return [];
  return [...xml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)].map((m) => {
    const external = (attr(m[0], "TargetMode") ?? "").toLowerCase() === "external";
    return { id: attr(m[0], "Id") ?? "", type: attr(m[0], "Type") ?? "", part: external ? null : resolvePart(dirOf(part), attr(m[0], "Target") ?? ""), tag: m[0] };
  });
}

/** The workbook's worksheets: name and part. */
async function worksheets(zip: JSZip): Promise<{ name: string; part: string }[]> {
  const wbPart = (await relsOf(zip, "")).find((r) => r.type.endsWith("/officeDocument"))?.part ?? "xl/workbook.xml";
  const wbXml = (await text(zip, wbPart)) ?? "";
  const rels = await relsOf(zip, wbPart);
  const out: { name: string; part: string }[] = [];
  for (const m of wbXml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const id = /\s(?:\w+:)?id\s*=\s*"([^"]*)"/.exec(m[0])?.[1];
    const rel = rels.find((r) => r.id === id && r.type.endsWith("/worksheet"));
    if (rel?.part) out.push({ name: attr(m[0], "name") ?? "", part: rel.part });
  }
  return out;
}

function freeName(zip: JSZip, pattern: (n: number) => string): string {
  for (let n = 1; ; n++) {
    const p = pattern(n);
    if (zip.file(p) === null && zip.file(`/${p}`) === null) return p;
  }
}

/** Elements that follow `<drawing>` in CT_Worksheet (ECMA-376 Part 1, 18.3.1.99). */
const AFTER_DRAWING = ["legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst"];

/** The sheet XML with a `<drawing r:id>` element at its schema position. */
export function insertDrawingElement(sheetXml: string, rId: string): string {
  const prefix = /<(\w+:)?worksheet\b/.exec(sheetXml)?.[1] ?? "";
  const hasR = /xmlns:r\s*=\s*"http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships"/.test(sheetXml);
  const el = hasR ? `<${prefix}drawing r:id="${rId}"/>` : `<${prefix}drawing xmlns:r="${REL}" r:id="${rId}"/>`;
  let at = -1;
  for (const name of AFTER_DRAWING) {
    const m = new RegExp(`<(?:\\w+:)?${name}\\b`).exec(sheetXml);
    if (m && (at < 0 || m.index < at)) at = m.index;
  }
  if (at < 0) at = sheetXml.search(/<\/(?:\w+:)?worksheet>/);
  if (at < 0) return sheetXml;
  return sheetXml.slice(0, at) + el + sheetXml.slice(at);
}

// ---- writing ----

/**
 * The package with each sheet's charts drawn. A sheet that already has a drawing (ExcelJS
 * wrote pictures there) or no longer exists keeps its charts undrawn: they are returned in
 * `unwritten`. Bytes are returned unchanged when there is nothing to draw.
 */
export async function writeCharts(bytes: Uint8Array, charts: readonly SheetChart[]): Promise<{ bytes: Uint8Array; unwritten: SheetChart[] }> {
  if (charts.length === 0) return { bytes, unwritten: [] };
  const zip = await JSZip.loadAsync(bytes);
  const sheets = await worksheets(zip);
  const unwritten: SheetChart[] = [];
  const bySheet = new Map<string, { part: string; name: string; charts: SpecChart[] }>();
  for (const c of charts) {
    const ws = sheets.find((s) => s.name.toLowerCase() === c.sheet.toLowerCase());
    if (!ws) {
      unwritten.push(c);
      continue;
    }
    const entry = bySheet.get(ws.part) ?? { part: ws.part, name: ws.name, charts: [] };
    entry.charts.push(c.chart);
    bySheet.set(ws.part, entry);
  }
  let ct = (await text(zip, "[Content_Types].xml")) ?? "";
  let drew = false;
  for (const { part, name, charts: list } of bySheet.values()) {
    const rels = await relsOf(zip, part);
    const sheetXml = await text(zip, part);
    if (sheetXml === null || rels.some((r) => r.type.endsWith("/drawing")) || /<(?:\w+:)?drawing\b/.test(sheetXml)) {
      for (const chart of list) unwritten.push({ sheet: name, chart });
      continue;
    }
    const drawing = freeName(zip, (n) => `xl/drawings/drawing${n}.xml`);
    const drawingRels: string[] = [];
    list.forEach((chart, i) => {
      const chartPart = freeName(zip, (n) => `xl/charts/chart${n}.xml`);
      zip.file(chartPart, utf8(chartXml(name, chart)));
      ct = addOverride(ct, chartPart, CHART_TYPE);
      drawingRels.push(`<Relationship Id="rId${i + 1}" Type="${REL}/chart" Target="../charts/${chartPart.slice("xl/charts/".length)}"/>`);
    });
    zip.file(drawing, utf8(drawingXml(list)));
    zip.file(relsPathOf(drawing), utf8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${drawingRels.join("")}</Relationships>`));
    ct = addOverride(ct, drawing, DRAWING_TYPE);
    // The sheet's relationship to the drawing, under an id the sheet does not use.
    let n = 1;
    while (rels.some((r) => r.id === `rId${n}`)) n++;
    const rId = `rId${n}`;
    const target = resolveTargetFrom(dirOf(part), drawing);
    const relsPath = relsPathOf(part);
    const relsXml = (await text(zip, relsPath)) ?? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
    const relTag = `<Relationship Id="${rId}" Type="${REL}/drawing" Target="${target}"/>`;
    zip.file(relsPath, utf8(/<\/Relationships>\s*$/.test(relsXml) ? relsXml.replace(/<\/Relationships>\s*$/, `${relTag}</Relationships>`) : relsXml.replace(/<Relationships\b([^>]*?)\/>/, `<Relationships$1>${relTag}</Relationships>`)));
    zip.file(part, utf8(insertDrawingElement(sheetXml, rId)));
    drew = true;
  }
  if (!drew) return { bytes, unwritten };
  zip.file("[Content_Types].xml", utf8(ct));
  return { bytes: await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }), unwritten };
}

function resolveTargetFrom(fromDir: string, part: string): string {
  const from = fromDir.split("/").filter(Boolean);
  const to = part.split("/");
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...from.slice(i).map(() => ".."), ...to.slice(i)].join("/");
}

function addOverride(ct: string, part: string, type: string): string {
  if (ct.includes(`PartName="/${part}"`)) return ct;
  return ct.replace(/<\/Types>\s*$/, `<Override PartName="/${part}" ContentType="${type}"/></Types>`);
}

// ---- reading back ----

/** A chart part read back as a spec chart (its sheet must be `sheet`), or null when it is not one we could have written. */
export function parseChartXml(xml: string, sheet: string, anchor: CellRange): SpecChart | null {
  const plot = /<(?:\w+:)?plotArea\b[\s\S]*<\/(?:\w+:)?plotArea>/.exec(xml)?.[0] ?? "";
  const kinds = [...plot.matchAll(/<(?:\w+:)?(\w+Chart)\b/g)].map((m) => m[1]);
  if (kinds.length !== 1 || kinds[0] !== "barChart") return null;
  if (attr(/<(?:\w+:)?barDir\b[^>]*>/.exec(plot)?.[0] ?? "", "val") !== "col") return null;
  const grouping = attr(/<(?:\w+:)?grouping\b[^>]*>/.exec(plot)?.[0] ?? "", "val");
  if (grouping !== undefined && grouping !== "clustered") return null;
  const titleXml = /<(?:\w+:)?title\b[\s\S]*?<\/(?:\w+:)?title>/.exec(xml.replace(plot, ""))?.[0] ?? "";
  const title = [...titleXml.matchAll(/<a:t>([\s\S]*?)<\/a:t>/g)].map((m) => unesc(m[1]!)).join("");
  const f = (fragment: string | undefined) => {
    const m = /<(?:\w+:)?f>([\s\S]*?)<\/(?:\w+:)?f>/.exec(fragment ?? "");
    return m ? parseRef(unesc(m[1]!)) : null;
  };
  const same = (r: { sheet: string } | null): r is { sheet: string; range: CellRange } => r !== null && r.sheet.toLowerCase() === sheet.toLowerCase();
  let categories: CellRange | null = null;
  const series: CellRange[] = [];
  for (const m of plot.matchAll(/<(?:\w+:)?ser>([\s\S]*?)<\/(?:\w+:)?ser>/g)) {
    const body = m[1]!;
    const tx = f(/<(?:\w+:)?tx>([\s\S]*?)<\/(?:\w+:)?tx>/.exec(body)?.[1]);
    const cat = f(/<(?:\w+:)?cat>([\s\S]*?)<\/(?:\w+:)?cat>/.exec(body)?.[1]);
    const val = f(/<(?:\w+:)?val>([\s\S]*?)<\/(?:\w+:)?val>/.exec(body)?.[1]);
    if (!same(tx) || !same(cat) || !same(val)) return null;
    if (tx.range.rows !== 1 || tx.range.cols !== 1 || val.range.cols !== 1 || tx.range.col !== val.range.col || tx.range.row !== val.range.row - 1) return null;
    if (categories && (categories.row !== cat.range.row || categories.col !== cat.range.col || categories.rows !== cat.range.rows || categories.cols !== cat.range.cols)) return null;
    categories = cat.range;
    series.push({ row: tx.range.row, col: tx.range.col, rows: val.range.rows + 1, cols: 1 });
  }
  if (!categories || series.length === 0) return null;
  return { kind: "columnClustered", title, categories, series, anchor };
}

/** Our charts in one drawing part, or null when the drawing holds anything else. */
async function ownDrawing(zip: JSZip, drawing: string, sheet: string): Promise<SpecChart[] | null> {
  const xml = await text(zip, drawing);
  if (xml === null) return null;
  const rels = await relsOf(zip, drawing);
  const body = xml.replace(/^[\s\S]*?<(?:\w+:)?wsDr\b[^>]*>/, "").replace(/<\/(?:\w+:)?wsDr>\s*$/, "");
  const anchors = [...body.matchAll(/<(\w+:)?(twoCellAnchor|oneCellAnchor|absoluteAnchor)\b[\s\S]*?<\/\1?\2>/g)].map((m) => m[0]);
  if (anchors.length === 0 || body.replace(/<(\w+:)?(twoCellAnchor|oneCellAnchor|absoluteAnchor)\b[\s\S]*?<\/\1?\2>/g, "").trim() !== "") return null;
  const out: SpecChart[] = [];
  for (const a of anchors) {
    if (!/^<(?:\w+:)?twoCellAnchor\b/.test(a)) return null;
    const name = attr(/<(?:\w+:)?cNvPr\b[^>]*>/.exec(a)?.[0] ?? "", "name") ?? "";
    if (!name.startsWith(CHART_NAME_PREFIX)) return null;
    if (/<(?:\w+:)?(sp|pic|grpSp|cxnSp)\b/.test(a)) return null;
    const num = (tag: string, el: string) => Number(new RegExp(`<(?:\\w+:)?${tag}>[\\s\\S]*?<(?:\\w+:)?${el}>(\\d+)<`).exec(a)?.[1] ?? NaN);
    const fc = num("from", "col"), fr = num("from", "row"), tc = num("to", "col"), tr = num("to", "row");
    if (![fc, fr, tc, tr].every(Number.isFinite)) return null;
    const rid = attr(/<(?:\w+:)?chart\b[^>]*>/.exec(a)?.[0] ?? "", "r:id");
    const rel = rels.find((r) => r.id === rid && r.type === `${REL}/chart`);
    if (!rel?.part) return null;
    const chartXmlText = await text(zip, rel.part);
    if (chartXmlText === null) return null;
    const chart = parseChartXml(chartXmlText, sheet, { row: fr + 1, col: fc + 1, rows: Math.max(1, tr - fr), cols: Math.max(1, tc - fc) });
    if (!chart) return null;
    out.push(chart);
  }
  return out;
}

interface OwnDrawing {
  sheet: string;
  sheetPart: string;
  drawing: string;
  relId: string;
  charts: SpecChart[];
}

async function ownDrawings(zip: JSZip): Promise<OwnDrawing[]> {
  const out: OwnDrawing[] = [];
  for (const ws of await worksheets(zip)) {
    for (const r of await relsOf(zip, ws.part)) {
      if (!r.type.endsWith("/drawing") || !r.part) continue;
      const charts = await ownDrawing(zip, r.part, ws.name);
      if (charts) out.push({ sheet: ws.name, sheetPart: ws.part, drawing: r.part, relId: r.id, charts });
    }
  }
  return out;
}

/** Names of the sheets whose drawings hold only our charts (so a copy redraws them, and they are not reported as lost). */
export async function ownChartSheets(bytes: Uint8Array): Promise<string[]> {
  const zip = await JSZip.loadAsync(bytes);
  const own = await ownDrawings(zip);
  const out: string[] = [];
  for (const ws of await worksheets(zip)) {
    const drawings = (await relsOf(zip, ws.part)).filter((r) => r.type.endsWith("/drawing"));
    if (drawings.length > 0 && drawings.every((d) => own.some((o) => o.sheetPart === ws.part && o.relId === d.id))) out.push(ws.name);
  }
  return out;
}

/**
 * Our charts read back, and the package without their drawings (parts, relationships,
 * `<drawing>` elements and content types removed), for ExcelJS to load. Bytes are returned
 * unchanged when there are none.
 */
export async function takeOwnCharts(bytes: Uint8Array): Promise<{ bytes: Uint8Array; charts: SheetChart[] }> {
  const zip = await JSZip.loadAsync(bytes);
  const own = await ownDrawings(zip);
  if (own.length === 0) return { bytes, charts: [] };
  let ct = (await text(zip, "[Content_Types].xml")) ?? "";
  const dropPart = (part: string) => {
    zip.remove(part);
    zip.remove(`/${part}`);
    ct = ct.replace(new RegExp(`<Override\\b[^>]*PartName="/${part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"[^>]*/>`, "g"), "");
  };
  for (const o of own) {
    for (const r of await relsOf(zip, o.drawing)) if (r.part && r.type === `${REL}/chart`) {
      for (const cr of await relsOf(zip, r.part)) if (cr.part && !cr.type.endsWith("/package")) dropPart(cr.part); // chart styles and colours
      dropPart(relsPathOf(r.part));
      dropPart(r.part);
    }
    dropPart(relsPathOf(o.drawing));
    dropPart(o.drawing);
    const relsPath = relsPathOf(o.sheetPart);
    const relsXml = (await text(zip, relsPath)) ?? "";
    zip.file(relsPath, utf8(relsXml.replace(/<(?:\w+:)?Relationship\b[^>]*>/g, (tag) => (attr(tag, "Id") === o.relId ? "" : tag))));
    const sheetXml = (await text(zip, o.sheetPart)) ?? "";
    zip.file(o.sheetPart, utf8(sheetXml.replace(/<(?:\w+:)?drawing\b[^>]*\/>/g, (tag) => (attr(tag, "r:id") === o.relId ? "" : tag))));
  }
  zip.file("[Content_Types].xml", utf8(ct));
  return {
    bytes: await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }),
    charts: own.flatMap((o) => o.charts.map((chart) => ({ sheet: o.sheet, chart }))),
  };
}
