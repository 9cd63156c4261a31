import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { serialFromYmd, MAX_DATE_SERIAL } from "../../src/core/dates";
import { isError, type ErrorValue } from "../../src/core/errors";
import {
  attainment,
  growth,
  parseDirection,
  parsePer,
  required,
  runRate,
  status,
  statusFromPace,
  variance,
  variancePct,
  type Direction,
  type Per,
} from "../../src/core/variance";
import { allMessages } from "../../src/i18n";

const d = serialFromYmd;
const SEASONAL = [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4]; // sum 30, Q1 = 3
const ZEROS = Array<number>(12).fill(0);

function code(v: unknown): string | undefined {
  return isError(v) ? v.code : undefined;
}
function closeRel(actual: unknown, expected: number, rel = 1e-12): void {
  expect(typeof actual).toBe("number");
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));
}

describe("variance", () => {
  it("positive is favorable in both directions", () => {
    expect(variance(110, 100)).toBe(10);
    expect(variance(110, 100, "higher")).toBe(10);
    expect(variance(110, 100, "lower")).toBe(-10); // spent 10 over a cost budget
    expect(variance(90, 100, "lower")).toBe(10);
    expect(variance(100, 100, "lower")).toBe(0);
    expect(Object.is(variance(100, 100, "lower"), 0)).toBe(true); // no −0
  });
  it("a bad direction that slipped past the parser → #VALUE!", () => {
    expect(code(variance(1, 2, "up" as Direction))).toBe("#VALUE!");
  });
});

describe("variancePct", () => {
  it("divides by |target|", () => {
    expect(variancePct(110, 100)).toBe(0.1); // 10 / 100
    expect(variancePct(90, 100, "lower")).toBe(0.1);
    // negative target: actual −80 vs target −100, higher: (−80 − −100) / 100 = 0.2
    expect(variancePct(-80, -100)).toBe(0.2);
  });
  it("target 0 → #DIV/0!, but a bad direction first", () => {
    expect(code(variancePct(5, 0))).toBe("#DIV/0!");
    expect(code(variancePct(5, 0, "lower"))).toBe("#DIV/0!");
    expect(code(variancePct(5, 0, "x" as Direction))).toBe("#VALUE!");
  });
});

describe("attainment", () => {
  it("actual / target", () => {
    expect(attainment(45, 50)).toBe(0.9);
    expect(attainment(0, 50)).toBe(0);
    expect(attainment(-10, 50)).toBe(-0.2);
  });
  it("target 0 → #DIV/0!; target < 0 → #NUM!", () => {
    expect(code(attainment(45, 0))).toBe("#DIV/0!");
    expect(code(attainment(45, -50))).toBe("#NUM!");
  });
});

describe("status", () => {
  it("higher: r ≥ 1 On track, r ≥ atRisk At risk, else Off track", () => {
    expect(status(100, 100)).toBe("On track");
    expect(status(120, 100)).toBe("On track");
    expect(status(95, 100)).toBe("At risk");
    expect(status(90, 100)).toBe("At risk"); // exactly at 0.9
    expect(status(89, 100)).toBe("Off track");
    expect(status(-5, 100)).toBe("Off track");
    expect(status(80, 100, "higher", 0.8)).toBe("At risk");
    expect(status(99, 100, "higher", 1)).toBe("Off track"); // atRisk 1: no At risk band
  });
  it("lower: r ≤ 1 On track, r ≤ 2 − atRisk At risk, else Off track", () => {
    expect(status(80, 100, "lower")).toBe("On track");
    expect(status(100, 100, "lower")).toBe("On track");
    expect(status(105, 100, "lower")).toBe("At risk");
    expect(status(110, 100, "lower")).toBe("At risk"); // exactly at 2 − 0.9 = 1.1
    expect(status(111, 100, "lower")).toBe("Off track");
    expect(status(-5, 100, "lower")).toBe("On track");
  });
  it("a ratio at a threshold does not cross it through floating point (1e-9 relative)", () => {
    // 0.99 / 1.1 = 0.8999999999999999 in binary floating point: still At risk at 0.9
    expect(0.99 / 1.1 < 0.9).toBe(true);
    expect(status(0.99, 1.1)).toBe("At risk");
    // 0.3 × 3 = 0.8999999999999999
    expect(status(0.3 * 3, 1)).toBe("At risk");
    // 1.1 + 2 ulp against 2 − 0.9: still At risk when lower is better
    expect(status(1.1000000000000003, 1, "lower")).toBe("At risk");
    // 0.9999999999999999 is On track
    expect(status(0.1 + 0.2 + 0.7 - 1e-16, 1)).toBe("On track");
  });
  it("a real difference still counts", () => {
    expect(status(0.8999, 1)).toBe("Off track");
    expect(status(1.1001, 1, "lower")).toBe("Off track");
    expect(status(0.99999, 1)).toBe("At risk");
  });
  it("an overflowing ratio is far past every threshold", () => {
    expect(status(1e308, 1e-300)).toBe("On track");
    expect(status(1e308, 1e-300, "lower")).toBe("Off track");
    expect(status(-1e308, 1e-300)).toBe("Off track");
    expect(status(-1e308, 1e-300, "lower")).toBe("On track");
  });
  it("errors in rule order: direction, then atRisk ∉ (0, 1] → #NUM!, then target 0 → #DIV/0!, target < 0 → #NUM!", () => {
    expect(code(status(1, 1, "higher", 0))).toBe("#NUM!");
    expect(code(status(1, 1, "higher", -0.5))).toBe("#NUM!");
    expect(code(status(1, 1, "higher", 1.0000001))).toBe("#NUM!");
    expect(status(1, 1, "higher", 1)).toBe("On track");
    expect(code(status(1, 0))).toBe("#DIV/0!");
    expect(code(status(1, -1))).toBe("#NUM!");
    // atRisk is checked before the target
    expect(code(status(1, 0, "higher", 2))).toBe("#NUM!");
    expect(isError(status(1, 0, "higher", 2)) && (status(1, 0, "higher", 2) as ErrorValue).msg?.key).toBe("finance.atRiskRange");
    // direction before everything
    expect(code(status(1, 0, "sideways" as Direction, 2))).toBe("#VALUE!");
  });
  it("statusFromPace is the same classification", () => {
    expect(statusFromPace(0.95, "higher", 0.9)).toBe("At risk");
    expect(statusFromPace(1.05, "lower", 0.9)).toBe("At risk");
    expect(statusFromPace(1.2, "lower", 0.9)).toBe("Off track");
    expect(statusFromPace(0.3 * 3, "higher", 0.9)).toBe("At risk");
  });
});

describe("growth", () => {
  it("target / baseline − 1, whatever the direction", () => {
    closeRel(growth(120, 100), 0.2); // 1.2 − 1 = 0.19999999999999996 in floating point
    expect(growth(50, 100)).toBe(-0.5);
    expect(growth(100, 100)).toBe(0);
  });
  it("baseline 0 → #DIV/0!; < 0 → #NUM!", () => {
    expect(code(growth(100, 0))).toBe("#DIV/0!");
    expect(code(growth(100, -1))).toBe("#NUM!");
  });
});

describe("runRate (golden, by hand)", () => {
  const y0 = d(2026, 1, 1);
  const y1 = d(2026, 12, 31);
  it("calendar days: 450 in Jan–Mar (90 days) → 450 × 365/90 = 1825", () => {
    expect(runRate(450, y0, y1, d(2026, 3, 31))).toBe(1825);
  });
  it("seasonal: 300 in Q1 (weight 3 of 30) → 300 × 30/3 = 3000", () => {
    expect(runRate(300, y0, y1, d(2026, 3, 31), SEASONAL)).toBe(3000);
  });
  it("as-of on the start day: one day of 365", () => {
    expect(runRate(2, y0, y1, y0)).toBe(730);
  });
  it("as-of at or after the end: the actual itself", () => {
    expect(runRate(0.1 + 0.2, y0, y1, y1)).toBe(0.1 + 0.2);
    expect(runRate(0.1 + 0.2, y0, y1, d(2030, 1, 1), SEASONAL)).toBe(0.1 + 0.2);
  });
  it("leap year and a goal over two years", () => {
    // 2028-01-01..2028-02-29 = 60 of 366 days: 600 × 366/60 = 3660
    expect(runRate(600, d(2028, 1, 1), d(2028, 12, 31), d(2028, 2, 29))).toBe(3660);
    // goal 2025-10-01..2026-03-31 (182 days), as of 2025-12-31 (92 days): 920 × 182/92 = 1820
    expect(runRate(920, d(2025, 10, 1), d(2026, 3, 31), d(2025, 12, 31))).toBe(1820);
  });
  it("asOf < start → #N/A; zero elapsed weight → #DIV/0!", () => {
    expect(code(runRate(100, y0, y1, y0 - 1))).toBe("#N/A");
    expect(code(runRate(100, y0, y1, d(2026, 1, 20), [0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]))).toBe("#DIV/0!");
    expect(code(runRate(100, y0, y1, y1, ZEROS))).toBe("#DIV/0!");
    // asOf < start comes first, even with zero weights
    expect(code(runRate(100, y0, y1, y0 - 1, ZEROS))).toBe("#N/A");
  });
  it("end < start (no rule of its own): nothing can elapse → #DIV/0!, or #N/A when asOf < start", () => {
    expect(code(runRate(100, y1, y0, y1))).toBe("#DIV/0!");
    expect(code(runRate(100, y1, y0, y0))).toBe("#N/A");
  });
  it("argument problems first", () => {
    expect(code(runRate(100, y0, y1, MAX_DATE_SERIAL + 1))).toBe("#NUM!");
    expect(code(runRate(100, y0, y1, y0 - 1, [1, 2]))).toBe("#VALUE!");
  });
});

describe("required (golden, by hand)", () => {
  const s = d(2026, 7, 1);
  const e = d(2026, 9, 30);
  it("per day, week, month", () => {
    // as of Aug 15: remaining = Sep 30 − Aug 15 = 16 (Aug 16..31) + 30 = 46 days; still needed 1000 − 400 = 600
    expect(required(400, 1000, s, e, d(2026, 8, 15))).toBe(600 / 46);
    expect(required(400, 1000, s, e, d(2026, 8, 15), "day")).toBe(600 / 46);
    expect(required(400, 1000, s, e, d(2026, 8, 15), "week")).toBe((600 * 7) / 46); // 91.304…
    expect(required(400, 1000, s, e, d(2026, 8, 15), "month")).toBe((600 * 30.4375) / 46); // 365.25/12 = 30.4375
  });
  it("before the start every day of the goal remains", () => {
    // remaining = end − (start − 1) = 92 days (Jul 31 + Aug 31 + Sep 30)
    expect(required(0, 920, s, e, d(2026, 6, 1))).toBe(10);
    expect(required(0, 920, s, e, s - 1)).toBe(10);
    // on the start day, that day has elapsed: 91 days left
    expect(required(0, 910, s, e, s)).toBe(10);
  });
  it("target already passed gives a negative rate", () => {
    expect(required(1100, 1000, s, e, d(2026, 9, 20))).toBe(-10); // −100 over Sep 21..30
  });
  it("remaining ≤ 0 → #N/A", () => {
    expect(code(required(400, 1000, s, e, e))).toBe("#N/A");
    expect(code(required(400, 1000, s, e, e + 10))).toBe("#N/A");
    expect(code(required(400, 1000, e + 1, e, s - 5))).toBe("#N/A"); // end < start: nothing remains
  });
  it("a bad per is an argument problem and comes first", () => {
    expect(code(required(400, 1000, s, e, e, "fortnight" as Per))).toBe("#VALUE!");
    expect(code(required(400, 1000, s, e, d(2026, 8, 15), "toString" as Per))).toBe("#VALUE!");
    expect(code(required(400, 1000, 0, e, e, "fortnight" as Per))).toBe("#NUM!"); // a date further left
  });
});

describe("parseDirection", () => {
  it("higher words", () => {
    for (const v of [undefined, null, "", "  ", "higher", "HIGHER", " Higher ", 1, "1", "高", "越高越好"]) {
      expect(parseDirection(v)).toBe("higher");
    }
  });
  it("lower words", () => {
    for (const v of ["lower", "LoWeR", -1, "-1", "低", "越低越好"]) expect(parseDirection(v)).toBe("lower");
  });
  it("anything else → #VALUE! with the value in the message", () => {
    for (const v of ["up", 0, 2, true, "high", {}]) expect(code(parseDirection(v))).toBe("#VALUE!");
    const e = parseDirection("up");
    expect(isError(e) && e.msg).toEqual({ key: "finance.badDirection", params: { value: "up" } });
  });
  it("an error value passes through", () => {
    const na: ErrorValue = { kind: "error", code: "#N/A" };
    expect(parseDirection(na)).toBe(na);
  });
});

describe("parsePer", () => {
  it("day / week / month in English or Chinese, case-insensitive; blank is day", () => {
    for (const v of [undefined, null, "", "day", "DAY", "天"]) expect(parsePer(v)).toBe("day");
    for (const v of ["week", "Week", "周"]) expect(parsePer(v)).toBe("week");
    for (const v of ["month", "MONTH", "月"]) expect(parsePer(v)).toBe("month");
  });
  it("anything else → #VALUE!", () => {
    for (const v of ["year", "days", 1, 7, true]) expect(code(parsePer(v))).toBe("#VALUE!");
  });
});

describe("messages", () => {
  it("every finance key exists in English and Chinese", () => {
    const m = allMessages();
    const en = Object.keys(m.en).filter((k) => k.startsWith("finance."));
    const zh = Object.keys(m["zh-CN"]).filter((k) => k.startsWith("finance."));
    expect(en.length).toBeGreaterThan(10);
    expect(zh.sort()).toEqual(en.sort());
    const produced = [
      variancePct(1, 0),
      attainment(1, -1),
      status(1, 1, "higher", 3),
      growth(1, 0),
      growth(1, -1),
      runRate(1, 100, 200, 50),
      runRate(1, 100, 200, 150, ZEROS),
      required(1, 2, 100, 200, 300),
      parseDirection("x"),
      parsePer("x"),
      variance(1e308, -1e308),
    ];
    for (const v of produced) {
      expect(isError(v)).toBe(true);
      expect(m.en[(v as ErrorValue).msg!.key]).toBeDefined();
    }
  });
});

// ---- properties ----
/** Property options: a failing property stops shrinking after 20 s (vitest can't time out a synchronous loop). */
function runs(numRuns: number): fc.Parameters<unknown> {
  return { numRuns, plugins: [fc.interruptAfterTimeLimit(20_000)] };
}
const num = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: -1e6, max: 1e6 }));
const dir = fc.constantFrom<Direction>("higher", "lower");

describe("properties", () => {
  it("VARIANCE lower = −VARIANCE higher", () => {
    fc.assert(
      fc.property(num, num, (a, t) => {
        const h = variance(a, t, "higher");
        const l = variance(a, t, "lower");
        if (isError(h)) expect(code(l)).toBe(h.code);
        else expect(l === -h).toBe(true);
      }),
      runs(1000),
    );
  });
  it("STATUS is monotone in the actual for a positive target", () => {
    const rank = { "Off track": 0, "At risk": 1, "On track": 2 } as const;
    fc.assert(
      fc.property(num, num, fc.double({ min: 1e-6, max: 1e9, noNaN: true }), dir, fc.double({ min: 0.01, max: 1, noNaN: true }), (a, b, t, dr, r) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const sLo = status(lo, t, dr, r);
        const sHi = status(hi, t, dr, r);
        if (isError(sLo) || isError(sHi)) throw new Error("unexpected error");
        if (dr === "higher") expect(rank[sLo]).toBeLessThanOrEqual(rank[sHi]);
        else expect(rank[sLo]).toBeGreaterThanOrEqual(rank[sHi]);
      }),
      runs(500),
    );
  });
  it("never throws for any numeric input: a finite number, a status, or an error value", () => {
    const serial = fc.oneof(fc.integer({ min: 61, max: MAX_DATE_SERIAL }), num);
    const w = fc.option(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { maxLength: 13 }), { nil: null });
    const per = fc.constantFrom<Per>("day", "week", "month");
    const ok = (v: unknown): boolean => isError(v) || typeof v === "string" || (typeof v === "number" && Number.isFinite(v));
    fc.assert(
      fc.property(num, num, serial, serial, serial, w, dir, num, per, (a, t, s, e, asOf, ws, dr, r, p) => {
        expect(ok(variance(a, t, dr))).toBe(true);
        expect(ok(variancePct(a, t, dr))).toBe(true);
        expect(ok(attainment(a, t))).toBe(true);
        expect(ok(status(a, t, dr, r))).toBe(true);
        expect(ok(status(a, t, dr))).toBe(true);
        expect(ok(growth(t, a))).toBe(true);
        expect(ok(runRate(a, s, e, asOf, ws))).toBe(true);
        expect(ok(required(a, t, s, e, asOf, p))).toBe(true);
      }),
      runs(2000),
    );
  });
});
