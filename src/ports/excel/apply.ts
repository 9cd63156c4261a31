/**
 * Writing a SheetSpec through Office.js. The spec decides everything; this only translates.
 *
 * Syncs: 1 (sheet and table names) [+ 1 in replace mode on an existing sheet: its tables and
 * charts] + 1 per ~4 MB of cells (the last chunk carries tables, validations, conditional
 * formats, charts and the rest).
 *
 * Order within the batches (https://learn.microsoft.com/office/dev/add-ins/excel/performance):
 * clear → number formats ("@" on text cells first, so Office.js keeps "00123", "2026-12-31",
 * "TRUE" or "=…" as typed: https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-values-member)
 * → values, one 2-D write per block (or per chunk) → tables.add(address, true) over the
 * written values → validations → conditional formats → charts → merges, styles, widths,
 * freeze panes, visibility, activation.
 */
import { isoFromSerial } from "../../core/dates";
import { columnLetter } from "../../core/schema";
import type { CellRange, SheetSpec, SpecCell, SpecChart, SpecConditionalFormat, SpecValidation } from "../../core/sheets/spec";
import { BatchWriter, OP_BYTES, jsonBytes } from "./batch";
import { DEFAULT_DATE_FORMAT, addressOf, alignmentOf, inputOf, isBadSheetName, pointsFromChars } from "./cells";
import { portError } from "./errors";

/** Cells written above which calculation is suspended for each batch. */
const BIG_WRITE_CELLS = 1_000;

export interface ApplyOptions {
  activate?: boolean;
  budget: number;
  /** ExcelApi 1.8 (data validation) available. */
  validationSupported: boolean;
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

/** Writes `spec` (see the module comment for the syncs it takes). */
export async function applySpecWith(ctx: Excel.RequestContext, spec: SheetSpec, opts: ApplyOptions): Promise<void> {
  if (isBadSheetName(spec.name)) throw portError("excel.err.invalidSheetName", { name: spec.name });
  const mode = spec.mode ?? "replace";
  const sheets = ctx.workbook.worksheets.load("items/name");
  const allTables = ctx.workbook.tables.load("items/name");
  await ctx.sync();
  const existing = sheets.items.find((s) => s.name.toLowerCase() === spec.name.toLowerCase());

  let oldTables: Excel.Table[] = [];
  let oldCharts: Excel.Chart[] = [];
  if (existing && mode === "replace") {
    const t = existing.tables.load("items/name");
    const c = existing.charts.load("items/name");
    await ctx.sync();
    oldTables = t.items;
    oldCharts = c.items;
  }
  // A table name is unique in the workbook: refuse before writing anything.
  const removed = new Set(oldTables.map((t) => t.name.toLowerCase()));
  const taken = new Set(allTables.items.map((t) => t.name.toLowerCase()).filter((n) => !removed.has(n)));
  for (const t of spec.tables ?? []) if (taken.has(t.name.toLowerCase())) throw portError("excel.err.tableExists", { name: t.name });

  const cellCount = spec.blocks.reduce((n, b) => n + b.cells.length * (b.cells[0]?.length ?? 0), 0);
  const w = new BatchWriter(ctx, opts.budget, cellCount >= BIG_WRITE_CELLS
    ? () => ctx.workbook.application.suspendApiCalculationUntilNextSync() // ExcelApi 1.6
    : undefined);

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
      if (opts.validationSupported) all.dataValidation.clear(); // ExcelApi 1.8
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
  if (opts.validationSupported) {
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
    if (opts.activate && !spec.hidden) ws.activate();
  });
  await w.flush();
}
