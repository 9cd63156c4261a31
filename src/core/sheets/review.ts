/**
 * The review sheet of one period as a sheet spec (review.md "The review sheet"): a header
 * block, KPI tiles, the goal table (an Excel table whose Actual is a live SUMPRODUCT over
 * PlanActuals and whose derived columns are native formulas of the row's own cells),
 * summary, breakdowns by owner and region, the top 5 unfavorable goals, actions, risks, a
 * column chart, and the "Removed goals" block that keeps what people wrote about goals that
 * left the review. Regeneration reads the old sheet with `readPreviousCommentary`, builds a
 * new spec with it, and applies it in place (mode `replace`: the sheet is never deleted).
 *
 * Every text a user typed (goal names, owners, comments) is a text cell ({t:'s'}); targets
 * are values; nothing calls a PLAN.* function.
 */
import { type CellValue, cellText } from "../cells";
import { isoFromSerial } from "../dates";
import { isError } from "../errors";
import { normalizeHeader } from "../schema";
import type { Review, ReviewGoal, ReviewStatus, ReviewTotal } from "../review/types";
import { metricUnitKey } from "../review/engine";
import { type Lang, render, t } from "../../i18n";
import { a1 } from "./a1";
import { columnDef, headerIn, DATE_FORMAT } from "./columns";
import { actualFormula, derivedFormulas, statusThresholds } from "./review-formulas";
import { reviewSheetName, reviewTableName } from "./review-names";
import type {
  CellRange, SheetSpec, SpecBlock, SpecCell, SpecChart, SpecConditionalFormat, SpecNumberFormat, SpecStyle,
} from "./spec";
import { rangeOf } from "./spec";

export { reviewSheetName, reviewTableName } from "./review-names";

/** The goal table's columns, in order (A … P). */
export const REVIEW_COLUMNS = [
  "goalId", "goal", "owner", "metric", "unit", "targetPeriod", "targetToDate", "actual", "variance", "variancePct",
  "attainment", "forecast", "remaining", "status", "commentary", "adjustment",
] as const;
/** A goal-table column. */
export type ReviewColumn = (typeof REVIEW_COLUMNS)[number];

/** 1-based column of a goal-table column. */
export const reviewCol = (c: ReviewColumn): number => REVIEW_COLUMNS.indexOf(c) + 1;

/** The goal table's headers in a language: `Goal ID` … `Adjustment` / `目标编号` … `调整措施`. */
export function reviewHeaders(lang: Lang): string[] {
  return REVIEW_COLUMNS.map((c) => t(lang, `review.col.${c}`));
}

/** What people wrote about one goal. */
export interface CarriedText {
  commentary: string;
  adjustment: string;
  /** The goal's text on the old sheet, shown if the goal leaves the review. */
  goal?: string;
}

/** A goal that left the review, with what was written about it. */
export interface RemovedGoal {
  goalId: string;
  goal: string;
  commentary: string;
  adjustment: string;
}

/** What an existing review sheet holds that regeneration must keep. */
export interface PreviousCommentary {
  /** By Goal ID as shown on the old sheet (trimmed). */
  commentary: Map<string, CarriedText>;
  removed: RemovedGoal[];
}

/** Options of reviewSheetSpec. */
export interface ReviewSheetOptions {
  /** Language of the sheet (default: the review's). */
  lang?: Lang;
  /** PlanActuals key → the table's real header text (default: the review's `actualsHeaders`). */
  actualsHeaders?: Readonly<Record<string, string>>;
  /** What the old sheet of this period held (readPreviousCommentary). */
  previous?: PreviousCommentary;
  /** When the sheet is generated (serial with time of day). */
  generatedAt: number;
  /** Override the sheet name (default `reviewSheetName(label, lang)`). */
  sheetName?: string;
  /** Override the goal table's name (default `reviewTableName(label, lang)`). */
  tableName?: string;
}

const STATUS_KEY: Record<ReviewStatus, string> = {
  "On track": "review.status.onTrack",
  "At risk": "review.status.atRisk",
  "Off track": "review.status.offTrack",
  "Not started": "review.status.notStarted",
  "Needs fix": "review.status.needsFix",
};

/** A status in the sheet's language. */
export function statusWord(lang: Lang, s: ReviewStatus): string {
  return t(lang, STATUS_KEY[s]);
}

/** Status colours (fill, font). */
const STATUS_COLORS: Record<ReviewStatus, { fill: string; font: string }> = {
  "On track": { fill: "#C6EFCE", font: "#006100" },
  "At risk": { fill: "#FFEB9C", font: "#9C5700" },
  "Off track": { fill: "#FFC7CE", font: "#9C0006" },
  "Not started": { fill: "#EDEDED", font: "#595959" },
  "Needs fix": { fill: "#F8CBAD", font: "#833C0B" },
};

const AMOUNT = "#,##0";

const CURRENCY_SYMBOLS: Readonly<Record<string, string>> = {
  cny: "¥", rmb: "¥", "元": "¥", "人民币": "¥", "¥": "¥", "￥": "¥", jpy: "¥", usd: "$", "$": "$", eur: "€", "€": "€", gbp: "£", "£": "£",
  hkd: "HK$", "港币": "HK$",
};

/**
 * The number format of an amount in `unit`: a known currency gets its symbol (`"¥"#,##0`), the
 * plan's Currency setting its code (`#,##0" CHF"`), anything else thousands separators.
 */
export function amountFormat(unit: string, currency: string | null): string {
  const u = unit.trim();
  const symbol = CURRENCY_SYMBOLS[u.toLowerCase()];
  if (symbol) return `"${symbol}"#,##0`;
  if (u !== "" && currency !== null && u.toLowerCase() === currency.trim().toLowerCase() && !/["\\]/.test(u)) return `#,##0" ${u}"`;
  return AMOUNT;
}
const PERCENT = "0.0%";
const COUNT = "0";
const DATETIME = "yyyy-mm-dd hh:mm";
const HEADER_FILL = "#D9E1F2";
const TILE_FILL = "#F2F2F2";
const SECTION_COLOR = "#1F4E78";
const WARNING_COLOR = "#C00000";
/** Column widths (characters) of the goal table's columns; the other numbers are 15. */
const WIDTHS: Partial<Record<ReviewColumn, number>> = { goalId: 16, goal: 36, owner: 16, metric: 14, unit: 12, status: 12, commentary: 40, adjustment: 40 };

/**
 * Columns of a totals row (owner or region, metric, unit, TP, TD, actual, attainment, goals):
 * under the goal table's Owner, Metric, Unit, Target (period), Target (to date), Actual, then I and J.
 */
const TOTAL_COLS: readonly number[] = [3, 4, 5, 6, 7, 8, 9, 10];

/** More goals than this: the chart shows target vs actual per owner instead of per goal. */
export const CHART_MAX_GOALS = 20;

/** Rows of the fixed layout. */
export const REVIEW_LAYOUT = { title: 1, header: 2, kpiTitle: 11, kpiLabels: 12, kpiValues: 13, goalsTitle: 15, tableHeader: 16 } as const;

const s = (v: string): SpecCell => ({ t: "s", v });
const sOrNull = (v: string): SpecCell => (v === "" ? null : { t: "s", v });
const n = (v: number | null): SpecCell => (v === null ? null : { t: "n", v });
const d = (v: number): SpecCell => ({ t: "d", v });
const f = (v: string): SpecCell => ({ t: "f", f: v });

/** Accumulates the parts of a sheet spec. */
class Builder {
  blocks: SpecBlock[] = [];
  styles: SpecStyle[] = [];
  numberFormats: SpecNumberFormat[] = [];
  conditionalFormats: SpecConditionalFormat[] = [];

  put(row: number, col: number, cells: SpecCell[][]): void {
    if (cells.length > 0 && cells[0]!.length > 0) this.blocks.push({ row, col, cells });
  }
  style(range: CellRange, st: Omit<SpecStyle, "range">): void {
    this.styles.push({ range, ...st });
  }
  format(range: CellRange, format: string): void {
    if (range.rows > 0 && range.cols > 0) this.numberFormats.push({ range, format });
  }
}

/** Pads a row of cells to `width` with blanks. */
function pad(cells: SpecCell[], width: number): SpecCell[] {
  return cells.concat(Array<SpecCell>(Math.max(0, width - cells.length)).fill(null));
}

/** Consecutive equal formats as runs: [{start, length, format}]. */
function formatRuns(formats: readonly string[]): { start: number; length: number; format: string }[] {
  const runs: { start: number; length: number; format: string }[] = [];
  formats.forEach((f, i) => {
    const last = runs[runs.length - 1];
    if (last && last.format === f) last.length++;
    else runs.push({ start: i, length: 1, format: f });
  });
  return runs;
}

/** Sections below the goal table: a title, a header row and rows (or "None."). */
interface Section {
  title: string;
  headers: (string | null)[];
  rows: SpecCell[][];
  /** 1-based sheet column of each header and cell (default 1, 2, 3 …), to line numbers up under the goal table's. */
  cols?: readonly number[];
  /** Number format per cell index (0-based), for the data rows. */
  formats?: Readonly<Record<number, string>>;
  /** Cell indexes (0-based) whose data cells are centred (dates and small scores beside text). */
  centred?: readonly number[];
}

/** Writes a section at `row`; returns the first row after it (one blank row left) and where its data rows are. */
function writeSection(b: Builder, row: number, sec: Section, lang: Lang): { next: number; headerRow: number; firstRow: number } {
  const cols = sec.cols ?? sec.headers.map((_, i) => i + 1);
  const left = Math.min(...cols);
  const right = Math.max(...cols);
  /** A row of cells placed at their columns, from `left` to `right`. */
  const place = (cells: readonly SpecCell[]): SpecCell[] => {
    const out = Array<SpecCell>(right - left + 1).fill(null);
    cells.forEach((c, i) => (out[cols[i]! - left] = c));
    return out;
  };
  b.put(row, 1, [[s(sec.title)]]);
  b.style(rangeOf(row, 1), { bold: true, fontSize: 12, fontColor: SECTION_COLOR });
  const headerRow = row + 1;
  b.put(headerRow, left, [place(sec.headers.map((h) => (h === null ? null : s(h))))]);
  b.style(rangeOf(headerRow, left, 1, right - left + 1), { bold: true, fill: HEADER_FILL, wrap: true });
  const firstRow = headerRow + 1;
  if (sec.rows.length === 0) {
    b.put(firstRow, left, [[s(t(lang, "review.section.none"))]]);
    b.style(rangeOf(firstRow, left), { italic: true });
    return { next: firstRow + 2, headerRow, firstRow };
  }
  b.put(firstRow, left, sec.rows.map(place));
  for (const [i, fmt] of Object.entries(sec.formats ?? {})) b.format(rangeOf(firstRow, cols[Number(i)]!, sec.rows.length, 1), fmt);
  for (const i of sec.centred ?? []) b.style(rangeOf(firstRow, cols[i]!, sec.rows.length, 1), { horizontal: "center" });
  return { next: firstRow + sec.rows.length + 1, headerRow, firstRow };
}

/** Case-insensitive, trimmed form of a Goal ID. */
const idKey = (id: string) => id.trim().toLowerCase();

/** Commentary for each goal (by Goal ID) and the removed goals to keep, from the previous sheet. */
export function carryCommentary(
  goals: readonly ReviewGoal[],
  previous: PreviousCommentary | undefined,
): { perGoal: (CarriedText | null)[]; removed: RemovedGoal[] } {
  const perGoal: (CarriedText | null)[] = goals.map(() => null);
  if (!previous) return { perGoal, removed: [] };
  const fromTable = new Map<string, { id: string; text: CarriedText; used: boolean }>();
  for (const [id, text] of previous.commentary) {
    const k = idKey(id);
    if (!fromTable.has(k)) fromTable.set(k, { id, text, used: false });
  }
  const removedIn = previous.removed.map((r) => ({ r, used: false }));
  goals.forEach((g, i) => {
    const k = idKey(g.goalId);
    if (k === "") return;
    const e = fromTable.get(k);
    if (e && !e.used) {
      e.used = true;
      perGoal[i] = e.text;
      return;
    }
    // A goal back in the review takes back what was written about it.
    const back = removedIn.find((x) => !x.used && idKey(x.r.goalId) === k);
    if (back) {
      back.used = true;
      perGoal[i] = { commentary: back.r.commentary, adjustment: back.r.adjustment };
    }
  });
  const removed: RemovedGoal[] = [];
  const seen = new Set<string>();
  const keep = (r: RemovedGoal) => {
    if (r.commentary.trim() === "" && r.adjustment.trim() === "") return;
    const sig = JSON.stringify([idKey(r.goalId), r.commentary, r.adjustment]);
    if (seen.has(sig)) return;
    seen.add(sig);
    removed.push(r);
  };
  for (const e of fromTable.values()) {
    if (!e.used) keep({ goalId: e.id, goal: e.text.goal ?? "", commentary: e.text.commentary, adjustment: e.text.adjustment });
  }
  for (const x of removedIn) if (!x.used) keep(x.r);
  return { perGoal, removed };
}

/** The review's sheet spec (mode `replace`). */
export function reviewSheetSpec(review: Review, opts: ReviewSheetOptions): SheetSpec {
  const lang = opts.lang ?? review.lang;
  const headers = opts.actualsHeaders ?? review.actualsHeaders;
  const label = review.period.label;
  const b = new Builder();
  const width = REVIEW_COLUMNS.length;
  const L = REVIEW_LAYOUT;
  const currency = review.settings.currency;

  // ---- header block ----
  b.put(L.title, 1, [[s(t(lang, "review.title", { label }))]]);
  b.style(rangeOf(L.title, 1), { bold: true, fontSize: 16 });
  const latest = review.freshness.latestActual;
  const atRisk = review.settings.atRiskThreshold;
  const F = review.settings.fiscalYearStartMonth;
  const pct = (x: number) => `${Number((x * 100).toFixed(6))}%`;
  const stale = review.freshness.stale
    ? s(latest === null ? t(lang, "review.head.staleNone") : t(lang, "review.head.stale", { days: review.asOf - latest }))
    : null;
  const head: SpecCell[][] = [
    [s(t(lang, "review.head.period")), s(label), d(review.period.start), d(review.period.end)],
    [s(t(lang, "review.head.asOf")), d(review.asOf), null, null],
    [s(t(lang, "review.head.latestActual")), latest === null ? s(t(lang, "review.head.noActuals")) : d(latest), stale, null],
    [s(t(lang, "review.head.generatedAt")), n(opts.generatedAt), null, null],
    [s(t(lang, "review.head.fiscal")), s(F === 1 ? t(lang, "review.head.fiscalCalendar") : t(lang, "review.head.fiscalStart", { month: F })), null, null],
    [
      s(t(lang, "review.head.phasing")),
      s(review.profilesUsed.length === 0 ? t(lang, "review.head.phasingDays") : t(lang, "review.head.phasingProfiles", { profiles: review.profilesUsed.join(", ") })),
      null, null,
    ],
    [s(t(lang, "review.head.statusRule")), s(t(lang, "review.head.statusRuleText", { atRisk: pct(atRisk), atRiskLower: pct(2 - atRisk) })), null, null],
    [s(t(lang, "review.head.kept")), null, null, null],
  ];
  b.put(L.header, 1, head);
  b.style(rangeOf(L.header, 1, head.length - 1, 1), { bold: true });
  b.style(rangeOf(L.header + head.length - 1, 1), { italic: true });
  b.format(rangeOf(L.header, 3, 1, 2), DATE_FORMAT);
  b.format(rangeOf(L.header + 1, 2, 2, 1), DATE_FORMAT);
  b.format(rangeOf(L.header + 3, 2), DATETIME);
  b.style(rangeOf(L.header, 2, 4, 3), { horizontal: "left" });
  if (stale) b.style(rangeOf(L.header + 2, 3), { bold: true, fontColor: WARNING_COLOR });

  // ---- KPI tiles ----
  const kpi = review.kpi;
  const kpiTitle = !kpi
    ? t(lang, "review.kpi.none")
    : kpi.unit.trim() === ""
      ? t(lang, "review.kpi.titleNoUnit", { metric: kpi.metric })
      : t(lang, "review.kpi.title", { metric: kpi.metric, unit: kpi.unit });
  b.put(L.kpiTitle, 1, [[s(kpiTitle)]]);
  b.style(rangeOf(L.kpiTitle, 1), { bold: true, fontSize: 12, fontColor: SECTION_COLOR });
  const tileLabels = [
    t(lang, "review.col.targetPeriod"), t(lang, "review.col.targetToDate"), t(lang, "review.col.actual"), t(lang, "review.col.attainment"), null,
    ...(["On track", "At risk", "Off track", "Not started", "Needs fix"] as const).map((x) => statusWord(lang, x)),
  ];
  const counts = review.statusCounts;
  b.put(L.kpiLabels, 1, [
    tileLabels.map((x) => (x === null ? null : s(x))),
    [
      n(kpi?.targetPeriod ?? null), n(kpi?.targetToDate ?? null), n(kpi?.actual ?? null), n(kpi?.attainment ?? null), null,
      n(counts["On track"]), n(counts["At risk"]), n(counts["Off track"]), n(counts["Not started"]), n(counts["Needs fix"]),
    ],
  ]);
  b.style(rangeOf(L.kpiLabels, 1, 1, 4), { fill: TILE_FILL, horizontal: "center" });
  b.style(rangeOf(L.kpiLabels, 6, 1, 5), { fill: TILE_FILL, horizontal: "center" });
  b.style(rangeOf(L.kpiValues, 1, 1, 4), { bold: true, fontSize: 14, fill: TILE_FILL, horizontal: "center" });
  b.style(rangeOf(L.kpiValues, 6, 1, 5), { bold: true, fontSize: 14, fill: TILE_FILL, horizontal: "center" });
  b.format(rangeOf(L.kpiValues, 1, 1, 3), amountFormat(kpi?.unit ?? "", currency));
  b.format(rangeOf(L.kpiValues, 4), PERCENT);
  b.format(rangeOf(L.kpiValues, 6, 1, 5), COUNT);
  (["On track", "At risk", "Off track", "Not started", "Needs fix"] as const).forEach((st, i) =>
    b.style(rangeOf(L.kpiLabels, 6 + i), { fill: STATUS_COLORS[st].fill, fontColor: STATUS_COLORS[st].font }),
  );

  // ---- goal table ----
  b.put(L.goalsTitle, 1, [[s(t(lang, "review.section.goals"))]]);
  b.style(rangeOf(L.goalsTitle, 1), { bold: true, fontSize: 12, fontColor: SECTION_COLOR });
  const hr = L.tableHeader;
  const first = hr + 1;
  const goals = review.goals;
  const { perGoal, removed } = carryCommentary(goals, opts.previous);
  const words = { onTrack: statusWord(lang, "On track"), atRisk: statusWord(lang, "At risk"), offTrack: statusWord(lang, "Off track") };
  const letter = (c: ReviewColumn, r: number) => a1(r, reviewCol(c));
  const rows: SpecCell[][] = goals.map((g, i) => {
    const r = first + i;
    const carried = perGoal[i];
    const text: SpecCell[] = [s(g.goalId), s(g.goal), sOrNull(g.owner), s(g.metric), sOrNull(g.unit)];
    const tail: SpecCell[] = [sOrNull(carried?.commentary ?? ""), sOrNull(carried?.adjustment ?? "")];
    if (g.status === "Needs fix") return [...text, ...Array<SpecCell>(8).fill(null), s(statusWord(lang, "Needs fix")), ...tail];
    const fm = derivedFormulas(
      { targetPeriod: letter("targetPeriod", r), targetToDate: letter("targetToDate", r), actual: letter("actual", r), variance: letter("variance", r) },
      g.direction, atRisk, words,
    );
    return [
      ...text,
      n(g.targetPeriod), n(g.targetToDate),
      f(actualFormula(g.conditions, headers, g.overlapStart, g.elapsedEnd + 1)),
      f(fm.variance), f(fm.variancePct), f(fm.attainment), f(fm.forecast), f(fm.remaining),
      g.status === "Not started" ? s(statusWord(lang, "Not started")) : f(fm.status),
      ...tail,
    ];
  });
  const dataRows = Math.max(rows.length, 1); // an Excel table has at least one data row
  b.put(hr, 1, [reviewHeaders(lang).map(s)]);
  if (rows.length > 0) b.put(first, 1, rows);
  const tableRange = rangeOf(hr, 1, dataRows + 1, width);
  const col = (c: ReviewColumn) => rangeOf(first, reviewCol(c), dataRows, 1);
  // Amounts in each row's unit (a currency shows its symbol), one format per run of rows sharing it.
  const amountCols = ["targetPeriod", "targetToDate", "actual", "variance", "forecast", "remaining"] as const;
  const runs = formatRuns(goals.map((g) => amountFormat(g.unit, currency)));
  if (runs.length === 0) runs.push({ start: 0, length: 1, format: AMOUNT });
  for (const run of runs) for (const c of amountCols) b.format(rangeOf(first + run.start, reviewCol(c), run.length, 1), run.format);
  for (const c of ["variancePct", "attainment"] as const) b.format(col(c), PERCENT);
  for (const c of ["commentary", "adjustment"] as const) b.style(col(c), { wrap: true });
  if (rows.length > 0) {
    for (const st of ["On track", "At risk", "Off track", "Not started", "Needs fix"] as const) {
      b.conditionalFormats.push({ range: col("status"), kind: "textEquals", text: statusWord(lang, st), ...STATUS_COLORS[st] });
    }
    // Data bars on Attainment of higher-is-better goals: one rule per run of such rows.
    let runStart = -1;
    goals.forEach((g, i) => {
      const on = g.direction === "higher" && g.status !== "Needs fix";
      if (on && runStart < 0) runStart = i;
      const endsHere = runStart >= 0 && (!on || i === goals.length - 1);
      if (endsHere) {
        const last = on ? i : i - 1;
        b.conditionalFormats.push({ range: rangeOf(first + runStart, reviewCol("attainment"), last - runStart + 1, 1), kind: "dataBar", color: "#5B9BD5" });
        runStart = -1;
      }
    });
    for (const c of ["variance", "variancePct"] as const) {
      const top = letter(c, first);
      b.conditionalFormats.push({ range: col(c), kind: "expression", formula: `=AND(ISNUMBER(${top}),${top}>0)`, ...STATUS_COLORS["On track"] });
      b.conditionalFormats.push({ range: col(c), kind: "expression", formula: `=AND(ISNUMBER(${top}),${top}<0)`, ...STATUS_COLORS["Off track"] });
    }
  }

  // ---- sections below the table ----
  let row = hr + dataRows + 2;
  b.put(row, 1, [[s(t(lang, "review.section.snapshot"))]]);
  b.style(rangeOf(row, 1), { italic: true });
  row += 2;
  const colHead = (k: string) => t(lang, `review.col.${k}`);
  const totalCells = (x: ReviewTotal): SpecCell[] => [s(x.metric), sOrNull(x.unit), n(x.targetPeriod), n(x.targetToDate), n(x.actual), n(x.attainment), n(x.goals)];
  const totalFormats = (off: number) => ({ [off + 2]: AMOUNT, [off + 3]: AMOUNT, [off + 4]: AMOUNT, [off + 5]: PERCENT, [off + 6]: COUNT });
  const summarySec = writeSection(b, row, {
    title: t(lang, "review.section.summary"),
    headers: ["metric", "unit", "targetPeriod", "targetToDate", "actual", "attainment", "goals"].map(colHead),
    rows: review.summary.map(totalCells),
    cols: TOTAL_COLS.slice(1),
    formats: totalFormats(0),
  }, lang);
  for (const run of formatRuns(review.summary.map((x) => amountFormat(x.unit, currency)))) {
    if (run.format !== AMOUNT) b.format(rangeOf(summarySec.firstRow + run.start, reviewCol("targetPeriod"), run.length, 3), run.format);
  }
  row = summarySec.next;

  const fixes = goals.filter((g) => g.status === "Needs fix");
  if (fixes.length > 0) {
    row = writeSection(b, row, {
      title: t(lang, "review.section.needsFix"),
      headers: ["goalId", "goal", "owner", "reason"].map(colHead),
      rows: fixes.map((g) => [s(g.goalId), s(g.goal), sOrNull(g.owner), s(g.fix ? render(lang, g.fix) : "")]),
    }, lang).next;
  }

  // The KPI metric's rows first, so a per-owner chart can take them as one range under the header.
  const kpiKey = kpi ? metricUnitKey(kpi) : null;
  const isKpi = (x: ReviewTotal) => kpiKey !== null && metricUnitKey(x) === kpiKey;
  const owners = [...review.byOwner.filter(isKpi), ...review.byOwner.filter((x) => !isKpi(x))];
  const blank = t(lang, "review.blank");
  const ownerSec = writeSection(b, row, {
    title: t(lang, "review.section.byOwner"),
    headers: ["owner", "metric", "unit", "targetPeriod", "targetToDate", "actual", "attainment", "goals"].map(colHead),
    rows: owners.map((x) => [s(x.key === "" ? blank : x.key), ...totalCells(x)]),
    cols: TOTAL_COLS,
    formats: totalFormats(1),
  }, lang);
  row = ownerSec.next;
  row = writeSection(b, row, {
    title: t(lang, "review.section.byRegion"),
    headers: ["region", "metric", "unit", "targetPeriod", "targetToDate", "actual", "attainment", "goals"].map(colHead),
    rows: review.byRegion.map((x) => [s(x.key === "" ? blank : x.key), ...totalCells(x)]),
    cols: TOTAL_COLS,
    formats: totalFormats(1),
  }, lang).next;
  row = writeSection(b, row, {
    title: t(lang, "review.section.top"),
    headers: ["goalId", "goal", "owner", "metric", "unit", "variance", "variancePct", "status"].map(colHead),
    rows: review.topUnfavorable.map((g) => [
      s(g.goalId), s(g.goal), sOrNull(g.owner), s(g.metric), sOrNull(g.unit), n(g.variance), n(g.variancePct), s(statusWord(lang, g.status)),
    ]),
    cols: (["goalId", "goal", "owner", "metric", "unit", "variance", "variancePct", "status"] as const).map(reviewCol),
    formats: { 5: AMOUNT, 6: PERCENT },
  }, lang).next;

  const actionHead = (k: string) => headerIn(columnDef("PlanActions", k)!, lang);
  row = writeSection(b, row, {
    title: t(lang, "review.section.actions"),
    headers: [actionHead("ActionID"), actionHead("Action"), actionHead("Owner"), actionHead("GoalID"), actionHead("Due"), actionHead("Status"), colHead("when")],
    rows: review.actions.map((x) => [
      s(x.actionId), s(x.action), sOrNull(x.owner), sOrNull(x.goalId), d(x.due), sOrNull(x.status),
      s(x.overdue ? t(lang, "review.action.overdue", { days: -x.daysLeft }) : x.daysLeft === 0 ? t(lang, "review.action.dueToday") : t(lang, "review.action.dueIn", { days: x.daysLeft })),
    ]),
    formats: { 4: DATE_FORMAT },
    centred: [4],
  }, lang).next;
  const riskHead = (k: string) => headerIn(columnDef("PlanRisks", k)!, lang);
  row = writeSection(b, row, {
    title: t(lang, "review.section.risks"),
    headers: ["RiskID", "Risk", "Owner", "GoalID", "Category", "Likelihood", "Impact", "Score", "Status", "Due"].map(riskHead),
    rows: review.risks.map((x) => [
      s(x.riskId), s(x.risk), sOrNull(x.owner), sOrNull(x.goalId), sOrNull(x.category), n(x.likelihood), n(x.impact), n(x.score),
      sOrNull(x.status), x.due === null ? null : d(x.due),
    ]),
    formats: { 9: DATE_FORMAT },
    centred: [5, 6, 7, 9],
  }, lang).next;

  if (removed.length > 0) {
    // Aligned with the goal table: Goal ID, Goal, then Commentary and Adjustment in their own columns.
    const headersRow: (string | null)[] = REVIEW_COLUMNS.map((c) => (c === "goalId" || c === "goal" || c === "commentary" || c === "adjustment" ? colHead(c) : null));
    const sec = writeSection(b, row, {
      title: t(lang, "review.section.removed"),
      headers: headersRow,
      rows: removed.map((r) =>
        REVIEW_COLUMNS.map((c) =>
          c === "goalId" ? sOrNull(r.goalId) : c === "goal" ? sOrNull(r.goal) : c === "commentary" ? sOrNull(r.commentary) : c === "adjustment" ? sOrNull(r.adjustment) : null,
        ),
      ),
    }, lang);
    b.put(sec.headerRow - 1, 2, [[s(t(lang, "review.section.removedNote"))]]);
    b.style(rangeOf(sec.headerRow - 1, 2), { italic: true });
    b.style(rangeOf(sec.firstRow, reviewCol("commentary"), removed.length, 2), { wrap: true });
    row = sec.next;
  }

  // ---- chart ----
  const charts: SpecChart[] = [];
  const anchor = rangeOf(hr, width + 2, 20, 10);
  if (goals.length > 0 && goals.length <= CHART_MAX_GOALS) {
    charts.push({
      kind: "columnClustered", title: t(lang, "review.chart.byGoal"),
      categories: rangeOf(first, reviewCol("goalId"), goals.length, 1),
      series: [rangeOf(hr, reviewCol("targetPeriod"), goals.length + 1, 1), rangeOf(hr, reviewCol("actual"), goals.length + 1, 1)],
      anchor,
    });
  } else if (goals.length > CHART_MAX_GOALS && kpi) {
    const m = owners.filter(isKpi).length;
    charts.push({
      kind: "columnClustered", title: t(lang, "review.chart.byOwner", { metric: kpi.metric }),
      categories: rangeOf(ownerSec.firstRow, TOTAL_COLS[0]!, m, 1),
      series: [rangeOf(ownerSec.headerRow, TOTAL_COLS[3]!, m + 1, 1), rangeOf(ownerSec.headerRow, TOTAL_COLS[5]!, m + 1, 1)],
      anchor,
    });
  }

  const columnWidths: Record<number, number> = {};
  REVIEW_COLUMNS.forEach((c, i) => {
    columnWidths[i + 1] = WIDTHS[c] ?? 15;
  });
  return {
    name: opts.sheetName ?? reviewSheetName(label, lang),
    mode: "replace",
    columnWidths,
    blocks: b.blocks,
    tables: [{ name: opts.tableName ?? reviewTableName(label, lang), range: tableRange, style: "TableStyleMedium2" }],
    numberFormats: b.numberFormats,
    conditionalFormats: b.conditionalFormats,
    charts,
    styles: b.styles,
  };
}

// ---- reading an existing review sheet back ----

/** What `readPreviousCommentary` needs of a sheet (a port's SheetContents fits). */
export interface ReviewSheetContents {
  /** 1-based row and column of values[0][0]. */
  origin: { row: number; col: number };
  values: readonly (readonly CellValue[])[];
  /** Formula text (`=…`) where a cell holds one; a typed formula is kept as its text. */
  formulas?: readonly (readonly (string | null)[])[];
  /** Number formats, to keep a typed date as a date text rather than its serial. */
  numberFormats?: readonly (readonly string[])[];
}

/** True for a number format that shows a date (y, m with d, or d), ignoring quoted text and [colour] parts. */
function isDateFormatCode(code: string): boolean {
  const bare = code.replace(/"[^"]*"/g, "").replace(/\[[^\]]*\]/g, "").replace(/\\./g, "");
  return /[yd]/i.test(bare);
}

const headerSet = (key: string) => new Set([normalizeHeader(t("en", key)), normalizeHeader(t("zh-CN", key))]);

/**
 * Reads what people wrote on an existing review sheet (either language): the goal table
 * (found by its header row: Goal ID, Commentary and Adjustment) gives Commentary and
 * Adjustment by Goal ID, and every later header row of that kind (the "Removed goals" block)
 * gives the removed goals. Rows with nothing written are skipped; a typed formula is kept as
 * its text, a typed date as `yyyy-mm-dd`; nothing else is changed (no trimming).
 */
export function readPreviousCommentary(contents: ReviewSheetContents): PreviousCommentary {
  const ids = headerSet("review.col.goalId");
  const goalsH = headerSet("review.col.goal");
  const coms = headerSet("review.col.commentary");
  const adjs = headerSet("review.col.adjustment");
  const vals = contents.values;
  const textAt = (r: number, c: number): string => {
    const formula = contents.formulas?.[r]?.[c];
    if (formula) return formula;
    const v = vals[r]?.[c] ?? null;
    if (v === null || v === undefined) return "";
    if (isError(v)) return v.code;
    if (typeof v === "number" && isDateFormatCode(contents.numberFormats?.[r]?.[c] ?? "")) {
      const day = Math.floor(v);
      const iso = isoFromSerial(day);
      if (v === day) return iso;
      const mins = Math.round((v - day) * 1440);
      return `${iso} ${String(Math.floor(mins / 60)).padStart(2, "0")}:${String(mins % 60).padStart(2, "0")}`;
    }
    return cellText(v);
  };
  const commentary = new Map<string, CarriedText>();
  const removed: RemovedGoal[] = [];
  let tablesSeen = 0;
  for (let r = 0; r < vals.length; r++) {
    const row = vals[r]!;
    const find = (set: Set<string>) => row.findIndex((v) => typeof v === "string" && set.has(normalizeHeader(v)));
    const ci = find(ids);
    const cc = find(coms);
    const ca = find(adjs);
    if (ci < 0 || cc < 0 || ca < 0) continue;
    const cg = find(goalsH);
    const lo = Math.min(ci, cc, ca);
    const hi = Math.max(ci, cc, ca, cg);
    const isGoalTable = tablesSeen === 0;
    tablesSeen++;
    let k = r + 1;
    for (; k < vals.length; k++) {
      const line = vals[k]!;
      let any = false;
      for (let c = lo; c <= hi && !any; c++) any = textAt(k, c) !== "" || (line[c] !== null && line[c] !== undefined);
      if (!any) break;
      const id = textAt(k, ci).trim();
      const com = textAt(k, cc);
      const adj = textAt(k, ca);
      const goal = cg >= 0 ? textAt(k, cg) : "";
      if (com.trim() === "" && adj.trim() === "") continue;
      if (isGoalTable && id !== "" && !commentary.has(id)) commentary.set(id, { commentary: com, adjustment: adj, goal });
      else removed.push({ goalId: id, goal, commentary: com, adjustment: adj });
    }
    r = k - 1;
  }
  return { commentary, removed };
}
