import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { isoFromSerial, MAX_DATE_SERIAL, MIN_DATE_SERIAL, serialFromYmd, ymdFromSerial } from "../../src/core/dates";
import { isError, type ErrorValue } from "../../src/core/errors";
import {
  fiscalStartMonthError,
  fiscalYearOf,
  parsePeriod,
  periodContaining,
  periodEnd,
  periodStart,
  type NamedPeriodKind,
  type Period,
  type PeriodOptions,
} from "../../src/core/periods";
import { allMessages, render, LANGS } from "../../src/i18n";
import { periodsMessages } from "../../src/i18n/messages/periods";

/** Parses and returns `label start end` (ISO) for compact golden assertions. */
function show(input: string | number, opts: PeriodOptions = {}): string {
  const p = parsePeriod(input, opts);
  if (isError(p)) return `${p.code} ${p.msg?.key ?? ""}`;
  return `${p.label} ${isoFromSerial(p.start)} ${isoFromSerial(p.end)}`;
}
function ok(input: string | number, opts: PeriodOptions = {}): Period {
  const p = parsePeriod(input, opts);
  if (isError(p)) throw new Error(`${String(input)}: ${p.code} ${p.msg?.key}`);
  return p;
}
function err(v: unknown): ErrorValue {
  if (!isError(v)) throw new Error(`expected an error, got ${JSON.stringify(v)}`);
  return v;
}
const iso = (y: number, m: number, d: number) => serialFromYmd(y, m, d);

describe("calendar forms (fiscalStartMonth is ignored by plain forms)", () => {
  for (const F of [1, 4, 10]) {
    describe(`F = ${F}`, () => {
      it.each([
        ["2026", "2026 2026-01-01 2026-12-31"],
        ["2026年", "2026 2026-01-01 2026-12-31"],
        ["2026年度", "2026 2026-01-01 2026-12-31"],
        [" 2026 ", "2026 2026-01-01 2026-12-31"],
        ["2026-H1", "2026-H1 2026-01-01 2026-06-30"],
        ["2026H1", "2026-H1 2026-01-01 2026-06-30"],
        ["2026h2", "2026-H2 2026-07-01 2026-12-31"],
        ["2026 H2", "2026-H2 2026-07-01 2026-12-31"],
        ["H1 2026", "2026-H1 2026-01-01 2026-06-30"],
        ["2026年上半年", "2026-H1 2026-01-01 2026-06-30"],
        ["2026年下半年", "2026-H2 2026-07-01 2026-12-31"],
        ["2026上半年", "2026-H1 2026-01-01 2026-06-30"],
        ["2026年H2", "2026-H2 2026-07-01 2026-12-31"],
        ["2026-Q3", "2026-Q3 2026-07-01 2026-09-30"],
        ["2026-q3", "2026-Q3 2026-07-01 2026-09-30"],
        ["2026Q3", "2026-Q3 2026-07-01 2026-09-30"],
        ["Q3 2026", "2026-Q3 2026-07-01 2026-09-30"],
        ["q3  2026", "2026-Q3 2026-07-01 2026-09-30"],
        ["2026 Q3", "2026-Q3 2026-07-01 2026-09-30"],
        ["2026 - Q3", "2026-Q3 2026-07-01 2026-09-30"],
        ["2026年Q3", "2026-Q3 2026-07-01 2026-09-30"],
        ["2026年第3季度", "2026-Q3 2026-07-01 2026-09-30"],
        ["2026年第三季度", "2026-Q3 2026-07-01 2026-09-30"],
        ["2026年三季度", "2026-Q3 2026-07-01 2026-09-30"],
        ["2026年3季度", "2026-Q3 2026-07-01 2026-09-30"],
        ["2026 年 第三 季度", "2026-Q3 2026-07-01 2026-09-30"],
        ["2026年第一季度", "2026-Q1 2026-01-01 2026-03-31"],
        ["2026年第二季度", "2026-Q2 2026-04-01 2026-06-30"],
        ["2026年第四季度", "2026-Q4 2026-10-01 2026-12-31"],
        ["2026-Q4", "2026-Q4 2026-10-01 2026-12-31"],
        ["2026-09", "2026-09 2026-09-01 2026-09-30"],
        ["2026-9", "2026-09 2026-09-01 2026-09-30"],
        ["2026/09", "2026-09 2026-09-01 2026-09-30"],
        ["2026/9", "2026-09 2026-09-01 2026-09-30"],
        ["2026年9月", "2026-09 2026-09-01 2026-09-30"],
        ["2026年09月", "2026-09 2026-09-01 2026-09-30"],
        ["2026年1月", "2026-01 2026-01-01 2026-01-31"],
        ["2026-12", "2026-12 2026-12-01 2026-12-31"],
        ["２０２６年９月", "2026-09 2026-09-01 2026-09-30"],
        ["2026-07-01..2026-09-30", "2026-07-01..2026-09-30 2026-07-01 2026-09-30"],
        ["2026-7-1..2026-9-30", "2026-07-01..2026-09-30 2026-07-01 2026-09-30"],
        ["2026/7/1 .. 2026年9月30日", "2026-07-01..2026-09-30 2026-07-01 2026-09-30"],
        ["2026-09-30..2026-09-30", "2026-09-30..2026-09-30 2026-09-30 2026-09-30"],
        ["2025-12-15..2026-01-15", "2025-12-15..2026-01-15 2025-12-15 2026-01-15"],
      ])("%s → %s", (input, expected) => {
        expect(show(input, { fiscalStartMonth: F })).toBe(expected);
      });
    });
  }

  it("a number reads as its text", () => {
    expect(show(2026)).toBe("2026 2026-01-01 2026-12-31");
    expect(show(2026, { fiscalStartMonth: 4 })).toBe("2026 2026-01-01 2026-12-31");
    expect(ok(2026)).toEqual(ok("2026"));
  });

  it("plain periods are calendar, with year and index", () => {
    expect(ok("2026年第三季度", { fiscalStartMonth: 4 })).toEqual({
      label: "2026-Q3",
      kind: "quarter",
      fiscal: false,
      start: iso(2026, 7, 1),
      end: iso(2026, 9, 30),
      year: 2026,
      index: 3,
    });
    expect(ok("2026年9月")).toMatchObject({ kind: "month", year: 2026, index: 9, fiscal: false });
    expect(ok("2026")).toMatchObject({ kind: "year", year: 2026, fiscal: false });
    expect(ok("2026-07-01..2026-09-30")).toMatchObject({ kind: "range", fiscal: false });
  });

  it("`2026年第三季度` and `2026-Q3` have the same label and days", () => {
    expect(ok("2026年第三季度")).toEqual(ok("2026-Q3"));
  });
});

describe("fiscal forms", () => {
  it.each([
    // F = 4: FY2026 is 2025-04-01 … 2026-03-31 (review.md)
    ["FY2026", "FY2026 2025-04-01 2026-03-31"],
    ["fy2026", "FY2026 2025-04-01 2026-03-31"],
    ["FY 2026", "FY2026 2025-04-01 2026-03-31"],
    ["FY26", "FY2026 2025-04-01 2026-03-31"],
    ["2026财年", "FY2026 2025-04-01 2026-03-31"],
    ["ＦＹ２０２６", "FY2026 2025-04-01 2026-03-31"],
    ["FY2026-H1", "FY2026-H1 2025-04-01 2025-09-30"],
    ["FY2026H2", "FY2026-H2 2025-10-01 2026-03-31"],
    ["H2 FY26", "FY2026-H2 2025-10-01 2026-03-31"],
    ["2026财年上半年", "FY2026-H1 2025-04-01 2025-09-30"],
    ["2026财年下半年", "FY2026-H2 2025-10-01 2026-03-31"],
    ["FY2026-Q1", "FY2026-Q1 2025-04-01 2025-06-30"],
    ["FY2026-Q2", "FY2026-Q2 2025-07-01 2025-09-30"],
    ["FY2026-Q3", "FY2026-Q3 2025-10-01 2025-12-31"],
    ["FY2026-Q4", "FY2026-Q4 2026-01-01 2026-03-31"],
    ["FY2026Q3", "FY2026-Q3 2025-10-01 2025-12-31"],
    ["FY26-Q3", "FY2026-Q3 2025-10-01 2025-12-31"],
    ["FY2026 Q3", "FY2026-Q3 2025-10-01 2025-12-31"],
    ["Q3 FY2026", "FY2026-Q3 2025-10-01 2025-12-31"],
    ["2026财年第三季度", "FY2026-Q3 2025-10-01 2025-12-31"],
    ["2026财年第3季度", "FY2026-Q3 2025-10-01 2025-12-31"],
    ["2026财年四季度", "FY2026-Q4 2026-01-01 2026-03-31"],
    ["2026财年Q1", "FY2026-Q1 2025-04-01 2025-06-30"],
  ])("F = 4: %s → %s", (input, expected) => {
    expect(show(input, { fiscalStartMonth: 4 })).toBe(expected);
  });

  it.each([
    // F = 10: FY2026 is 2025-10-01 … 2026-09-30
    ["FY2026", "FY2026 2025-10-01 2026-09-30"],
    ["FY2026-Q1", "FY2026-Q1 2025-10-01 2025-12-31"],
    ["FY2026-Q2", "FY2026-Q2 2026-01-01 2026-03-31"],
    ["FY2026-Q3", "FY2026-Q3 2026-04-01 2026-06-30"],
    ["FY2026-Q4", "FY2026-Q4 2026-07-01 2026-09-30"],
    ["FY2026-H1", "FY2026-H1 2025-10-01 2026-03-31"],
    ["FY2026-H2", "FY2026-H2 2026-04-01 2026-09-30"],
    ["2026财年第一季度", "FY2026-Q1 2025-10-01 2025-12-31"],
  ])("F = 10: %s → %s", (input, expected) => {
    expect(show(input, { fiscalStartMonth: 10 })).toBe(expected);
  });

  it("F = 1: fiscal forms are the calendar periods, with calendar labels", () => {
    expect(show("FY2026-Q3", { fiscalStartMonth: 1 })).toBe("2026-Q3 2026-07-01 2026-09-30");
    expect(show("FY2026", { fiscalStartMonth: 1 })).toBe("2026 2026-01-01 2026-12-31");
    expect(show("2026财年上半年")).toBe("2026-H1 2026-01-01 2026-06-30");
    expect(ok("FY2026-Q3")).toEqual(ok("2026-Q3"));
    expect(ok("FY26")).toEqual(ok("2026"));
  });

  it("a fiscal period carries fiscal, year and index", () => {
    expect(ok("2026财年第三季度", { fiscalStartMonth: 4 })).toEqual({
      label: "FY2026-Q3",
      kind: "quarter",
      fiscal: true,
      start: iso(2025, 10, 1),
      end: iso(2025, 12, 31),
      year: 2026,
      index: 3,
    });
  });

  it("F = 12 and F = 2 (fiscal years that straddle February)", () => {
    expect(show("FY2024", { fiscalStartMonth: 12 })).toBe("FY2024 2023-12-01 2024-11-30");
    expect(show("FY2024-Q1", { fiscalStartMonth: 12 })).toBe("FY2024-Q1 2023-12-01 2024-02-29");
    expect(show("FY2025-Q1", { fiscalStartMonth: 12 })).toBe("FY2025-Q1 2024-12-01 2025-02-28");
    expect(show("FY2024-Q4", { fiscalStartMonth: 2 })).toBe("FY2024-Q4 2023-11-01 2024-01-31");
    expect(show("FY2025-Q1", { fiscalStartMonth: 2 })).toBe("FY2025-Q1 2024-02-01 2024-04-30");
  });
});

describe("leap years", () => {
  it("calendar", () => {
    expect(show("2024-02")).toBe("2024-02 2024-02-01 2024-02-29");
    expect(show("2023-02")).toBe("2023-02 2023-02-01 2023-02-28");
    expect(show("2100-02")).toBe("2100-02 2100-02-01 2100-02-28");
    expect(show("2000-02")).toBe("2000-02 2000-02-01 2000-02-29");
    const q = ok("2024-Q1");
    expect(q.end - q.start + 1).toBe(91);
    const q23 = ok("2023-Q1");
    expect(q23.end - q23.start + 1).toBe(90);
    const y = ok("2024");
    expect(y.end - y.start + 1).toBe(366);
    expect(ok("2024-02-28..2024-03-01").end - ok("2024-02-28..2024-03-01").start + 1).toBe(3);
  });
  it("a fiscal year holding February 2024 has 366 days", () => {
    for (const [F, fy] of [[3, 2024], [4, 2024], [10, 2024], [12, 2024], [2, 2025]] as const) {
      const p = ok(`FY${fy}`, { fiscalStartMonth: F });
      expect(p.end - p.start + 1).toBe(366);
      expect(p.start <= iso(2024, 2, 29) && iso(2024, 2, 29) <= p.end).toBe(true);
    }
    expect(show("FY2024", { fiscalStartMonth: 3 })).toBe("FY2024 2023-03-01 2024-02-29");
    expect(show("FY2025", { fiscalStartMonth: 3 })).toBe("FY2025 2024-03-01 2025-02-28");
    expect(show("2024-02-29..2024-02-29")).toBe("2024-02-29..2024-02-29 2024-02-29 2024-02-29");
  });
});

describe("to-date forms", () => {
  const asOf = iso(2026, 8, 15); // a Saturday in fiscal Q2 (F = 4), Q4 (F = 10)
  it.each([
    ["MTD", 1, "2026-08-01..2026-08-15 2026-08-01 2026-08-15"],
    ["mtd", 4, "2026-08-01..2026-08-15 2026-08-01 2026-08-15"],
    ["QTD", 1, "2026-07-01..2026-08-15 2026-07-01 2026-08-15"],
    ["QTD", 5, "2026-07-01..2026-08-15 2026-07-01 2026-08-15"], // calendar: F ignored
    ["YTD", 1, "2026-01-01..2026-08-15 2026-01-01 2026-08-15"],
    ["YTD", 4, "2026-01-01..2026-08-15 2026-01-01 2026-08-15"],
    [" ytd ", 4, "2026-01-01..2026-08-15 2026-01-01 2026-08-15"],
    ["FQTD", 1, "2026-07-01..2026-08-15 2026-07-01 2026-08-15"],
    ["FQTD", 4, "2026-07-01..2026-08-15 2026-07-01 2026-08-15"],
    ["FQTD", 5, "2026-08-01..2026-08-15 2026-08-01 2026-08-15"], // quarters start May, Aug, Nov, Feb
    ["FQTD", 3, "2026-06-01..2026-08-15 2026-06-01 2026-08-15"], // Mar, Jun, Sep, Dec
    ["FYTD", 1, "2026-01-01..2026-08-15 2026-01-01 2026-08-15"],
    ["FYTD", 4, "2026-04-01..2026-08-15 2026-04-01 2026-08-15"],
    ["FYTD", 10, "2025-10-01..2026-08-15 2025-10-01 2026-08-15"],
    ["FYTD", 9, "2025-09-01..2026-08-15 2025-09-01 2026-08-15"],
  ])("%s with F = %d on 2026-08-15 → %s", (input, F, expected) => {
    expect(show(input, { fiscalStartMonth: F, asOf })).toBe(expected);
  });

  it("is labelled by the range it resolves to, which parses back to the same days", () => {
    const p = ok("YTD", { asOf });
    expect(p).toMatchObject({ kind: "todate", toDate: "YTD", fiscal: false, start: iso(2026, 1, 1), end: asOf });
    const back = ok(p.label);
    expect([back.label, back.start, back.end]).toEqual([p.label, p.start, p.end]);
    expect(ok("FYTD", { asOf, fiscalStartMonth: 4 })).toMatchObject({ fiscal: true, toDate: "FYTD" });
    expect(ok("FYTD", { asOf, fiscalStartMonth: 1 })).toMatchObject({ fiscal: false });
  });

  it("on the first day of its period it is one day; a time fraction in asOf is dropped", () => {
    expect(show("FYTD", { fiscalStartMonth: 4, asOf: iso(2026, 4, 1) })).toBe("2026-04-01..2026-04-01 2026-04-01 2026-04-01");
    expect(show("FQTD", { fiscalStartMonth: 4, asOf: iso(2026, 3, 31) })).toBe("2026-01-01..2026-03-31 2026-01-01 2026-03-31");
    expect(show("MTD", { asOf: iso(2024, 2, 29) + 0.75 })).toBe("2024-02-01..2024-02-29 2024-02-01 2024-02-29");
  });

  it("needs an as-of date; a bad one is #NUM!", () => {
    expect(show("YTD")).toBe("#VALUE! periods.asOfRequired");
    expect(show("YTD", { asOf: 10 })).toBe("#NUM! periods.dateOutOfRange");
    expect(show("YTD", { asOf: Number.NaN })).toBe("#NUM! periods.dateOutOfRange");
    expect(show("YTD", { asOf: MAX_DATE_SERIAL + 1 })).toBe("#NUM! periods.dateOutOfRange");
    expect(show("YTD", { asOf: iso(1900, 3, 15) })).toBe("#NUM! periods.outOfRange"); // would start 1900-01-01
    expect(show("MTD", { asOf: iso(1900, 3, 15) })).toBe("1900-03-01..1900-03-15 1900-03-01 1900-03-15");
  });

  it("can be refused (PLAN.PERIODSTART / PERIODEND)", () => {
    expect(show("YTD", { asOf, allowToDate: false })).toBe("#VALUE! periods.toDateNotAllowed");
  });
});

describe("errors", () => {
  it.each([
    "",
    "   ",
    "abc",
    "2026-Q5",
    "2026-Q0",
    "2026-H3",
    "2026-H0",
    "2026年第五季度",
    "2026-13",
    "2026-00",
    "2026-0",
    "2026年13月",
    "FY2026-09", // months are always calendar
    "2026财年9月",
    "FY2026年",
    "2026-09-30", // a single day is not a period
    "2026-9-30",
    "9/30/2026",
    "09/2026",
    "Sep 2026",
    "202",
    "20261",
    "12026",
    "FY202",
    "FY2",
    "2026年度9月",
    "Q3-2026",
    "Q3",
    "2026-Q3-1",
    "2026..2027",
    "2026-02-30..2026-03-31",
    "2026-07-01..",
    "..2026-09-30",
    "2026-07-01...2026-09-30",
    "TD",
    "QTDX",
    "constructor",
    "__proto__",
    "toString",
    "hasOwnProperty",
  ])("%j → #VALUE! with the accepted forms", (input) => {
    const e = err(parsePeriod(input, { fiscalStartMonth: 4, asOf: iso(2026, 8, 15) }));
    expect(e.code).toBe("#VALUE!");
    expect(e.msg?.key).toBe("periods.invalid");
    expect(render("en", e.msg!)).toContain("FY2026-Q3");
    expect(render("zh-CN", e.msg!)).toContain("2026年第三季度");
  });

  it("a range whose end is before its start", () => {
    const e = err(parsePeriod("2026-09-30..2026-07-01"));
    expect(e.code).toBe("#VALUE!");
    expect(e.msg?.key).toBe("periods.rangeReversed");
    expect(render("en", e.msg!)).toContain("2026-07-01..2026-09-30");
  });

  it("numbers that are not a year", () => {
    for (const n of [2026.5, -2026, 0, 45658, Number.NaN, Number.POSITIVE_INFINITY, 1e21]) {
      expect(err(parsePeriod(n)).code).toBe("#VALUE!");
    }
  });

  it("fiscalStartMonth outside 1–12 or not whole → #NUM!, after the period's own text", () => {
    for (const F of [0, 13, -1, 4.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      for (const text of ["2026", "FY2026-Q3", "2026-07-01..2026-09-30", "YTD"]) {
        const e = err(parsePeriod(text, { fiscalStartMonth: F, asOf: iso(2026, 8, 15) }));
        expect(e.code).toBe("#NUM!");
        expect(e.msg?.key).toBe("periods.badFiscalStartMonth");
      }
      expect(err(parsePeriod("garbage", { fiscalStartMonth: F })).code).toBe("#VALUE!");
    }
    expect(fiscalStartMonthError(1)).toBeNull();
    expect(fiscalStartMonthError(12)).toBeNull();
    expect(fiscalStartMonthError(13)?.code).toBe("#NUM!");
  });

  it("days outside 1900-03-01 … 9999-12-31 → #NUM!", () => {
    expect(show("1900")).toBe("#NUM! periods.outOfRange");
    expect(show("1899")).toBe("#NUM! periods.outOfRange");
    expect(show("0000")).toBe("#NUM! periods.outOfRange");
    expect(show("1900-Q1")).toBe("#NUM! periods.outOfRange");
    expect(show("1900-02")).toBe("#NUM! periods.outOfRange");
    expect(show("FY1900", { fiscalStartMonth: 4 })).toBe("#NUM! periods.outOfRange");
    expect(show("1900-01-01..1900-03-31")).toBe("#NUM! periods.outOfRange");
    expect(show("1900-02-29..1900-03-31")).toBe("#NUM! periods.outOfRange");
    expect(show("1900-03")).toBe("1900-03 1900-03-01 1900-03-31");
    expect(show("1900-Q2")).toBe("1900-Q2 1900-04-01 1900-06-30");
    expect(show("FY1901", { fiscalStartMonth: 4 })).toBe("FY1901 1900-04-01 1901-03-31");
    expect(show("9999")).toBe("9999 9999-01-01 9999-12-31");
    expect(show("FY9999", { fiscalStartMonth: 4 })).toBe("FY9999 9998-04-01 9999-03-31");
    expect(show("FY99")).toBe("2099 2099-01-01 2099-12-31");
  });

  it("every message key exists in both languages with the same slots", () => {
    const en = periodsMessages.en;
    const zh = periodsMessages["zh-CN"];
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    const slots = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(en)) expect(slots(zh[k]!)).toEqual(slots(en[k]!));
    for (const lang of LANGS) for (const k of Object.keys(en)) expect(allMessages()[lang][k]).toBe(periodsMessages[lang][k]);
  });

  it("every error the module returns has a message in the catalog", () => {
    const cases: unknown[] = [
      parsePeriod("x"),
      parsePeriod("2026-09-30..2026-07-01"),
      parsePeriod("YTD", { allowToDate: false }),
      parsePeriod("YTD"),
      parsePeriod("2026", { fiscalStartMonth: 13 }),
      parsePeriod("YTD", { asOf: 1 }),
      parsePeriod("1900"),
      periodContaining("month", iso(2026, 1, 1), { offset: 0.5 }),
    ];
    for (const c of cases) {
      const e = err(c);
      expect(Object.keys(periodsMessages.en)).toContain(e.msg?.key);
      expect(render("en", e.msg!)).not.toMatch(/\{\w+\}/);
      expect(render("zh-CN", e.msg!)).not.toMatch(/\{\w+\}/);
    }
  });

  it("a long input is cut in the message", () => {
    const e = err(parsePeriod("x".repeat(500)));
    expect(String(e.msg?.params?.input).length).toBeLessThanOrEqual(41);
  });
});

describe("periodStart / periodEnd (PLAN.PERIODSTART, PLAN.PERIODEND)", () => {
  it("first and last day", () => {
    expect(periodStart("2026-Q3")).toBe(iso(2026, 7, 1));
    expect(periodEnd("2026-Q3")).toBe(iso(2026, 9, 30));
    expect(periodStart("FY2026", 4)).toBe(iso(2025, 4, 1));
    expect(periodEnd("FY2026", 4)).toBe(iso(2026, 3, 31));
    expect(periodStart("2026年第三季度", 4)).toBe(iso(2026, 7, 1)); // plain forms ignore F
    expect(periodStart(2026)).toBe(iso(2026, 1, 1));
    expect(periodEnd("2026-07-01..2026-09-30")).toBe(iso(2026, 9, 30));
    expect(periodEnd("FY2026-Q1", 10)).toBe(iso(2025, 12, 31));
  });
  it("to-date forms and bad text are #VALUE!; F outside 1–12 is #NUM!", () => {
    for (const f of ["YTD", "MTD", "QTD", "FQTD", "FYTD", "nope"]) {
      expect(err(periodStart(f)).code).toBe("#VALUE!");
      expect(err(periodEnd(f, 4)).code).toBe("#VALUE!");
      expect(err(periodStart(f, 13)).code).toBe("#VALUE!"); // the period is the leftmost argument
    }
    expect(err(periodStart("2026", 0)).code).toBe("#NUM!");
    expect(err(periodEnd("FY2026", 13)).code).toBe("#NUM!");
  });
});

describe("fiscalYearOf and periodContaining", () => {
  it("fiscal year of a day", () => {
    expect(fiscalYearOf(iso(2025, 4, 1), 4)).toBe(2026);
    expect(fiscalYearOf(iso(2025, 3, 31), 4)).toBe(2025);
    expect(fiscalYearOf(iso(2026, 3, 31), 4)).toBe(2026);
    expect(fiscalYearOf(iso(2025, 10, 1), 10)).toBe(2026);
    expect(fiscalYearOf(iso(2026, 9, 30), 10)).toBe(2026);
    expect(fiscalYearOf(iso(2026, 12, 31), 1)).toBe(2026);
    expect(fiscalYearOf(iso(2026, 12, 31), 12)).toBe(2027);
    expect(fiscalYearOf(iso(2026, 11, 30), 12)).toBe(2026);
  });

  const on = iso(2026, 8, 15);
  const label = (kind: NamedPeriodKind, opts: Parameters<typeof periodContaining>[2]) => {
    const p = periodContaining(kind, on, opts);
    return isError(p) ? p.code : p.label;
  };
  it("this and previous periods (calendar)", () => {
    expect(label("month", {})).toBe("2026-08");
    expect(label("month", { offset: -1 })).toBe("2026-07");
    expect(label("month", { offset: -8 })).toBe("2025-12");
    expect(label("month", { offset: 5 })).toBe("2027-01");
    expect(label("quarter", {})).toBe("2026-Q3");
    expect(label("quarter", { offset: -1 })).toBe("2026-Q2");
    expect(label("quarter", { offset: -3 })).toBe("2025-Q4");
    expect(label("half", { offset: -1 })).toBe("2026-H1");
    expect(label("half", { offset: 1 })).toBe("2027-H1");
    expect(label("year", {})).toBe("2026");
    expect(label("year", { offset: -1 })).toBe("2025");
  });
  it("this and previous periods (fiscal)", () => {
    expect(label("quarter", { fiscalStartMonth: 4 })).toBe("FY2027-Q2");
    expect(label("quarter", { fiscalStartMonth: 4, offset: -1 })).toBe("FY2027-Q1");
    expect(label("quarter", { fiscalStartMonth: 4, offset: -2 })).toBe("FY2026-Q4");
    expect(label("year", { fiscalStartMonth: 4 })).toBe("FY2027");
    expect(label("year", { fiscalStartMonth: 4, offset: -1 })).toBe("FY2026");
    expect(label("half", { fiscalStartMonth: 10 })).toBe("FY2026-H2");
    expect(label("quarter", { fiscalStartMonth: 10 })).toBe("FY2026-Q4");
    expect(label("quarter", { fiscalStartMonth: 10, offset: 1 })).toBe("FY2027-Q1");
    expect(label("month", { fiscalStartMonth: 4 })).toBe("2026-08"); // months are calendar
    expect(label("quarter", { fiscalStartMonth: 4, fiscal: false })).toBe("2026-Q3");
    expect(label("quarter", { fiscalStartMonth: 1 })).toBe("2026-Q3");
  });
  it("errors", () => {
    expect(label("month", { fiscalStartMonth: 0 })).toBe("#NUM!");
    expect(label("month", { offset: 0.5 })).toBe("#NUM!");
    expect(isError(periodContaining("month", 10))).toBe(true);
    expect(isError(periodContaining("year", MAX_DATE_SERIAL, { fiscalStartMonth: 4 }))).toBe(true); // FY10000
    expect(isError(periodContaining("year", MAX_DATE_SERIAL, { offset: 1 }))).toBe(true);
    expect(isError(periodContaining("month", MAX_DATE_SERIAL, { offset: Number.MAX_SAFE_INTEGER }))).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------
const F_ARB = fc.integer({ min: 1, max: 12 });
const YEAR_ARB = fc.integer({ min: 1902, max: 9997 }); // every neighbouring (fiscal) year is in range too
const DAY_ARB = fc.integer({ min: serialFromYmd(1903, 1, 1), max: serialFromYmd(9996, 12, 31) }); // so are the periods before and after

describe("properties", () => {
  it("the four quarters of any fiscal year tile it exactly, and so do the two halves", () => {
    fc.assert(
      fc.property(F_ARB, YEAR_ARB, (F, Y) => {
        const year = ok(`FY${Y}`, { fiscalStartMonth: F });
        for (const [letter, n] of [["Q", 4], ["H", 2]] as const) {
          const parts = Array.from({ length: n }, (_, i) => ok(`FY${Y}-${letter}${i + 1}`, { fiscalStartMonth: F }));
          expect(parts[0]!.start).toBe(year.start);
          expect(parts[n - 1]!.end).toBe(year.end);
          for (let i = 1; i < n; i++) expect(parts[i]!.start).toBe(parts[i - 1]!.end + 1);
          for (const p of parts) expect(p.end).toBeGreaterThanOrEqual(p.start);
        }
        // Fiscal years follow one another, start on day 1 of month F, and are named by the year they end in.
        expect(ok(`FY${Y + 1}`, { fiscalStartMonth: F }).start).toBe(year.end + 1);
        expect(ymdFromSerial(year.start)).toMatchObject({ m: F, d: 1 });
        expect(ymdFromSerial(year.end).y).toBe(Y);
        expect(year.end - year.start + 1).toBeGreaterThanOrEqual(365);
        expect(year.end - year.start + 1).toBeLessThanOrEqual(366);
      }),
      { numRuns: 500 },
    );
  });

  it("the 12 months, the 4 quarters and the 2 halves tile the calendar year", () => {
    fc.assert(
      fc.property(YEAR_ARB, (Y) => {
        const year = ok(String(Y));
        expect([year.start, year.end]).toEqual([serialFromYmd(Y, 1, 1), serialFromYmd(Y, 12, 31)]);
        for (const parts of [
          Array.from({ length: 12 }, (_, i) => ok(`${Y}-${String(i + 1).padStart(2, "0")}`)),
          Array.from({ length: 4 }, (_, i) => ok(`${Y}-Q${i + 1}`)),
          Array.from({ length: 2 }, (_, i) => ok(`${Y}-H${i + 1}`)),
        ]) {
          expect(parts[0]!.start).toBe(year.start);
          expect(parts[parts.length - 1]!.end).toBe(year.end);
          for (let i = 1; i < parts.length; i++) expect(parts[i]!.start).toBe(parts[i - 1]!.end + 1);
        }
      }),
      { numRuns: 300 },
    );
  });

  const canonical = fc.oneof(
    fc.tuple(YEAR_ARB, F_ARB).map(([y, F]) => ({ label: String(y), F })),
    fc.tuple(YEAR_ARB, F_ARB.filter((F) => F !== 1)).map(([y, F]) => ({ label: `FY${y}`, F })),
    fc.tuple(YEAR_ARB, fc.integer({ min: 1, max: 2 }), F_ARB).map(([y, h, F]) => ({ label: `${y}-H${h}`, F })),
    fc.tuple(YEAR_ARB, fc.integer({ min: 1, max: 2 }), F_ARB.filter((F) => F !== 1)).map(([y, h, F]) => ({ label: `FY${y}-H${h}`, F })),
    fc.tuple(YEAR_ARB, fc.integer({ min: 1, max: 4 }), F_ARB).map(([y, q, F]) => ({ label: `${y}-Q${q}`, F })),
    fc.tuple(YEAR_ARB, fc.integer({ min: 1, max: 4 }), F_ARB.filter((F) => F !== 1)).map(([y, q, F]) => ({ label: `FY${y}-Q${q}`, F })),
    fc.tuple(YEAR_ARB, fc.integer({ min: 1, max: 12 }), F_ARB).map(([y, m, F]) => ({ label: `${y}-${String(m).padStart(2, "0")}`, F })),
    fc.tuple(DAY_ARB, fc.nat(800), F_ARB).map(([s, n, F]) => ({ label: `${isoFromSerial(s)}..${isoFromSerial(s + n)}`, F })),
  );

  it("parsePeriod(label).label === label for canonical labels (and parsing is idempotent)", () => {
    fc.assert(
      fc.property(canonical, ({ label, F }) => {
        const p = ok(label, { fiscalStartMonth: F });
        expect(p.label).toBe(label);
        expect(ok(p.label, { fiscalStartMonth: F })).toEqual(p);
        expect(ok(label.toLowerCase(), { fiscalStartMonth: F })).toEqual(p);
        expect(ok(`  ${label}\t`, { fiscalStartMonth: F })).toEqual(p);
      }),
      { numRuns: 1000 },
    );
  });

  const CN_Q = ["一", "二", "三", "四"];
  it("every spelling of a quarter gives its canonical period", () => {
    fc.assert(
      fc.property(YEAR_ARB, fc.integer({ min: 1, max: 4 }), F_ARB, fc.boolean(), fc.nat(20), (y, q, F, fiscal, pick) => {
        const cal = [`${y}-Q${q}`, `${y}Q${q}`, `Q${q} ${y}`, `${y} Q${q}`, `${y}年Q${q}`, `${y}年第${q}季度`, `${y}年第${CN_Q[q - 1]}季度`, `${y}年${CN_Q[q - 1]}季度`];
        const fis = [`FY${y}-Q${q}`, `FY${y}Q${q}`, `Q${q} FY${y}`, `${y}财年第${CN_Q[q - 1]}季度`, `${y}财年Q${q}`];
        const forms = fiscal ? fis : cal;
        const text = forms[pick % forms.length]!;
        const expected = fiscal && F !== 1 ? `FY${y}-Q${q}` : `${y}-Q${q}`;
        expect(ok(text, { fiscalStartMonth: F }).label).toBe(expected);
        if (fiscal && y >= 2000 && y <= 2099) {
          expect(ok(`FY${String(y % 100).padStart(2, "0")}-Q${q}`, { fiscalStartMonth: F }).label).toBe(expected); // FY26
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("periodContaining holds the day, and its offsets are the neighbouring periods", () => {
    fc.assert(
      fc.property(fc.constantFrom<NamedPeriodKind>("year", "half", "quarter", "month"), DAY_ARB, F_ARB, fc.boolean(), (kind, s, F, fiscal) => {
        const p = periodContaining(kind, s, { fiscalStartMonth: F, fiscal });
        const prev = periodContaining(kind, s, { fiscalStartMonth: F, fiscal, offset: -1 });
        const next = periodContaining(kind, s, { fiscalStartMonth: F, fiscal, offset: 1 });
        if (isError(p) || isError(prev) || isError(next)) throw new Error("unexpected error");
        expect(p.start <= s && s <= p.end).toBe(true);
        expect(prev.end + 1).toBe(p.start);
        expect(next.start).toBe(p.end + 1);
        expect(ok(p.label, { fiscalStartMonth: F })).toEqual(p);
        // The fiscal year named by fiscalYearOf holds the day.
        const fy = ok(`FY${fiscalYearOf(s, F)}`, { fiscalStartMonth: F });
        expect(fy.start <= s && s <= fy.end).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it("to-date forms run from the start of the period holding asOf up to asOf", () => {
    fc.assert(
      fc.property(fc.constantFrom("MTD", "QTD", "YTD", "FQTD", "FYTD"), DAY_ARB, F_ARB, (form, asOf, F) => {
        const p = ok(form, { fiscalStartMonth: F, asOf });
        const kind: NamedPeriodKind = form === "MTD" ? "month" : form.endsWith("QTD") ? "quarter" : "year";
        const holder = periodContaining(kind, asOf, { fiscalStartMonth: F, fiscal: form.startsWith("F") });
        if (isError(holder)) throw new Error("unexpected error");
        expect([p.start, p.end]).toEqual([holder.start, asOf]);
        expect(p.label).toBe(`${isoFromSerial(p.start)}..${isoFromSerial(asOf)}`);
      }),
      { numRuns: 500 },
    );
  });

  it("never throws, for any string or number, and gives a period or an error value", () => {
    const check = (input: string | number, F: number) => {
      const p = parsePeriod(input, { fiscalStartMonth: F, asOf: iso(2026, 8, 15) });
      if (isError(p)) {
        expect(["#VALUE!", "#NUM!"]).toContain(p.code);
      } else {
        expect(p.start).toBeGreaterThanOrEqual(MIN_DATE_SERIAL);
        expect(p.end).toBeLessThanOrEqual(MAX_DATE_SERIAL);
        expect(p.end).toBeGreaterThanOrEqual(p.start);
        expect(ok(p.label, { fiscalStartMonth: F })).toMatchObject({ label: p.label, start: p.start, end: p.end });
      }
      expect(() => periodStart(input, F)).not.toThrow();
      expect(() => periodEnd(input, F)).not.toThrow();
    };
    const anyF = fc.oneof(F_ARB, fc.double(), fc.integer());
    fc.assert(fc.property(fc.string(), anyF, check), { numRuns: 2000 });
    fc.assert(fc.property(fc.string({ unit: "binary" }), anyF, check), { numRuns: 2000 });
    fc.assert(fc.property(fc.string({ unit: "grapheme" }), anyF, check), { numRuns: 500 });
    fc.assert(fc.property(fc.oneof(fc.double(), fc.integer(), fc.integer({ min: 1800, max: 10_100 })), anyF, check), { numRuns: 2000 });
    // Near-misses built from the grammar's own pieces.
    const piece = fc.constantFrom("2026", "FY", "fy26", "-", "/", " ", "Q", "H", "3", "9", "年", "月", "度", "财年", "第", "三", "季度", "上半年", "..", "2026-07-01", "td", "y");
    fc.assert(fc.property(fc.array(piece, { maxLength: 6 }).map((a) => a.join("")), anyF, check), { numRuns: 3000 });
  });

  it("never throws for other JavaScript values handed in at run time", () => {
    for (const v of [null, undefined, true, {}, [], Symbol("x"), 10n]) {
      expect(err(parsePeriod(v as unknown as string)).code).toBe("#VALUE!");
    }
  });

  // Catastrophic backtracking would hang here and fail on the test timeout; no wall-clock limit.
  it("refuses long adversarial input", () => {
    for (const s of ["2026" + " ".repeat(50_000) + "x", "q3 " + "2".repeat(50_000), "..".repeat(50_000), "2026-07-01.." + " ".repeat(50_000) + "2026", "q3 ".repeat(30_000) + "2026", "Q3 Q3 2026"]) {
      expect(isError(parsePeriod(s))).toBe(true);
    }
  }, 10_000);
});
