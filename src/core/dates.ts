/**
 * Excel serial dates in the 1900 date system. Serial n ≥ 61 is 1899-12-30 + n days;
 * serial 60 is Excel's fictitious 1900-02-29 (the Lotus 1-2-3 leap-year bug Excel keeps);
 * serials 1–59 are 1900-01-01 … 1900-02-28. Pure integer math on UTC days, no time zones.
 */

const MS_PER_DAY = 86_400_000;
/** Days from 1970-01-01 back to 1899-12-30, Excel's day 0 for serials ≥ 61. */
const EPOCH_OFFSET = 25_569;

/** First and last serial of a whole-day date argument (1900-03-01 … 9999-12-31). */
export const MIN_DATE_SERIAL = 61;
export const MAX_DATE_SERIAL = 2_958_465;

/** Offset between the 1904 and 1900 date systems (1904-01-01 is 1462 in the 1900 system). */
export const DATE1904_OFFSET = 1462;

/** A calendar date. */
export interface Ymd {
  y: number;
  m: number; // 1–12
  d: number; // 1–31
}

/** True when y is a Gregorian leap year. */
export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Number of days in month m (1–12) of year y. */
export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}

/** True when y-m-d is a real calendar date. */
export function isValidYmd(y: number, m: number, d: number): boolean {
  return Number.isInteger(y) && Number.isInteger(m) && Number.isInteger(d) && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** Excel serial of a calendar date (1900 system); 1900-02-29 gives Excel's serial 60. */
export function serialFromYmd(y: number, m: number, d: number): number {
  if (y === 1900 && m === 2 && d === 29) return 60;
  const days = Math.round(Date.UTC(y, m - 1, d) / MS_PER_DAY) + EPOCH_OFFSET;
  // Before 1900-03-01 Excel counts from 1900-01-01 = 1, one less than the true day count.
  return days < 61 ? days - 1 : days;
}

/** Calendar date of a serial's whole day (the time fraction is dropped); serial 60 is 1900-02-29. */
export function ymdFromSerial(serial: number): Ymd {
  const n = Math.floor(serial);
  if (n === 60) return { y: 1900, m: 2, d: 29 };
  const days = n < 60 ? n + 1 : n;
  const dt = new Date((days - EPOCH_OFFSET) * MS_PER_DAY);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

/** ISO `YYYY-MM-DD` of a serial's whole day. */
export function isoFromSerial(serial: number): string {
  const { y, m, d } = ymdFromSerial(serial);
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** Serial of the first day of month m of year y; m may run past 12 or below 1 (rolls the year). */
export function monthStartSerial(y: number, m: number): number {
  const yy = y + Math.floor((m - 1) / 12);
  const mm = ((((m - 1) % 12) + 12) % 12) + 1;
  return serialFromYmd(yy, mm, 1);
}

/** Serial of the last day of month m of year y (m may roll as in monthStartSerial). */
export function monthEndSerial(y: number, m: number): number {
  return monthStartSerial(y, m + 1) - 1;
}

/** The machine's local date today, as a serial ("today" in the spec is the local date). */
export function todaySerial(now: Date = new Date()): number {
  return serialFromYmd(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

/** Converts a serial of the 1904 date system (old Mac workbooks) to the 1900 system. */
export function from1904(serial: number): number {
  return serial + DATE1904_OFFSET;
}

/** Serial of a JavaScript Date's local calendar day plus time-of-day fraction. */
export function serialFromJsDate(dt: Date): number {
  const day = serialFromYmd(dt.getFullYear(), dt.getMonth() + 1, dt.getDate());
  const ms = dt.getHours() * 3_600_000 + dt.getMinutes() * 60_000 + dt.getSeconds() * 1000 + dt.getMilliseconds();
  return day + ms / MS_PER_DAY;
}

/** Serial of a Date read as UTC wall-clock time (how xlsx libraries hand out cell dates). */
export function serialFromUtcDate(dt: Date): number {
  return dt.getTime() / MS_PER_DAY + EPOCH_OFFSET - (dt.getTime() / MS_PER_DAY + EPOCH_OFFSET < 61 ? 1 : 0);
}

/** A Date at UTC midnight (plus fraction) for a serial, the inverse of serialFromUtcDate. */
export function utcDateFromSerial(serial: number): Date {
  const days = serial < 61 ? serial + 1 : serial;
  return new Date(Math.round((days - EPOCH_OFFSET) * MS_PER_DAY));
}

const FULLWIDTH_DIGITS = /[０-９]/g;
/** Replaces full-width digits with ASCII ones. */
function asciiDigits(s: string): string {
  return s.replace(FULLWIDTH_DIGITS, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

// YYYY-M-D, YYYY/M/D or YYYY年M月D日 (one- or two-digit month and day), then an optional
// time of day (`10:30`, `10:30:15`, `T10:30:00Z`, `10时30分`), which is dropped.
const TEXT_DATE =
  /^(\d{4})(?:-(\d{1,2})-(\d{1,2})|\/(\d{1,2})\/(\d{1,2})|\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?)(?:(?:[T\s]\s*|\s*)(\d{1,2})(?::(\d{2})(?::(\d{2})(?:\.\d+)?)?|\s*[时點点]\s*(?:\d{1,2}\s*分?\s*(?:\d{1,2}\s*秒)?)?)\s*(?:Z|[+-]\d{2}:?\d{2}|[AaPp][Mm])?)?$/;

/**
 * Serial of a text date (`2026-9-30`, `2026/09/30`, `2026年9月30日`, each optionally with a
 * time of day, which is dropped), or null when the text is not such a date. Day-first and
 * month-first forms (`9/30/2026`) are ambiguous and are not dates.
 */
export function parseTextDate(text: string): number | null {
  const s = asciiDigits(text.trim());
  const mt = TEXT_DATE.exec(s);
  if (!mt) return null;
  const y = Number(mt[1]);
  const m = Number(mt[2] ?? mt[4] ?? mt[6]);
  const d = Number(mt[3] ?? mt[5] ?? mt[7]);
  if (!isValidYmd(y, m, d)) return null;
  if (mt[8] !== undefined) {
    const hh = Number(mt[8]);
    const mm = mt[9] === undefined ? 0 : Number(mt[9]);
    const ss = mt[10] === undefined ? 0 : Number(mt[10]);
    if (hh > 23 || mm > 59 || ss > 59) return null;
  }
  const serial = serialFromYmd(y, m, d);
  return serial >= 1 && serial <= MAX_DATE_SERIAL ? serial : null;
}
