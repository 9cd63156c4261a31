import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { serialFromYmd, monthStartSerial, ymdFromSerial, MIN_DATE_SERIAL, MAX_DATE_SERIAL } from "../../src/core/dates";
import { isError, type ErrorValue } from "../../src/core/errors";
import { dayWeightSum, phase, prorate, validateWeights, type PhaseRow } from "../../src/core/phasing";

const d = serialFromYmd;
/** A seasonal profile: Q1 1, Q2 2, Q3 3, Q4 4 per month (sum 30). */
const SEASONAL = [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4];
const ONES = Array<number>(12).fill(1);
const ZEROS = Array<number>(12).fill(0);

function code(v: unknown): string | undefined {
  return isError(v) ? v.code : undefined;
}
function closeRel(actual: number, expected: number, rel = 1e-12): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.max(Math.abs(expected), 1e-300));
}
/** 1e-9 relative, plus a floor so that subnormal inputs (5e-324) don't demand exact equality. */
function tol(x: number): number {
  return 1e-9 * Math.abs(x) + 1e-300;
}
function rows(v: PhaseRow[] | ErrorValue): PhaseRow[] {
  if (isError(v)) throw new Error(`unexpected ${v.code}`);
  return v;
}

describe("serials used below (independent check)", () => {
  it("2026-01-01 is Excel serial 46023", () => {
    expect(d(2026, 1, 1)).toBe(46023);
    expect(d(2026, 12, 31)).toBe(46023 + 364);
  });
});

describe("validateWeights", () => {
  it("accepts 12 non-negative cells, zeros included", () => {
    expect(validateWeights(SEASONAL)).toEqual(SEASONAL);
    expect(validateWeights(ZEROS)).toEqual(ZEROS);
  });
  it("rejects another count or a negative with #VALUE!", () => {
    expect(code(validateWeights(SEASONAL.slice(0, 11)))).toBe("#VALUE!");
    expect(code(validateWeights([...SEASONAL, 1]))).toBe("#VALUE!");
    expect(code(validateWeights([]))).toBe("#VALUE!");
    expect(code(validateWeights([1, 1, 1, 1, 1, -0.01, 1, 1, 1, 1, 1, 1]))).toBe("#VALUE!");
  });
});

describe("dayWeightSum W(a..b)", () => {
  it("calendar days without weights, inclusive", () => {
    expect(dayWeightSum(d(2026, 7, 1), d(2026, 9, 30), null)).toBe(92); // 31 + 31 + 30
    expect(dayWeightSum(d(2026, 7, 1), d(2026, 7, 1), null)).toBe(1);
    expect(dayWeightSum(d(2026, 7, 2), d(2026, 7, 1), null)).toBe(0);
    // an empty range weighs 0 even just past the last date
    expect(dayWeightSum(MAX_DATE_SERIAL + 1, MAX_DATE_SERIAL, SEASONAL)).toBe(0);
  });
  it("whole months add their weights exactly", () => {
    expect(dayWeightSum(d(2026, 1, 1), d(2026, 12, 31), SEASONAL)).toBe(30);
    expect(dayWeightSum(d(2026, 7, 1), d(2026, 9, 30), SEASONAL)).toBe(9);
    // 0.1 typed as a weight stays 0.1, not 31 × (0.1 / 31)
    const tenths = Array<number>(12).fill(0.1);
    expect(dayWeightSum(d(2026, 3, 1), d(2026, 3, 31), tenths)).toBe(0.1);
  });
  it("partial months weigh days × weight / daysInMonth", () => {
    // Jul 16..31 = 16 days × 3/31, Aug 1..10 = 10 days × 3/31 → 78/31
    closeRel(dayWeightSum(d(2026, 7, 16), d(2026, 8, 10), SEASONAL), 78 / 31);
    // leap February: 2028-02-15..29 = 15 days × 1/29; 2026-02-15..28 = 14 days × 1/28 = 0.5
    closeRel(dayWeightSum(d(2028, 2, 15), d(2028, 2, 29), ONES), 15 / 29);
    expect(dayWeightSum(d(2026, 2, 15), d(2026, 2, 28), ONES)).toBe(0.5);
  });
  it("spans years: whole years plus the partial ends", () => {
    // 2025-12-17..2028-01-15 with ones: Dec 2025 15/31, 2026 and 2027 12 each, Jan 2028 15/31
    closeRel(dayWeightSum(d(2025, 12, 17), d(2028, 1, 15), ONES), 24 + 30 / 31);
    // whole range 1900-03-01..9999-12-31: (9999 − 1900) × 12 + 10 = 97198 months
    expect(dayWeightSum(MIN_DATE_SERIAL, MAX_DATE_SERIAL, ONES)).toBe(97198);
    expect(dayWeightSum(MIN_DATE_SERIAL, MAX_DATE_SERIAL, null)).toBe(MAX_DATE_SERIAL - MIN_DATE_SERIAL + 1);
  });
  it("sums long ranges (whole years and months at once; its speed is the bench's functions.prorate.ns)", () => {
    let acc = 0;
    for (let i = 0; i < 20_000; i++) acc += dayWeightSum(d(1990, 1, 1) + (i % 28), d(2090, 12, 31), SEASONAL);
    expect(acc).toBeGreaterThan(0);
  });
});

describe("prorate (golden, by hand)", () => {
  it("calendar days: 1200 × 92/365", () => {
    // Jul 31 + Aug 31 + Sep 30 = 92 days of 365
    expect(prorate(1200, d(2026, 1, 1), d(2026, 12, 31), d(2026, 7, 1), d(2026, 9, 30))).toBe(302.4657534246575);
    expect(prorate(1200, d(2026, 1, 1), d(2026, 12, 31), d(2026, 7, 1), d(2026, 9, 30))).toBe((1200 * 92) / 365);
  });
  it("seasonal profile", () => {
    // Q3 weighs 3+3+3 = 9 of 30 → 3000 × 9/30 = 900
    expect(prorate(3000, d(2026, 1, 1), d(2026, 12, 31), d(2026, 7, 1), d(2026, 9, 30), SEASONAL)).toBe(900);
    // Jul 16..Aug 10 weighs 78/31 (see above) → 3000 × (78/31)/30 = 7800/31 ≈ 251.6129
    closeRel(prorate(3000, d(2026, 1, 1), d(2026, 12, 31), d(2026, 7, 16), d(2026, 8, 10), SEASONAL) as number, 7800 / 31);
  });
  it("leap-year February", () => {
    // 290 over Feb 2028 (29 days), first 10 days → 290 × 10/29 = 100
    expect(prorate(290, d(2028, 2, 1), d(2028, 2, 29), d(2028, 2, 1), d(2028, 2, 10))).toBe(100);
    // 366-day 2028, February = 29 days → 366 × 29/366 = 29
    expect(prorate(366, d(2028, 1, 1), d(2028, 12, 31), d(2028, 2, 1), d(2028, 2, 29))).toBe(29);
    // equal monthly weights: Feb 15..29 of 2028 = 15/29 of a month; year = 12 → 1200 × (15/29)/12 = 1500/29
    closeRel(prorate(1200, d(2028, 1, 1), d(2028, 12, 31), d(2028, 2, 15), d(2028, 2, 29), ONES) as number, 1500 / 29);
    // same in 2026: Feb 15..28 = 14/28 = half a month → 1200 × 0.5/12 = 50
    expect(prorate(1200, d(2026, 1, 1), d(2026, 12, 31), d(2026, 2, 15), d(2026, 2, 28), ONES)).toBe(50);
  });
  it("goal spanning two years", () => {
    // 2025-10-01..2026-03-31 = 31+30+31+31+28+31 = 182 days; calendar 2026 part = 31+28+31 = 90
    expect(prorate(1820, d(2025, 10, 1), d(2026, 3, 31), d(2026, 1, 1), d(2026, 12, 31))).toBe(900);
    // seasonal: Oct–Dec 4 each, Jan–Mar 1 each → 15; 2025 part 12 → 1500 × 12/15 = 1200
    expect(prorate(1500, d(2025, 10, 1), d(2026, 3, 31), d(2025, 1, 1), d(2025, 12, 31), SEASONAL)).toBe(1200);
  });
  it("window covering the whole goal gives the total exactly; a window overhanging both ends too", () => {
    expect(prorate(0.1 + 0.2, d(2026, 1, 5), d(2026, 3, 7), d(2025, 1, 1), d(2027, 1, 1), SEASONAL)).toBe(0.1 + 0.2);
  });
  it("window partly outside the goal: only the overlap counts", () => {
    // goal Jul 1..Sep 30 (92 days), window Sep 1..Dec 31 → overlap Sep = 30 days → 920 × 30/92 = 300
    expect(prorate(920, d(2026, 7, 1), d(2026, 9, 30), d(2026, 9, 1), d(2026, 12, 31))).toBe(300);
  });
  it("negative totals are prorated the same way", () => {
    expect(prorate(-1200, d(2026, 1, 1), d(2026, 12, 31), d(2026, 7, 1), d(2026, 9, 30))).toBe((-1200 * 92) / 365);
  });
});

describe("prorate errors and rule order", () => {
  const y0 = d(2026, 1, 1);
  const y1 = d(2026, 12, 31);
  it("end < start → #NUM!", () => {
    expect(code(prorate(100, y1, y0, y0, y1))).toBe("#NUM!");
  });
  it("windowEnd < windowStart → #NUM!", () => {
    expect(code(prorate(100, y0, y1, d(2026, 5, 2), d(2026, 5, 1)))).toBe("#NUM!");
  });
  it("empty overlap → 0, even with all-zero weights", () => {
    expect(prorate(100, y0, y1, d(2027, 1, 1), d(2027, 3, 31))).toBe(0);
    expect(prorate(100, y0, y1, d(2027, 1, 1), d(2027, 3, 31), ZEROS)).toBe(0);
    expect(prorate(-100, y0, y1, d(2025, 1, 1), d(2025, 3, 31), ZEROS)).toBe(0);
  });
  it("W(start..end) = 0 → #DIV/0!", () => {
    expect(code(prorate(100, y0, y1, y0, y1, ZEROS))).toBe("#DIV/0!");
    // a goal inside zero-weight months only
    const janZero = [0, ...ONES.slice(1)];
    expect(code(prorate(100, d(2026, 1, 3), d(2026, 1, 20), d(2026, 1, 5), d(2026, 1, 6), janZero))).toBe("#DIV/0!");
  });
  it("a non-empty overlap of weight 0 within a weighted goal → 0", () => {
    const janZero = [0, ...ONES.slice(1)];
    expect(prorate(100, y0, y1, d(2026, 1, 5), d(2026, 1, 6), janZero)).toBe(0);
  });
  it("argument problems first: date out of range (#NUM!), then weights shape (#VALUE!), then the rules", () => {
    expect(code(prorate(100, 60, y1, y0, y1))).toBe("#NUM!");
    expect(code(prorate(100, y0, MAX_DATE_SERIAL + 1, y0, y1))).toBe("#NUM!");
    // bad weights beat end < start and the empty-overlap 0
    expect(code(prorate(100, y1, y0, y0, y1, [1, 2, 3]))).toBe("#VALUE!");
    expect(code(prorate(100, y0, y1, d(2027, 1, 1), d(2027, 2, 1), [1, 2, 3]))).toBe("#VALUE!");
    // a date out of range is further left than weights
    expect(code(prorate(100, y0, y1, y0, 1e9, [1, 2, 3]))).toBe("#NUM!");
    // end < start is checked before the empty overlap
    expect(code(prorate(100, y1, y0, d(2030, 1, 1), d(2030, 1, 2)))).toBe("#NUM!");
    // windowEnd < windowStart before the empty overlap and before #DIV/0!
    expect(code(prorate(100, y0, y1, d(2030, 1, 2), d(2030, 1, 1), ZEROS))).toBe("#NUM!");
  });
  it("time-of-day fractions are dropped", () => {
    expect(prorate(1200, y0 + 0.75, y1 + 0.5, d(2026, 7, 1) + 0.9, d(2026, 9, 30) + 0.1)).toBe((1200 * 92) / 365);
  });
  it("errors carry a message key", () => {
    const e = prorate(100, y1, y0, y0, y1);
    expect(isError(e) && e.msg?.key).toBe("finance.endBeforeStart");
  });
});

describe("phase (golden, by hand)", () => {
  it("seasonal year: 3000 × weight/30 per month", () => {
    const r = rows(phase(3000, d(2026, 1, 1), d(2026, 12, 31), SEASONAL));
    expect(r.map((x) => x[0])).toEqual(Array.from({ length: 12 }, (_, i) => d(2026, i + 1, 1)));
    expect(r.map((x) => x[1])).toEqual([100, 100, 100, 200, 200, 200, 300, 300, 300, 400, 400, 400]);
  });
  it("leap year by calendar days: 366 → days of each month", () => {
    const r = rows(phase(366, d(2028, 1, 1), d(2028, 12, 31)));
    expect(r.map((x) => x[1])).toEqual([31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
  });
  it("two years, partial months: 2025-12-15..2026-01-15 = 17 + 15 = 32 days", () => {
    const r = rows(phase(320, d(2025, 12, 15), d(2026, 1, 15)));
    // rows start on the month's first day even when the goal starts mid-month
    expect(r).toEqual([
      [d(2025, 12, 1), 170],
      [46023, 150],
    ]);
  });
  it("two years, seasonal: Oct–Dec 4 each, Jan–Mar 1 each (15) → 400 ×3, 100 ×3", () => {
    const r = rows(phase(1500, d(2025, 10, 1), d(2026, 3, 31), SEASONAL));
    expect(r.map((x) => x[1])).toEqual([400, 400, 400, 100, 100, 100]);
  });
  it("one day, one month", () => {
    expect(phase(7, d(2026, 5, 9), d(2026, 5, 9))).toEqual([[d(2026, 5, 1), 7]]);
  });
  it("zero-weight months are listed with 0", () => {
    const w = [0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0];
    const r = rows(phase(90, d(2026, 6, 1), d(2026, 10, 31), w));
    expect(r.map((x) => x[1])).toEqual([0, 30, 30, 30, 0]);
  });
  it("each amount equals PRORATE for the month", () => {
    const s = d(2025, 11, 17);
    const e = d(2027, 2, 3);
    const r = rows(phase(1234.5678, s, e, SEASONAL));
    expect(r).toHaveLength(16);
    for (const [ms, amount] of r) {
      const next = r.find((x) => x[0] > ms)?.[0] ?? e + 1;
      expect(amount).toBe(prorate(1234.5678, s, e, ms, next - 1, SEASONAL));
    }
  });
  it("phases 100 years in one go (a per-day loop would be caught by the test timeout)", () => {
    const r = rows(phase(1e6, d(1990, 1, 1), d(2089, 12, 31), SEASONAL));
    expect(r).toHaveLength(1200);
  });
  it("end < start → #NUM!; all-zero weights → #DIV/0!; bad weights → #VALUE! first", () => {
    expect(code(phase(100, d(2026, 2, 1), d(2026, 1, 31)))).toBe("#NUM!");
    expect(code(phase(100, d(2026, 1, 1), d(2026, 12, 31), ZEROS))).toBe("#DIV/0!");
    expect(code(phase(100, d(2026, 2, 1), d(2026, 1, 31), [1]))).toBe("#VALUE!");
    expect(code(phase(100, 0, d(2026, 1, 31), [1]))).toBe("#NUM!");
  });
});

// ---- properties ----
/** Property options: a failing property stops shrinking after 20 s (vitest can't time out a synchronous loop). */
function runs(numRuns: number): fc.Parameters<unknown> {
  return { numRuns, plugins: [fc.interruptAfterTimeLimit(20_000)] };
}
const serial = fc.integer({ min: d(1990, 1, 1), max: d(2199, 12, 31) });
const anySerial = fc.integer({ min: MIN_DATE_SERIAL, max: MAX_DATE_SERIAL });
const weight = fc.oneof(fc.constant(0), fc.constant(1), fc.double({ min: 0, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 100 }));
const weights = fc.option(fc.array(weight, { minLength: 12, maxLength: 12 }), { nil: null });
const total = fc.oneof(fc.double({ min: -1e12, max: 1e12, noNaN: true }), fc.integer({ min: -1e6, max: 1e6 }));
const sorted3 = fc.tuple(serial, serial, serial).map((xs) => xs.sort((a, b) => a - b) as [number, number, number]);

describe("properties", () => {
  it("W is additive: W(a..m) + W(m+1..b) = W(a..b)", () => {
    fc.assert(
      fc.property(fc.tuple(anySerial, anySerial, anySerial), weights, (xs, w) => {
        const [a, m, b] = xs.sort((p, q) => p - q) as [number, number, number];
        const whole = dayWeightSum(a, b, w);
        const parts = dayWeightSum(a, m, w) + dayWeightSum(m + 1, b, w);
        expect(Math.abs(parts - whole)).toBeLessThanOrEqual(tol(whole));
      }),
      runs(500),
    );
  });
  it("W without weights counts days", () => {
    fc.assert(
      fc.property(anySerial, anySerial, (a, b) => {
        expect(dayWeightSum(a, b, null)).toBe(b >= a ? b - a + 1 : 0);
      }),
      runs(300),
    );
  });
  it("PHASE amounts sum to the total (1e-9 relative)", () => {
    fc.assert(
      fc.property(total, serial, serial, (t, a, b) => {
        const [s, e] = a <= b ? [a, b] : [b, a];
        const r = phase(t, s, e, null);
        const sum = rows(r).reduce((acc, x) => acc + x[1], 0);
        expect(Math.abs(sum - t)).toBeLessThanOrEqual(tol(t));
      }),
      runs(200),
    );
    fc.assert(
      fc.property(total, serial, serial, weights, (t, a, b, w) => {
        const [s, e] = a <= b ? [a, b] : [b, a];
        const r = phase(t, s, e, w);
        if (isError(r)) {
          expect(r.code).toBe("#DIV/0!");
          expect(dayWeightSum(s, e, w)).toBe(0);
          return;
        }
        const sum = r.reduce((acc, x) => acc + x[1], 0);
        expect(Math.abs(sum - t)).toBeLessThanOrEqual(tol(t));
        const first = ymdFromSerial(s);
        expect(r[0]![0]).toBe(monthStartSerial(first.y, first.m));
        const last = ymdFromSerial(e);
        expect(r).toHaveLength((last.y - first.y) * 12 + last.m - first.m + 1);
      }),
      runs(200),
    );
  });
  it("PRORATE is additive over adjacent windows", () => {
    fc.assert(
      fc.property(total, serial, serial, sorted3, weights, (t, a, b, [w1, m, w2], w) => {
        const [s, e] = a <= b ? [a, b] : [b, a];
        const whole = prorate(t, s, e, w1, w2, w);
        const left = prorate(t, s, e, w1, m, w);
        const right = m + 1 <= w2 ? prorate(t, s, e, m + 1, w2, w) : 0;
        if (isError(whole)) {
          expect(whole.code).toBe("#DIV/0!");
          return;
        }
        expect(isError(left) || isError(right)).toBe(false);
        expect(Math.abs((left as number) + (right as number) - whole)).toBeLessThanOrEqual(tol(t));
      }),
      runs(500),
    );
  });
  it("PRORATE of the goal's own window is the total; never exceeds |total|", () => {
    fc.assert(
      fc.property(total, serial, serial, serial, serial, weights, (t, a, b, c, e2, w) => {
        const [s, e] = a <= b ? [a, b] : [b, a];
        const full = prorate(t, s, e, s, e, w);
        if (!isError(full)) expect(full).toBe(t === 0 ? 0 : t);
        const [ws, we] = c <= e2 ? [c, e2] : [e2, c];
        const part = prorate(t, s, e, ws, we, w);
        if (!isError(part)) expect(Math.abs(part)).toBeLessThanOrEqual(Math.abs(t) * (1 + 1e-12));
      }),
      runs(300),
    );
  });
  it("never throws for any numeric input: a finite number, rows of them, or an error value", () => {
    const num = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), anySerial, fc.integer());
    const anyWeights = fc.option(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { maxLength: 14 }), { nil: null });
    const ok = (v: unknown): boolean => isError(v) || (typeof v === "number" && Number.isFinite(v));
    fc.assert(
      fc.property(num, num, num, num, num, anyWeights, (t, s, e, ws, we, w) => {
        expect(ok(prorate(t, s, e, ws, we, w))).toBe(true);
        const p = phase(t, s, e, w);
        if (!isError(p)) for (const [ms, amount] of p) expect(ok(ms) && ok(amount)).toBe(true);
        expect(() => dayWeightSum(s, e, w)).not.toThrow();
        if (w) expect(() => validateWeights(w)).not.toThrow();
      }),
      runs(300),
    );
  });
});
