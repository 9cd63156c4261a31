/**
 * Writing sheet specs through Office.js. The spec decides everything; this only translates.
 *
 * Several specs (and sheet copies, and a selection) go in one Excel.run. Syncs: 1 (sheet and
 * table names) [+ 1 when specs replace existing sheets: their tables and charts] + 1 per ~4 MB
 * of the cells of all the specs (the last chunk carries tables, validations, conditional
 * formats, charts, the selection and the rest).
 *
 * Order within the batches (https://learn.microsoft.com/office/dev/add-ins/excel/performance):
 * sheet copies → then for each spec: clear → number formats ("@" on text cells first, so Office.js keeps "00123", "2026-12-31",
 * "TRUE" or "=…" as typed: https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-values-member)
 * → values, one 2-D write per block (or per chunk) → tables.add(address, true) over the
 * written values → validations → conditional formats → charts → merges, styles, widths,
 * freeze panes, visibility, activation → the selection.
 */
import { isoFromSerial } from "../../core/dates";
import { columnLetter } from "../../core/schema";
import type { CellRange, SheetSpec, SpecCell, SpecChart, SpecConditionalFormat, SpecValidation } from "../../core/sheets/spec";
import { type ApplySheetSpecsOptions, assertDistinctSheets } from "../types";
import { BatchWriter, OP_BYTES, jsonBytes } from "./batch";
import { DEFAULT_DATE_FORMAT, addressOf, alignmentOf, inputOf, isBadSheetName, pointsFromChars } from "./cells";
import { type ErrorSubject, ExcelPortError, isOfficeError, portError, toPortError } from "./errors";

/** Cells written above which calculation is suspended for each batch. */
const BIG_WRITE_CELLS = 1_000;

export interface ApplyOptions extends ApplySheetSpecsOptions {
  budget: number;
  /** ExcelApi 1.8 (data validation) available. */
  validationSupported: boolean;
}

/** What the commands of a batch were about, to name it when the batch fails (errors.ts). */
interface WriteTag {
  subject: ErrorSubject;
  /**
   * A copy's commands: they fail only for reasons checked before writing (names) or told by
   * where they fail (a protected workbook structure), so a batch also holding a spec's commands
   * is about that spec.
   */
  copy?: boolean;
}

/** A spec with what the first syncs found about its sheet. */
interface Target {
  spec: SheetSpec;
  /** The sheet when it exists (an item of the loaded collection). */
  existing: Excel.Worksheet | undefined;
  /** Its tables and charts, in replace mode (removed before the write). */
  oldTables: Excel.Table[];
  oldCharts: Excel.Chart[];
  activate: boolean;
}

const inside = (r: CellRange, row: number, col: number) => row >= r.row && row < r.row + r.rows && col >= r.col && col < r.col + r.cols;

function dataValidationRule(v: SpecValidation): Excel.DataValidationRule {
  // https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-data-validation
  switch (v.kind) {
    case "list":
      return { list: { inCellDropDown: true, source: v.values.join(",") } };
    case "date":
      return { date: { formula1: isoFromSerial(v.min), formula2: isoFromSerial(v.max), operator: "Between" } };
    case "whole":
      return { wholeNumber: { formula1: v.min, formula2: v.max, operator: "Between" } };
    case "decimal":
      return v.max === undefined
        ? { decimal: { formula1: v.min, operator: "GreaterThanOrEqualTo" } }
        : { decimal: { formula1: v.min, formula2: v.max, operator: "Between" } };
  }
}

const CELL_VALUE_OPERATORS = { greaterThan: "GreaterThan", lessThan: "LessThan", between: "Between", equal: "EqualTo" } as const;

/** Queues one conditional format (ExcelApi 1.6): https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-conditional-formatting */
export function addConditionalFormat(range: Excel.Range, cf: SpecConditionalFormat): void {
  const paint = (format: Excel.ConditionalRangeFormat, fill?: string, font?: string) => {
    if (fill !== undefined) format.fill.color = fill;
    if (font !== undefined) format.font.color = font;
  };
  switch (cf.kind) {
    case "textEquals": {
      // "Cell value equal to" a text constant; TextComparison only offers contains/begins/ends.
      const c = range.conditionalFormats.add("CellValue");
      paint(c.cellValue.format, cf.fill, cf.font);
      c.cellValue.rule = { formula1: `="${cf.text.replace(/"/g, '""')}"`, operator: "EqualTo" };
      break;
    }
    case "cellValue": {
      const c = range.conditionalFormats.add("CellValue");
      paint(c.cellValue.format, cf.fill, cf.font);
      c.cellValue.rule = cf.operator === "between"
        ? { formula1: `=${cf.value}`, formula2: `=${cf.value2 ?? cf.value}`, operator: "Between" }
        : { formula1: `=${cf.value}`, operator: CELL_VALUE_OPERATORS[cf.operator] };
      break;
    }
    case "expression": {
      const c = range.conditionalFormats.add("Custom");
      c.custom.rule.formula = cf.formula.startsWith("=") ? cf.formula : `=${cf.formula}`;
      paint(c.custom.format, cf.fill, cf.font);
      break;
    }
    case "dataBar": {
      const c = range.conditionalFormats.add("DataBar");
      c.dataBar.positiveFormat.fillColor = cf.color;
      break;
    }
    case "iconSet3": {
      const c = range.conditionalFormats.add("IconSet");
      c.iconSet.style = "ThreeTrafficLights1";
      // The first criterion is implied (everything below the second); thresholds as numbers.
      c.iconSet.criteria = [
        {} as Excel.ConditionalIconCriterion,
        { type: "Number", operator: "GreaterThanOrEqual", formula: `=${cf.value1}` },
        { type: "Number", operator: "GreaterThanOrEqual", formula: `=${cf.value2}` },
      ];
      break;
    }
  }
}

/** The text of a spec cell at (row, col), for a chart series name. */
function textAt(spec: SheetSpec, row: number, col: number): string | undefined {
  for (const b of spec.blocks) {
    const c = b.cells[row - b.row]?.[col - b.col];
    if (c && c.t === "s") return c.v;
  }
  return undefined;
}

/** Queues a clustered column chart (charts.add: ExcelApi 1.1; series.add/setValues/setXAxisValues: 1.7). */
function addChart(ws: Excel.Worksheet, spec: SheetSpec, c: SpecChart): void {
  // https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-charts
  const cats = c.categories;
  const contiguous = cats.cols === 1 && c.series.every((s, i) => s.cols === 1 && s.row === cats.row && s.rows === cats.rows && s.col === cats.col + 1 + i);
  const dataOf = (r: CellRange): CellRange => ({ ...r, row: r.row + 1, rows: Math.max(1, r.rows - 1) });
  let chart: Excel.Chart;
  if (contiguous || c.series.length === 0) {
    chart = ws.charts.add("ColumnClustered", ws.getRange(addressOf({ ...cats, cols: 1 + c.series.length })), "Columns");
  } else {
    const first = c.series[0]!;
    chart = ws.charts.add("ColumnClustered", ws.getRange(addressOf(first)), "Columns");
    chart.series.getItemAt(0).setXAxisValues(ws.getRange(addressOf(dataOf(cats))));
    c.series.slice(1).forEach((s) => {
      const series = chart.series.add(textAt(spec, s.row, s.col));
      series.setValues(ws.getRange(addressOf(dataOf(s))));
      series.setXAxisValues(ws.getRange(addressOf(dataOf(cats))));
    });
  }
  chart.title.text = c.title;
  const a = c.anchor;
  chart.setPosition(addressOf({ row: a.row, col: a.col, rows: 1, cols: 1 }), addressOf({ row: a.row + a.rows - 1, col: a.col + a.cols - 1, rows: 1, cols: 1 }));
}

/** The error subject of a spec: its sheet, and its first table (errors about a table name it). */
function subjectOf(spec: SheetSpec): ErrorSubject {
  const table = spec.tables?.[0]?.name;
  return table === undefined ? { sheet: spec.name } : { sheet: spec.name, table };
}

const lower = (name: string) => name.toLowerCase();

/**
 * Writes `specs` (distinct sheet names) in one Excel.run, with `opts.copies` made first and
 * `opts.select` selected last. Syncs: 1 (sheet and table names) [+ 1 when a spec replaces an
 * existing sheet: the tables and charts of all such sheets] + 1 per ~4 MB of cells of all the
 * specs together. Names are checked before anything is written: a bad or taken sheet name, a
 * copy of a missing sheet or onto a taken name, a table name in use.
 *
 * An Office error is returned as an ExcelPortError naming the sheet the failing batch was
 * about; when it carried several sheets and Excel refused access, one more sync finds the
 * protected one among them.
 */
export async function applySpecsWith(ctx: Excel.RequestContext, specs: readonly SheetSpec[], opts: ApplyOptions): Promise<void> {
  assertDistinctSheets(specs);
  const copies = opts.copies ?? [];
  for (const s of specs) if (isBadSheetName(s.name)) throw portError("excel.err.invalidSheetName", { name: s.name });
  for (const c of copies) if (isBadSheetName(c.to)) throw portError("excel.err.invalidSheetName", { name: c.to });
  // Errors of the first syncs are about the one spec, when there is one.
  const only: ErrorSubject = specs.length === 1 ? subjectOf(specs[0]!) : {};
  const w = new BatchWriter<WriteTag>(ctx, opts.budget, specs.reduce((n, s) => n + cellsOf(s), 0) >= BIG_WRITE_CELLS
    ? () => ctx.workbook.application.suspendApiCalculationUntilNextSync() // ExcelApi 1.6
    : undefined);
  let targets: Target[] = [];
  try {
    const sheets = ctx.workbook.worksheets.load("items/name");
    const allTables = ctx.workbook.tables.load("items/name");
    await ctx.sync();
    const find = (name: string) => sheets.items.find((s) => lower(s.name) === lower(name));

    const specNames = new Set(specs.map((s) => lower(s.name)));
    const copyNames = new Set<string>();
    for (const c of copies) {
      if (!find(c.from)) throw portError("excel.err.sheetNotFound", { name: c.from });
      if (find(c.to) || specNames.has(lower(c.to)) || copyNames.has(lower(c.to))) throw portError("excel.err.sheetExists", { name: c.to });
      copyNames.add(lower(c.to));
    }

    const active = opts.activate === undefined ? undefined : lower(opts.activate);
    targets = specs.map((spec) => ({ spec, existing: find(spec.name), oldTables: [], oldCharts: [], activate: lower(spec.name) === active }));
    // In replace mode an existing sheet's tables and charts go first: one sync for all such sheets.
    const replaced = targets.filter((t) => t.existing && (t.spec.mode ?? "replace") === "replace");
    if (replaced.length > 0) {
      const loaded = replaced.map((t) => ({ t, tables: t.existing!.tables.load("items/name"), charts: t.existing!.charts.load("items/name") }));
      await ctx.sync();
      for (const l of loaded) {
        l.t.oldTables = l.tables.items;
        l.t.oldCharts = l.charts.items;
      }
    }
    // A table name is unique in the workbook (and among the specs): refuse before writing anything.
    const removed = new Set(targets.flatMap((t) => t.oldTables.map((x) => lower(x.name))));
    const taken = new Set(allTables.items.map((t) => lower(t.name)).filter((n) => !removed.has(n)));
    for (const t of specs.flatMap((s) => s.tables ?? [])) {
      if (taken.has(lower(t.name))) throw portError("excel.err.tableExists", { name: t.name });
      taken.add(lower(t.name));
    }
  } catch (e) {
    throw toPortError(e, only);
  }

  try {
    // The copies first, in the first batch: each holds its sheet as it was, and stays if a later write fails
    // (Office.js runs a batch's commands in order and keeps those before a failing one:
    // https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling).
    for (const c of copies) {
      w.tag = { subject: { sheet: c.to }, copy: true };
      await w.add(OP_BYTES * 3, () => {
        // Worksheet.copy: ExcelApi 1.7 (https://learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-copy-member(1)).
        const src = ctx.workbook.worksheets.getItem(c.from);
        const copy = src.copy("After", src);
        copy.name = c.to;
        if (c.hidden) copy.visibility = "Hidden";
      });
    }
    const written = new Map<string, Excel.Worksheet>();
    for (const t of targets) {
      w.tag = { subject: subjectOf(t.spec) };
      written.set(lower(t.spec.name), await queueSpec(ctx, w, t, opts.validationSupported));
    }
    const sel = opts.select;
    if (sel) {
      // The address was checked by the caller; only the sheet can be wrong here.
      w.tag = { subject: { sheet: sel.sheet } };
      await w.add(OP_BYTES, () => {
        const ws = written.get(lower(sel.sheet)) ?? ctx.workbook.worksheets.getItem(sel.sheet);
        ws.activate();
        ws.getRange(sel.address).select();
      });
    }
    await w.flush();
  } catch (e) {
    if (e instanceof ExcelPortError || !isOfficeError(e)) throw e;
    // No failed batch: the error came while queuing, before any write was sent.
    throw toPortError(e, w.failedTags ? await failedSubject(ctx, e, w.failedTags, targets) : only);
  }
}

/**
 * Which sheet a failed batch was about: the one it carried (a copy counts only when nothing
 * else was in it); among several, for AccessDenied on a write, the protected one (one sync:
 * WorksheetProtection.protected, ExcelApi 1.2). Else no sheet: the message then names none
 * rather than a wrong one.
 */
async function failedSubject(ctx: Excel.RequestContext, e: { code: string; debugInfo?: { errorLocation?: string } }, tags: readonly WriteTag[], targets: readonly Target[]): Promise<ErrorSubject> {
  const writes = tags.filter((t) => !t.copy);
  const pool = writes.length > 0 ? writes : tags;
  // One subject per sheet, the first queued (a spec's, which names its table too, before the selection's).
  const bySheet: ErrorSubject[] = [];
  for (const t of pool) if (!bySheet.some((b) => lower(b.sheet ?? "") === lower(t.subject.sheet ?? ""))) bySheet.push(t.subject);
  if (bySheet.length === 1) return bySheet[0]!;
  if (e.code !== "AccessDenied" || /WorksheetCollection\.add|Worksheet\.copy/i.test(e.debugInfo?.errorLocation ?? "")) return {};
  // Only a sheet that was there before can be protected (an added one is not).
  const existed = new Map(targets.filter((t) => t.existing).map((t) => [lower(t.spec.name), t.existing!.name]));
  const candidates = bySheet.filter((s) => existed.has(lower(s.sheet ?? "")));
  if (candidates.length === 1) return candidates[0]!;
  if (candidates.length === 0) return {};
  try {
    const probes = candidates.map((s) => ({ s, p: ctx.workbook.worksheets.getItem(existed.get(lower(s.sheet!))!).protection.load("protected") }));
    await ctx.sync();
    return probes.find((x) => x.p.protected)?.s ?? {};
  } catch {
    return {};
  }
}

/** Cells of a spec's blocks. */
function cellsOf(spec: SheetSpec): number {
  return spec.blocks.reduce((n, b) => n + b.cells.length * (b.cells[0]?.length ?? 0), 0);
}

/** Queues `t.spec`'s writes (in the order of the module comment); returns its worksheet proxy. */
async function queueSpec(ctx: Excel.RequestContext, w: BatchWriter<WriteTag>, t: Target, validationSupported: boolean): Promise<Excel.Worksheet> {
  const { spec, existing, oldTables, oldCharts, activate } = t;
  const mode = spec.mode ?? "replace";
  let ws!: Excel.Worksheet;
  await w.add(OP_BYTES, () => {
    ws = existing ? ctx.workbook.worksheets.getItem(existing.name) : ctx.workbook.worksheets.add(spec.name);
  });
  if (existing && mode === "replace") {
    await w.add(OP_BYTES * (4 + oldTables.length + oldCharts.length), () => {
      for (const t of oldTables) t.convertToRange(); // ExcelApi 1.2; the cells are cleared next
      for (const c of oldCharts) c.delete();
      ws.freezePanes.unfreeze(); // ExcelApi 1.7
      const all = ws.getRange();
      all.unmerge(); // ExcelApi 1.2
      all.clear("All");
      all.conditionalFormats.clearAll(); // ExcelApi 1.6
      if (validationSupported) all.dataValidation.clear(); // ExcelApi 1.8
    });
  }
  if (mode === "patch") {
    for (const r of spec.clear ?? []) await w.add(OP_BYTES, () => ws.getRange(addressOf(r)).clear("All"));
  }

  // Number formats: the spec's on every non-text cell, then "@" on text cells (dates, and in
  // patch mode every other cell, get a format where the spec gives none), all before any value.
  const specFormats = spec.numberFormats ?? [];
  const isText = (row: number, col: number) => {
    for (const b of spec.blocks) {
      const c = b.cells[row - b.row]?.[col - b.col];
      if (c !== undefined) return c !== null && c.t === "s";
    }
    return false;
  };
  for (const nf of specFormats) {
    const rows = Array.from({ length: nf.range.rows }, (_, i) =>
      Array.from({ length: nf.range.cols }, (_, j) => (isText(nf.range.row + i, nf.range.col + j) ? null : nf.format)),
    );
    await w.writeRows(rows, (start, n) => ws.getRange(addressOf({ ...nf.range, row: nf.range.row + start, rows: n })), "numberFormat");
  }
  for (const b of spec.blocks) {
    if (b.cells.length === 0) continue;
    const cols = b.cells[0]!.length;
    let any = false;
    const formats = b.cells.map((row, i) =>
      row.map((c: SpecCell, j) => {
        if (c === null) return null;
        const covered = specFormats.some((nf) => inside(nf.range, b.row + i, b.col + j));
        // In patch mode a cell may hold "@" from before: other kinds get General back.
        const f = c.t === "s" ? "@" : covered ? null : c.t === "d" ? DEFAULT_DATE_FORMAT : mode === "patch" ? "General" : null;
        if (f !== null) any = true;
        return f;
      }),
    );
    if (any) await w.writeRows(formats, (start, n) => ws.getRange(addressOf({ row: b.row + start, col: b.col, rows: n, cols })), "numberFormat");
  }
  for (const b of spec.blocks) {
    if (b.cells.length === 0) continue;
    const cols = b.cells[0]!.length;
    const rows = b.cells.map((row) => row.map(inputOf));
    const hasFormula = b.cells.some((row) => row.some((c) => c !== null && c.t === "f"));
    await w.writeRows(rows, (start, n) => ws.getRange(addressOf({ row: b.row + start, col: b.col, rows: n, cols })), hasFormula ? "formulas" : "values");
  }

  for (const t of spec.tables ?? []) {
    await w.add(OP_BYTES, () => {
      const table = ws.tables.add(addressOf(t.range), true); // ExcelApi 1.1
      table.name = t.name;
      if (t.style !== undefined) table.style = t.style;
    });
  }
  if (validationSupported) {
    for (const v of spec.validations ?? []) {
      await w.add(OP_BYTES + jsonBytes(v), () => {
        const dv = ws.getRange(addressOf(v.range)).dataValidation; // ExcelApi 1.8
        dv.clear();
        dv.rule = dataValidationRule(v);
        // Only "Stop" blocks an entry; the plan workbook uses "Warning" (plan-workbook.md).
        dv.errorAlert = { showAlert: true, style: v.alert === "stop" ? "Stop" : "Warning", title: "", message: "" };
        if (v.prompt !== undefined) dv.prompt = { showPrompt: true, title: "", message: v.prompt };
      });
    }
  }
  for (const cf of spec.conditionalFormats ?? []) {
    await w.add(OP_BYTES + jsonBytes(cf), () => addConditionalFormat(ws.getRange(addressOf(cf.range)), cf));
  }
  for (const c of spec.charts ?? []) await w.add(OP_BYTES * 4, () => addChart(ws, spec, c));
  for (const m of spec.merges ?? []) await w.add(OP_BYTES, () => ws.getRange(addressOf(m)).merge(false));
  for (const s of spec.styles ?? []) {
    await w.add(OP_BYTES * 2, () => {
      const f = ws.getRange(addressOf(s.range)).format;
      if (s.bold !== undefined) f.font.bold = s.bold;
      if (s.italic !== undefined) f.font.italic = s.italic;
      if (s.fontSize !== undefined) f.font.size = s.fontSize;
      if (s.fontColor !== undefined) f.font.color = s.fontColor;
      if (s.fill !== undefined) f.fill.color = s.fill;
      if (s.wrap !== undefined) f.wrapText = s.wrap;
      if (s.horizontal !== undefined) f.horizontalAlignment = alignmentOf(s.horizontal);
    });
  }
  // Column widths: runs of equal widths set at once (RangeFormat.columnWidth, points: ExcelApi 1.2).
  const widths = Object.entries(spec.columnWidths ?? {}).map(([c, chars]) => [Number(c), chars] as const).sort((a, b) => a[0] - b[0]);
  for (let i = 0; i < widths.length; ) {
    let j = i;
    while (j + 1 < widths.length && widths[j + 1]![0] === widths[j]![0] + 1 && widths[j + 1]![1] === widths[i]![1]) j++;
    const from = widths[i]![0], to = widths[j]![0], points = pointsFromChars(widths[i]![1]);
    await w.add(OP_BYTES, () => {
      ws.getRange(`${columnLetter(from)}:${columnLetter(to)}`).format.columnWidth = points;
    });
    i = j + 1;
  }
  await w.add(OP_BYTES, () => {
    const f = spec.freeze;
    // WorksheetFreezePanes: ExcelApi 1.7.
    if (f && f.rows > 0 && f.cols > 0) ws.freezePanes.freezeAt(ws.getRangeByIndexes(0, 0, f.rows, f.cols));
    else if (f && f.rows > 0) ws.freezePanes.freezeRows(f.rows);
    else if (f && f.cols > 0) ws.freezePanes.freezeColumns(f.cols);
    if (spec.tabColor !== undefined) ws.tabColor = spec.tabColor; // ExcelApi 1.7
    else if (existing && mode === "replace") ws.tabColor = "";
    if (spec.hidden !== undefined) ws.visibility = spec.hidden ? "Hidden" : "Visible";
    if (activate && !spec.hidden) ws.activate();
  });
  return ws;
}
