/**
 * Golden cases for every PLAN.* function, worked out by hand (the arithmetic is in the
 * comments), through the same catalogue the Excel wrappers and the CLI call.
 */
import { describe, expect, it } from "vitest";
import * as cat from "../../src/functions/catalog";
import type { Result } from "../../src/functions/coerce";
import { excelError, isError } from "../../src/core/errors";
import { serialFromYmd as d } from "../../src/core/dates";

const code = (r: Result) => (isError(r) ? r.code : r);
const W_ROW = [[1, 1, 1, 1, 1, 1, 2, 2, 2, 1, 1, 1]]; // 15 in all; Q3 weighs 6
const W_COL = W_ROW[0]!.map((w) => [w]);

describe("PLAN.PRORATE", () => {
  it("prorates by calendar days: 92 of 365 days of 2026 fall in Q3", () => {
    // 1200 × 92 / 365
    expect(cat.planProrate(1200, d(2026, 1, 1), d(2026, 12, 31), d(2026, 7, 1), d(2026, 9, 30))).toBe(302.4657534246575);
  });
  it("prorates by monthly weights, given as a row or a column", () => {
    // W(Q3) = 2+2+2 = 6, W(year) = 15 → 1200 × 6 / 15 = 480
    expect(cat.planProrate(1200, d(2026, 1, 1), d(2026, 12, 31), d(2026, 7, 1), d(2026, 9, 30), W_ROW)).toBeCloseTo(480, 9);
    expect(cat.planProrate(1200, d(2026, 1, 1), d(2026, 12, 31), d(2026, 7, 1), d(2026, 9, 30), W_COL)).toBeCloseTo(480, 9);
  });
  it("splits a month by its days: 16 of July's 31 days at weight 2", () => {
    // W = 2 × 16/31; W(year) = 15 → 1200 × (32/31) / 15 = 82.58064516129032
    expect(cat.planProrate(1200, d(2026, 1, 1), d(2026, 12, 31), d(2026, 7, 16), d(2026, 7, 31), W_ROW)).toBeCloseTo(1200 * (32 / 31) / 15, 9);
  });
  it("counts 29 days in February of a leap year", () => {
    // by days: 366 × 29 / 366 = 29; by equal monthly weights: 366 × 1/12 = 30.5
    expect(cat.planProrate(366, d(2024, 1, 1), d(2024, 12, 31), d(2024, 2, 1), d(2024, 2, 29))).toBeCloseTo(29, 9);
    expect(cat.planProrate(366, d(2024, 1, 1), d(2024, 12, 31), d(2024, 2, 1), d(2024, 2, 29), [[1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]])).toBeCloseTo(30.5, 9);
  });
  it("reads text dates in ISO, slash and Chinese forms", () => {
    expect(cat.planProrate(1200, "2026-1-1", "2026/12/31", "2026年7月1日", "2026-09-30 18:00")).toBe(302.4657534246575);
  });
  it("gives the errors of the catalogue in their order", () => {
    expect(code(cat.planProrate(1, d(2026, 2, 1), d(2026, 1, 1), d(2026, 1, 1), d(2026, 1, 2)))).toBe("#NUM!"); // end < start
    expect(code(cat.planProrate(1, d(2026, 1, 1), d(2026, 2, 1), d(2026, 1, 5), d(2026, 1, 2)))).toBe("#NUM!"); // window reversed
    expect(cat.planProrate(1, d(2026, 1, 1), d(2026, 2, 1), d(2027, 1, 1), d(2027, 2, 1))).toBe(0); // empty overlap
    const zeros = [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]];
    expect(cat.planProrate(1, d(2026, 1, 1), d(2026, 2, 1), d(2027, 1, 1), d(2027, 2, 1), zeros)).toBe(0); // empty overlap beats zero weights
    expect(code(cat.planProrate(1, d(2026, 1, 1), d(2026, 2, 1), d(2026, 1, 1), d(2026, 2, 1), zeros))).toBe("#DIV/0!");
    expect(code(cat.planProrate(1, d(2026, 1, 1), d(2026, 2, 1), d(2026, 1, 1), d(2026, 2, 1), [[1, 2, 3]]))).toBe("#VALUE!"); // not 12 cells
    expect(code(cat.planProrate(1, d(2026, 1, 1), d(2026, 2, 1), d(2026, 1, 1), d(2026, 2, 1), [[1, 1, 1, 1, 1, -1, 1, 1, 1, 1, 1, 1]]))).toBe("#VALUE!");
    expect(code(cat.planProrate("abc", 10, d(2026, 1, 1), d(2026, 1, 1), d(2026, 1, 1)))).toBe("#VALUE!"); // leftmost: total's type
    expect(code(cat.planProrate(1, 10, "abc", d(2026, 1, 1), d(2026, 1, 1)))).toBe("#NUM!"); // leftmost: start out of range
    expect(code(cat.planProrate(1, "9/30/2026", d(2026, 1, 1), d(2026, 1, 1), d(2026, 1, 1)))).toBe("#VALUE!"); // ambiguous form
    expect(code(cat.planProrate(1, 60, d(2026, 1, 1), d(2026, 1, 1), d(2026, 1, 1)))).toBe("#NUM!"); // 1900-02-29 is not a day
    expect(code(cat.planProrate(1, 61, 2958466, 61, 61))).toBe("#NUM!"); // after 9999-12-31
    expect(code(cat.planProrate([[1], [2]], d(2026, 1, 1), d(2026, 1, 1), d(2026, 1, 1), d(2026, 1, 1)))).toBe("#VALUE!"); // a range
  });
  it("drops the time of day of a serial and counts a blank total as 0", () => {
    expect(cat.planProrate(1200, d(2026, 1, 1) + 0.75, d(2026, 12, 31) + 0.2, d(2026, 7, 1) + 0.99, d(2026, 9, 30))).toBe(302.4657534246575);
    expect(cat.planProrate(null, d(2026, 1, 1), d(2026, 12, 31), d(2026, 7, 1), d(2026, 9, 30))).toBe(0);
  });
});

describe("PLAN.PHASE", () => {
  it("gives each month's first day and its days' share", () => {
    // Jan 31 + Feb 28 + Mar 31 = 90 days: 1200 × 31/90, 1200 × 28/90, 1200 × 31/90
    const r = cat.planPhase(1200, d(2026, 1, 1), d(2026, 3, 31)) as number[][];
    expect(r.map((x) => x[0])).toEqual([46023, 46054, 46082]);
    expect(r[0]![1]).toBeCloseTo(413.3333333333333, 9);
    expect(r[1]![1]).toBeCloseTo(373.3333333333333, 9);
    expect(r[2]![1]).toBeCloseTo(413.3333333333333, 9);
  });
  it("starts mid-month: 16 of January's 31 days against all of February", () => {
    // equal monthly weights: Jan W = 16/31, Feb W = 1 → shares 16/47 and 31/47
    const r = cat.planPhase(100, d(2026, 1, 16), d(2026, 2, 28), [[1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]]) as number[][];
    expect(r[0]).toEqual([d(2026, 1, 1), expect.closeTo(100 * 16 / 47, 9)]);
    expect(r[1]).toEqual([d(2026, 2, 1), expect.closeTo(100 * 31 / 47, 9)]);
  });
  it("rejects end before start", () => {
    expect(code(cat.planPhase(1, d(2026, 2, 1), d(2026, 1, 1)))).toBe("#NUM!");
  });
});

describe("PLAN.RUNRATE and PLAN.REQUIRED", () => {
  it("projects the year from Q1: 300 × 365 / 90", () => {
    expect(cat.planRunRate(300, d(2026, 1, 1), d(2026, 12, 31), d(2026, 3, 31))).toBeCloseTo(1216.6666666666667, 9);
    expect(cat.planRunRate(300, d(2026, 1, 1), d(2026, 12, 31), d(2027, 3, 31))).toBeCloseTo(300, 9); // as-of past the end
  });
  it("runrate errors", () => {
    expect(code(cat.planRunRate(300, d(2026, 1, 1), d(2026, 12, 31), d(2025, 12, 31)))).toBe("#N/A");
    expect(code(cat.planRunRate(300, d(2026, 1, 1), d(2026, 12, 31), d(2026, 1, 31), [[0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]]))).toBe("#DIV/0!");
  });
  it("needs 800 more over the 184 days of H2", () => {
    const args = [400, 1200, d(2026, 1, 1), d(2026, 12, 31), d(2026, 6, 30)] as const;
    expect(cat.planRequired(...args)).toBeCloseTo(800 / 184, 12);
    expect(cat.planRequired(...args, "week")).toBeCloseTo((800 * 7) / 184, 12);
    expect(cat.planRequired(...args, "周")).toBeCloseTo((800 * 7) / 184, 12);
    expect(cat.planRequired(...args, "MONTH")).toBeCloseTo((800 * 30.4375) / 184, 12);
    expect(cat.planRequired(...args, "月")).toBeCloseTo((800 * 30.4375) / 184, 12);
  });
  it("counts the whole period when as-of is before it, and #N/A when nothing remains", () => {
    expect(cat.planRequired(0, 365, d(2026, 1, 1), d(2026, 12, 31), d(2025, 6, 1))).toBeCloseTo(1, 12);
    expect(code(cat.planRequired(0, 365, d(2026, 1, 1), d(2026, 12, 31), d(2026, 12, 31)))).toBe("#N/A");
  });
  it("a bad per is an argument problem and comes before #N/A", () => {
    expect(code(cat.planRequired(0, 365, d(2026, 1, 1), d(2026, 12, 31), d(2026, 12, 31), "fortnight"))).toBe("#VALUE!");
  });
});

describe("the variance family", () => {
  it("makes a positive variance favorable for both directions", () => {
    expect(cat.planVariance(80, 100)).toBe(-20);
    expect(cat.planVariance(80, 100, "lower")).toBe(20);
    expect(cat.planVariance(80, 100, "越低越好")).toBe(20);
    expect(cat.planVariance(80, 100, -1)).toBe(20);
    expect(cat.planVariance(80, 100, "HIGHER")).toBe(-20);
    expect(cat.planVariance(80, 100, "高")).toBe(-20);
    expect(code(cat.planVariance(80, 100, "sideways"))).toBe("#VALUE!");
  });
  it("spills over ranges, broadcasting single cells", () => {
    expect(cat.planVariance([[80], [120]], 100)).toEqual([[-20], [20]]);
    expect(cat.planVariance([[80, 90]], [[100, 100]], [["higher", "lower"]])).toEqual([[-20, 10]]);
    expect(code(cat.planVariance([[1], [2]], [[1, 2]]))).toBe("#VALUE!"); // 2×1 vs 1×2
  });
  it("keeps an element's error in that element", () => {
    const r = cat.planVariance([[80, "x", excelError("#N/A")]], 100) as unknown[][];
    expect(r[0]![0]).toBe(-20);
    expect(code(r[0]![1] as never)).toBe("#VALUE!");
    expect(code(r[0]![2] as never)).toBe("#N/A");
  });
  it("counts a blank as 0 and refuses text numbers", () => {
    expect(cat.planVariance(null, 100)).toBe(-100);
    expect(cat.planVariance("", 100)).toBe(-100);
    expect(code(cat.planVariance("80", 100))).toBe("#VALUE!");
  });
  it("variance % divides by |target|", () => {
    expect(cat.planVariancePct(80, 100)).toBeCloseTo(-0.2, 12);
    // lower, target −100: (−100 − 80) / 100
    expect(cat.planVariancePct(80, -100, "lower")).toBeCloseTo(-1.8, 12);
    expect(code(cat.planVariancePct(80, 0))).toBe("#DIV/0!");
  });
  it("attainment", () => {
    expect(cat.planAttainment(80, 100)).toBeCloseTo(0.8, 12);
    expect(code(cat.planAttainment(80, 0))).toBe("#DIV/0!");
    expect(code(cat.planAttainment(80, -5))).toBe("#NUM!");
  });
  it("status by actual / target, a value at a threshold never crossing it", () => {
    expect(cat.planStatus(95, 100)).toBe("At risk");
    expect(cat.planStatus(100, 100)).toBe("On track");
    expect(cat.planStatus(90, 100)).toBe("At risk");
    expect(cat.planStatus(0.3 * 3, 1)).toBe("At risk"); // 0.8999999999999999 is 0.9
    expect(cat.planStatus(89, 100)).toBe("Off track");
    expect(cat.planStatus(105, 100, "lower")).toBe("At risk"); // 1.05 ≤ 2 − 0.9
    expect(cat.planStatus(110, 100, "lower")).toBe("At risk"); // exactly 1.1
    expect(cat.planStatus(111, 100, "lower")).toBe("Off track");
    expect(cat.planStatus(99, 100, "higher", 1)).toBe("Off track");
    expect(cat.planStatus(80, 100, null, 0.8)).toBe("At risk");
    expect(code(cat.planStatus(80, 100, null, 0))).toBe("#NUM!");
    expect(code(cat.planStatus(80, 100, null, 1.5))).toBe("#NUM!");
    expect(code(cat.planStatus(80, 0))).toBe("#DIV/0!");
    expect(code(cat.planStatus(80, -1))).toBe("#NUM!");
  });
  it("growth", () => {
    expect(cat.planGrowth(150, 100)).toBeCloseTo(0.5, 12);
    expect(code(cat.planGrowth(150, 0))).toBe("#DIV/0!");
    expect(code(cat.planGrowth(150, -1))).toBe("#NUM!");
  });
});

describe("PLAN.PVM", () => {
  // AP 12, 20; AV 100, 50; TP 10, 20; TV 80, 80. ΣTV 160, ΣTP·TV 2400, TAP 15.
  // price (12−10)·100 + 0·50 = 200; volume (150 − 160)·15 = −150; mix (1000 + 1000) − 150·15 = −250.
  // Total: ΣAP·AV − ΣTP·TV = 2200 − 2400 = −200 = 200 − 150 − 250.
  it("splits revenue variance into price, volume and mix", () => {
    const r = cat.planPvm([[12], [20]], [[100], [50]], [[10], [20]], [[80], [80]]) as number[][];
    expect(r).toHaveLength(1);
    expect(r[0]![0]).toBeCloseTo(200, 9);
    expect(r[0]![1]).toBeCloseTo(-150, 9);
    expect(r[0]![2]).toBeCloseTo(-250, 9);
  });
  it("errors", () => {
    expect(code(cat.planPvm([[12, 20]], [[100], [50]], [[10], [20]], [[80], [80]]))).toBe("#VALUE!");
    expect(code(cat.planPvm([[12], [20]], [[100], [50]], [[10], [20]], [[0], [0]]))).toBe("#DIV/0!");
    expect(code(cat.planPvm([[12], ["x"]], [[100], [50]], [[10], [20]], [[80], [80]]))).toBe("#VALUE!");
  });
});

describe("PLAN.PERIODSTART / PLAN.PERIODEND", () => {
  it("calendar periods in English and Chinese", () => {
    expect(cat.planPeriodStart("2026-Q3")).toBe(d(2026, 7, 1));
    expect(cat.planPeriodEnd("2026-Q3")).toBe(d(2026, 9, 30));
    expect(cat.planPeriodStart("2026年第三季度")).toBe(d(2026, 7, 1));
    expect(cat.planPeriodEnd("2026年9月")).toBe(d(2026, 9, 30));
    expect(cat.planPeriodEnd("2024-02")).toBe(d(2024, 2, 29));
    expect(cat.planPeriodStart(2026)).toBe(d(2026, 1, 1));
    expect(cat.planPeriodStart("2026-Q3", 4)).toBe(d(2026, 7, 1)); // plain forms ignore the fiscal start
  });
  it("fiscal years starting in April and October", () => {
    expect(cat.planPeriodStart("FY2026", 4)).toBe(d(2025, 4, 1));
    expect(cat.planPeriodEnd("FY2026", 4)).toBe(d(2026, 3, 31));
    expect(cat.planPeriodStart("FY2026-Q1", 4)).toBe(d(2025, 4, 1));
    expect(cat.planPeriodEnd("FY26-Q4", 4)).toBe(d(2026, 3, 31));
    expect(cat.planPeriodStart("FY2026", 10)).toBe(d(2025, 10, 1));
    expect(cat.planPeriodEnd("2026财年第一季度", 10)).toBe(d(2025, 12, 31));
    expect(cat.planPeriodStart("FY2026")).toBe(d(2026, 1, 1)); // default F = 1
  });
  it("errors: to-date forms and unparseable text #VALUE!, a bad fiscal month #NUM!", () => {
    expect(code(cat.planPeriodStart("YTD"))).toBe("#VALUE!");
    expect(code(cat.planPeriodStart("Q5 2026"))).toBe("#VALUE!");
    expect(code(cat.planPeriodStart("2026-Q3", 13))).toBe("#NUM!");
    expect(code(cat.planPeriodStart("garbage", 13))).toBe("#VALUE!"); // the period is checked first
    expect(code(cat.planPeriodEnd("2026-09-30..2026-07-01"))).toBe("#VALUE!");
  });
});

describe("PLAN.SMART / PLAN.SMARTGAPS", () => {
  const good = ["East region revenue up 20% with two new distributors", "Revenue", 6_000_000, 5_000_000, d(2026, 1, 1), d(2026, 12, 31), "Core regions"] as const;
  it("a complete goal meets all five", () => {
    expect(cat.planSmart(...good)).toBe(5);
    expect(cat.planSmartGaps(...good)).toBe("");
  });
  it("a missing objective fails R; an unrealistic target fails A", () => {
    expect(cat.planSmartGaps(good[0], good[1], good[2], good[3], good[4], good[5], null)).toBe("R");
    // 260 over 100 is +160% > 2 × 50%
    expect(cat.planSmartGaps(good[0], good[1], 260, 100, good[4], good[5], good[6])).toBe("A");
    expect(cat.planSmart(good[0], good[1], 260, 100, good[4], good[5], good[6], 1)).toBe(5); // MaxGrowth 1 allows 200%
  });
  it("lower-is-better growth is baseline / target − 1", () => {
    // cost 100 → 40: g = 1.5 > 1
    expect(cat.planSmartGaps(good[0], "Cost", 40, 100, good[4], good[5], good[6], null, "lower")).toBe("A");
    // unknown direction counts as higher: 40 vs 100 is a decline, not unrealistic
    expect(cat.planSmartGaps(good[0], "Cost", 40, 100, good[4], good[5], good[6], null, "sideways")).toBe("");
  });
  it("dates: text dates are read, a year alone is not a date, end before start fails T", () => {
    expect(cat.planSmart(good[0], good[1], good[2], good[3], "2026-01-01", "2026年12月31日", good[6])).toBe(5);
    expect(cat.planSmartGaps(good[0], good[1], good[2], good[3], 2026, good[5], good[6])).toBe("T");
    expect(cat.planSmartGaps(good[0], good[1], good[2], good[3], good[5], good[4], good[6])).toBe("T");
  });
  it("everything missing fails every letter", () => {
    expect(cat.planSmartGaps(null, null, null, null, null, null, null)).toBe("S,M,R,T");
    expect(cat.planSmart(null, null, null, null, null, null, null)).toBe(1);
  });
  it("maxGrowth outside (0, 10] is #NUM!", () => {
    expect(code(cat.planSmart(...good, 11))).toBe("#NUM!");
    expect(code(cat.planSmart(...good, -0.5))).toBe("#NUM!");
    expect(code(cat.planSmart(...good, "lots"))).toBe("#VALUE!");
  });
});

describe("the catalogue", () => {
  it("has the 14 functions of functions.md and finds them by any spelling", () => {
    expect(cat.PLAN_FUNCTIONS.map((f) => f.name)).toEqual([
      "VARIANCE", "VARIANCEPCT", "ATTAINMENT", "STATUS", "GROWTH", "PRORATE", "PHASE", "RUNRATE", "REQUIRED", "PVM", "PERIODSTART", "PERIODEND", "SMART", "SMARTGAPS",
    ]);
    expect(cat.findFunction("plan.variance")?.name).toBe("VARIANCE");
    expect(cat.findFunction("Prorate")?.name).toBe("PRORATE");
    expect(cat.findFunction("SUM")).toBeUndefined();
  });
});
