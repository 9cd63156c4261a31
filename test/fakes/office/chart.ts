/**
 * Charts as far as a clustered column chart goes: worksheet.charts.add(type, range, seriesBy),
 * title, setPosition, series (add, setValues, setXAxisValues), delete.
 * Docs: https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-charts,
 * https://learn.microsoft.com/javascript/api/excel/excel.chartcollection,
 * https://learn.microsoft.com/javascript/api/excel/excel.chartseries (setValues / setXAxisValues: ExcelApi 1.7).
 */
import { sheetAddress } from "./address";
import { ClientCollection, ClientObject, type FakeRequestContext, requireApi } from "./context";
import { officeError } from "./errors";
import { type FakeChart, type FakeChartSeries, type FakeSheet, getCell, newId } from "./model";
import { Range, assertWritable, rectOnSheet } from "./range";
import { type SettingsProxy, makeSettingsProxy } from "./settings";

const CHART_TYPES = new Set([
  "ColumnClustered", "ColumnStacked", "ColumnStacked100", "BarClustered", "BarStacked", "Line", "LineMarkers", "Pie", "Area", "XYScatter", "Doughnut",
]);

interface ChartTarget {
  sheet: FakeSheet;
  chart: FakeChart;
}

/**
 * Default series of a contiguous source, by columns: text in the first column makes it the
 * categories, a text first row the series names (as Excel does when charting a selection:
 * https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-charts#create-a-chart).
 */
function defaultSeries(sheet: FakeSheet, range: Range, seriesBy: string): FakeChartSeries[] {
  const { rect } = range._target();
  const byRows = seriesBy === "Rows" || (seriesBy === "Auto" && rect.cols > rect.rows);
  const text = (r: number, c: number) => typeof getCell(sheet, r, c)?.value === "string";
  const out: FakeChartSeries[] = [];
  if (!byRows) {
    const hasHeader = Array.from({ length: rect.cols }, (_, j) => j).some((j) => text(rect.row, rect.col + j) && !text(rect.row + 1, rect.col + j));
    const first = hasHeader ? rect.row + 1 : rect.row;
    const hasCats = rect.cols > 1 && text(first, rect.col);
    const cats = hasCats ? sheetAddress(sheet.name, { row: first, col: rect.col, rows: rect.row + rect.rows - first, cols: 1 }) : null;
    for (let j = hasCats ? 1 : 0; j < rect.cols; j++) {
      const h = getCell(sheet, rect.row, rect.col + j)?.value;
      out.push({
        name: hasHeader && typeof h === "string" ? h : `Series${out.length + 1}`,
        values: sheetAddress(sheet.name, { row: first, col: rect.col + j, rows: rect.row + rect.rows - first, cols: 1 }),
        xValues: cats,
      });
    }
  } else {
    for (let i = 0; i < rect.rows; i++) {
      out.push({ name: `Series${i + 1}`, values: sheetAddress(sheet.name, { row: rect.row + i, col: rect.col, rows: 1, cols: rect.cols }), xValues: null });
    }
  }
  return out;
}

export class ChartCollection extends ClientCollection<FakeSheet, Chart> {
  constructor(context: FakeRequestContext, resolver: () => FakeSheet | null) {
    super(context, "ChartCollection", resolver);
  }
  protected _list(sheet: FakeSheet): Chart[] {
    return sheet.charts.map((chart) => {
      const c = new Chart(this.context, () => ({ sheet, chart }));
      c._bind({ sheet, chart });
      return c;
    });
  }
  /** Adds a chart of `type` over `sourceData` (ExcelApi 1.1). */
  add(type: string, sourceData: Range, seriesBy = "Auto"): Chart {
    const chart = new Chart(this.context, () => null);
    this._call("add", [type, seriesBy], (sheet) => {
      assertWritable(sheet);
      if (!CHART_TYPES.has(type)) throw officeError("InvalidArgument", `Unknown or unmodelled chart type ${type}.`);
      const src = sourceData._target();
      const model = this.context.host.model;
      let n = 1;
      while (sheet.charts.some((c) => c.name === `Chart ${n}`)) n++;
      const fc: FakeChart = {
        id: newId(model, "chart"), name: `Chart ${n}`, chartType: type, source: sheetAddress(src.sheet.name, src.rect), seriesBy,
        title: { text: "", visible: false }, position: null, series: defaultSeries(src.sheet, sourceData, seriesBy),
      };
      sheet.charts.push(fc);
      chart._bind({ sheet, chart: fc });
    });
    return chart;
  }
  getItem(name: string): Chart {
    return new Chart(this.context, () => {
      const sheet = this._target();
      const c = sheet.charts.find((x) => x.name === name);
      return c ? { sheet, chart: c } : null;
    });
  }
  getItemAt(index: number): Chart {
    return new Chart(this.context, () => {
      const sheet = this._target();
      const c = sheet.charts[index];
      return c ? { sheet, chart: c } : null;
    });
  }
}

export class Chart extends ClientObject<ChartTarget> {
  constructor(context: FakeRequestContext, resolver: () => ChartTarget | null) {
    super(context, "Chart", resolver);
  }
  protected _readers(): Record<string, (t: ChartTarget) => unknown> {
    return { name: (t) => t.chart.name, id: (t) => t.chart.id, chartType: (t) => t.chart.chartType };
  }
  get name(): string { return this._get("name"); }
  set name(v: string) { this._set("name", v, (t) => { assertWritable(t.sheet); t.chart.name = v; }); }
  get id(): string { return this._get("id"); }
  get chartType(): string { return this._get("chartType"); }
  set chartType(v: string) { this._set("chartType", v, (t) => { t.chart.chartType = v; }); }
  get title(): SettingsProxy {
    return this._child("title", () =>
      makeSettingsProxy(this.context, "ChartTitle", () => {
        const t = this._target();
        return t.chart.title as unknown as Record<string, unknown>;
      }, { scalars: ["text", "visible"] }, () => {
        const t = this._target();
        assertWritable(t.sheet);
        t.chart.title.visible = true;
      }),
    );
  }
  get series(): ChartSeriesCollection {
    return this._child("series", () => new ChartSeriesCollection(this.context, () => this._target()));
  }
  /** Places the chart over cells `startCell` … `endCell` (ExcelApi 1.1). */
  setPosition(startCell: Range | string, endCell?: Range | string): void {
    this._call("setPosition", [String(startCell), endCell === undefined ? null : String(endCell)], (t) => {
      assertWritable(t.sheet);
      const addr = (x: Range | string) => (typeof x === "string" ? sheetAddress(t.sheet.name, rectOnSheet(t.sheet, x)) : (() => {
        const r = x._target();
        return sheetAddress(r.sheet.name, r.rect);
      })());
      t.chart.position = { start: addr(startCell), end: endCell === undefined ? null : addr(endCell) };
    });
  }
  delete(): void {
    this._call("delete", [], (t) => {
      assertWritable(t.sheet);
      t.sheet.charts = t.sheet.charts.filter((c) => c !== t.chart);
    });
  }
}

interface SeriesTarget {
  sheet: FakeSheet;
  chart: FakeChart;
  series: FakeChartSeries;
}

export class ChartSeriesCollection extends ClientCollection<ChartTarget, ChartSeries> {
  constructor(context: FakeRequestContext, resolver: () => ChartTarget | null) {
    super(context, "ChartSeriesCollection", resolver);
  }
  protected _list(t: ChartTarget): ChartSeries[] {
    return t.chart.series.map((series) => {
      const s = new ChartSeries(this.context, () => ({ ...t, series }));
      s._bind({ ...t, series });
      return s;
    });
  }
  getItemAt(index: number): ChartSeries {
    return new ChartSeries(this.context, () => {
      const t = this._target();
      const series = t.chart.series[index];
      return series ? { ...t, series } : null;
    });
  }
  /** Adds an empty series (ExcelApi 1.7). */
  add(name?: string): ChartSeries {
    const s = new ChartSeries(this.context, () => null);
    this._call("add", [name ?? null], (t) => {
      requireApi(this.context, 7, "ChartSeriesCollection.add");
      const series: FakeChartSeries = { name: name ?? `Series${t.chart.series.length + 1}`, values: null, xValues: null };
      t.chart.series.push(series);
      s._bind({ ...t, series });
    });
    return s;
  }
}

export class ChartSeries extends ClientObject<SeriesTarget> {
  constructor(context: FakeRequestContext, resolver: () => SeriesTarget | null) {
    super(context, "ChartSeries", resolver);
  }
  protected _readers(): Record<string, (t: SeriesTarget) => unknown> {
    return { name: (t) => t.series.name };
  }
  get name(): string { return this._get("name"); }
  set name(v: string) { this._set("name", v, (t) => { t.series.name = v; }); }
  private _address(r: Range): string {
    const x = r._target();
    return sheetAddress(x.sheet.name, x.rect);
  }
  /** ExcelApi 1.7. */
  setValues(sourceData: Range): void {
    this._call("setValues", [], (t) => {
      requireApi(this.context, 7, "ChartSeries.setValues");
      t.series.values = this._address(sourceData);
    });
  }
  /** ExcelApi 1.7. */
  setXAxisValues(sourceData: Range): void {
    this._call("setXAxisValues", [], (t) => {
      requireApi(this.context, 7, "ChartSeries.setXAxisValues");
      t.series.xValues = this._address(sourceData);
    });
  }
  delete(): void {
    this._call("delete", [], (t) => {
      t.chart.series = t.chart.series.filter((s) => s !== t.series);
    });
  }
}
