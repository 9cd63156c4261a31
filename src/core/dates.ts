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

// Days from 1970-01-01 of a proleptic Gregorian date, and back (H. Hinnant's civil-date
// algorithms). Pure integer arithmetic, valid for every year, unlike Date.UTC, which reads
// years 0–99 as 1900–1999.
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400; // 0 … 399
  const mp = m > 2 ? m - 3 : m + 9; // March = 0 … February = 11
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function civilFromDays(days: number): Ymd {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097; // 0 … 146096
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/**
 * Excel serial of a calendar date (1900 system); 1900-02-29 gives Excel's serial 60.
 * Like Date.UTC, a month outside 1–12 rolls the year and a day outside the month rolls
 * the month (2026-02-30 is 2026-03-02); check with isValidYmd first where that matters.
 */
export function serialFromYmd(y: number, m: number, d: number): number {
  if (y === 1900 && m === 2 && d === 29) return 60;
  const yy = y + Math.floor((m - 1) / 12);
  const mm = ((((m - 1) % 12) + 12) % 12) + 1;
  const days = daysFromCivil(yy, mm, d) + EPOCH_OFFSET;
  // Before 1900-03-01 Excel counts from 1900-01-01 = 1, one less than the true day count.
  return days < MIN_DATE_SERIAL ? days - 1 : days;
}

/** Calendar date of a serial's whole day (the time fraction is dropped); serial 60 is 1900-02-29, serial 0 is 1899-12-31. */
export function ymdFromSerial(serial: number): Ymd {
  const n = Math.floor(serial);
  if (n === 60) return { y: 1900, m: 2, d: 29 };
  return civilFromDays((n < 60 ? n + 1 : n) - EPOCH_OFFSET);
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
  const days = dt.getTime() / MS_PER_DAY + EPOCH_OFFSET;
  return days < MIN_DATE_SERIAL ? days - 1 : days;
}

/**
 * A Date at UTC midnight (plus fraction) for a serial, the inverse of serialFromUtcDate.
 * Serial 60 (the fictitious 1900-02-29) has no Date and comes out as 1900-03-01.
 */
export function utcDateFromSerial(serial: number): Date {
  const days = serial < MIN_DATE_SERIAL ? serial + 1 : serial;
  return new Date(Math.round((days - EPOCH_OFFSET) * MS_PER_DAY));
}

/** Replaces full-width ASCII forms (`２０２６`, `／`, `：`, `Ｑ`) and the ideographic space with their half-width forms. */
export function halfWidth(s: string): string {
  return s.replace(/[\uff01-\uff5e\u3000]/g, (c) => (c === "\u3000" ? " " : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

// The date: YYYY-M-D, YYYY/M/D (one separator, used twice) or YYYY年M月D日 (spaces allowed
// around the Chinese characters, 日 or 号 optional); one- or two-digit month and day.
// Whatever follows is `rest`, which must be empty or a time of day.
const TEXT_DATE = /^(\d{4})(?:([-/])(\d{1,2})\2(\d{1,2})|\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})(?:\s*([日号]))?)(.*)$/s;

// A time of day after the date: `T` or spaces (none needed after 日), then `10:30`,
// `10:30:15.250`, `10:30 PM`, `10:30:00Z`, `10:30+08:00`, `下午3:00` or `10时30分15秒` / `10点`.
const TIME_OF_DAY =
  /^(?:t|\s+)?(?:(上午|下午)\s*)?(\d{1,2})(?::(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:\s*(am|pm))?(?:\s*(?:z|[+-]\d{2}(?::?\d{2})?))?|\s*[时點点](?:\s*(\d{1,2})\s*分(?:\s*(\d{1,2})\s*秒)?)?)$/i;

/** True when `rest` (the text after a date) is empty or a valid time of day. */
function isTimeOfDay(rest: string, afterDayChar: boolean): boolean {
  if (rest === "") return true;
  if (!afterDayChar && !/^(?:t|\s|上午|下午)/i.test(rest)) return false; // `2026-9-3010:30` is not a date
  const t = TIME_OF_DAY.exec(rest);
  if (!t) return false;
  const twelveHour = t[1] !== undefined || t[5] !== undefined;
  const hh = Number(t[2]);
  const mm = Number(t[3] ?? t[6] ?? 0);
  const ss = Number(t[4] ?? t[7] ?? 0);
  return hh <= (twelveHour ? 12 : 23) && mm <= 59 && ss <= 59;
}

/**
 * Serial of a text date (`2026-9-30`, `2026/09/30`, `2026年9月30日`, each optionally with a
 * time of day, which is dropped), or null when the text is not such a date. Day-first and
 * month-first forms (`9/30/2026`) are ambiguous and are not dates; nor are impossible days
 * (`2026-02-30`). `1900-02-29` is Excel's serial 60. Dates before 1900 are null.
 */
export function parseTextDate(text: string): number | null {
  if (typeof text !== "string") return null;
  const mt = TEXT_DATE.exec(halfWidth(text).trim());
  if (!mt) return null;
  const y = Number(mt[1]);
  const m = Number(mt[3] ?? mt[5]);
  const d = Number(mt[4] ?? mt[6]);
  if (!isTimeOfDay(mt[8] ?? "", mt[7] !== undefined)) return null;
  if (!isValidYmd(y, m, d) && !(y === 1900 && m === 2 && d === 29)) return null;
  const serial = serialFromYmd(y, m, d);
  return serial >= 1 && serial <= MAX_DATE_SERIAL ? serial : null;
}
