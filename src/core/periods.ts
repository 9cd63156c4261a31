/**
 * Periods (review.md, "Period grammar"): a year, half, quarter or month, calendar or fiscal,
 * a date range, or a to-date form, each resolved to an inclusive range of serial days and
 * given its canonical label (the review sheet's name and the JSON `period.label`).
 *
 * A fiscal year is named by the calendar year in which it ends: with F = 4 (fiscal year
 * starting in April), FY2026 is 2025-04-01 … 2026-03-31; its Q1 and H1 start in month F.
 * With F = 1 a fiscal period is the calendar period and carries the calendar label.
 * Every failure is an error value (never thrown): `#VALUE!` for text that is not a period,
 * `#NUM!` for a fiscal start month outside 1–12 or days outside 1900-03-01 … 9999-12-31.
 */
import { isoFromSerial, halfWidth, MAX_DATE_SERIAL, MIN_DATE_SERIAL, monthStartSerial, parseTextDate, ymdFromSerial } from "./dates";
import { excelError, isError, type ErrorValue } from "./errors";

/** What a period is: a named period, a date range, or a to-date form resolved to a range. */
export type PeriodKind = "year" | "half" | "quarter" | "month" | "range" | "todate";

/** The named periods that tile a year. */
export type NamedPeriodKind = "year" | "half" | "quarter" | "month";

/** The to-date forms, resolved to `start..asOf`. */
export type ToDateForm = "MTD" | "QTD" | "YTD" | "FQTD" | "FYTD";

/** A resolved period: inclusive serial days `start..end` and its canonical label. */
export interface Period {
  /** Canonical label: `2026`, `FY2026`, `2026-H1`, `FY2026-H1`, `2026-Q3`, `FY2026-Q3`, `2026-09`, `2026-07-01..2026-09-30`. */
  label: string;
  kind: PeriodKind;
  /** True for a fiscal year, half or quarter (or FQTD/FYTD) when the fiscal year does not start in January. */
  fiscal: boolean;
  /** First day (serial). */
  start: number;
  /** Last day (serial), inclusive. */
  end: number;
  /** For year, half, quarter and month: the (fiscal) year named in the label. */
  year?: number;
  /** For half (1–2), quarter (1–4) and month (1–12): its number in the (fiscal) year. */
  index?: number;
  /** For a to-date form: which one it was (its label is the range it resolved to). */
  toDate?: ToDateForm;
}

/** Options of parsePeriod. */
export interface PeriodOptions {
  /** FiscalYearStartMonth, 1–12 (default 1); plain forms ignore it, `FY` forms use it. */
  fiscalStartMonth?: number;
  /** The as-of date (serial) that MTD, QTD, YTD, FQTD and FYTD run up to. */
  asOf?: number;
  /** False to refuse the to-date forms with `#VALUE!` (PLAN.PERIODSTART / PLAN.PERIODEND). Default true. */
  allowToDate?: boolean;
}

const MONTHS_PER: Record<NamedPeriodKind, number> = { year: 12, half: 6, quarter: 3, month: 1 };
const TO_DATE: Record<string, ToDateForm> = { mtd: "MTD", qtd: "QTD", ytd: "YTD", fqtd: "FQTD", fytd: "FYTD" };
const QUARTER_DIGIT: Record<string, number> = { "1": 1, "2": 2, "3": 3, "4": 4, 一: 1, 二: 2, 三: 3, 四: 4 };

/** The grammar's reading of a text, before the fiscal start month and the as-of date are applied. */
type Syntax =
  | { t: "named"; kind: NamedPeriodKind; fiscal: boolean; year: number; index: number }
  | { t: "range"; start: number; end: number }
  | { t: "todate"; form: ToDateForm };

// The year that starts a period: `2026`, `2026年`, `2026年度`, `2026财年`, `FY2026`, `FY 2026`, `FY26`.
const HEAD = /^(?:fy ?(\d{4}|\d{2})|(\d{4})(财年|財年|年度|年)?)/;
// What may follow the year: `-H1` / `H1` / ` H1`, `-Q3` / `Q3` / ` Q3`, `上半年`, `第三季度` / `第3季度` / `三季度`.
const LATIN_SUB = /^[- ]?([hq])(\d)$/;
const CN_HALF = /^([上下])半年$/;
const CN_QUARTER = /^第?([1-4一二三四])季度?$/;
// Months (calendar only): `-09`, `-9`, `/09` after a bare year; `9月`, `09月`, `9月份` after `年`.
const MONTH_NUM = /^[-/](\d{1,2})$/;
const MONTH_CN = /^(\d{1,2})月份?$/;
// `Q3 2026`, `H1 2026`, `Q3 FY2026`.
const PREFIX_SUB = /^([hq])(\d) (.+)$/;

/**
 * Lower-cases, converts full-width forms, and drops spaces except a single one between two
 * letters or digits: `2026 年 第三 季度` → `2026年第三季度`, `2026 - Q3` → `2026-q3`, `Q3  2026` → `q3 2026`.
 */
function normalize(text: string): string {
  return halfWidth(text)
    .toLowerCase()
    .trim()
    .replace(/\s+/g, " ")
    .replace(/ (?![a-z0-9])|(?<![a-z0-9]) /g, "");
}

/** A half or quarter number from a letter and a digit, or null when out of range. */
function subPeriod(letter: string, digit: string): { kind: "half" | "quarter"; index: number } | null {
  const n = Number(digit);
  if (letter === "h") return n >= 1 && n <= 2 ? { kind: "half", index: n } : null;
  return n >= 1 && n <= 4 ? { kind: "quarter", index: n } : null;
}

/** Reads a year head and what follows it (or `Q3 <year>`); null when the text is no named period. */
function parseNamed(s: string, allowPrefix = true): Syntax | null {
  const pre = allowPrefix ? PREFIX_SUB.exec(s) : null;
  if (pre) {
    const head = parseNamed(pre[3]!, false);
    const sub = subPeriod(pre[1]!, pre[2]!);
    if (!head || head.t !== "named" || head.kind !== "year" || !sub) return null;
    return { ...head, ...sub };
  }
  const h = HEAD.exec(s);
  if (!h) return null;
  const fiscal = h[1] !== undefined || h[3] === "财年" || h[3] === "財年";
  const year = h[1] !== undefined ? (h[1].length === 2 ? 2000 + Number(h[1]) : Number(h[1])) : Number(h[2]);
  const suffix = h[3] ?? "";
  const tail = s.slice(h[0].length);
  const named = (kind: NamedPeriodKind, index: number): Syntax => ({ t: "named", kind, fiscal, year, index });

  if (tail === "") return named("year", 0);
  let m = LATIN_SUB.exec(tail);
  if (m) {
    const sub = subPeriod(m[1]!, m[2]!);
    return sub ? named(sub.kind, sub.index) : null;
  }
  if ((m = CN_HALF.exec(tail))) return named("half", m[1] === "上" ? 1 : 2);
  if ((m = CN_QUARTER.exec(tail))) return named("quarter", QUARTER_DIGIT[m[1]!]!);
  // Months are always calendar months: `FY2026-09` and `2026财年9月` are not periods.
  m = fiscal ? null : suffix === "" ? MONTH_NUM.exec(tail) : suffix === "年" ? MONTH_CN.exec(tail) : null;
  if (m) {
    const month = Number(m[1]);
    return month >= 1 && month <= 12 ? named("month", month) : null;
  }
  return null;
}

/** The grammar's reading of a normalized text, null when it is no period; `reversed` for a range ending before it starts. */
function parseSyntax(s: string): Syntax | "reversed" | null {
  if (Object.prototype.hasOwnProperty.call(TO_DATE, s)) return { t: "todate", form: TO_DATE[s]! }; // not `constructor`
  const dots = s.indexOf("..");
  if (dots >= 0) {
    const start = parseTextDate(s.slice(0, dots));
    const end = parseTextDate(s.slice(dots + 2));
    if (start === null || end === null) return null;
    return end < start ? "reversed" : { t: "range", start, end };
  }
  return parseNamed(s);
}

/** `#NUM!` when F is not a whole number from 1 to 12, else null. */
export function fiscalStartMonthError(fiscalStartMonth: number): ErrorValue | null {
  return Number.isInteger(fiscalStartMonth) && fiscalStartMonth >= 1 && fiscalStartMonth <= 12
    ? null
    : excelError("#NUM!", "periods.badFiscalStartMonth", { value: String(fiscalStartMonth) });
}

/** The fiscal year (named by the calendar year in which it ends) that holds a serial day, for fiscal start month F. */
export function fiscalYearOf(serial: number, fiscalStartMonth: number): number {
  const { y, m } = ymdFromSerial(serial);
  return fiscalStartMonth !== 1 && m >= fiscalStartMonth ? y + 1 : y;
}

/** Label of a date range: `2026-07-01..2026-09-30`. */
export function rangeLabel(start: number, end: number): string {
  return `${isoFromSerial(start)}..${isoFromSerial(end)}`;
}

/** Builds a named period without checking its days against the supported range. */
function namedPeriod(kind: NamedPeriodKind, year: number, index: number, fiscalForm: boolean, F: number): Period {
  const fiscal = fiscalForm && kind !== "month" && F !== 1;
  const f = fiscal ? F : 1;
  const firstYear = fiscal ? year - 1 : year; // the calendar year in which the (fiscal) year starts
  const len = MONTHS_PER[kind];
  const first = kind === "year" ? f : f + len * (index - 1);
  const start = monthStartSerial(firstYear, first);
  const end = monthStartSerial(firstYear, first + len) - 1;
  const y = String(year).padStart(4, "0");
  const name = fiscal ? `FY${y}` : y;
  const label =
    kind === "year" ? name : kind === "half" ? `${name}-H${index}` : kind === "quarter" ? `${name}-Q${index}` : `${y}-${String(index).padStart(2, "0")}`;
  return kind === "year" ? { label, kind, fiscal, start, end, year } : { label, kind, fiscal, start, end, year, index };
}

/** The period itself, or `#NUM!` when some of its days fall outside 1900-03-01 … 9999-12-31. */
function inRange(p: Period): Period | ErrorValue {
  return p.start >= MIN_DATE_SERIAL && p.end <= MAX_DATE_SERIAL ? p : excelError("#NUM!", "periods.outOfRange", { label: p.label });
}

/** The whole-day serial of a date argument, or `#NUM!` when it is not a day in 1900-03-01 … 9999-12-31. */
function dayArg(serial: number): number | ErrorValue {
  const n = Math.floor(serial);
  return Number.isFinite(n) && n >= MIN_DATE_SERIAL && n <= MAX_DATE_SERIAL
    ? n
    : excelError("#NUM!", "periods.dateOutOfRange", { value: String(serial) });
}

/** The text shown back in an error message: trimmed, and cut to 40 characters. */
function shown(text: string): string {
  const s = text.trim();
  const chars = Array.from(s);
  return chars.length > 40 ? `${chars.slice(0, 40).join("")}…` : s;
}

/**
 * Parses a period (review.md grammar) into its days and canonical label. Case-insensitive,
 * surrounding spaces ignored; a number (2026) reads as its text. Text that is no period, or a
 * range ending before it starts → `#VALUE!` listing the accepted forms; a to-date form without
 * `asOf` → `#VALUE!`; F outside 1–12, a bad `asOf`, or days outside 1900-03-01 … 9999-12-31 → `#NUM!`.
 */
export function parsePeriod(input: string | number, opts: PeriodOptions = {}): Period | ErrorValue {
  const text = typeof input === "string" ? input : typeof input === "number" && Number.isFinite(input) ? String(input) : null;
  if (text === null) return excelError("#VALUE!", "periods.invalid", { input: typeof input === "number" ? String(input) : "" });
  const syntax = parseSyntax(normalize(text));
  if (syntax === null) return excelError("#VALUE!", "periods.invalid", { input: shown(text) });
  if (syntax === "reversed") return excelError("#VALUE!", "periods.rangeReversed", { input: shown(text) });
  if (syntax.t === "todate" && opts.allowToDate === false) return excelError("#VALUE!", "periods.toDateNotAllowed", { input: syntax.form });

  const F = opts.fiscalStartMonth ?? 1;
  const badF = fiscalStartMonthError(F);
  if (badF) return badF;

  switch (syntax.t) {
    case "named":
      return inRange(namedPeriod(syntax.kind, syntax.year, syntax.index, syntax.fiscal, F));
    case "range":
      return inRange({ label: rangeLabel(syntax.start, syntax.end), kind: "range", fiscal: false, start: syntax.start, end: syntax.end });
    case "todate": {
      if (opts.asOf == null) return excelError("#VALUE!", "periods.asOfRequired", { input: syntax.form });
      const asOf = dayArg(opts.asOf);
      if (typeof asOf !== "number") return asOf;
      const form = syntax.form;
      const kind: NamedPeriodKind = form === "MTD" ? "month" : form === "QTD" || form === "FQTD" ? "quarter" : "year";
      const fiscal = (form === "FQTD" || form === "FYTD") && F !== 1;
      const holder = periodContaining(kind, asOf, { fiscalStartMonth: F, fiscal });
      if (isError(holder)) return holder;
      return { label: rangeLabel(holder.start, asOf), kind: "todate", fiscal, start: holder.start, end: asOf, toDate: form };
    }
  }
}

/**
 * The named period of `kind` holding serial day `serial`, moved by `offset` periods (−1: the
 * previous one): "this quarter", "last month". `fiscal` (default true) uses the fiscal year of
 * `fiscalStartMonth` (default 1, the calendar year) for years, halves and quarters; months are
 * always calendar. F outside 1–12, a day or result outside 1900-03-01 … 9999-12-31, or a
 * non-integer offset → `#NUM!`.
 */
export function periodContaining(
  kind: NamedPeriodKind,
  serial: number,
  opts: { fiscalStartMonth?: number; fiscal?: boolean; offset?: number } = {},
): Period | ErrorValue {
  const F = opts.fiscalStartMonth ?? 1;
  const badF = fiscalStartMonthError(F);
  if (badF) return badF;
  const day = dayArg(serial);
  if (typeof day !== "number") return day;
  const offset = opts.offset ?? 0;
  if (!Number.isInteger(offset)) return excelError("#NUM!", "periods.badOffset", { value: String(offset) });

  const fiscal = (opts.fiscal ?? true) && kind !== "month" && F !== 1;
  const { y, m } = ymdFromSerial(day);
  const year = fiscal ? fiscalYearOf(day, F) : y;
  const monthInYear = fiscal ? (m - F + 12) % 12 : m - 1; // 0 … 11 from the start of the (fiscal) year
  const perYear = 12 / MONTHS_PER[kind];
  const n = year * perYear + Math.floor(monthInYear / MONTHS_PER[kind]) + offset;
  const newYear = Math.floor(n / perYear);
  const index = n - newYear * perYear + 1;
  if (!Number.isSafeInteger(n) || newYear < 1 || newYear > 10_000) {
    return excelError("#NUM!", "periods.dateOutOfRange", { value: String(serial) });
  }
  return inRange(namedPeriod(kind, newYear, index, fiscal, F));
}

/** First day (serial) of a period, as PLAN.PERIODSTART: to-date forms are `#VALUE!`. */
export function periodStart(period: string | number, fiscalStartMonth?: number): number | ErrorValue {
  const p = parsePeriod(period, { fiscalStartMonth, allowToDate: false });
  return isError(p) ? p : p.start;
}

/** Last day (serial) of a period, as PLAN.PERIODEND: to-date forms are `#VALUE!`. */
export function periodEnd(period: string | number, fiscalStartMonth?: number): number | ErrorValue {
  const p = parsePeriod(period, { fiscalStartMonth, allowToDate: false });
  return isError(p) ? p : p.end;
}
