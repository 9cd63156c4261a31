/**
 * What Excel does with a value written through Range.values / Range.formulas, and how it
 * shows a value (Range.text). Docs:
 * - https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-values-member
 *   ("If the returned value starts with a plus ("+"), minus ("-"), or equal sign ("="), Excel
 *   interprets this value as a formula"; ISO dates (YYYY-MM-DD) are stored as dates).
 * - https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-blank-null-values
 *   (null in a 2-D array leaves the cell unchanged; "" clears it / resets the number format).
 * - Text number format "@": the cell keeps what is written as text
 *   (https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-numberformat-member,
 *   ../shared/FIELD-NOTES.md "Writing cells and formulas").
 */
import { daysInMonth, serialFromYmd, ymdFromSerial } from "../../../src/core/dates";
import { EXCEL_ERROR_CODES } from "../../../src/core/errors";
import { officeError } from "./errors";
import { type FakeScalar, isFakeError } from "./model";

/** What a written input becomes: a value or a formula, and a number format Excel applies by itself. */
export interface ParsedInput {
  value: FakeScalar;
  formula?: string;
  /** Set when Excel picks a format for a General cell (dates, percentages). */
  autoFormat?: string;
}

const NUMBER = /^[+-]?(?:\d+|\d{1,3}(?:,\d{3})+)?(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const PERCENT = /^([+-]?(?:\d+(?:\.\d+)?|\.\d+))\s*%$/;
const ISO_DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

function dateSerial(y: number, m: number, d: number): number | null {
  if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return serialFromYmd(y, m, d);
}

/**
 * Parses one written input the way Excel (en-US) does for a cell whose number format is `format`.
 * Non-string inputs are taken as they are.
 */
export function parseInput(input: unknown, format: string | undefined): ParsedInput {
  if (typeof input === "number") {
    if (!Number.isFinite(input)) throw officeError("InvalidArgument", "The argument is invalid or missing or has an incorrect format: a number must be finite.");
    return { value: input };
  }
  if (typeof input === "boolean") return { value: input };
  if (typeof input !== "string") {
    throw officeError("InvalidArgument", `The argument is invalid or missing or has an incorrect format: cannot write ${typeof input} into a cell.`);
  }
  if (input === "") return { value: null };
  if (format === "@") return { value: input };
  if (input.startsWith("'")) return { value: input.slice(1) };
  const s = input.trim();
  if (input.startsWith("=") && input.length > 1) return { value: null, formula: input };
  if (NUMBER.test(s) && /\d/.test(s)) return { value: Number(s.replace(/,/g, "")) };
  if ((input.startsWith("+") || input.startsWith("-")) && input.length > 1) return { value: null, formula: `=${input}` };
  const pct = PERCENT.exec(s);
  if (pct) return { value: Number(pct[1]) / 100, autoFormat: "0%" };
  if (/^(true|false)$/i.test(s)) return { value: s.toLowerCase() === "true" };
  const iso = ISO_DATE.exec(s);
  if (iso) {
    const serial = dateSerial(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    if (serial !== null) {
      const time = iso[4] === undefined ? 0 : (Number(iso[4]) * 3600 + Number(iso[5]) * 60 + Number(iso[6] ?? 0)) / 86400;
      return { value: serial + time, autoFormat: time ? "yyyy-mm-dd hh:mm" : "yyyy-mm-dd" };
    }
  }
  const us = US_DATE.exec(s);
  if (us) {
    const serial = dateSerial(Number(us[3]), Number(us[1]), Number(us[2]));
    if (serial !== null) return { value: serial, autoFormat: "m/d/yyyy" };
  }
  if ((EXCEL_ERROR_CODES as readonly string[]).includes(s.toUpperCase())) return { value: { error: s.toUpperCase() } };
  return { value: input };
}

/** Office.js `values` of a stored value: errors as their text, blanks as "". */
export function apiValue(v: FakeScalar): number | string | boolean {
  if (v === null) return "";
  if (isFakeError(v)) return v.error;
  return v;
}

/** Office.js `valueTypes` of a stored value (Excel.RangeValueType). */
export function valueType(v: FakeScalar): "Empty" | "String" | "Double" | "Boolean" | "Error" {
  if (v === null) return "Empty";
  if (isFakeError(v)) return "Error";
  if (typeof v === "number") return "Double";
  if (typeof v === "boolean") return "Boolean";
  return "String";
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, "0");
}

/** Display text of a value under a number format (the common codes only). */
export function displayText(v: FakeScalar, format: string | undefined): string {
  if (v === null) return "";
  if (isFakeError(v)) return v.error;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "string") return v;
  const f = format ?? "General";
  if (f === "General" || f === "@") return String(Number(v.toPrecision(11)));
  if (/[yd]/i.test(f) && v >= 0) {
    const { y, m, d } = ymdFromSerial(Math.floor(v));
    return f
      .replace(/yyyy/gi, String(y))
      .replace(/mm/g, pad(m))
      .replace(/dd/gi, pad(d))
      .replace(/(^|[^a-z])m(?=[^a-z]|$)/g, `$1${m}`)
      .replace(/(^|[^a-z])d(?=[^a-z]|$)/g, `$1${d}`)
      .replace(/;@$/, "");
  }
  const pct = /^0(?:\.(0+))?%$/.exec(f);
  if (pct) return `${(v * 100).toFixed(pct[1]?.length ?? 0)}%`;
  const num = /^(#,##)?0(?:\.(0+))?$/.exec(f);
  if (num) {
    const fixed = v.toFixed(num[2]?.length ?? 0);
    if (!num[1]) return fixed;
    const [int, frac] = fixed.split(".");
    const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return frac === undefined ? grouped : `${grouped}.${frac}`;
  }
  return String(v);
}

/**
 * UTF-8 length of a string (what a JSON request body costs). Node's own count, not the port's
 * (ports/excel/batch.ts has its own for the browser): the fake checks the port, so it must not
 * share its arithmetic.
 */
export function utf8Length(s: string): number {
  return Buffer.byteLength(s, "utf8");
}

/** Approximate size in bytes of a value sent to or from Excel as JSON. */
export function jsonBytes(v: unknown): number {
  return v === undefined ? 0 : utf8Length(JSON.stringify(v) ?? "");
}
