import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  daysInMonth,
  from1904,
  halfWidth,
  isLeapYear,
  isoFromSerial,
  isValidYmd,
  MAX_DATE_SERIAL,
  MIN_DATE_SERIAL,
  monthEndSerial,
  monthStartSerial,
  parseTextDate,
  serialFromJsDate,
  serialFromUtcDate,
  serialFromYmd,
  todaySerial,
  utcDateFromSerial,
  ymdFromSerial,
} from "../../src/core/dates";

// Hand-worked anchors: 2025-01-01 is 45658 (plan-workbook.md); 2026-01-01 = 45658 + 365;
// 2026-07-01 = 46023 + 181 (Jan…Jun); 2026-09-30 = 46204 + 31 + 31 + 29;
// 2024-01-01 = 45658 − 366; 2024-02-29 = 45292 + 31 + 28.
const S_2025_01_01 = 45658;
const S_2026_01_01 = 46023;
const S_2026_07_01 = 46204;
const S_2026_09_30 = 46295;
const S_2024_01_01 = 45292;
const S_2024_02_29 = 45351;

describe("1900 serials and Excel's leap-year quirk", () => {
  it("serials 1, 59, 60, 61", () => {
    expect(serialFromYmd(1900, 1, 1)).toBe(1);
    expect(serialFromYmd(1900, 1, 31)).toBe(31);
    expect(serialFromYmd(1900, 2, 28)).toBe(59);
    expect(serialFromYmd(1900, 2, 29)).toBe(60);
    expect(serialFromYmd(1900, 3, 1)).toBe(61);
    expect(ymdFromSerial(1)).toEqual({ y: 1900, m: 1, d: 1 });
    expect(ymdFromSerial(59)).toEqual({ y: 1900, m: 2, d: 28 });
    expect(ymdFromSerial(60)).toEqual({ y: 1900, m: 2, d: 29 });
    expect(ymdFromSerial(61)).toEqual({ y: 1900, m: 3, d: 1 });
    expect(isoFromSerial(59)).toBe("1900-02-28");
    expect(isoFromSerial(60)).toBe("1900-02-29");
    expect(isoFromSerial(61)).toBe("1900-03-01");
    expect(MIN_DATE_SERIAL).toBe(61);
  });
  it("1900 is not a real leap year", () => {
    expect(isLeapYear(1900)).toBe(false);
    expect(isValidYmd(1900, 2, 29)).toBe(false);
    expect(daysInMonth(1900, 2)).toBe(28);
  });
  it("known anchors", () => {
    expect(serialFromYmd(2025, 1, 1)).toBe(S_2025_01_01);
    expect(serialFromYmd(2026, 1, 1)).toBe(S_2026_01_01);
    expect(serialFromYmd(2026, 7, 1)).toBe(S_2026_07_01);
    expect(serialFromYmd(2026, 9, 30)).toBe(S_2026_09_30);
    expect(serialFromYmd(2024, 1, 1)).toBe(S_2024_01_01);
    expect(serialFromYmd(2024, 2, 29)).toBe(S_2024_02_29);
    expect(serialFromYmd(2024, 3, 1)).toBe(S_2024_02_29 + 1);
    expect(serialFromYmd(9999, 12, 31)).toBe(MAX_DATE_SERIAL);
    expect(isoFromSerial(MAX_DATE_SERIAL)).toBe("9999-12-31");
    expect(isoFromSerial(S_2025_01_01)).toBe("2025-01-01");
    expect(ymdFromSerial(S_2024_02_29)).toEqual({ y: 2024, m: 2, d: 29 });
  });
  it("the time fraction is dropped", () => {
    expect(ymdFromSerial(S_2026_09_30 + 0.999)).toEqual({ y: 2026, m: 9, d: 30 });
    expect(isoFromSerial(60.5)).toBe("1900-02-29");
  });
  it("years 0–99 are not read as 1900–1999 (Date.UTC's trap)", () => {
    expect(ymdFromSerial(serialFromYmd(99, 1, 1))).toEqual({ y: 99, m: 1, d: 1 });
    expect(serialFromYmd(1999, 1, 1) - serialFromYmd(99, 1, 1)).toBeGreaterThan(365 * 1899);
  });
  it("month and day roll like Date.UTC", () => {
    expect(isoFromSerial(serialFromYmd(2026, 2, 30))).toBe("2026-03-02");
    expect(isoFromSerial(serialFromYmd(2026, 13, 1))).toBe("2027-01-01");
    expect(isoFromSerial(serialFromYmd(2026, 0, 1))).toBe("2025-12-01");
    expect(isoFromSerial(serialFromYmd(2026, 3, 0))).toBe("2026-02-28");
  });
  it("month start and end, with rolling months", () => {
    expect(isoFromSerial(monthStartSerial(2026, 13))).toBe("2027-01-01");
    expect(isoFromSerial(monthStartSerial(2026, 0))).toBe("2025-12-01");
    expect(isoFromSerial(monthStartSerial(2026, -11))).toBe("2025-01-01");
    expect(isoFromSerial(monthEndSerial(2024, 2))).toBe("2024-02-29");
    expect(isoFromSerial(monthEndSerial(2023, 2))).toBe("2023-02-28");
    expect(isoFromSerial(monthEndSerial(2100, 2))).toBe("2100-02-28");
    expect(isoFromSerial(monthEndSerial(2000, 2))).toBe("2000-02-29");
    expect(isoFromSerial(monthEndSerial(2026, 12))).toBe("2026-12-31");
  });
  it("1904 system, JS dates, UTC dates", () => {
    expect(from1904(0)).toBe(serialFromYmd(1904, 1, 1));
    expect(serialFromJsDate(new Date(2026, 8, 30, 18, 0))).toBe(S_2026_09_30 + 0.75);
    expect(todaySerial(new Date(2026, 8, 30, 23, 59))).toBe(S_2026_09_30);
    expect(serialFromUtcDate(new Date(Date.UTC(2026, 8, 30, 12)))).toBe(S_2026_09_30 + 0.5);
    expect(serialFromUtcDate(new Date(Date.UTC(1900, 2, 1)))).toBe(61);
    expect(serialFromUtcDate(new Date(Date.UTC(1900, 1, 28)))).toBe(59);
    expect(utcDateFromSerial(S_2026_09_30).toISOString()).toBe("2026-09-30T00:00:00.000Z");
    expect(utcDateFromSerial(59).toISOString()).toBe("1900-02-28T00:00:00.000Z");
    expect(utcDateFromSerial(61).toISOString()).toBe("1900-03-01T00:00:00.000Z");
  });
  it("half-width conversion", () => {
    expect(halfWidth("２０２６－０９／３０　Ｑ３：")).toBe("2026-09/30 Q3:");
  });
});

describe("properties of serials", () => {
  const dayArb = fc.integer({ min: MIN_DATE_SERIAL, max: MAX_DATE_SERIAL });
  const ymdArb = fc
    .record({ y: fc.integer({ min: 1900, max: 9999 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 31 }) })
    .filter(({ y, m, d }) => isValidYmd(y, m, d) && !(y === 1900 && m < 3));

  it("ymd → serial → ymd round-trips over 1900-03-01 … 9999-12-31", () => {
    fc.assert(
      fc.property(ymdArb, ({ y, m, d }) => {
        const s = serialFromYmd(y, m, d);
        expect(s).toBeGreaterThanOrEqual(MIN_DATE_SERIAL);
        expect(s).toBeLessThanOrEqual(MAX_DATE_SERIAL);
        expect(ymdFromSerial(s)).toEqual({ y, m, d });
      }),
      { numRuns: 2000 },
    );
  });
  it("serial → ymd → serial round-trips, and agrees with an independent Date.UTC count", () => {
    const base = Date.UTC(1899, 11, 30);
    fc.assert(
      fc.property(dayArb, (s) => {
        const { y, m, d } = ymdFromSerial(s);
        expect(serialFromYmd(y, m, d)).toBe(s);
        expect((Date.UTC(y, m - 1, d) - base) / 86_400_000).toBe(s);
      }),
      { numRuns: 2000 },
    );
  });
  it("consecutive serials are consecutive calendar days", () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_DATE_SERIAL, max: MAX_DATE_SERIAL - 1 }), (s) => {
        const a = ymdFromSerial(s);
        const b = ymdFromSerial(s + 1);
        if (a.d < daysInMonth(a.y, a.m)) expect(b).toEqual({ y: a.y, m: a.m, d: a.d + 1 });
        else if (a.m < 12) expect(b).toEqual({ y: a.y, m: a.m + 1, d: 1 });
        else expect(b).toEqual({ y: a.y + 1, m: 1, d: 1 });
      }),
      { numRuns: 2000 },
    );
  });
  it("every month's start and end bracket exactly its days", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1901, max: 9999 }), fc.integer({ min: 1, max: 12 }), (y, m) => {
        expect(monthEndSerial(y, m) - monthStartSerial(y, m) + 1).toBe(daysInMonth(y, m));
      }),
    );
  });
  it("UTC Date round-trip away from serial 60", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_DATE_SERIAL }).filter((s) => s !== 60), (s) => {
        expect(serialFromUtcDate(utcDateFromSerial(s))).toBe(s);
      }),
    );
  });
});

describe("parseTextDate", () => {
  it.each([
    ["2026-09-30", S_2026_09_30],
    ["2026-9-30", S_2026_09_30],
    ["2026/09/30", S_2026_09_30],
    ["2026/9/30", S_2026_09_30],
    ["2026年9月30日", S_2026_09_30],
    ["2026年09月30日", S_2026_09_30],
    ["2026年9月30号", S_2026_09_30],
    ["2026年9月30", S_2026_09_30],
    ["2026 年 9 月 30 日", S_2026_09_30],
    ["  2026-9-30  ", S_2026_09_30],
    ["２０２６－０９－３０", S_2026_09_30],
    ["2026-7-1", S_2026_07_01],
    ["2025-01-01", S_2025_01_01],
    ["2024-02-29", S_2024_02_29],
    ["2000-02-29", serialFromYmd(2000, 2, 29)],
    ["1900-03-01", 61],
    ["1900-02-28", 59],
    ["1900-02-29", 60],
    ["1900-01-01", 1],
    ["9999-12-31", MAX_DATE_SERIAL],
  ])("%s → %d", (text, serial) => {
    expect(parseTextDate(text)).toBe(serial);
  });

  it.each([
    "2026-09-30 23:15",
    "2026-09-30 0:00",
    "2026-09-30T10:00:00",
    "2026-09-30t10:00:00.250Z",
    "2026-09-30T23:59:59+08:00",
    "2026-09-30 10:30 PM",
    "2026/9/30 10:30:15",
    "2026/9/30 12:00 am",
    "2026年9月30日 10:30",
    "2026年9月30日10:30",
    "2026年9月30日下午3:00",
    "2026年9月30日 10时30分",
    "2026年9月30日10点",
    "2026年9月30日 10时30分15秒",
    "2026年9月30 10:30",
  ])("time of day dropped: %s", (text) => {
    expect(parseTextDate(text)).toBe(S_2026_09_30);
  });

  it.each([
    "9/30/2026", // month-first
    "30/9/2026", // day-first
    "30.9.2026",
    "26-9-30",
    "2026-02-30", // no such day
    "2026-2-29", // 2026 is not a leap year
    "2100-02-29",
    "2026-13-01",
    "2026-00-10",
    "2026-09-00",
    "2026-9/30", // mixed separators
    "2026-009-30",
    "20260930",
    "2026-09",
    "2026-09-30x",
    "2026-9-3010:30", // time glued to the day
    "2026-09-30T",
    "2026-09-30 10",
    "2026-09-30 24:00",
    "2026-09-30 10:60",
    "2026-09-30 10:30:60",
    "2026-09-30 13:00 PM",
    "2026-09-30 10:30 tomorrow",
    "2026年9月30日 25点",
    "2026年9月30日 10时61分",
    "1899-12-31",
    "10000-01-01",
    "",
    "   ",
    "Q3 2026",
  ])("not a date: %s", (text) => {
    expect(parseTextDate(text)).toBeNull();
  });

  it("round-trips every written form of every date, with or without a time", () => {
    const pad = (n: number, w: number) => String(n).padStart(w, "0");
    fc.assert(
      fc.property(
        fc.integer({ min: MIN_DATE_SERIAL, max: MAX_DATE_SERIAL }),
        fc.constantFrom("-", "/", "年"),
        fc.boolean(),
        fc.option(fc.record({ h: fc.integer({ min: 0, max: 23 }), mi: fc.integer({ min: 0, max: 59 }) })),
        (s, form, padded, time) => {
          const { y, m, d } = ymdFromSerial(s);
          const mm = padded ? pad(m, 2) : String(m);
          const dd = padded ? pad(d, 2) : String(d);
          const date = form === "年" ? `${y}年${mm}月${dd}日` : `${y}${form}${mm}${form}${dd}`;
          const text = time ? `${date} ${time.h}:${pad(time.mi, 2)}` : date;
          expect(parseTextDate(text)).toBe(s);
          // Month-first and day-first spellings of the same date are never dates.
          expect(parseTextDate(`${m}/${d}/${y}`)).toBeNull();
          expect(parseTextDate(`${d}/${m}/${y}`)).toBeNull();
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("never throws, and returns null or a whole serial in range", () => {
    const check = (s: string) => {
      const r = parseTextDate(s);
      if (r !== null) {
        expect(Number.isInteger(r)).toBe(true);
        expect(r).toBeGreaterThanOrEqual(1);
        expect(r).toBeLessThanOrEqual(MAX_DATE_SERIAL);
      }
    };
    fc.assert(fc.property(fc.string(), check), { numRuns: 1000 });
    fc.assert(fc.property(fc.string({ unit: "binary" }), check), { numRuns: 1000 });
    fc.assert(
      fc.property(fc.stringMatching(/^\d{4}[-/年]\d{1,2}[-/月]\d{1,2}[日号]?[ T]?[\d:时点分秒apmAPMZ+-]{0,12}$/), check),
      { numRuns: 1000 },
    );
  });

  // Catastrophic backtracking would hang here and fail on the test timeout; no wall-clock limit.
  it("refuses long adversarial input", () => {
    for (const s of ["2026-09-30" + " ".repeat(50_000) + "x", "2026年" + " ".repeat(50_000) + "x", "2026-09-30 10:30" + " ".repeat(50_000) + "x"]) {
      expect(parseTextDate(s)).toBeNull();
    }
  }, 10_000);
});
