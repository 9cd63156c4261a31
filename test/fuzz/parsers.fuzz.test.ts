/**
 * Fuzzing the period parser and the text-date parser with anything a cell or a command line
 * could hand them: they never throw, they answer a value or an Excel error, and what they
 * accept has a canonical label (or ISO date) that parses back to the very same days.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_DATE_SERIAL, MIN_DATE_SERIAL, isoFromSerial, parseTextDate, ymdFromSerial } from "../../src/core/dates";
import { isError } from "../../src/core/errors";
import { type Period, parsePeriod, periodContaining, periodEnd, periodStart } from "../../src/core/periods";
import { anyNumber, dateLike, grammarNoise, mutated, periodLike, runs, userString } from "./arbitraries";

const input = fc.oneof(
  { weight: 4, arbitrary: mutated(periodLike) },
  { weight: 2, arbitrary: mutated(dateLike) },
  { weight: 2, arbitrary: grammarNoise },
  { weight: 2, arbitrary: userString },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
);
const fiscal = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 12 }) }, { weight: 1, arbitrary: anyNumber });
const asOf = fc.option(fc.oneof({ weight: 4, arbitrary: fc.integer({ min: MIN_DATE_SERIAL, max: MAX_DATE_SERIAL }) }, { weight: 1, arbitrary: anyNumber }), { nil: undefined });

/** A period is well formed: whole days in Excel's range, start ≤ end, a label. */
function wellFormed(p: Period): void {
  expect(Number.isInteger(p.start) && Number.isInteger(p.end)).toBe(true);
  expect(p.start).toBeGreaterThanOrEqual(MIN_DATE_SERIAL);
  expect(p.end).toBeLessThanOrEqual(MAX_DATE_SERIAL);
  expect(p.start).toBeLessThanOrEqual(p.end);
  expect(p.label.length).toBeGreaterThan(0);
}

describe("parsePeriod (fuzz)", () => {
  it("never throws; accepted text has a canonical label that parses back to the same days", () => {
    fc.assert(
      fc.property(input, fiscal, asOf, (text, F, day) => {
        const p = parsePeriod(text, { fiscalStartMonth: F, asOf: day });
        if (isError(p)) {
          expect(["#VALUE!", "#NUM!"]).toContain(p.code);
          expect(p.msg?.key).toMatch(/^periods\./);
          return;
        }
        wellFormed(p);
        // The label re-parses (with the same fiscal start) to the same days; a to-date form's label is its range.
        const again = parsePeriod(p.label, { fiscalStartMonth: F, asOf: day });
        if (isError(again)) throw new Error(`label ${p.label} of ${JSON.stringify(text)} does not parse: ${again.code}`);
        expect([again.start, again.end, again.label]).toEqual([p.start, p.end, p.label]);
      }),
      { numRuns: runs(4000) },
    );
  });

  it("takes numbers of every kind without throwing (a year, or an error)", () => {
    fc.assert(
      fc.property(anyNumber, fiscal, (n, F) => {
        const p = parsePeriod(n, { fiscalStartMonth: F });
        if (!isError(p)) {
          wellFormed(p);
          expect(p.kind).toBe("year");
          expect(Number.isInteger(n)).toBe(true);
        }
        for (const r of [periodStart(n, F), periodEnd(n, F)]) expect(isError(r) || Number.isInteger(r)).toBe(true);
      }),
      { numRuns: runs(1000) },
    );
  });

  it("accepts any spacing, case and full-width spelling of what it accepts", () => {
    const wide = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    fc.assert(
      fc.property(periodLike, fc.integer({ min: 1, max: 12 }), fc.constantFrom("upper", "lower", "wide", "spaced"), (text, F, how) => {
        const p = parsePeriod(text, { fiscalStartMonth: F, asOf: 46_000 });
        if (isError(p)) return;
        const variant = how === "upper" ? text.toUpperCase() : how === "lower" ? text.toLowerCase() : how === "wide" ? wide(text) : `  ${text}\u3000`;
        const q = parsePeriod(variant, { fiscalStartMonth: F, asOf: 46_000 });
        if (isError(q)) throw new Error(`${JSON.stringify(variant)} (${how} of ${JSON.stringify(text)}) is refused: ${q.code}`);
        expect([q.start, q.end, q.label]).toEqual([p.start, p.end, p.label]);
      }),
      { numRuns: runs(3000) },
    );
  });

  it("periodContaining never throws, and holds its day", () => {
    fc.assert(
      fc.property(fc.constantFrom("year", "half", "quarter", "month") as fc.Arbitrary<"year" | "half" | "quarter" | "month">, anyNumber, fiscal, fc.oneof(fc.integer({ min: -50, max: 50 }), anyNumber), (kind, day, F, offset) => {
        const p = periodContaining(kind, day, { fiscalStartMonth: F, offset });
        if (isError(p)) return;
        wellFormed(p);
        if (offset === 0) expect(Math.floor(day) >= p.start && Math.floor(day) <= p.end).toBe(true);
      }),
      { numRuns: runs(2000) },
    );
  });
});

describe("parseTextDate (fuzz)", () => {
  it("never throws; an accepted date's ISO form parses back to the same serial", () => {
    fc.assert(
      fc.property(input, (text) => {
        const d = parseTextDate(text);
        if (d === null) return;
        expect(Number.isInteger(d)).toBe(true);
        expect(d).toBeGreaterThanOrEqual(1);
        expect(d).toBeLessThanOrEqual(MAX_DATE_SERIAL);
        expect(parseTextDate(isoFromSerial(d))).toBe(d);
      }),
      { numRuns: runs(4000) },
    );
  });

  it("reads every day written in any of its forms, padded or not, with any surrounding spaces", () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_DATE_SERIAL, max: MAX_DATE_SERIAL }), fc.constantFrom("-", "/", "年", "年 "), fc.boolean(), fc.constantFrom("", " ", "\u3000", "\t"), (s, form, padded, space) => {
        const { y, m, d } = ymdFromSerial(s);
        const two = (n: number) => (padded ? String(n).padStart(2, "0") : String(n));
        const text = form.startsWith("年") ? `${y}${form}${two(m)}月${two(d)}日` : `${y}${form}${two(m)}${form}${two(d)}`;
        expect(parseTextDate(`${space}${text}${space}`)).toBe(s);
      }),
      { numRuns: runs(2000) },
    );
  });

  it("a date range label built from two accepted dates parses to those days", () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_DATE_SERIAL, max: MAX_DATE_SERIAL }), fc.integer({ min: MIN_DATE_SERIAL, max: MAX_DATE_SERIAL }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const p = parsePeriod(`${isoFromSerial(lo)}..${isoFromSerial(hi)}`);
        if (isError(p)) throw new Error(`range ${lo}..${hi} refused: ${p.code}`);
        expect([p.start, p.end]).toEqual([lo, hi]);
        const reversed = parsePeriod(`${isoFromSerial(hi)}..${isoFromSerial(lo)}`);
        if (lo !== hi) expect(isError(reversed) && reversed.code).toBe("#VALUE!");
      }),
      { numRuns: runs(1000) },
    );
  });
});
